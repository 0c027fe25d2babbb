"""Read the stored Index: main terms by letter, a term with its subterm tree, look-up by path,
the table rows, and the entries that lead to a code."""

from __future__ import annotations

import difflib
import sqlite3
from collections.abc import Iterable, Sequence

from nosology.alphaindex.columns import column
from nosology.alphaindex.models import CodeRef, IndexEntry, IndexTerm, TableRow, TermNotFound
from nosology.search.normalise import fold
from nosology.store import ReferenceStore

__all__ = ["MAX_TERM_CHARS", "AlphabeticIndex"]

MAX_TERM_CHARS = 200  # longer than any Index path; longer input is refused, not searched
_TERM_COLUMNS = "id, book, letter, depth, parent, main, last, title, nemod, see, see_also, see_id, see_also_id, see_whole, path, trail, slug"
# the 2026 item each code names, its title, and (for 7th-character headers) the initial encounter
_CODES = (
    "SELECT c.term, c.col, c.printed, c.code, c.status, i.title, i.billable, "
    "(SELECT k.code FROM item k WHERE k.parent = i.seq AND k.seventh = 1 AND substr(k.code, -1) = 'A') "
    "FROM index_code c LEFT JOIN lookup l ON l.key = replace(c.code, '.', '') LEFT JOIN item i ON i.seq = l.seq "
)


