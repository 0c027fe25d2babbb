"""Build step: the classifications (ICD-10-CM, WHO ICD-10, CIM-10 FR) into the reference database."""

from __future__ import annotations

import sqlite3
from collections import Counter

from nosology.codes import with_dot
from nosology.ingest.french_alignment import align, parse_cim10, parse_who
from nosology.ingest.icd10cm import NOTE_KINDS, ParsedItem, parse_code_list, parse_tabular
from nosology.ingest.sources import SOURCES, sha256_file
from nosology.ingest.steps import BuildContext
from nosology.ingest.titles import language_titles

__all__ = ["build_classification"]


def build_classification(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    paths = {s.key: s.verified_path() for s in SOURCES}
    ctx.progress("Sources verified", total=4)
    items = parse_tabular(paths["icd10cm"], parse_code_list(paths["icd10cm_codes"]))
    ctx.progress("ICD-10-CM parsed")
    who = parse_who(paths["who"])
    cim = parse_cim10(paths["cim10"])
    fr, whos = align(items, who, cim)
    ctx.progress("WHO and CIM-10 aligned")

    billable_below = _billable_counts(items)
    rows = []
    for i in items:
        w = whos.get(i.seq)
        rows.append((
            i.seq, i.code, i.key, i.kind, i.title, i.parent, i.chapter, i.depth, int(i.billable), int(i.seventh),
            i.n_children, i.last_seq,
            w.code if w else None, w.title if w else None, w.level if w else None,
            billable_below[i.seq],
        ))
    conn.executemany(f"INSERT INTO item VALUES ({','.join('?' * 16)})", rows)
    title_levels: dict[str, dict[str, int]] = {}
    for language in ctx.languages.translated:
        titles = language_titles(language, items, {"cim10": fr})
        conn.executemany("INSERT INTO item_title VALUES (?, ?, ?, ?, ?)",
                         ((language.code, seq, t.title, t.level, t.code) for seq, t in titles.items()))
        title_levels[language.code] = dict(Counter(t.level for t in titles.values()))
    # pre-order puts a block before its same-named category, so the category (later) wins
    conn.executemany("INSERT OR REPLACE INTO lookup VALUES (?, ?)", ((i.key, i.seq) for i in items))
    conn.executemany("INSERT INTO note VALUES (?, ?, ?, ?, ?)", ((i.seq, k, n, t, lv) for i in items for n, (k, t, lv) in enumerate(i.notes)))
    conn.executemany("INSERT INTO seven_chr VALUES (?, ?, ?, ?)", ((i.seq, n, c, t) for i in items for n, (c, t) in enumerate(i.seven_chr)))
    conn.executemany("INSERT INTO who VALUES (?, ?, ?, ?, ?)", ((w.key, w.code, w.kind, w.title, w.parent) for w in who))
    conn.executemany("INSERT INTO cim10 VALUES (?, ?, ?)", ((k, with_dot(k), t) for k, t in cim.items()))
    ctx.progress("Classification stored")

    kinds = Counter(i.kind for i in items)
    notes = Counter(k for i in items for k, _, _ in i.notes)
    keys = {i.key for i in items}
    # a block whose only child (the next item in pre-order: items[seq], seq being 1-based) has its identifier
    single = sum(1 for i in items if i.kind == "block" and i.n_children == 1 and items[i.seq].key == i.key)
    ctx.meta["sources"] = [
        {"key": s.key, "title": s.title, "distribution": s.distribution, "file": s.relative_path, "sha256": sha256_file(paths[s.key])}
        for s in SOURCES
    ]
    ctx.meta["counts"] = {
        "items": len(items),
        "distinct_identifiers": len(keys),
        "by_kind": {k: kinds.get(k, 0) for k in ("chapter", "block", "category", "subcategory", "code")},
        "billable": sum(i.billable for i in items),
        "seventh_character_codes": sum(i.seventh for i in items),
        "blocks_sharing_identifier_with_their_category": single,
        "notes": {k: notes.get(k, 0) for k in NOTE_KINDS},
        "seven_chr_definitions": sum(1 for i in items if i.seven_chr),
        "seven_chr_characters": sum(len(i.seven_chr) for i in items),
        "titles": title_levels,
        "who": dict(Counter(w.level for w in whos.values())),
        "who_items": len(who),
        "cim10_labels": len(cim),
    }


def _billable_counts(items: list[ParsedItem]) -> dict[int, int]:
    """Billable codes in each item's subtree (pre-order: walk backwards, add each count to the parent)."""
    counts = {i.seq: int(i.billable) for i in items}
    for i in reversed(items):
        if i.parent is not None:
            counts[i.parent] += counts[i.seq]
    return counts
