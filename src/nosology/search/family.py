"""Concept-family anchoring: a lay term or synonym that says exactly what was typed ("broken wrist")
names the code the person means; that code's family comes before anything that only shares words.

The family of an anchor code is the code, its ancestors down from its category, its children and,
below the category, its siblings: the part of the classification a coder would look at next. A
sibling comes only when the query's words found it too: under a category such as R19 ("Other
symptoms and signs involving the digestive system") siblings can be about anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from nosology.classification import Classification
from nosology.models import Item

__all__ = ["ANCHOR_KINDS", "FAMILY_BONUS", "family"]

# search_term kinds whose terms name one concept: the curated lexicon (lexicon.KINDS, as someone says
# it), official titles and the Index's main terms (the default code of a bare condition name); a
# language's own title kind (french_title) counts as a title too
ANCHOR_KINDS = frozenset({"lay", "synonym", "abbrev", "title", "index_main"})
FAMILY_BONUS = 200.0  # above any score a term can earn by its words (at most ~130)
_GENERAL = frozenset({"chapter", "block"})


def family(classification: Classification, anchors: Iterable[int], *, siblings: bool = True) -> list[int]:
    """The seqs of the anchors' families, nearest first: the anchors, their children, their
    ancestors up to the category, then (``siblings``) their siblings under the same category."""
    items = [classification.item(seq) for seq in dict.fromkeys(anchors)]
    out: dict[int, None] = {}

    def add(found: Iterable[Item]) -> None:
        for item in found:
            if item.kind not in _GENERAL:
                out.setdefault(item.seq, None)

    add(items)
    for item in items:
        add(classification.children(item))
    for item in items:
        add(reversed(classification.ancestors(item)))
    for item in items if siblings else ():
        if item.kind != "category" and item.parent is not None:
            add(classification.siblings(item))
    return list(out)
