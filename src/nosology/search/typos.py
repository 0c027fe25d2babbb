"""Typo tolerance: the index vocabulary, and corrections for the words it does not know.

Only unknown words are corrected, so a correctly spelled query is never diluted by look-alikes.
Candidates are the indexed words within a small optimal-string-alignment distance (a swap of two
neighbouring letters counts once: ``ossificaiton``, ``pnuemonia``), longer words allowing more.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from nosology.search.equivalents import equivalence_map

__all__ = ["Correction", "Vocabulary", "max_distance"]


def max_distance(word: str) -> int:
    """Edits allowed for a word of this length: none under 4 letters (abbreviations), 1 up to 7, else 2."""
    if len(word) < 4 or word.isdigit():
        return 0
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True)
class Correction:
    word: str
    distance: int
    df: int


class Vocabulary:
    """Folded words and stems of the index with their document frequencies."""

    def __init__(self, words: dict[str, int], stems: dict[str, int], word_langs: dict[str, frozenset[str]] | None = None) -> None:
        self.words = words
        self.stems = stems
        self._word_langs = word_langs or {}
        # People rarely get the first letter wrong: looking only among words that share it keeps a
        # correction under a millisecond. A swap of the first two letters is looked up too.
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in words:
            buckets[(word[:1], len(word))].append(word)
        self._buckets = dict(buckets)
        self.equivalents = equivalence_map()
        self._sorted = sorted(words)
        self._sorted_stems = sorted(stems)

    def languages_of(self, word: str) -> frozenset[str] | None:
        """The languages whose indexed terms hold ``word``; None (any language) for a word the
        index does not know, so typos and new inflections are stemmed every way."""
        return self._word_langs.get(word)

    def completions(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` most frequent indexed words that start with ``prefix``."""
        sorted_words = self._sorted
        start = bisect_left(sorted_words, prefix)
        end = bisect_left(sorted_words, prefix + "\x7f", start)
        found = sorted_words[start:end]
        if len(found) > limit:
            found = sorted(found, key=lambda w: -self.words[w])[:limit]
        return found

    def extensions(self, stem: str, limit: int = 4, longest: int = 4) -> list[str]:
        """Indexed stems that extend ``stem`` by a few letters ("ossif" -> "ossifican"), commonest first."""
        sorted_stems = self._sorted_stems
        start = bisect_left(sorted_stems, stem)
        end = bisect_left(sorted_stems, stem + "\x7f", start)
        found = [s for s in sorted_stems[start:end] if s != stem and len(s) - len(stem) <= longest]
        if len(found) > limit:
            found = sorted(found, key=lambda s: -self.stems[s])[:limit]
        return found

    def knows(self, word: str, stems: frozenset[str]) -> bool:
        return word in self.words or any(s in self.stems for s in stems)

    def df(self, stems: frozenset[str]) -> int:
        return max((self.stems.get(s, 0) for s in stems), default=0)

    def corrections(self, word: str, limit: int = 2) -> list[Correction]:
        """The closest known words (smallest distance, then most frequent), at most ``limit``."""
        allowed = max_distance(word)
        if not allowed:
            return []
        found: list[Correction] = []
        keys = [(first, length) for first in dict.fromkeys((word[:1], word[1:2]))
                for length in range(len(word) - allowed, len(word) + allowed + 1)]
        for key in keys:
            choices = self._buckets.get(key)
            if choices:
                for candidate, distance, _ in process.extract(word, choices, scorer=OSA.distance, score_cutoff=allowed, limit=8):
                    found.append(Correction(candidate, int(distance), self.words[candidate]))
        if not found:
            return []
        best = min(c.distance for c in found)
        ranked = sorted((c for c in found if c.distance == best), key=lambda c: (-c.df, c.word))
        return ranked[:limit]
