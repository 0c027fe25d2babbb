"""A search query taken apart: cleaned text, tokens with their stems in both languages, corrections."""

from __future__ import annotations

from dataclasses import dataclass, field

from nosology.search.normalise import MAX_TOKENS, looks_french, tokens
from nosology.search.stemming import Stemmers
from nosology.search.typos import Vocabulary

__all__ = ["CORRECTED_WEIGHT", "ParsedQuery", "QueryToken", "parse_query"]

# A corrected word counts a little less than a word typed right: exact spellings win ties.
CORRECTED_WEIGHT = 0.8


@dataclass(frozen=True)
class QueryToken:
    word: str  # as typed, folded
    stems: frozenset[str]  # what it may match in the index (both languages, plus corrections)
    weight: float
    known: bool  # present in the index (as typed or corrected)
    df: int  # document frequency of its commonest stem: rare words are the selective ones
    corrected: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # cleaned, as shown back to the user
    tokens: list[QueryToken]
    french: bool
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def usable(self) -> list[QueryToken]:
        return [t for t in self.tokens if t.known]

    def corrected_text(self) -> str | None:
        """The query with its unknown words replaced by their best correction, when there were any."""
        if not self.corrections:
            return None
        words = self.text.split()
        out = []
        for w in words:
            key = " ".join(tokens(w, keep_stop_words=True))
            out.append(self.corrections.get(key, w))
        return " ".join(out)


def parse_query(text: str, lang: str | None, stemmers: Stemmers, vocabulary: Vocabulary) -> ParsedQuery:
    words = tokens(text)[:MAX_TOKENS]
    out: list[QueryToken] = []
    corrections: dict[str, str] = {}
    for word in dict.fromkeys(words):  # a repeated word counts once
        stems = stemmers.both(word)
        if vocabulary.knows(word, stems):
            out.append(QueryToken(word, stems, 1.0, True, vocabulary.df(stems)))
            continue
        fixes = vocabulary.corrections(word)
        if not fixes:
            out.append(QueryToken(word, stems, 1.0, False, 0))
            continue
        fixed_stems = frozenset(s for f in fixes for s in stemmers.both(f.word))
        corrections[word] = fixes[0].word
        out.append(QueryToken(word, fixed_stems, CORRECTED_WEIGHT, True, vocabulary.df(fixed_stems), tuple(f.word for f in fixes)))
    french = lang == "fr" or (lang is None and looks_french(text))
    return ParsedQuery(text, out, french, corrections)
