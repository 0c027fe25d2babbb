"""Read the Index files into one flat list of terms in document order, each with its level.

The disease index comes as a CSV (one row per term, in document order, with its level); the
External Cause Index and the two tables are the CDC XML, read with lxml. Both end up as
:class:`RawTerm` rows, and :func:`tree` rebuilds parents from order and level, the way the printed
Index is read: a term belongs to the nearest term above it with a lower level.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from lxml import etree

__all__ = ["Node", "RawTerm", "TableHeading", "normalise_code", "parse_disease_csv", "parse_xml", "tree"]

_SPACES = re.compile(r"\s+")


@dataclass
class RawTerm:
    letter: str
    level: int  # 0 = main term
    title: str
    nemod: str = ""  # non-essential modifiers, in parentheses as printed
    see: str = ""
    see_also: str = ""
    codes: list[tuple[int, str]] = field(default_factory=list)  # (column, code as printed); column 0 outside tables


@dataclass(frozen=True)
class TableHeading:
    col: int
    text: str


@dataclass(frozen=True)
class Node:
    pos: int  # index in the term list
    parent: int | None
    main: int  # the main term above (itself for a main term)
    last: int  # the last descendant (itself for a leaf): descendants are (pos, last]
    depth: int


def _clean(text: str | None) -> str:
    if not text:
        return ""
    return _SPACES.sub(" ", text).strip()


def normalise_code(printed: str) -> str | None:
    """A printed code as a code spelling, or None when the cell is empty ("-", "--").

    ``I63.-`` and ``C79.8-`` keep their dash: it says more characters are needed."""
    text = _clean(printed).upper()
    if not text.strip("-"):
        return None
    if text.endswith(".-"):
        text = text[:-2] + "-"
    return text


def parse_disease_csv(data: bytes) -> list[RawTerm]:
    """The Index to Diseases and Injuries CSV (columns RowID, Letter, Level, Term, See, SeeAlso,
    NonEssModif, Code), in RowID order."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    rows = sorted(reader, key=lambda r: int(r["RowID"]))
    terms = []
    for r in rows:
        code = normalise_code(r["Code"] or "")
        terms.append(RawTerm(
            letter=_clean(r["Letter"]), level=int(r["Level"]), title=_clean(r["Term"]), nemod=_clean(r["NonEssModif"]),
            see=_clean(r["See"]), see_also=_clean(r["SeeAlso"]), codes=[(0, code)] if code else [],
        ))
    return terms


def parse_xml(data: bytes) -> tuple[list[TableHeading], list[RawTerm]]:
    """An index or table file of the CDC XML: its column heads (tables only) and its terms."""
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    headings = [TableHeading(int(h.get("col", "0")), _clean(h.text)) for h in root.iterfind("indexHeading/head")]
    terms: list[RawTerm] = []
    for letter in root.iterfind("letter"):
        name = _clean(letter.findtext("title"))
        for main in letter.iterfind("mainTerm"):
            _walk(main, name, 0, terms)
    return headings, terms


def _walk(element: etree._Element, letter: str, level: int, out: list[RawTerm]) -> None:
    title_el = element.find("title")
    title, nemod = _title_parts(title_el) if title_el is not None else ("", "")
    term = RawTerm(letter, level, title, nemod, _clean(element.findtext("see")), _clean(element.findtext("seeAlso")))
    for child in element:
        tag = child.tag
        if tag == "code" or tag in ("subcat", "seecat"):
            code = normalise_code(child.text or "")
            if code:
                # a subcategory or category pointer always asks for more characters
                term.codes.append((0, code if tag == "code" or code.endswith("-") else code + "-"))
        elif tag == "cell":
            code = normalise_code(child.text or "")
            if code:
                term.codes.append((int(child.get("col", "0")), code))
    out.append(term)
    for sub in element.iterfind("term"):
        _walk(sub, letter, int(sub.get("level", str(level + 1))), out)


def _title_parts(title: etree._Element) -> tuple[str, str]:
    """The title text and its non-essential modifiers (``<nemod>``), text after a nemod kept."""
    text = [title.text or ""]
    nemods = []
    for child in title:
        if child.tag == "nemod":
            nemods.append(child.text or "")
        else:
            text.append(child.text or "")
        text.append(child.tail or "")
    return _clean("".join(text)), _clean(" ".join(nemods))


def tree(levels: list[int]) -> list[Node]:
    """Parents, main terms and descendant ranges from document order and levels.

    A level deeper than one below the previous term (never seen in the FY2025 files) is attached
    to the nearest shallower term, so a malformed file cannot produce an orphan."""
    stack: list[int] = []  # positions of the open ancestors, by depth
    parents: list[int | None] = []
    depths: list[int] = []
    for pos, level in enumerate(levels):
        while stack and levels[stack[-1]] >= level:
            stack.pop()
        if level == 0:
            stack = []
        parents.append(stack[-1] if stack else None)
        depths.append(len(stack))
        stack.append(pos)
    last = list(range(len(levels)))
    for pos in range(len(levels) - 1, -1, -1):
        parent = parents[pos]
        if parent is not None and last[pos] > last[parent]:
            last[parent] = last[pos]
    mains: list[int] = []
    for pos, parent in enumerate(parents):
        mains.append(pos if parent is None else mains[parent])
    return [Node(pos, parents[pos], mains[pos], last[pos], depths[pos]) for pos in range(len(levels))]
