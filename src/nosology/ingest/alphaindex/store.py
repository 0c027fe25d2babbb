"""Build step: the Index and its tables into the reference database, every code checked.

Each printed code is compared with the ICD-10-CM April 2026 tabular (the ``item`` table, which the
classification step filled): ``complete`` (a billable code that exists), ``incomplete`` (it ends
in ``-`` or names a header: more characters are needed) or ``invalid`` (not in the 2026 tabular:
shown as such, never offered as a search answer). "See" and "see also" references are resolved
to the term they name, as deep as the path goes.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass

from nosology.codes import compact
from nosology.ingest.alphaindex.files import INDEX_FILES
from nosology.ingest.alphaindex.parse import (
    Node,
    RawTerm,
    TableHeading,
    parse_disease_csv,
    parse_xml,
    tree,
)
from nosology.ingest.steps import BuildContext
from nosology.search.normalise import fold as _fold

__all__ = ["Book", "build_alphabetic_index", "check_code", "resolve_reference", "store_books"]

_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Titles repeat ("specified NEC", "with"): each is folded once per build."""
    return _fold(text)


_PARENTHESES = re.compile(r"\([^)]*\)")


@dataclass
class Book:
    key: str
    terms: list[RawTerm]
    headings: list[TableHeading]


def build_alphabetic_index(conn: sqlite3.Connection, ctx: BuildContext) -> None:
    books = []
    for f in INDEX_FILES:
        data = f.read_verified()
        if f.key == "disease":
            books.append(Book(f.key, parse_disease_csv(data), []))
        else:
            headings, terms = parse_xml(data)
            books.append(Book(f.key, terms, headings))
    ctx.progress("Alphabetic Index parsed")
    counts = store_books(conn, books)
    # the files' provenance is listed with every source's (ingest/sources.py, classification step)
    ctx.meta["alphabetic_index"] = {"edition": "FY2025 (April 1, 2025)", "tabular": "FY2026 (April 1, 2026)", **counts}


def check_code(printed: str, known: dict[str, tuple[str, bool]]) -> tuple[str | None, str]:
    """``(2026 code, status)`` of a printed code; ``known`` maps lookup keys to (code, billable)."""
    dash = printed.endswith("-")
    found = known.get(compact(printed.rstrip("-").rstrip(".")))
    if found is None:
        return None, "invalid"
    code, billable = found
    return code, ("complete" if billable and not dash else "incomplete")


def resolve_reference(text: str, mains: dict[str, int], children: dict[int, dict[str, int]]) -> tuple[int | None, bool]:
    """The term a "see" text names (``Pain, abdominal``) and whether the whole text resolved.

    Main-term titles contain commas themselves ("Abdomen, abdominal"), so the longest run of
    comma-separated parts that names a main term wins, then each following part (or run) a child."""
    parts = _parts(text)
    for n in range(len(parts), 0, -1):
        found = mains.get(fold(", ".join(parts[:n])))
        if found is not None:
            at, used = _descend(found, parts, n, children)
            return at, used == len(parts)
    return None, False


