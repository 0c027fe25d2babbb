"""The indexed terms held in memory, compactly, so ranking candidates costs no SQL round trips.

About 135k terms in parallel arrays (a few bytes each) plus one string of stems per term: some
15 MB, loaded in well under a second. A :class:`Doc` is built only for the few hundred candidates
of a query. The term text itself stays in SQLite and is read only for the hits returned.
"""

from __future__ import annotations

from array import array
from typing import NamedTuple

from nosology.store import ReferenceStore

__all__ = ["Doc", "DocTable"]


class Doc(NamedTuple):
    seq: int
    kind: str  # search_term kind
    lang: str
    stems: tuple[str, ...]
    head: tuple[str, ...]  # the stems of the part before the first comma
    term_id: int
    code_len: int  # characters of the code without its dot: 3 for a category, 7 for a 7th-character code
    item_kind: str


class DocTable:
    def __init__(self, seq: array[int], term_id: array[int], small: array[int], stems: list[str], names: list[str]) -> None:
        self._seq = seq
        self._term_id = term_id
        self._small = small  # 5 bytes per doc: kind, lang, item kind (indexes into names), head length, code length
        self._stems = stems
        self._names = names

    @classmethod
    def load(cls, store: ReferenceStore) -> DocTable:
        seq, term_id, small = array("i", [0]), array("i", [0]), array("B", [0, 0, 0, 0, 0])
        stems: list[str] = [""]
        names: list[str] = []
        index: dict[str, int] = {}

        def name(value: str) -> int:
            found = index.get(value)
            if found is None:
                found = index[value] = len(names)
                names.append(value)
            return found

        cursor = store.connection().execute(
            "SELECT id, seq, term_id, kind, lang, item_kind, head_len, code_len, stems FROM search_doc ORDER BY id"
        )
        for doc_id, s, t, kind, lang, item_kind, head_len, code_len, text in cursor:
            if doc_id != len(stems):  # ids are dense from 1; a gap would shift every later doc
                raise ValueError(f"search_doc ids are not dense at {doc_id}")
            seq.append(s)
            term_id.append(t)
            small.extend((name(kind), name(lang), name(item_kind), min(head_len, 255), min(code_len, 255)))
            stems.append(text)
        return cls(seq, term_id, small, stems, names)

    def get(self, doc_id: int) -> Doc | None:
        if not 0 < doc_id < len(self._stems):
            return None
        names, small, at = self._names, self._small, doc_id * 5
        stems = tuple(self._stems[doc_id].split())
        return Doc(self._seq[doc_id], names[small[at]], names[small[at + 1]], stems, stems[: small[at + 3]],
                   self._term_id[doc_id], small[at + 4], names[small[at + 2]])

    def seq_of(self, doc_id: int) -> int:
        """The item of a doc, without building the :class:`Doc`."""
        return self._seq[doc_id]

    def __len__(self) -> int:
        return len(self._stems) - 1
