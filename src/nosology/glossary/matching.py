"""Finding glossary terms in a text: words folded as search folds them, stemmed by the language's
Snowball stemmer, stop words from the registry, longest phrase first (so "in diseases classified
elsewhere" wins over "diseases", and "lateral end" over "end").

Each word keeps its place in the original text, so a summary can add a lay word right after the
official one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import Stemmer

from nosology.languages import Language
from nosology.search.normalise import fold

__all__ = ["Match", "Matcher", "Word", "is_counted"]

_WORD = re.compile(r"[^\W_]+")
_ATTACHED = "'’("
_MAX_WORDS = 200_000  # distinct words remembered per matcher (the classification has about 40,000)


class Word(NamedTuple):  # a tuple, not a dataclass: millions are made at build time
    folded: str
    stem: str
    start: int  # character span of the original word
    end: int


@dataclass(frozen=True)
class Match:
    """Words ``first``..``last`` (inclusive) of the text are the glossary term ``term``."""

    first: int
    last: int
    term: str
    start: int  # character span in the text
    end: int


def is_counted(word: str) -> bool:
    """A word that coverage counts: pure numbers ("3", "20") need no definition."""
    return not word.isdigit()


class Matcher:
    """The terms of one language, keyed by their stems. Thread-safe (PyStemmer itself is not, so
    stemming runs under a lock)."""

    def __init__(self, language: Language, terms: Iterable[str]) -> None:
        self.language = language
        self._stop = language.stop_words
        self._numbers = dict(language.number_words)
        self._stemmer = Stemmer.Stemmer(language.stemmer)
        self._lock = threading.Lock()
        # word as written -> its (folded, stem) pieces: titles reuse a few tens of thousands of words
        self._pieces: dict[str, tuple[tuple[str, str], ...]] = {}
        self.keys: dict[tuple[str, ...], str] = {}
        self.clashes: list[tuple[str, str]] = []  # (term, the earlier term with the same stems)
        for term in terms:
            key = self.key(term)
            if not key:
                continue
            if key in self.keys:
                self.clashes.append((term, self.keys[key]))
            else:
                self.keys[key] = term
        self._longest = max((len(k) for k in self.keys), default=0)
        self.prefixes = frozenset(k[:n] for k in self.keys for n in range(1, len(k) + 1))

    def _pieces_of(self, word: str) -> tuple[tuple[str, str], ...]:
        found = self._pieces.get(word)
        if found is None:
            lower = word.lower()
            parts = (lower,) if word.isascii() else tuple(fold(word).split())
            with self._lock:
                if len(parts) == 1 and parts[0] not in self._stop:
                    # Stemmed before its accents are folded: the stemmer knows the endings only
                    # with their accents, so "précisées" and "précisé" share a stem ("precis")
                    # where their folded forms would not ("precise", "precis").
                    number = self._numbers.get(parts[0])
                    found = ((number, number),) if number else ((parts[0], fold(self._stemmer.stemWord(lower)) or parts[0]),)
                else:
                    folded = [self._numbers.get(p, p) for p in parts if p not in self._stop]
                    found = tuple(zip(folded, self._stemmer.stemWords(folded), strict=True))
            if len(self._pieces) < _MAX_WORDS:
                self._pieces[word] = found
        return found

    def words(self, text: str) -> list[Word]:
        """The words of ``text`` that matching sees (folded, stop words removed, stemmed), with
        their spans."""
        out: list[Word] = []
        for m in _WORD.finditer(text):
            start, end = m.span()
            if end - start == 1 and start > 1 and text[start - 1] in _ATTACHED and text[start - 2].isalpha() and m.group() in "sS":
                continue  # a possessive ("Clutton's joints") or plural mark ("graft(s)") is no word of its own
            out.extend(Word(folded, stem, start, end) for folded, stem in self._pieces_of(m.group()))
        return out

    def key(self, term: str) -> tuple[str, ...]:
        """The stems a term is matched by."""
        return tuple(w.stem for w in self.words(term))

    def find(self, text: str) -> tuple[list[Word], list[Match]]:
        """The words of ``text`` and the glossary terms in it, left to right, longest first."""
        words = self.words(text)
        stems = [w.stem for w in words]
        matches: list[Match] = []
        i = 0
        while i < len(stems):
            longest = 0  # the longest run of words from i that starts some term
            while i + longest < len(stems) and tuple(stems[i : i + longest + 1]) in self.prefixes:
                longest += 1
            for length in range(longest, 0, -1):
                term = self.keys.get(tuple(stems[i : i + length]))
                if term is not None:
                    last = i + length - 1
                    matches.append(Match(i, last, term, words[i].start, words[last].end))
                    i += length
                    break
            else:
                i += 1
        return words, matches

    def terms_in(self, text: str) -> list[str]:
        """The glossary terms found in ``text``, in order of first appearance, each once."""
        return list(dict.fromkeys(m.term for m in self.find(text)[1]))

    def coverage(self, text: str) -> tuple[int, int]:
        """(counted words, counted words inside a glossed term) of ``text``."""
        words, matches = self.find(text)
        covered = {n for m in matches for n in range(m.first, m.last + 1)}
        counted = [n for n, w in enumerate(words) if is_counted(w.folded)]
        return len(counted), sum(1 for n in counted if n in covered)
