"""The codes a worded query matches, all of them, in one stable order: what paging walks through.

1. Every term with every required word (an AND query over the full-text index, not a sample):
   its codes are the exact answer set and ``total`` is their number. The first ``SCORED`` terms in
   the index's static order of merit (fewest words first) are scored by :class:`.ranking.Ranker`;
   a broader set's remaining terms follow in that static order (all of them still have every word).
2. Only when fewer than ``FILL`` codes have every word: terms with most of the words, each subset
   a bounded, deterministic list. The generic-word rule of the ranker keeps out terms that share
   only "disease" or "pain" with the query.
3. A lexicon term that says exactly the query anchors its concept family (:mod:`.family`) first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from nosology.classification import Classification
from nosology.search.docs import DocTable
from nosology.search.equivalents import WEAK_WEIGHT
from nosology.search.family import ANCHOR_KINDS, FAMILY_BONUS, family
from nosology.search.query import ParsedQuery, QueryToken
from nosology.search.ranking import Ranker

__all__ = ["MAX_MATCHES", "SCORED", "Matches", "group", "match", "stems_group"]

SCORED = 150  # terms of a broad answer that are scored; the rest keep the static order
MAX_MATCHES = 200_000  # more than the index holds: the AND list is never cut
FILL = 10  # fewer codes than this with every word: look for terms with most of the words
PARTIAL = 60  # terms read per partial subset
MAX_AND_WORDS = 8  # words of a long query that the full-text query requires

Ids = Callable[[str, int], list[int]]


@dataclass(frozen=True)
class Matches:
    """Codes best first (``seqs``), each with its score and the doc (term) that ranked it."""

    seqs: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    docs: list[int] = field(default_factory=list)
    complete: bool = False  # some term had every word of the query

    def __len__(self) -> int:
        return len(self.seqs)


def match(parsed: ParsedQuery, docs: DocTable, ranker: Ranker, ids: Ids, classification: Classification) -> Matches:
    """All codes for ``parsed`` (see the module docstring); ``ids(match, limit)`` runs FTS5."""
    usable = parsed.usable
    if not usable or parsed.off_topic:
        return Matches()
    best: dict[int, tuple[float, int, int, bool]] = {}  # seq -> score, doc, code length, has every distinctive word
    in_lang: dict[int, tuple[float, int]] = {}  # the best term in the query's language, for display
    anchors: dict[int, float] = {}  # seq -> best score of a term that says exactly the query

    def consider(found: list[int], complete: bool) -> None:
        for doc_id in found:
            doc = docs.get(doc_id)
            if doc is None:
                continue
            score = ranker.score(doc, complete)
            if score <= 0.0:
                continue
            if (doc.kind in ANCHOR_KINDS or doc.kind in ranker.title_kinds) and ranker.whole(doc):
                anchors[doc.seq] = max(score, anchors.get(doc.seq, 0.0))
            current = best.get(doc.seq)
            if current is None or score > current[0]:
                best[doc.seq] = (score, doc_id, doc.code_len, ranker.covers(doc))
            if parsed.translated and doc.lang == parsed.lang:
                here = in_lang.get(doc.seq)
                if here is None or score > here[0]:
                    in_lang[doc.seq] = (score, doc_id)

    # connecting words ("after", "lié à") need not be present; they only add to the score
    required = [t for t in usable if t.weight >= WEAK_WEIGHT * 2] or usable
    # the rarest words select as well as all of them, and each list FTS5 walks costs time
    selective = sorted(required, key=lambda t: t.df)[:MAX_AND_WORDS]
    every_word = len(selective) == len(required)
    found = ids(_and(selective), MAX_MATCHES)
    consider(found[:SCORED], every_word)
    complete = bool(found) and (every_word or any(
        all(not t.any_stems.isdisjoint(d.stems) for t in required) for d in map(docs.get, found[:30]) if d is not None))
    if len(best) < FILL and len(required) > 1:
        for extra in _partial(required, bool(best), ids):
            consider(extra, False)
    order = sorted(best.items(), key=lambda e: (-e[1][0], e[1][2], e[0]))
    seqs = [seq for seq, _ in order]
    scores = [value[0] for _, value in order]
    doc_ids = [_shown(seq, value[1], value[0], in_lang) for seq, value in order]
    keep = [value[3] for _, value in order]
    if every_word:
        _add_tail(found[SCORED:], docs, seqs, scores, doc_ids, best)
    if anchors:
        named = sorted(anchors, key=lambda seq: -anchors[seq])
        # beyond the family, a result must have every distinctive word of the query
        keep += [True] * (len(seqs) - len(keep))  # the tail has every word
        return _anchored(Matches(seqs, scores, doc_ids, complete), family(classification, named),
                         family(classification, named, siblings=False), keep)
    return Matches(seqs, scores, doc_ids, complete)


def _shown(seq: int, doc_id: int, score: float, in_lang: dict[int, tuple[float, int]]) -> int:
    """The term shown as matched: the query's own language when a term in it did nearly as well
    (a French query shows the French title it matched, not an English synonym of equal words)."""
    here = in_lang.get(seq)
    return here[1] if here is not None and here[0] >= score - 10.0 else doc_id


def _add_tail(rest: list[int], docs: DocTable, seqs: list[int], scores: list[float], doc_ids: list[int],
              best: dict[int, tuple[float, int, int, bool]]) -> None:
    """The codes of a broad answer beyond the scored terms, in static order, scored below the rest."""
    seen = set(best)
    floor = min(scores, default=1.0)
    for doc_id in rest:
        seq = docs.seq_of(doc_id)
        if seq not in seen:
            seen.add(seq)
            seqs.append(seq)
            scores.append(floor - 0.001)
            doc_ids.append(doc_id)


def _anchored(found: Matches, members: list[int], close: list[int], keep: list[bool]) -> Matches:
    """The family first (members the words found keep their order among themselves, then the
    anchors' children and ancestors the words did not find), then everything else as ranked."""
    rank = {seq: n for n, seq in enumerate(found.seqs)}
    in_family = set(members)
    known = [seq for seq in found.seqs if seq in in_family]
    unfound = [seq for seq in close if seq not in rank]
    top = found.scores[0] if found.scores else 0.0
    seqs, scores, doc_ids = [], [], []
    for seq in known:
        seqs.append(seq)
        scores.append(found.scores[rank[seq]] + FAMILY_BONUS)
        doc_ids.append(found.docs[rank[seq]])
    anchor_doc = doc_ids[0] if doc_ids else 0
    for n, seq in enumerate(unfound):
        seqs.append(seq)
        scores.append(top + FAMILY_BONUS / 2 - n * 0.01)
        doc_ids.append(-anchor_doc)  # negative: a family member, shown with the anchor's term
    for seq, score, doc_id, kept in zip(found.seqs, found.scores, found.docs, keep, strict=True):
        if kept and seq not in in_family:
            seqs.append(seq)
            scores.append(score)
            doc_ids.append(doc_id)
    return Matches(seqs, scores, doc_ids, found.complete)


def _partial(usable: list[QueryToken], have_complete: bool, ids: Ids) -> Iterator[list[int]]:
    """Terms with most of the words, in a fixed sequence of subsets.

    With complete matches already found, only the rarest half of the words fill the page. Else
    all words but one (the commonest dropped first) for short queries, the rarest half and the
    two rarest for long ones, then terms with either of the two rarest words."""
    rarest = sorted(usable, key=lambda t: t.df)
    half = rarest[: (len(rarest) + 1) // 2]
    if have_complete:
        yield ids(_and(half), PARTIAL)
        return
    subsets = [[t for t in usable if t is not drop] for drop in reversed(rarest)] if len(usable) <= 4 else [half, rarest[:2]]
    for subset in subsets:
        yield ids(_and(subset), PARTIAL)
    for token in rarest[:2]:
        yield ids(group(token), PARTIAL)


def group(token: QueryToken) -> str:
    """An FTS5 group matching any form of the token."""
    return stems_group(token.any_stems)


def stems_group(stems: frozenset[str]) -> str:
    # stems are folded to [a-z0-9]+, so quoting them cannot produce an FTS5 syntax error
    return "(" + " OR ".join(f'"{s}"' for s in sorted(stems)) + ")"


def _and(tokens: list[QueryToken]) -> str:
    return " AND ".join(group(t) for t in tokens)
