"""How much of the billable codes' titles the glossary explains, per chapter and overall.

Two figures per language: the share of word occurrences glossed (stop words and pure numbers
aside), and the share of billable codes whose every counted word is inside a glossed term. The
titles are the ones a reader sees: the ICD-10-CM title in English, the title stored for the code
in ``item_title`` in a translated language (its own or its nearest broader code's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nosology.glossary.matching import Matcher

__all__ = ["Coverage", "measure"]


@dataclass
class Tally:
    words: int = 0
    glossed_words: int = 0
    codes: int = 0
    complete_codes: int = 0

    def add(self, counted: int, glossed: int) -> None:
        self.words += counted
        self.glossed_words += glossed
        self.codes += 1
        self.complete_codes += int(glossed == counted)

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words, "glossed_words": self.glossed_words,
            "word_share": round(self.glossed_words / self.words, 4) if self.words else 0.0,
            "codes": self.codes, "complete_codes": self.complete_codes,
            "code_share": round(self.complete_codes / self.codes, 4) if self.codes else 0.0,
        }


@dataclass
class Coverage:
    overall: Tally = field(default_factory=Tally)
    chapters: dict[int, Tally] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"overall": self.overall.to_dict(), "chapters": {str(c): t.to_dict() for c, t in sorted(self.chapters.items())}}


def measure(matcher: Matcher, titles: Iterable[tuple[int, str]]) -> Coverage:
    """Coverage of ``titles`` (chapter, title of one billable code) by ``matcher``'s terms.

    Each distinct title is matched once: 7th-character codes repeat their parents' words."""
    seen: dict[str, tuple[int, int]] = {}
    out = Coverage()
    for chapter, title in titles:
        counts = seen.get(title)
        if counts is None:
            counts = seen[title] = matcher.coverage(title)
        out.overall.add(*counts)
        out.chapters.setdefault(chapter, Tally()).add(*counts)
    return out
