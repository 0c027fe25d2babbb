"""Snowball stemming (PyStemmer) for every language of the registry, with a per-instance cache."""

from __future__ import annotations

from collections.abc import Iterable

import Stemmer

from nosology.languages import Languages

__all__ = ["Stemmers"]


class Stemmers:
    """One Snowball stemmer per registered language. Not thread-safe by itself: give each thread
    its own or guard it; the engine creates one per thread."""

    def __init__(self, languages: Languages, cache_size: int = 100_000) -> None:
        self.languages = languages
        self._stemmers = {lang.code: Stemmer.Stemmer(lang.stemmer, cache_size) for lang in languages}

    def stem(self, word: str, lang: str) -> str:
        stem: str = self._stemmers[lang].stemWord(word)
        return stem

    def stems(self, words: list[str], lang: str) -> list[str]:
        stems: list[str] = self._stemmers[lang].stemWords(words)
        return stems

    def across(self, word: str, langs: Iterable[str] | None = None) -> frozenset[str]:
        """The stems of a query word in ``langs`` (default: every registered language): a query
        need not say its language, and a word the index knows in one language only is stemmed
        in that one, so an extra language costs nothing on words it does not have."""
        return frozenset(self._stemmers[lang].stemWord(word) for lang in (self._stemmers if langs is None else langs))
