"""How well one indexed term answers a query, in rules a coder would agree with.

In order of weight: every query word found (coverage of the query); the term says nothing the
query did not (coverage of the term, so "Pneumonia" beats "Viral pneumonia" for ``pneumonia``);
an exact match of the whole term, or of its head (the part before the first comma: the condition
without its qualifiers); then small preferences: broader codes before specific children, an
"unspecified" code when the query gives no detail, the query's language, official titles first.
"""

from __future__ import annotations

from collections.abc import Iterable

from nosology.search.docs import Doc
from nosology.search.query import ParsedQuery
from nosology.search.stemming import Stemmers

__all__ = ["KIND_BONUS", "MATCHED", "Ranker"]

# search_term kind -> the "matched" value of the API.
MATCHED = {
    "title": "title", "inclusion_term": "inclusion_term", "french_title": "french_title",
    "lay": "synonym", "synonym": "synonym", "abbrev": "synonym", "article": "article",
}
KIND_BONUS = {"title": 3.0, "inclusion_term": 1.5, "french_title": 2.0, "lay": 2.5, "synonym": 2.5, "abbrev": 2.5, "article": 2.0}
# Words that qualify without adding detail: a term made longer by them is still a general one.
_NEUTRAL_WORDS = (
    "unspecified", "unspecifi", "specified", "nos", "site", "elsewhere", "classified", "organism",
    "precision", "precise", "precisee", "ailleurs", "classe", "classes", "classee", "classees", "siege", "non",
)
_UNSPECIFIED_WORDS = ("unspecified", "precision", "precise", "precisee")
_GENERAL_KINDS = {"chapter": -6.0, "block": -4.0, "category": 0.0}


class Ranker:
    """Scores candidate terms for one parsed query (built once per query, then applied per term)."""

    def __init__(self, query: ParsedQuery, stemmers: Stemmers) -> None:
        self.groups = [(t.stems, t.weight) for t in query.usable]
        self.total = sum(w for _, w in self.groups) or 1.0
        self.all_stems = frozenset(s for stems, _ in self.groups for s in stems)
        self.french = query.french
        self.neutral = _stem_all(stemmers, _NEUTRAL_WORDS)
        self.unspecified = _stem_all(stemmers, _UNSPECIFIED_WORDS)

    def score(self, doc: Doc, complete: bool) -> float:
        """``complete``: the term is known to contain every query word (it came from the AND query)."""
        stems = doc.stems
        all_stems = self.all_stems
        neutral_set = self.neutral
        explained = neutral = 0
        for s in stems:
            if s in all_stems:
                explained += 1
            elif s in neutral_set:
                neutral += 1
        if not explained:
            return 0.0
        other = len(stems) - explained - neutral
        if complete:
            cov_q = 1.0
        else:
            present = set(stems)
            cov_q = sum(w for g, w in self.groups if not g.isdisjoint(present)) / self.total
        score = 60.0 * cov_q + 25.0 * explained / (explained + other + 0.25 * neutral)
        if cov_q == 1.0:
            if other == 0 and neutral == 0:
                score += 20.0  # the term is the query (in any word order)
            head = doc.head
            if all(s in all_stems for s in head) and (len(self.groups) == 1 or all(not g.isdisjoint(head) for g, _ in self.groups)):
                score += 10.0  # the condition itself, with at most qualifiers after the comma
                if neutral and not self.unspecified.isdisjoint(stems):
                    score += 3.0
        score += KIND_BONUS.get(doc.kind, 0.0)
        if self.french and doc.lang == "fr":
            score += 3.0
        general = _GENERAL_KINDS.get(doc.item_kind)
        score += general if general is not None else -0.6 * (doc.code_len - 3)
        return score


def _stem_all(stemmers: Stemmers, words: Iterable[str]) -> frozenset[str]:
    return frozenset(s for w in words for s in stemmers.both(w)) | frozenset(words)
