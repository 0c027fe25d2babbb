"""How well one indexed term answers a query, in rules a coder would agree with.

In order of weight: every query word found (coverage of the query); the term says nothing the
query did not (coverage of the term, so "Pneumonia" beats "Viral pneumonia" for ``pneumonia``);
an exact match of the whole term, or of its head (the part before the first comma: the condition
without its qualifiers); then small preferences: broader codes before specific children, an
"unspecified" code when the query gives no detail, the query's language, official titles first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from nosology.languages import Languages
from nosology.search.docs import Doc
from nosology.search.equivalents import EXPANSION_WEIGHT, WEAK_WEIGHT, WEAK_WORDS
from nosology.search.query import ParsedQuery
from nosology.search.stemming import Stemmers

__all__ = ["KIND_BONUS", "MATCHED", "TITLE_BONUS", "Ranker", "RankingWords"]

# search_term kind -> the "matched" value of the API (a language's own title kind, such as
# french_title, is its own value).
MATCHED = {
    "title": "title", "inclusion_term": "inclusion_term",
    "lay": "synonym", "synonym": "synonym", "abbrev": "synonym", "article": "article",
    "index_main": "index", "index": "index",
}
_INDEX_KINDS = frozenset({"index_main", "index"})
TITLE_BONUS = 3.0  # an official title, or a language's own title of the code
# The Index's default code for a bare condition name outranks the category of the same name
# (index_main); deeper Index paths rank below the tabular's own words.
KIND_BONUS = {"title": TITLE_BONUS, "inclusion_term": 1.5, "lay": 2.5, "synonym": 2.5, "abbrev": 2.5, "article": 2.0,
              "index_main": 6.0, "index": 1.0}
# Words that qualify without adding detail: a term made longer by them is still a general one.
_NEUTRAL_WORDS = (
    "unspecified", "unspecifi", "specified", "nos", "site", "elsewhere", "classified", "organism",
    "precision", "precise", "precisee", "ailleurs", "classe", "classes", "classee", "classees", "siege", "non",
)
_UNSPECIFIED_WORDS = ("unspecified", "precision", "precise", "precisee")
_GENERAL_KINDS = {"chapter": -6.0, "block": -4.0, "category": 0.0}


class Ranker:
    """Scores candidate terms for one parsed query (built once per query, then applied per term)."""

    def __init__(self, query: ParsedQuery, words: RankingWords, n_docs: int) -> None:
        usable = query.usable
        # a rare word says more than a common one ("paraplegia" more than "muscle"): it weighs
        # more when a term has only some of the words
        weights = [t.weight * math.log1p(n_docs / (1 + t.df)) for t in usable]
        self.groups = [(t.stems, w) for t, w in zip(usable, weights, strict=True)]
        self.extra = [(t.extra, w * EXPANSION_WEIGHT) for t, w in zip(usable, weights, strict=True)]
        self.any_groups = [t.any_stems for t in usable]
        # the generic-word rule: a term must share distinctive words worth half of theirs
        self.distinct = [(t.any_stems, w) for t, w in zip(usable, weights, strict=True) if not t.generic and t.weight > WEAK_WEIGHT]
        # a distinctive word the index does not know (an eponym it lacks) weighs as the rarest word:
        # nothing can match it, so "Zorblatt syndrome of the liver" is not answered by liver codes
        unknown = sum(t.weight * math.log1p(n_docs) for t in query.distinctive if not t.known)
        self.distinct_need = 0.5 * (sum(w for _, w in self.distinct) + unknown)
        self.total = sum(w for _, w in self.groups) or 1.0
        self.all_stems = frozenset(s for t in usable for s in t.any_stems)
        self.lang = query.lang
        self.lang_bonus = 3.0 if query.translated else 1.0
        self.title_kinds = words.title_kinds
        self.neutral = words.neutral
        self.unspecified = words.unspecified
        # what score() reads on every term, prepared once per query
        self._neutral_only = self.neutral - self.all_stems  # a query word is explained, not neutral
        self._weighted = list(zip(self.groups, self.extra, strict=True))
        self._one_group = len(self.groups) == 1
        self._kind_bonus = {**dict.fromkeys(self.title_kinds, TITLE_BONUS), **KIND_BONUS}

    def words_suffice(self) -> bool:
        """Whether a term with every word of the query passes the generic-word rule: not when a
        distinctive word is unknown to the index (nothing can match it)."""
        return sum(w for _, w in self.distinct) >= self.distinct_need

    def whole(self, doc: Doc) -> bool:
        """The term says the query, no more and no less (in any order, give or take neutral words):
        a lexicon term that does anchors the results to its concept family."""
        stems = doc.stems
        return all(s in self.all_stems or s in self.neutral for s in stems) and all(not g.isdisjoint(stems) for g in self.any_groups)

    def covers(self, doc: Doc | None) -> bool:
        """The term has every distinctive word of the query (every word, when none is distinctive)."""
        if doc is None:
            return False
        stems = doc.stems
        return all(not g.isdisjoint(stems) for g, _ in self.distinct) if self.distinct else all(not g.isdisjoint(stems) for g in self.any_groups)

    def score(self, doc: Doc, complete: bool) -> float:
        """``complete``: the term is known to contain every query word (it came from the AND query)."""
        # the hottest function of search (a broad query scores 150 terms): counting runs in C
        # (map over set membership) and the per-kind bonus is a dict built once per query
        stems = doc.stems
        explained = sum(map(self.all_stems.__contains__, stems))
        if not explained:
            return 0.0
        if self.distinct and sum(w for g, w in self.distinct if not g.isdisjoint(stems)) < self.distinct_need:
            return 0.0  # only generic or connecting words, or too few of the words that matter
        neutral = sum(map(self._neutral_only.__contains__, stems))
        other = len(stems) - explained - neutral
        found = 0.0
        for (primary, weight), (extra, extra_weight) in self._weighted:
            if not primary.isdisjoint(stems):
                found += weight
            elif extra and not extra.isdisjoint(stems):
                found += extra_weight
        cov_q = found / self.total
        if cov_q < 0.99 and not complete and doc.kind in _INDEX_KINDS:
            return 0.0  # an Index path is precise: one that has only some of the words is no answer
        score = 60.0 * cov_q + 25.0 * explained / (explained + other + 0.25 * neutral)
        if complete or cov_q >= 0.99:
            if other == 0 and neutral == 0:
                score += 20.0  # the term is the query (in any word order)
            head = doc.head
            if all(map(self.all_stems.__contains__, head)) and (self._one_group or all(not g.isdisjoint(head) for g in self.any_groups)):
                score += 10.0  # the condition itself, with at most qualifiers after the comma
                if neutral and not self.unspecified.isdisjoint(stems):
                    score += 3.0
        score += self._kind_bonus.get(doc.kind, 0.0)
        if doc.lang == self.lang:
            score += self.lang_bonus
        general = _GENERAL_KINDS.get(doc.item_kind)
        score += general if general is not None else -0.6 * (doc.code_len - 3)
        return score


@dataclass(frozen=True)
class RankingWords:
    """Stemmed word lists the ranking needs, computed once per engine."""

    neutral: frozenset[str]
    unspecified: frozenset[str]
    title_kinds: frozenset[str]  # search-term kinds of the languages' own titles

    @classmethod
    def make(cls, stemmers: Stemmers, languages: Languages) -> RankingWords:
        return cls(_stem_all(stemmers, (*_NEUTRAL_WORDS, *WEAK_WORDS)), _stem_all(stemmers, _UNSPECIFIED_WORDS),
                   frozenset(lang.title_kind for lang in languages))


def _stem_all(stemmers: Stemmers, words: Iterable[str]) -> frozenset[str]:
    return frozenset(s for w in words for s in stemmers.across(w)) | frozenset(words)
