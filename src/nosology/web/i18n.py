"""UI languages: gettext catalogues compiled in memory from the ``.po`` files at start-up.

Every ``.po`` file of a language (``locale/fr/LC_MESSAGES/*.po``: the site's ``messages.po``,
the accounts' ``accounts.po`` …) is read with Babel and merged into one translation table, so
each part of the site keeps its own catalogue and no compiled ``.mo`` file is committed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from fastapi import Request

from nosology.languages import default_languages

__all__ = ["DEFAULT_LANG", "LANGUAGES", "LOCALE_DIR", "Catalogues", "format_day", "lang_of_path", "request_lang"]

LOCALE_DIR = Path(__file__).parent / "locale"
_REGISTRY = default_languages()
DEFAULT_LANG = _REGISTRY.default.code
# Page language -> its name in that language (for the language switch): the registry's languages
# that have a catalogue, and the source language.
LANGUAGES: Mapping[str, str] = {lang.code: lang.name for lang in _REGISTRY if lang.catalogue or lang.code == DEFAULT_LANG}


def lang_of_path(path: str) -> str:
    """``/<code>/...`` pages are in that language; everything else is in the default one."""
    head = path.split("/", 2)[1] if path.startswith("/") else ""
    return head if head in LANGUAGES and head != DEFAULT_LANG else DEFAULT_LANG


def request_lang(request: Request) -> str:
    """The language of a request: its path prefix, or ``?lang=fr`` on pages without one (accounts)."""
    lang = lang_of_path(request.url.path)
    if lang == DEFAULT_LANG:
        asked = request.query_params.get("lang", "")
        if asked in LANGUAGES:
            return asked
    return lang


def format_day(value: date | datetime | None, lang: str) -> str:
    """A day as the page's language writes it ("2 December 2026", "2 décembre 2026"); the ISO
    form for a language Babel has no data for. Times are UTC, so the day is the UTC day."""
    if value is None:
        return ""
    day = value.date() if isinstance(value, datetime) else value
    try:
        return str(format_date(day, format="long", locale=lang))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def _compile(po_path: Path, locale: str) -> Translations:
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=po_path.stem)


@dataclass
class Catalogues:
    """The translations of every UI language, loaded once per app (kept on ``app.state``)."""

    translations: dict[str, NullTranslations] = field(default_factory=dict)

    @classmethod
    def load(cls, locale_dir: Path = LOCALE_DIR) -> Catalogues:
        loaded: dict[str, NullTranslations] = {}
        for lang in LANGUAGES:
            merged: Translations | None = None
            for po in sorted((locale_dir / lang / "LC_MESSAGES").glob("*.po")):
                compiled = _compile(po, lang)
                if merged is None:
                    merged = compiled
                else:
                    # One table: every part's messages answer plain gettext(), whatever its domain.
                    merged.merge(compiled)
            loaded[lang] = merged if merged is not None else NullTranslations()
        return cls(loaded)

    def gettext(self, lang: str, message: str) -> str:
        table = self.translations.get(lang)
        return message if table is None else table.gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, n: int) -> str:
        table = self.translations.get(lang)
        if table is None:
            return singular if n == 1 else plural
        return table.ngettext(singular, plural, n)

    def messages(self, lang: str) -> dict[Any, Any]:
        """The raw table of one language (for tests that check every UI string is translated)."""
        table = self.translations.get(lang)
        return dict(getattr(table, "_catalog", {}))
