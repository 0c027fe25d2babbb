"""Build step: MS-DRG v43 severity of every secondary diagnosis (Tables 6I, 6J and 6K).

6I and 6J are the complete MCC and CC lists; 6K Part 1 repeats each CC/MCC with the number of
its PDX exclusion collection (the principal diagnoses that cancel it), then lists every
collection; Part 2 lists the codes that are a CC/MCC only when the patient is discharged alive.
Part 3 (exclusions inside a few MS-DRGs) is not carried.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from nosology.errors import SourceChecksumMismatch
from nosology.ingest.sources import Source, sha256_file
from nosology.ingest.steps import BuildContext
from nosology.ingest.year_sources import DRG_CC, DRG_EXCLUSIONS, DRG_MCC, DRG_SOURCES

__all__ = ["DRG_VERSION", "build_drg", "parse_exclusions", "parse_severity_list"]

DRG_VERSION = "43"
# Codes as CMS writes them: a letter, then letters or digits (QA0.0101 and F01.A11 exist).
_LIST_LINE = re.compile(r"^([A-Z][0-9A-Z]{2}(?:\.[0-9A-Z]{1,4})?)\t")
_PART1 = re.compile(r"^ ([A-Z][0-9A-Z]{2,6})\s+(CC|MCC)\s+(?:(\d{4}):[\d,]+ codes?|No Excl)\s")
_COLLECTION = re.compile(r"^PDX collection (\d{4})\s*$")
_MEMBER = re.compile(r"^  ([A-Z][0-9A-Z]{2,6})\s")


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="latin-1", newline="") as f:  # CMS text files: CRLF, occasional non-UTF-8 bytes
        for line in f:
            yield line.rstrip("\r\n")


def parse_severity_list(path: Path) -> list[str]:
    """Keys of a complete MCC or CC list (Table 6I or 6J): one code and its title per line."""
    return [m.group(1).replace(".", "") for line in _lines(path) if (m := _LIST_LINE.match(line))]


def parse_exclusions(path: Path) -> tuple[dict[str, tuple[str, int | None]], dict[int, list[str]], list[str]]:
    """Table 6K: key -> (level, collection or None for "No Excl"), collection -> principal
    diagnoses, and Part 2's keys."""
    levels: dict[str, tuple[str, int | None]] = {}
    collections: dict[int, list[str]] = {}
    alive: list[str] = []
    part, collection = 1, None
    for line in _lines(path):
        if line.startswith("K Part 2"):
            part, collection = 2, None
        elif line.startswith("K Part 3"):
            break
        elif (c := _COLLECTION.match(line)) is not None:
            collection = int(c.group(1))
            collections[collection] = []
        elif part == 1 and collection is None and (m := _PART1.match(line)) is not None:
            levels[m.group(1)] = (m.group(2), int(m.group(3)) if m.group(3) else None)
        elif (m := _MEMBER.match(line)) is not None:
            if collection is not None:
                collections[collection].append(m.group(1))
            elif part == 2:
                alive.append(m.group(1))
    return levels, collections, alive


def build_drg(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    paths = {s.key: s.verified_path() for s in DRG_SOURCES}
    mcc = parse_severity_list(paths[DRG_MCC.key])
    cc = parse_severity_list(paths[DRG_CC.key])
    levels, collections, alive = parse_exclusions(paths[DRG_EXCLUSIONS.key])
    lists = {key: "mcc" for key in mcc} | {key: "cc" for key in cc}
    if len(lists) != len(mcc) + len(cc):
        raise SourceChecksumMismatch("MS-DRG v43: a code is on both the MCC and the CC list")
    # 6K must agree with 6I/6J code for code; a disagreement means a misread file, not data to keep
    disagree = sorted(k for k in lists.keys() | levels.keys() if lists.get(k) != (levels[k][0].lower() if k in levels else None))
    if disagree:
        raise SourceChecksumMismatch(f"MS-DRG v43: Tables 6I/6J and 6K disagree on {len(disagree)} codes, e.g. {disagree[:5]}")
    alive_set = set(alive)
    conn.executemany(
        "INSERT INTO drg_severity VALUES (?, ?, ?, ?)",
        ((key, level, levels[key][1], int(key in alive_set)) for key, level in lists.items()),
    )
    conn.executemany("INSERT OR IGNORE INTO drg_pdx VALUES (?, ?)", ((n, key) for n, keys in collections.items() for key in keys))
    current = {r[0] for r in conn.execute("SELECT key FROM item WHERE billable = 1")}
    ctx.progress("MS-DRG v43 severity stored")
    ctx.meta.setdefault("sources", []).extend(_source_meta(s, paths[s.key]) for s in DRG_SOURCES)
    ctx.meta["drg"] = {
        "version": DRG_VERSION,
        "mcc": len(mcc),
        "cc": len(cc),
        "pdx_collections": len(collections),
        "discharged_alive_only": len(alive_set),
        "not_billable_in_current_year": sum(1 for k in lists if k not in current),
        "by_level": dict(Counter(lists.values())),
    }


def _source_meta(source: Source, path: Path) -> dict[str, str]:
    return {"key": source.key, "title": source.title, "distribution": source.distribution, "file": source.relative_path, "sha256": sha256_file(path)}
