"""Autocomplete: how the text being typed splits into complete words and a prefix, and how the
candidate terms of a completion are ordered. Pure functions over :class:`.docs.Doc`; the engine
fetches the candidates."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from nosology.search.docs import Doc
from nosology.search.normalise import fold

__all__ = ["completes", "prefix_words", "rank_completions"]


def completes(stem: str, prefix: str) -> bool:
    """Whether a word with this stem may start with ``prefix`` ("plaqu" for "pl", "ossif" for "ossifica")."""
    return stem.startswith(prefix) or (len(stem) >= 4 and prefix.startswith(stem))


def prefix_words(text: str) -> tuple[list[str], str]:
    """The complete words typed, and the last, incomplete one ("" when the text ends with a space)."""
    words = fold(text).split()
    if not words:
        return [], ""
    if text[-1:].isspace():
        return words, ""
    return words[:-1], words[-1]


def rank_completions(docs: Sequence[Doc], last: str, stem_df: Mapping[str, int], wanted_lang: str) -> list[Doc]:
    """Candidates best first: terms that start with what is typed, the commoner completion
    ("pneu" -> pneumonia before pneumopyopericardium), short terms, broad codes, the language typed
    in; ties keep the index's order of merit."""
    ranked = []
    for n, doc in enumerate(docs):
        completion = [st for st in doc.stems if last and completes(st, last)]
        score = 0.5 * math.log1p(max((stem_df.get(st, 0) for st in completion), default=0))
        if completion and doc.stems[0] == completion[0]:
            score += 2.0
        score -= 0.4 * len(doc.stems) + 0.3 * (doc.code_len - 3) + n * 0.001
        if doc.lang == wanted_lang:
            score += 1.5
        ranked.append((score, doc))
    ranked.sort(key=lambda e: -e[0])
    return [doc for _, doc in ranked]
