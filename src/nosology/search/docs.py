"""The indexed terms held in memory (compactly) so ranking candidates costs no SQL round trips.

About 130k terms: a tuple each, stems interned so every distinct stem exists once. The term text
itself stays in SQLite and is read only for the few hits returned.
"""

from __future__ import annotations

import sys
from typing import NamedTuple

from nosology.store import ReferenceStore

__all__ = ["Doc", "DocTable"]


class Doc(NamedTuple):
    seq: int
    kind: str  # search_term kind
    lang: str
    stems: tuple[str, ...]
    head: tuple[str, ...]
    term_id: int
    code_len: int  # characters of the code without its dot: 3 for a category, 7 for a 7th-character code
    item_kind: str


class DocTable:
    def __init__(self, docs: list[Doc | None]) -> None:
        self._docs = docs  # index = search_doc.id (slot 0 unused)

    @classmethod
    def load(cls, store: ReferenceStore) -> DocTable:
        intern = sys.intern
        shared: dict[str, tuple[str, ...]] = {}

        def split(text: str) -> tuple[str, ...]:
            found = shared.get(text)
            if found is None:
                found = shared[text] = tuple(intern(s) for s in text.split())
            return found

        rows = store.connection().execute(
            "SELECT d.id, d.seq, d.kind, d.lang, d.stems, d.head, d.term_id, i.code, i.kind "
            "FROM search_doc d JOIN item i ON i.seq = d.seq ORDER BY d.id"
        ).fetchall()
        docs: list[Doc | None] = [None] * ((rows[-1][0] + 1) if rows else 1)
        kinds: dict[str, str] = {}
        for doc_id, seq, kind, lang, stems, head, term_id, code, item_kind in rows:
            docs[doc_id] = Doc(
                seq, kinds.setdefault(kind, kind), kinds.setdefault(lang, lang), split(stems), split(head), term_id,
                len(code) - code.count("."), kinds.setdefault(item_kind, item_kind),
            )
        return cls(docs)

    def get(self, doc_id: int) -> Doc | None:
        return self._docs[doc_id] if 0 < doc_id < len(self._docs) else None

    def __len__(self) -> int:
        return len(self._docs) - 1
