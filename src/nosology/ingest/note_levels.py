"""The printed nesting of one tabular note element.

The tabular XML stores every note of an element (``<excludes1>``, ``<notes>``...) as a flat
sequence of ``<note>`` siblings, while the printed book indents some of them under the one before:
a lead-in ending in a colon ("polyneuropathy (in):", "code to identify control using:") owns the
entries after it, and chapter notes have short run-in subheadings ("Functional activity",
"Morphology [Histology]") over the paragraphs that follow. Flattened, those lists change meaning
(G63 does not exclude "diphtheria", it excludes polyneuropathy in diphtheria), so the build
recovers the two levels from the text itself.

A lead-in's list ends with its element, at the next lead-in, or where the alphabetical order of
the entries breaks: the tabular sorts each list, so an entry sorting before the one above it
belongs to the outer list again if it also sorts after the lead-in (the T80-T88 Excludes2 "such
as:" list of three, then the rest; but I41's "Chagas' disease (chronic)", "acute"... stay inside).
"""

from __future__ import annotations

import re

__all__ = ["note_levels"]

_SORT_KEY = re.compile(r"[^0-9a-z ]+")
# A run-in subheading: a short label with no sentence punctuation and no code reference.
_HEADING_MAX = 60


def _sort_key(text: str) -> str:
    return " ".join(_SORT_KEY.sub(" ", text.lower()).split())


def _is_heading(text: str, following: str | None) -> bool:
    if following is None or len(text) > _HEADING_MAX or "(" in text:
        return False
    return (text[-1:].isalnum() or text.endswith("]")) and following.endswith(".") and len(following) > len(text)


def note_levels(kind: str, texts: list[str]) -> list[int]:
    """The level of each note of one element: 0 in the element's own list, 1 under the nearest
    level-0 note before it (a lead-in or, in ``notes``, a subheading)."""
    levels = [0] * len(texts)
    under = ""  # the kind of parent the current sub-list hangs from: "lead", "heading" or nothing
    previous = lead = ""
    for n, text in enumerate(texts):
        following = texts[n + 1] if n + 1 < len(texts) else None
        if kind == "notes" and under != "lead" and _is_heading(text, following):
            under, previous = "heading", ""
            continue
        key = _sort_key(text)
        if under == "lead" and lead <= key < previous:
            under = ""  # the run broke where the outer list's order resumes: back to the outer list
        if under:
            levels[n] = 1
        if text.endswith(":") and following is not None and under != "heading":
            under, previous, lead = "lead", "", key
            levels[n] = 0
            continue
        previous = key
    return levels
