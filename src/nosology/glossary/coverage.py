"""How much of the billable codes' titles the glossary explains, per chapter and overall.

Two figures per language: the share of word occurrences glossed (stop words and pure numbers
aside), and the share of billable codes whose every counted word is inside a glossed term. The
titles are the ones a reader sees: the ICD-10-CM title in English, the title stored for the code
in ``item_title`` in a translated language (its own or its nearest broader code's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nosology.glossary.matching import Matcher, is_counted

__all__ = ["Coverage", "Gap", "gaps", "measure"]


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


@dataclass
class Gap:
    """One stem that no glossary term covers in some billable titles."""

    stem: str
    codes: int = 0  # billable codes whose title has the stem outside any term
    sole: int = 0  # ... and nothing else unglossed: glossing it completes them
    forms: Counter[str] = field(default_factory=Counter)
    example: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.forms.most_common(1)[0][0], "stem": self.stem, "codes": self.codes, "sole": self.sole, "example": self.example}


def gaps(matcher: Matcher, titles: Iterable[tuple[int, str]]) -> list[Gap]:
    """The unglossed words of ``titles``, the most useful to write first: by the codes an entry
    would complete, then by the codes it would touch. For writers choosing what to gloss next."""
    per_title: dict[str, list[tuple[str, str]]] = {}
    found: dict[str, Gap] = {}
    for _chapter, title in titles:
        missing = per_title.get(title)
        if missing is None:
            words, matches = matcher.find(title)
            covered = {n for m in matches for n in range(m.first, m.last + 1)}
            missing = per_title[title] = list(dict.fromkeys(
                (w.stem, w.folded) for n, w in enumerate(words) if n not in covered and is_counted(w.folded)))
        stems = {stem for stem, _ in missing}
        for stem, folded in missing:
            gap = found.setdefault(stem, Gap(stem, example=title))
            gap.forms[folded] += 1
        for stem in stems:
            found[stem].codes += 1
            found[stem].sole += int(len(stems) == 1)
    return sorted(found.values(), key=lambda g: (-g.sole, -g.codes, g.stem))