class AlphabeticIndex:
    """The Index to Diseases and Injuries, the External Cause Index and the two tables.

    Every method reads the reference database (built by ``nosology build``); a term that does not
    exist raises :class:`TermNotFound` with the nearest main terms as suggestions."""

    def __init__(self, store: ReferenceStore) -> None:
        self.store = store

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        return self.store.query(sql, tuple(params))

    def _terms(self, where: str, params: Sequence[object] = (), *, codes: bool = True) -> list[IndexTerm]:
        terms = [IndexTerm(*r) for r in self._rows(f"SELECT {_TERM_COLUMNS} FROM index_term WHERE {where}", params)]
        if codes and terms:
            self._attach_codes(terms)
        return terms

    def _attach_codes(self, terms: list[IndexTerm]) -> None:
        by_id = {t.id: t for t in terms}
        lo, hi = min(by_id), max(by_id)
        if hi - lo < 4 * len(by_id) + 50:  # a subtree or a page: one range scan
            rows = self._rows(_CODES + "WHERE c.term BETWEEN ? AND ? ORDER BY c.term, c.col", (lo, hi))
        else:
            ids = list(by_id)
            rows = self._rows(_CODES + f"WHERE c.term IN ({','.join('?' * len(ids))}) ORDER BY c.term, c.col", ids)
        for r in rows:
            term = by_id.get(r[0])
            if term is not None:
                term.codes.append(CodeRef(r[2], r[3], r[4], r[1], r[5], bool(r[6]), r[7] if r[4] == "incomplete" else None))

    # -- browsing ------------------------------------------------------------------------------
    def letters(self, book: str = "disease") -> list[str]:
        return [str(r[0]) for r in self._rows("SELECT DISTINCT letter FROM index_term WHERE book = ? AND depth = 0 ORDER BY letter", (book,))]

    def main_terms(self, letter: str, book: str = "disease") -> list[IndexTerm]:
        """The main terms under ``letter``, in printed order, with their own codes (not their subterms)."""
        return self._terms("book = ? AND depth = 0 AND letter = ? ORDER BY id", (book, letter.upper()[:2]))

    def term(self, ref: str, levels: int | None = None) -> IndexTerm:
        """A term by id (``"1234"``) or main-term slug (``"impetigo"``), with its subterm tree
        (``levels`` deep, or all of it)."""
        ref = ref.strip()[:MAX_TERM_CHARS]
        found = self._terms("id = ?", (int(ref),), codes=False) if ref.isdigit() and len(ref) < 10 else self._terms("slug = ?", (ref.lower(),), codes=False)
        if not found:
            raise TermNotFound(f"No Index term {ref!r}.", suggestions=self.nearest(ref.replace("-", " ")))
        return self.subtree(found[0], levels)

    def subtree(self, term: IndexTerm, levels: int | None = None) -> IndexTerm:
        """``term`` with its subterms nested as printed, ``levels`` deep or all (one range read)."""
        deepest = term.depth + (levels if levels is not None else 99)
        every = self._terms("id BETWEEN ? AND ? AND depth <= ? ORDER BY id", (term.id, term.last, deepest))
        by_id = {t.id: t for t in every}
        for t in every[1:]:
            parent = by_id.get(t.parent) if t.parent is not None else None
            if parent is not None:
                parent.children.append(t)
        return every[0]

    def ancestors(self, term: IndexTerm) -> list[IndexTerm]:
        """The terms above ``term``, main term first."""
        out: list[IndexTerm] = []
        parent = term.parent
        while parent is not None:
            found = self._terms("id = ?", (parent,), codes=False)
            if not found:
                break
            out.append(found[0])
            parent = found[0].parent
        return out[::-1]

    def slugs_of(self, term_ids: list[int]) -> dict[int, str]:
        """Where each term is shown: its main term's slug and, for a subterm, its anchor
        (``impetigo``, ``pain-s#t1234``)."""
        if not term_ids:
            return {}
        rows = self._rows(
            f"SELECT t.id, m.slug, t.depth FROM index_term t JOIN index_term m ON m.id = t.main WHERE t.id IN ({','.join('?' * len(term_ids))})",
            term_ids,
        )
        return {int(r[0]): str(r[1]) + (f"#t{r[0]}" if r[2] else "") for r in rows}

    def main_of(self, term_id: int) -> IndexTerm | None:
        found = self._terms("id = (SELECT main FROM index_term WHERE id = ?)", (term_id,), codes=False)
        return found[0] if found else None

    # -- look-up -------------------------------------------------------------------------------
    def lookup(self, text: str, book: str | None = None, limit: int = 20) -> list[IndexTerm]:
        """Terms for what a coder types: a path as printed ("Pain, abdominal"), else main terms
        whose title starts with the words typed. Raises TermNotFound (with the nearest terms)."""
        text = text.strip()[:MAX_TERM_CHARS]
        key = fold(text)
        if not key:
            raise TermNotFound("Type an Index term, e.g. Impetigo or Pain, abdominal.")
        books = (book,) if book else ("disease", "external", "neoplasm", "drug")
        marks = ",".join("?" * len(books))
        found: list[IndexTerm] = []
        if "," in text:
            term = self._path(text, books)
            if term is not None:
                found.append(term)
        exact = self._terms(f"book IN ({marks}) AND depth = 0 AND key = ? ORDER BY id LIMIT ?", (*books, key, limit))
        starts = self._terms(f"book IN ({marks}) AND depth = 0 AND key > ? AND key < ? ORDER BY length(key), id LIMIT ?",
                             (*books, key, key + "\uffff", limit))
        result = list({t.id: t for t in (*found, *exact, *starts)}.values())
        if not result:
            raise TermNotFound(f"No Index term for {text[:80]!r}.", suggestions=self.nearest(text))
        return result[:limit]

    def _path(self, text: str, books: Iterable[str]) -> IndexTerm | None:
        """The deepest term a printed path names: the longest run of parts that is a main term's
        title (main titles have commas too: "Abdomen, abdominal"), then one part per subterm."""
        parts = [fold(p) for p in text.split(",") if fold(p)]
        for book in books:
            start: tuple[IndexTerm, int] | None = None
            for n in range(len(parts), 0, -1):
                mains = self._terms("book = ? AND depth = 0 AND key = ? ORDER BY id LIMIT 1", (book, " ".join(parts[:n])), codes=False)
                if mains:
                    start = (mains[0], n)
                    break
            if start is None:  # "Pain" for the main term "Pain(s)"
                mains = self._terms("book = ? AND depth = 0 AND key LIKE ? ORDER BY length(key), id LIMIT 1", (book, parts[0] + " %"), codes=False)
                start = (mains[0], 1) if mains else None
            if start is None:
                continue
            at, used = start
            while used < len(parts):
                # "femur" names the subterm "femur, femoral"
                kids = self._terms("parent = ? AND (key = ? OR key LIKE ?) ORDER BY key != ?, id LIMIT 1",
                                   (at.id, parts[used], parts[used] + " %", parts[used]), codes=False)
                if not kids:
                    break
                at, used = kids[0], used + 1
            return self._terms("id = ?", (at.id,))[0]
        return None

    def nearest(self, text: str, n: int = 8) -> list[str]:
        """Slugs of the main terms closest in spelling to ``text`` (for "did you mean")."""
        key = fold(text)[:60]
        if not key:
            return []
        rows = self._rows("SELECT slug, key FROM index_term WHERE depth = 0 AND book = 'disease' AND substr(key, 1, 1) = ?", (key[:1],))
        keys = {str(r[1]): str(r[0]) for r in rows}
        close = difflib.get_close_matches(key, list(keys), n=n, cutoff=0.6)
        if len(close) < n:
            close += [k for k in sorted(keys) if k.startswith(key[:4]) and k not in close][: n - len(close)]
        return [keys[k] for k in close]

    # -- the tables ----------------------------------------------------------------------------
    def table(self, book: str, text: str | None = None, limit: int = 200, offset: int = 0) -> tuple[list[TableRow], int]:
        """Rows of the Table of Neoplasms (``neoplasm``) or of Drugs and Chemicals (``drug``), in
        printed order, optionally only those whose path contains ``text``; and how many match."""
        where, params = "book = ?", [book]
        key = fold(text or "")[:MAX_TERM_CHARS]
        if key:
            where += " AND (' ' || lower(path) || ' ') LIKE ?"
            params.append("%" + key.replace("%", "").replace("_", "") + "%")
        total = int(self._rows(f"SELECT count(*) FROM index_term WHERE {where}", params)[0][0])
        terms = self._terms(f"{where} ORDER BY id LIMIT ? OFFSET ?", [*params, max(1, min(limit, 500)), max(0, offset)])
        return [TableRow(t, {c.col: c for c in t.codes}) for t in terms], total

    def headings(self, book: str) -> dict[int, str]:
        return {int(r[0]): str(r[1]) for r in self._rows("SELECT col, text FROM index_heading WHERE book = ? ORDER BY col", (book,))}

    # -- from a code ---------------------------------------------------------------------------
    def entries_for(self, code: str, limit: int = 60) -> list[IndexEntry]:
        """The Index paths and table cells that name ``code`` (a 2026 code spelling), Index first."""
        rows = self._rows(
            "SELECT t.id, t.book, t.trail, c.col, c.status, m.slug FROM index_code c JOIN index_term t ON t.id = c.term "
            "JOIN index_term m ON m.id = t.main WHERE c.code = ? "
            "ORDER BY CASE t.book WHEN 'disease' THEN 0 WHEN 'external' THEN 1 ELSE 2 END, t.depth, t.id LIMIT ?",
            (code, limit),
        )
        entries = []
        for r in rows:
            c = column(str(r[1]), int(r[3]))
            entries.append(IndexEntry(int(r[0]), str(r[1]), str(r[2]), int(r[3]), c.label if c else None, str(r[4]), str(r[5] or "")))
        return entries

    def counts(self) -> dict[str, object]:
        meta = self.store.meta().get("alphabetic_index")
        return dict(meta) if isinstance(meta, dict) else {}
