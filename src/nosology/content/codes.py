"""The ICD-10-CM codes an article may name, resolved against the reference database.

An article's ``codes`` entry is a code (``M61.2``), a block (``M60-M63``) or a range of codes
(``M61.4-M61.5``). Each resolves to a span of item numbers: items are numbered in pre-order,
so a code and everything below it is ``[seq, last_seq]``, and a range runs from its first
code to the last item below its last code.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Protocol

from nosology.codes import compact

__all__ = ["CodeResolver", "CodeSpan", "SqliteCodes"]


@dataclass(frozen=True)
class CodeSpan:
    code: str  # the official spelling: "M61.2", or "M61.4-M61.5" for a range
    first_seq: int
    last_seq: int

    @property
    def width(self) -> int:
        """How many items the span covers, less one: smaller is more specific."""
        return self.last_seq - self.first_seq

    def covers(self, seq: int) -> bool:
        return self.first_seq <= seq <= self.last_seq


class CodeResolver(Protocol):
    def span(self, text: str) -> CodeSpan | None:
        """The span of a code, block or range in any spelling, or None when it does not exist."""
        ...

    def near(self, text: str) -> list[str]:
        """Existing codes close to a wrong one (for "did you mean")."""
        ...

    def elsewhere(self, text: str) -> bool:
        """True when the code exists in WHO ICD-10 or the French CIM-10 (an article may cite them)."""
        ...


class SqliteCodes:
    """Resolves codes with the ``item`` and ``lookup`` tables of a (possibly half-built) database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _one(self, text: str) -> CodeSpan | None:
        key = compact(text)
        if not key or len(key) > 15:
            return None
        row = self.conn.execute(
            "SELECT i.code, i.seq, i.last_seq FROM lookup l JOIN item i ON i.seq = l.seq WHERE l.key = ?", (key,)
        ).fetchone()
        return None if row is None else CodeSpan(str(row[0]), int(row[1]), int(row[2]))

    def span(self, text: str) -> CodeSpan | None:
        found = self._one(text)
        if found is not None or text.count("-") != 1:
            return found
        first, last = (self._one(part) for part in text.split("-"))
        if first is None or last is None or first.first_seq > last.first_seq:
            return None
        return CodeSpan(f"{first.code}-{last.code}", first.first_seq, max(first.last_seq, last.last_seq))

    def elsewhere(self, text: str) -> bool:
        key = compact(text)
        try:
            row = self.conn.execute("SELECT 1 FROM cim10 WHERE key = ? UNION ALL SELECT 1 FROM who WHERE key = ?", (key, key)).fetchone()
        except sqlite3.OperationalError:  # a database without those tables (hand-made fixtures)
            return False
        return row is not None

    def near(self, text: str) -> list[str]:
        key = compact(text.split("-")[0])
        while len(key) > 3:
            key = key[:-1]
            found = self._one(key)
            if found is not None:
                rows = self.conn.execute("SELECT code FROM item WHERE parent = ? ORDER BY seq LIMIT 8", (found.first_seq,)).fetchall()
                return [found.code, *(str(r[0]) for r in rows)]
        found = self._one(key)
        return [found.code] if found is not None else []
