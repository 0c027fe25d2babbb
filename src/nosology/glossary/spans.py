"""Spans of a title's text that the rewrite reads or edits: words, brackets, hyphens, plurals, and
the edits applied over the text."""

from __future__ import annotations

import re

from nosology.glossary.matching import Match

__all__ = ["after_space", "apply_edits", "hyphened", "in_brackets", "is_inflection", "plural_of", "plural_rules", "tokens"]

_ENDINGS = ("is", "es", "us", "um", "ae", "ex", "ix", "on")


def is_inflection(text: str, term: str) -> bool:
    """True when ``text`` is ``term`` or a plural of it (fractures, testes, bursae), not another word
    that only shares its stem."""
    a, b = text.lower(), term.lower()
    if a == b or a in (b + "s", b + "es") or (a.endswith("ies") and a[:-3] + "y" == b) or (a.endswith("ae") and a[:-1] == b):
        return True
    return len(a) == len(b) and a[:-2] == b[:-2] and a[-2:] in _ENDINGS and b[-2:] in _ENDINGS


def hyphened(text: str, m: Match) -> bool:
    """Part of a hyphenated word ("intra-abdominal"): a lay word cannot replace half of it."""
    return text[m.start - 1 : m.start] == "-" or text[m.end : m.end + 1] == "-"


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)*", text)]


def after_space(text: str, end: int) -> int:
    return end + 1 if text[end : end + 1] == " " else end


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for start, end, replacement in sorted(edits):
        if start < at:
            continue
        out.append(text[at:start] + replacement)
        at = end
    out.append(text[at:])
    return "".join(out)


def in_brackets(text: str, at: int) -> bool:
    """True when position ``at`` of ``text`` lies inside (…) or […]."""
    depth = 0
    for ch in text[:at]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth > 0


def plural_rules(spec: str) -> list[tuple[re.Pattern[str], str]]:
    """A language's ``lay_plural`` rules: ``pattern=>replacement`` separated by spaces."""
    return [(re.compile(p.split("=>", 1)[0]), p.split("=>", 1)[1]) for p in spec.split() if "=>" in p]


def plural_of(lay: str, official: str, term: str, rules: list[tuple[re.Pattern[str], str]], stop_words: frozenset[str]) -> str:
    """The lay word in the plural where the title's word is ("injections": "shots"), by the first
    rule that matches; a lay phrase with a small word ("baby in the womb") stays as it is."""
    if not rules or official.lower() == term.lower() or official.lower()[-1:] != "s" or lay.lower().endswith("s"):
        return lay
    if any(w.lower() in stop_words for w in lay.split()):
        return lay
    return next((p.sub(r, lay, count=1) for p, r in rules if p.search(lay)), lay)
