"""Snowball stemming (PyStemmer) for English and French, with a per-instance cache of stems."""

from __future__ import annotations

import Stemmer

__all__ = ["LANGS", "Stemmers"]

LANGS = ("en", "fr")
_ALGORITHMS = {"en": "english", "fr": "french"}


class Stemmers:
    """One snowball stemmer per language. Not thread-safe by itself: give each thread its own or
    guard it; the engine creates one per thread."""

    def __init__(self, cache_size: int = 100_000) -> None:
        self._stemmers = {lang: Stemmer.Stemmer(alg, cache_size) for lang, alg in _ALGORITHMS.items()}

    def stem(self, word: str, lang: str) -> str:
        stem: str = self._stemmers[lang].stemWord(word)
        return stem

    def stems(self, words: list[str], lang: str) -> list[str]:
        stems: list[str] = self._stemmers[lang].stemWords(words)
        return stems

    def both(self, word: str) -> frozenset[str]:
        """The stems of a query word in both languages: queries need not say which they are in."""
        return frozenset(self.stem(word, lang) for lang in LANGS)
