"""What a coder checks beside the title: the code's history, its MS-DRG severity and the coding
instructions that decide how it may be used. One place, so the page, the JSON and the CLI agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from nosology.coding_flags import CodingFlags, coding_flags
from nosology.drg import DrgSeverity
from nosology.history import CodeHistory
from nosology.models import CodeRecord

if TYPE_CHECKING:
    from nosology.library import Library

__all__ = ["CodeFacts", "code_facts"]


@dataclass(frozen=True)
class CodeFacts:
    history: CodeHistory | None  # None for chapters and blocks
    drg: DrgSeverity | None  # billable codes only: a header is never a diagnosis on a claim
    flags: CodingFlags | None  # None for chapters and blocks

    def to_dict(self) -> dict[str, Any]:
        return {
            "history": self.history.to_dict() if self.history else None,
            "drg": self.drg.to_dict() if self.drg else None,
            "flags": self.flags.to_dict() if self.flags else None,
        }


def code_facts(library: Library, record: CodeRecord) -> CodeFacts:
    item = record.item
    if item.kind in {"chapter", "block"}:
        return CodeFacts(None, None, None)
    return CodeFacts(
        history=library.history.of(item.code),
        drg=library.drg.severity(item.code) if item.billable else None,
        flags=coding_flags(record),
    )