def _parts(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def _descend(at: int, parts: list[str], used: int, children: dict[int, dict[str, int]]) -> tuple[int, int]:
    """From term ``at``, follow the remaining parts down its subterms; the deepest term reached and
    how many parts that used."""
    while used < len(parts):
        kids = children.get(at, {})
        step = None
        for n in range(len(parts) - used, 0, -1):
            step = kids.get(fold(", ".join(parts[used : used + n])))
            if step is not None:
                used += n
                break
        if step is None:
            break
        at = step
    return at, used


def _slug(title: str, taken: set[str], book: str) -> str:
    base = _SLUG.sub("-", fold(title)).strip("-") or "term"
    for candidate in (base, f"{base}-{book}"):
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    n = 2
    while f"{base}-{book}-{n}" in taken:
        n += 1
    taken.add(f"{base}-{book}-{n}")
    return f"{base}-{book}-{n}"


@dataclass
class _Names:
    mains: dict[str, int]
    # each comma part of a main title, and the title without its parentheses: "see Arrest, cardiac"
    # names "Arrest, arrested", "see Fracture, femur" one of the main terms "Fracture, ..."
    aliases: dict[str, list[int]]
    children: dict[int, dict[str, int]]

    def add_main(self, title: str, ident: int) -> None:
        self.mains.setdefault(fold(title), ident)
        keys = {fold(_PARENTHESES.sub("", title))} | {fold(p) for p in title.split(",") if p.strip()}
        for key in keys:
            self.aliases.setdefault(key, []).append(ident)

    def resolve(self, text: str) -> tuple[int | None, bool]:
        found = resolve_reference(text, self.mains, self.children)
        if found[1]:
            return found
        parts = _parts(text)
        best: tuple[int, int] | None = None
        for candidate in self.aliases.get(fold(parts[0]), []) if parts else []:
            reached = _descend(candidate, parts, 1, self.children)
            if best is None or reached[1] > best[1]:
                best = reached
        if best is None or (found[0] is not None and best[1] <= 1):
            return found
        return best[0], best[1] == len(parts)


def store_books(conn: sqlite3.Connection, books: list[Book]) -> dict[str, object]:
    """Store the parsed books (ids in document order across books) and return their counts."""
    known = {key: (code, bool(billable)) for key, code, billable in conn.execute("SELECT key, code, billable FROM item")}
    term_rows: list[tuple[object, ...]] = []
    code_rows: list[tuple[object, ...]] = []
    taken: set[str] = set()
    counts: dict[str, object] = {}
    layout: list[tuple[Book, int, list[Node], list[list[str]]]] = []
    names: dict[str, _Names] = {}
    next_id = 1
    for book in books:
        nodes = tree([t.level for t in book.terms])
        first = next_id
        book_names = names[book.key] = _Names({}, {}, {})
        paths: list[list[str]] = []
        for term, node in zip(book.terms, nodes, strict=True):
            ident = first + node.pos
            path = [*paths[node.parent], term.title] if node.parent is not None else [term.title]
            paths.append(path)
            if node.parent is None:
                book_names.add_main(term.title, ident)
            else:
                kids = book_names.children.setdefault(first + node.parent, {})
                kids.setdefault(fold(term.title), ident)
                for part in term.title.split(","):
                    kids.setdefault(fold(part), ident)
        layout.append((book, first, nodes, paths))
        next_id += len(book.terms)

    def resolve(book: str, text: str) -> tuple[int | None, bool]:
        """In the book itself first, then in the others ("see Neoplasm, bone, malignant")."""
        best: tuple[int | None, bool] = names[book].resolve(text)
        for other in names:
            if best[1]:
                break
            if other != book:
                found = names[other].resolve(text)
                if found[0] is not None and (best[0] is None or found[1]):
                    best = found
        return best

    for book, first, nodes, paths in layout:
        classes: Counter[str] = Counter()
        per_column: dict[int, Counter[str]] = {}
        refs: Counter[str] = Counter()
        for term, node, path in zip(book.terms, nodes, paths, strict=True):
            ident = first + node.pos
            see_id = see_also_id = None
            whole = False
            if term.see:
                see_id, whole = resolve(book.key, term.see)
                refs["see_resolved" if whole else ("see_partial" if see_id else "see_unresolved")] += 1
            see_whole = whole
            if term.see_also:
                see_also_id, whole = resolve(book.key, term.see_also)
                refs["see_also_resolved" if whole else ("see_also_partial" if see_also_id else "see_also_unresolved")] += 1
            slug = _slug(term.title, taken, book.key) if node.parent is None else None
            term_rows.append((
                ident, book.key, term.letter, node.depth, None if node.parent is None else first + node.parent,
                first + node.main, first + node.last, term.title, term.nemod, term.see, term.see_also, see_id, see_also_id, int(see_whole),
                ", ".join(path), " › ".join(path), slug, fold(term.title),
            ))
            for col, printed in term.codes:
                code, status = check_code(printed, known)
                classes[status] += 1
                per_column.setdefault(col, Counter())[status] += 1
                code_rows.append((ident, col, printed, code, status))
        conn.executemany("INSERT INTO index_heading VALUES (?, ?, ?)", ((book.key, h.col, h.text) for h in book.headings))
        counts[book.key] = {
            "rows": len(book.terms),
            "main_terms": sum(1 for n in nodes if n.parent is None),
            "codes": {k: classes.get(k, 0) for k in ("complete", "incomplete", "invalid")},
            **({"cells_per_column": {str(c): dict(v) for c, v in sorted(per_column.items())}} if book.headings else {}),
            "see": sum(1 for t in book.terms if t.see),
            "see_also": sum(1 for t in book.terms if t.see_also),
            "nemod": sum(1 for t in book.terms if t.nemod),
            "references": dict(sorted(refs.items())),
        }
    conn.executemany(f"INSERT INTO index_term VALUES ({','.join('?' * 18)})", term_rows)
    conn.executemany("INSERT INTO index_code VALUES (?, ?, ?, ?, ?)", code_rows)
    return counts
