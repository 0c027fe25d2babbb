"""Parse the ICD-10-CM tabular XML into a flat, document-ordered list of items.

Items are numbered in pre-order, so the descendants of an item are exactly the items whose number
lies in ``(item.seq, item.last_seq]``; the store uses that for subtree queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from nosology.codes import compact
from nosology.ingest.note_levels import note_levels

__all__ = ["NOTE_KINDS", "ParsedItem", "parse_code_list", "parse_tabular"]

# Note kinds in the order a coder reads them; every one is carried with the item that owns it.
NOTE_KINDS: tuple[str, ...] = (
    "includes",
    "inclusionTerm",
    "excludes1",
    "excludes2",
    "codeFirst",
    "useAdditionalCode",
    "codeAlso",
    "notes",
    "sevenChrNote",
)


@dataclass
class ParsedItem:
    seq: int
    code: str
    kind: str  # chapter | block | category | subcategory | code
    title: str
    parent: int | None
    chapter: int
    depth: int
    seventh: bool = False
    billable: bool = False
    last_seq: int = 0
    n_children: int = 0
    notes: list[tuple[str, str, int]] = field(default_factory=list)  # kind, text, printed level
    seven_chr: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return compact(self.code)


def parse_code_list(path: Path) -> set[str]:
    """Keys of every item of the release (used to know which 7th-character codes exist)."""
    return {line.split(" ")[0] for line in path.read_text(encoding="utf-8").splitlines() if line}


def _text(el: etree._Element | None) -> str:
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())


class _Parser:
    def __init__(self, existing: set[str] | None) -> None:
        self.items: list[ParsedItem] = []
        self.existing = existing

    def add(self, **kwargs: object) -> ParsedItem:
        item = ParsedItem(seq=len(self.items) + 1, **kwargs)  # type: ignore[arg-type]
        self.items.append(item)
        return item

    def own_data(self, el: etree._Element, item: ParsedItem) -> None:
        for child in el:
            tag = child.tag
            if tag in NOTE_KINDS:
                texts = [_text(n) for n in child if n.tag == "note"]
                item.notes.extend((tag, text, level) for text, level in zip(texts, note_levels(tag, texts), strict=True))
            elif tag == "sevenChrDef":
                for ext in child:
                    if ext.tag == "extension":
                        item.seven_chr.append((ext.get("char", ""), _text(ext)))

    def chapter(self, el: etree._Element) -> None:
        number = int(_text(el.find("name")))
        item = self.add(code=str(number), kind="chapter", title=_text(el.find("desc")), parent=None, chapter=number, depth=0)
        self.own_data(el, item)
        # Heading sections (M00-M25 "Arthropathies") are printed flat before the blocks they span,
        # with no codes of their own: nest the following blocks under them while their range lies
        # inside the heading's, so codes inherit the heading's notes like any ancestor's.
        headings: list[tuple[ParsedItem, str, str]] = []
        for child in el:
            if child.tag != "section":
                continue
            first, last = _span(child.get("id", ""))
            while headings and not (headings[-1][1] <= first and last <= headings[-1][2]):
                self.close(headings.pop()[0])
            parent = headings[-1][0] if headings else item
            if _is_heading(child):
                heading = self.add(code=child.get("id", ""), kind="block", title=_text(child.find("desc")), parent=parent.seq, chapter=number, depth=parent.depth + 1)
                self.own_data(child, heading)
                headings.append((heading, first, last))
                continue
            self.section(child, parent)
        for heading, _, _ in reversed(headings):
            self.close(heading)
        self.close(item)

    def section(self, el: etree._Element, parent: ParsedItem) -> None:
        item = self.add(code=el.get("id", ""), kind="block", title=_text(el.find("desc")), parent=parent.seq, chapter=parent.chapter, depth=parent.depth + 1)
        self.own_data(el, item)
        for child in el:
            if child.tag == "section":
                self.section(child, item)
            elif child.tag == "diag":
                self.diag(child, item, inherited_7th=None)
        self.close(item)

    def diag(self, el: etree._Element, parent: ParsedItem, inherited_7th: list[tuple[str, str]] | None) -> None:
        code = _text(el.find("name"))
        kind = "category" if len(code) == 3 else "subcategory"
        item = self.add(code=code, kind=kind, title=_text(el.find("desc")), parent=parent.seq, chapter=parent.chapter, depth=parent.depth + 1)
        self.own_data(el, item)
        seventh = item.seven_chr or inherited_7th
        children = [c for c in el if c.tag == "diag"]
        for child in children:
            self.diag(child, item, seventh)
        if not children and seventh:
            self.extensions(item, seventh)
        if item.seq == len(self.items):  # nothing was added below: a leaf, so a billable code
            item.billable = True
            if kind == "subcategory":
                item.kind = "code"
        self.close(item)

    def extensions(self, item: ParsedItem, chars: Iterable[tuple[str, str]]) -> None:
        base = item.code if "." in item.code else item.code + "."
        base = base.ljust(7, "X")  # the placeholder X fills the code up to the 6th character
        for char, meaning in chars:
            code = base + char
            if self.existing is not None and compact(code) not in self.existing:
                continue  # the release omits some combinations (e.g. 7th characters not valid for a code)
            ext = self.add(code=code, kind="code", title=f"{item.title}, {meaning}", parent=item.seq, chapter=item.chapter, depth=item.depth + 1, seventh=True, billable=True)
            ext.last_seq = ext.seq

    def close(self, item: ParsedItem) -> None:
        item.last_seq = len(self.items)


def _span(identifier: str) -> tuple[str, str]:
    """First and last category of a section identifier (``M00-M25`` -> ``M00``, ``M25``; ``M04`` -> both)."""
    first, _, last = identifier.partition("-")
    return first[:3], (last or first)[:3]


def _is_heading(el: etree._Element) -> bool:
    """A section that spans several blocks: a range, and no codes or sub-sections of its own."""
    return "-" in el.get("id", "") and not any(child.tag in {"diag", "section"} for child in el)


def parse_tabular(path: Path, existing: set[str] | None = None, progress: Callable[[int], None] | None = None) -> list[ParsedItem]:
    """Parse the tabular XML; ``existing`` (from :func:`parse_code_list`) filters 7th-character codes."""
    tree = etree.parse(str(path))
    parser = _Parser(existing)
    for chapter in tree.getroot().iter("chapter"):
        parser.chapter(chapter)
        if progress:
            progress(1)
    by_seq = {i.seq: i for i in parser.items}
    for i in parser.items:
        if i.parent is not None:
            by_seq[i.parent].n_children += 1
    return parser.items
