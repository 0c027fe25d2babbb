"""Every UI string of the website has a French translation, with the same placeholders; the
catalogues of every part of the site are merged; pages carry their language."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from jinja2.ext import babel_extract

from nosology.alphaindex import COLUMNS
from nosology.anatomy import regions
from nosology.web.i18n import LOCALE_DIR, Catalogues, lang_of_path
from nosology.web.pages.changes import CHANGE_LABELS
from nosology.web.pages.codeview import NOTE_KINDS, POSITIONS, SIDE_NAMES
from nosology.web.pages.errors import _HEADINGS
from nosology.web.pages.search import MATCHED_LABELS

WEB = Path(__file__).resolve().parents[2] / "src" / "nosology" / "web"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _messages() -> set[str]:
    found: set[str | None] = set()
    for path in sorted((WEB / "templates").rglob("*.html")):
        if "accounts" in path.parts:
            continue  # the accounts' strings are checked by their own tests against accounts.po
        with path.open("rb") as handle:
            for _line, _func, message, _comments in babel_extract(handle, ("_",), [], {}):
                found.add(message[0] if isinstance(message, tuple) else message)
    for path in sorted((WEB / "pages").glob("*.py")):
        for _line, message, _comments, _ctx in extract_from_file("python", str(path), keywords={"_": None, "translate": (3,)}):
            found.add(message if isinstance(message, str) else message[0])
    found.update(m for _k, heading, explanation in NOTE_KINDS for m in (heading, explanation) if m)
    found.update((c.label for c in COLUMNS), POSITIONS, (r.name for r in regions()), SIDE_NAMES.values(), _HEADINGS.values(), MATCHED_LABELS.values(), CHANGE_LABELS.values())
    # _(variable) extracts as None: the constants above cover those.
    return {m for m in found if m}


def test_every_ui_string_is_translated_to_french() -> None:
    catalogues = Catalogues.load()
    messages = _messages()
    assert len(messages) > 150
    missing = sorted(m for m in messages if not catalogues.messages("fr").get(m))
    assert missing == []
    for message in messages:
        french = catalogues.gettext("fr", message)
        assert sorted(PLACEHOLDER.findall(french)) == sorted(PLACEHOLDER.findall(message)), message


def test_catalogues_of_every_part_are_merged(tmp_path: Path) -> None:
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "messages.po").write_text('msgid "Search"\nmsgstr "Rechercher"\n', encoding="utf-8")
    (folder / "accounts.po").write_text('msgid "Log in"\nmsgstr "Connexion"\n', encoding="utf-8")
    catalogues = Catalogues.load(tmp_path)
    assert catalogues.gettext("fr", "Search") == "Rechercher"
    assert catalogues.gettext("fr", "Log in") == "Connexion"
    assert catalogues.gettext("fr", "Untranslated") == "Untranslated"
    assert catalogues.gettext("en", "Search") == "Search"


def test_no_compiled_catalogues_are_committed() -> None:
    assert list(LOCALE_DIR.rglob("*.mo")) == []


def test_language_of_a_path() -> None:
    assert lang_of_path("/fr/") == "fr" and lang_of_path("/fr") == "fr" and lang_of_path("/fr/codes/M61") == "fr"
    assert lang_of_path("/") == "en" and lang_of_path("/frozen") == "en" and lang_of_path("/codes/M61") == "en"
