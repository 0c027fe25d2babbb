"""The coding instructions that decide how a code may be used, read off the tabular's own notes.

* Manifestation codes: ICD-10-CM's etiology/manifestation convention. A code whose title (or
  whose category's title) says "in diseases classified elsewhere" is never listed first; its
  "code first" note names the underlying conditions. Other "code first" notes are sequencing
  instructions that apply when the underlying condition is present ("code first, if applicable"),
  so they do not make a code unusable as the first-listed one: A41 carries one, and A41.9 is a
  principal diagnosis every day.
* "Use additional code" and "code also" notes name companion codes.
* Chapters 15 and 16 say, in a note, that their codes are for maternal or newborn records only.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from nosology.models import CodeRecord, NoteGroup

__all__ = ["CodeReference", "CodingFlags", "Instruction", "code_references", "coding_flags"]

_MANIFESTATION = "in diseases classified elsewhere"
_CODE = r"[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?"
_REFERENCE = re.compile(rf"(?<![\w.])({_CODE})(?:\.?-(?![A-Z]\d))?(?:-({_CODE}))?(?![\w])")
_RECORD_USE = (("maternal", re.compile(r"for use only on maternal records", re.I)), ("newborn", re.compile(r"for use on newborn records only", re.I)))


@dataclass(frozen=True)
class CodeReference:
    """A code or range named in a note, as written (``E85.-``, ``E00-E07``), and where it leads."""

    text: str
    code: str  # a code, or a range as ``first-last`` (a block when the classification has one)


@dataclass(frozen=True)
class Instruction:
    """One note of an instruction kind as printed, with the entries indented under it (a lead-in
    such as "underlying disease, such as:" keeps its list) and the codes it and its entries name."""

    text: str
    owner: str
    inherited: bool
    codes: list[CodeReference] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    def printed(self) -> str:
        """The note and its entries on one line: "underlying disease, such as: amyloidosis (E85.-)"."""
        return self.text + (" " + ", ".join(self.items) if self.items else "")


@dataclass(frozen=True)
class CodingFlags:
    manifestation: bool  # never the first-listed or principal diagnosis
    code_first: list[Instruction]
    use_additional: list[Instruction]
    code_also: list[Instruction]
    record_use: str | None  # "maternal" | "newborn" | None
    record_use_note: str | None

    @property
    def sequencing(self) -> str | None:
        """The sentence the page shows at the top, or None."""
        if self.manifestation:
            return "Cannot be listed first: code the underlying condition first"
        if self.code_first:
            return "Code first: when a condition the note names is present, it is listed before this code"
        return None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"sequencing": self.sequencing}


def code_references(text: str) -> list[CodeReference]:
    """Codes and ranges named in a note, in order."""
    return [CodeReference(m.group(0), f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)) for m in _REFERENCE.finditer(text)]


def _instructions(groups: list[NoteGroup], kind: str) -> list[Instruction]:
    # from the printed tree, not the flat texts: a lead-in's entries are what it names, and
    # apart from it "amyloidosis (E85.-)" would read as an instruction of its own
    return [Instruction(n.text, g.owner, g.inherited, [r for t in (n.text, *n.items) for r in code_references(t)], list(n.items))
            for g in groups if g.kind == kind for n in g.tree()]


def coding_flags(record: CodeRecord) -> CodingFlags:
    codes = [record.item, *(a for a in record.ancestors if a.kind in {"category", "subcategory"})]
    manifestation = any(_MANIFESTATION in c.title.lower() for c in codes)
    record_use: str | None = None
    record_note: str | None = None
    for group in record.notes:
        if group.kind != "notes" or not group.owner.isdigit():  # chapter notes only
            continue
        for text in group.notes:
            for use, pattern in _RECORD_USE:
                if record_use is None and pattern.search(text):
                    record_use, record_note = use, text
    return CodingFlags(
        manifestation=manifestation,
        code_first=_instructions(record.notes, "codeFirst"),
        use_additional=_instructions(record.notes, "useAdditionalCode"),
        code_also=_instructions(record.notes, "codeAlso"),
        record_use=record_use,
        record_use_note=record_note,
    )
