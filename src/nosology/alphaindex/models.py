"""What the Index answers: plain dataclasses the pages, the JSON API and the CLI serialise."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from nosology.errors import NotFound

__all__ = ["CodeRef", "IndexEntry", "IndexTerm", "TableRow", "TermNotFound"]


class TermNotFound(NotFound):
    """No Index term by that id, slug or path; ``suggestions`` are the nearest main terms' slugs."""

    suggestion_kind = "index_term"


@dataclass(frozen=True)
class CodeRef:
    """A code as the Index prints it, checked against the 2026 tabular."""

    printed: str  # "T39.1X1-", "I63.-", "L01.00"
    code: str | None  # the 2026 item it names (the header when more characters are needed); None when invalid
    status: str  # complete | incomplete | invalid
    col: int  # table column (2..7), 0 outside the tables
    title: str | None  # its 2026 title
    billable: bool
    # For a header whose codes take a 7th character: its initial-encounter code, shown as a
    # default the coder must confirm (the 7th character is theirs to choose).
    initial_encounter: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class IndexTerm:
    id: int
    book: str  # disease | external | neoplasm | drug
    letter: str
    depth: int  # 0 = main term
    parent: int | None
    main: int
    last: int  # the last subterm's id: the subterms are the ids in (id, last]
    title: str
    nemod: str  # non-essential modifiers, in parentheses as printed
    see: str
    see_also: str
    see_id: int | None
    see_also_id: int | None
    see_whole: int  # 1 when see_id is the whole "see" path, 0 when only its first parts were found
    path: str  # "Diabetes, type 2, with, foot ulcer"
    trail: str  # "Diabetes › type 2 › with › foot ulcer"
    slug: str | None  # main terms only
    codes: list[CodeRef] = field(default_factory=list)
    children: list[IndexTerm] = field(default_factory=list)

    @property
    def n_subterms(self) -> int:
        return self.last - self.id

    def to_dict(self, *, children: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id, "book": self.book, "letter": self.letter, "level": self.depth, "parent": self.parent,
            "main": self.main, "title": self.title, "nemod": self.nemod, "see": self.see or None,
            "see_also": self.see_also or None, "see_id": self.see_id, "see_also_id": self.see_also_id, "see_whole": bool(self.see_whole),
            "path": self.path, "trail": self.trail, "slug": self.slug, "n_subterms": self.n_subterms,
            "codes": [c.to_dict() for c in self.codes],
        }
        if children:
            data["subterms"] = [c.to_dict() for c in self.children]
        return data


@dataclass(frozen=True)
class IndexEntry:
    """An Index path or a table cell that leads to a code (for its page: "Index entries that lead here")."""

    term_id: int
    book: str
    trail: str
    col: int
    column: str | None  # the table column as a phrase ("malignant secondary"), tables only
    status: str
    main_slug: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TableRow:
    """One row of the Table of Neoplasms or of Drugs and Chemicals: a site or substance (nested
    as printed: ``depth``) and its cells."""

    term: IndexTerm
    cells: dict[int, CodeRef]

    def to_dict(self) -> dict[str, Any]:
        from nosology.alphaindex.columns import column

        out: dict[str, Any] = {}
        for col, ref in sorted(self.cells.items()):
            c = column(self.term.book, col)
            out[c.key if c else str(col)] = ref.to_dict()
        return {**self.term.to_dict(children=False), "cells": out}
