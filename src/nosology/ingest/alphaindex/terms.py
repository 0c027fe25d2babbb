"""Search terms from the stored Index: every path names its code, table cells name theirs.

* an Index path ("Diabetes › type 2 › with › foot ulcer" for E11.621): the main term's first title
  (not "Diabetes, diabetic") then each subterm, as the Index is read. The parts are joined with
  "›", not commas, so the whole path is the term's head: "Pneumonia › psittacosis" is not "the
  condition pneumonia with a qualifier" for a search of ``pneumonia``. Kind ``index_main`` for a
  main term (the Index's default code for a bare condition name ranks first for it), ``index``
  below;
* a "see" reference that resolves to a term with a code gives the referring path to that code
  ("Abdominalgia" -> Pain, abdominal -> R10.9);
* a table cell: "Neoplasm of liver, malignant secondary" (C78.7), "Warfarin, adverse effect" (T45.515:
  the header, whose page asks for the 7th character).

Codes not valid in the 2026 tabular are never offered. An Index term with the same words as a
tabular title or inclusion term of its code adds nothing (the official text is shown instead), and a
main term whose words are the exact title of a code in another family gets no main-term weight:
the tabular title keeps the first place for its own words. Nor does an External Cause Index main term
whose name also heads a Disease Index main term ("Fracture": X58 there, T14.8 in the Disease Index):
an external cause code is never the first-listed diagnosis. A path whose last part is only connecting
words ("Gout › in": the CSV conversion lost the text after "in (due to)") says nothing of its code
and would match the bare main term exactly: it is not a search term (it stays on the pages).
"""

from __future__ import annotations

import sqlite3

from nosology.alphaindex.columns import column
from nosology.languages import ENGLISH
from nosology.search.normalise import fold

__all__ = ["SOURCE", "index_search_terms"]

_CONNECTING = ENGLISH.stop_words | {"due", "without", "except"}  # the Index is English
SOURCE = {
    "disease": "ICD-10-CM Index FY2025",
    "external": "ICD-10-CM External Cause Index FY2025",
    "neoplasm": "ICD-10-CM Table of Neoplasms FY2025",
    "drug": "ICD-10-CM Table of Drugs and Chemicals FY2025",
}


def _bag(text: str) -> tuple[str, ...]:
    return tuple(sorted(fold(text).split()))


def _names(title: str) -> set[str]:
    """The forms a main term names itself by: "Fall, falling (in) (from)" -> fall, falling."""
    return {fold(part.split("(")[0]) for part in title.split(",")} - {""}


def index_search_terms(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """``(term, lang, code, kind, source)`` rows for ``search_term``, in Index order."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'index_term'").fetchone() is None:
        return []
    titles: dict[int, tuple[int | None, str, int]] = {}
    for ident, parent, title, depth in conn.execute("SELECT id, parent, title, depth FROM index_term ORDER BY id"):
        titles[ident] = (parent, title, depth)

    def path(ident: int, book: str) -> list[str]:
        parts: list[str] = []
        at: int | None = ident
        while at is not None:
            parent, title, _ = titles[at]
            parts.append(title)
            at = parent
        parts.reverse()
        if book in ("neoplasm",):
            return parts[1:]  # the sites, without "Neoplasm, neoplastic"
        if len(parts) > 1:
            parts[0] = parts[0].split(",")[0]
        return parts

    codes: dict[int, list[tuple[int, str]]] = {}
    for term, col, code in conn.execute("SELECT term, col, code FROM index_code WHERE status != 'invalid' ORDER BY term, col"):
        codes.setdefault(term, []).append((col, code))
    official: set[tuple[str, tuple[str, ...]]] = set()
    titled: dict[tuple[str, ...], list[str]] = {}
    for code, text, kind in conn.execute(
        "SELECT code, title, 'title' FROM item UNION ALL SELECT i.code, n.text, 'note' FROM note n JOIN item i ON i.seq = n.seq "
        "WHERE n.kind IN ('inclusionTerm', 'includes')"
    ):
        bag = _bag(text)
        official.add((code, bag))
        if kind == "title":
            titled.setdefault(bag, []).append(code)
    rows: list[tuple[str, str, str, str, str]] = []

    def add(text: str, code: str, kind: str, source: str) -> None:
        bag = _bag(text)
        if (code, bag) in official:
            return
        if kind == "index_main" and any(not code.startswith(other) for other in titled.get(bag, [])):
            kind = "index"
        rows.append((text, "en", code, kind, source))

    # a name that heads a main term of both Indexes ("Fracture": T14.8 and X58; "Drowning": T75.1
# and W74, spelt "Drowned, drowning" in the Disease Index) is the disease's:
    # an external cause code is never the first-listed diagnosis (Official Guidelines I.C.20)
    disease_names = {n for (t,) in conn.execute("SELECT title FROM index_term WHERE book = 'disease' AND depth = 0") for n in _names(t)}
    for ident, book, depth, see_id in conn.execute("SELECT id, book, depth, CASE see_whole WHEN 1 THEN see_id END FROM index_term ORDER BY id"):
        main = depth == 0 and (book == "disease" or (book == "external" and disease_names.isdisjoint(_names(titles[ident][1]))))
        kind = "index_main" if main else "index"
        source = SOURCE[book]
        parts = path(ident, book)
        if book in ("neoplasm", "drug"):
            for col, code in codes.get(ident, []):
                c = column(book, col)
                if c is None:
                    continue
                if book == "neoplasm":
                    text = f"Neoplasm of {', '.join(parts)}, {c.label}" if parts else f"Neoplasm, {c.label}"
                else:
                    text = f"{', '.join(parts)}, {c.label}"
                add(text, code, kind, source)
            continue
        if depth and all(w in _CONNECTING for w in fold(parts[-1]).split()):
            continue
        text = " › ".join(parts)
        own = codes.get(ident, [])
        # a reference names the codes of its target when the term has none of its own
        targets = own or (codes.get(see_id, []) if see_id is not None else [])
        for _, code in targets:
            add(text, code, kind, source)
    return rows
