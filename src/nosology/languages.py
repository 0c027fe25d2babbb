"""The language registry: every language nosology speaks, declared once as data.

A language says what its code is (``en``), its name in itself, its Snowball stemmer, its stop
words, which words give meaning to a lone letter after them ("vitamin a", "hep a"), where its
code titles come from, and its gettext catalogue. Search, titles, articles, pages, FHIR and the
Infobutton read these declarations; none of them names a language. A registry is an object made
by :func:`default_languages` (or by a test, with a language of its own) and handed to the
library: nothing here is a module-level mutable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from nosology.errors import InvalidParameter

__all__ = [
    "Language",
    "Languages",
    "TitleSource",
    "default_languages",
]


@dataclass(frozen=True)
class TitleSource:
    """Where a language's code titles come from.

    ``kind`` names the loader the ingest runs (``official``: the ICD-10-CM titles themselves;
    ``cim10``: CIM-10 labels aligned by meaning; ``tsv``: a file of ``code<TAB>title`` lines,
    each an exact title). ``system`` is the code system the titles are borrowed from, shown to
    readers when a title belongs to a broader code; ``label`` says it in words.
    """

    kind: str
    system: str = ""
    label: str = ""
    path: Path | None = None


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as a language switcher shows it
    stemmer: str  # Snowball algorithm name for PyStemmer
    stop_words: frozenset[str]
    titles: TitleSource
    # A lone letter after one of these words carries meaning ("vitamin a", "type i", "hep a").
    letter_carriers: frozenset[str] = frozenset()
    number_words: Mapping[str, str] = field(default_factory=dict)
    # Function words and letters seen only in this language: a hint for guessing, never a filter.
    hints: frozenset[str] = frozenset()
    letters: str = ""
    catalogue: str | None = None  # gettext catalogue under web/locale; None: the source language
    title_kind: str = "title"  # the search-term kind of its titles ("french_title")

    @property
    def translated(self) -> bool:
        """Its titles are not the official ones (they come with a provenance level)."""
        return self.titles.kind != "official"


class Languages:
    """An ordered, immutable registry; the first language is the default (the official one)."""

    def __init__(self, languages: Iterable[Language]) -> None:
        ordered = list(languages)
        if not ordered:
            raise ValueError("a registry needs at least one language")
        self._by_code: Mapping[str, Language] = MappingProxyType({lang.code: lang for lang in ordered})
        self._letters = {lang.code: re.compile(f"[{lang.letters}]", re.IGNORECASE) for lang in ordered if lang.letters}

    def __iter__(self) -> Iterator[Language]:
        return iter(self._by_code.values())

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self._by_code)

    @property
    def default(self) -> Language:
        return next(iter(self._by_code.values()))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    @property
    def translated(self) -> tuple[Language, ...]:
        return tuple(lang for lang in self if lang.translated)

    def get(self, code: str) -> Language:
        """The language ``code``; :class:`InvalidParameter` names the known ones otherwise."""
        found = self._by_code.get(code)
        if found is None:
            raise InvalidParameter(f"unknown language {code[:20]!r}: use one of {', '.join(self.codes)}", suggestions=list(self.codes))
        return found

    def with_language(self, language: Language) -> Languages:
        """A new registry with ``language`` added (or replaced)."""
        return Languages([*(lang for lang in self if lang.code != language.code), language])

    def url_prefix(self, code: str) -> str:
        """Pages of the default language live at the root, the others under ``/<code>``."""
        return "" if code == self.default.code else f"/{code}"

    def guess(self, text: str, folded_words: Iterable[str]) -> str | None:
        """The language a text seems to be written in, from its letters and function words; None
        when nothing points away from the default."""
        words = set(folded_words)
        for lang in self:
            if lang.code == self.default.code:
                continue
            pattern = self._letters.get(lang.code)
            if (pattern is not None and pattern.search(text)) or words & lang.hints:
                return lang.code
        return None

    def of_query(self, asked: str | None, text: str, folded_words: Iterable[str]) -> str:
        """The language a query is weighed toward: the one asked for, else the one its text
        looks written in, else the default."""
        return asked or self.guess(text, folded_words) or self.default.code

    @property
    def stop_words(self) -> frozenset[str]:
        """Words that are stop words in every reading of a query of unknown language."""
        return frozenset().union(*(lang.stop_words for lang in self))

    @property
    def letter_carriers(self) -> frozenset[str]:
        return frozenset().union(*(lang.letter_carriers for lang in self))

    @property
    def number_words(self) -> Mapping[str, str]:
        merged: dict[str, str] = {}
        for lang in self:
            merged.update(lang.number_words)
        return merged


ENGLISH = Language(
    code="en",
    name="English",
    stemmer="english",
    stop_words=frozenset(["a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is",
                          "are", "be", "was", "my", "me", "i", "it", "its", "this", "that", "into", "near", "onto", "upon",
                          "per", "via", "than", "then"]),
    titles=TitleSource("official", "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM"),
    letter_carriers=frozenset(["vitamin", "vitamins", "type", "types", "hepatitis", "hep", "factor", "group", "class", "grade",
                               "stage", "phase", "blood", "antigen", "protein", "cell", "cells", "immunoglobulin", "ig"]),
    number_words=MappingProxyType({"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "ii": "2", "iii": "3"}),
    hints=frozenset(),
)

FRENCH = Language(
    code="fr",
    name="Français",
    stemmer="french",
    stop_words=frozenset(["le", "la", "les", "l", "de", "du", "des", "d", "et", "ou", "en", "au", "aux", "un", "une", "par",
                          "pour", "sur", "dans", "avec", "chez", "se", "sa", "son", "ses", "ce", "cette", "qui", "que", "est",
                          "a"]),
    titles=TitleSource("cim10", "cim10", "CIM-10"),
    letter_carriers=frozenset(["vitamine", "vitamines", "type", "types", "hepatite", "facteur", "groupe", "classe", "grade",
                               "stade", "phase"]),
    number_words=MappingProxyType({"deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "ii": "2", "iii": "3"}),
    hints=frozenset(["le", "la", "les", "l", "du", "des", "d", "et", "ou", "au", "aux", "une", "par", "pour", "sur", "dans",
                     "avec", "chez", "sans"]),
    letters="éèêëàâîïôûùüçœ",
    catalogue="fr",
    title_kind="french_title",
)


@cache
def default_languages() -> Languages:
    """English (the official ICD-10-CM titles) and French (CIM-10 labels aligned by meaning)."""
    return Languages([ENGLISH, FRENCH])
