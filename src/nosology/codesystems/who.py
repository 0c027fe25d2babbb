"""WHO ICD-10 2019 as a code system: its categories and subcategories (table ``who``), with a
designation in each language whose titles come from CIM-10 (table ``cim10``), which translates
WHO ICD-10 code for code. WHO codes nest by prefix, so subtrees are key ranges."""

from __future__ import annotations

from collections.abc import Sequence

from nosology.classification import Classification
from nosology.codes import compact
from nosology.codesystems.base import (
    CONCEPT_KINDS,
    CONCEPT_KINDS_SQL,
    CodeSystem,
    Concept,
    Page,
    SystemInfo,
)
from nosology.models import Item, LocalTitle

__all__ = ["WHO_ICD10", "WhoIcd10"]

WHO_ICD10 = SystemInfo(
    id="icd-10",
    url="http://hl7.org/fhir/sid/icd-10",
    oid="2.16.840.1.113883.6.3",
    version="2019",
    name="ICD10",
    short="ICD-10",
    title="ICD-10 2019 (World Health Organization)",
    publisher="World Health Organization",
    date="2019",
)

_SAME_MEANING = 4  # ICD-10-CM keeps the WHO meaning of a code up to its 4th character
FILTER_CAP = 1000  # concepts a title filter lists at most


def _range(root: Concept | None) -> tuple[str, str]:
    prefix = compact(root.code) if root is not None else ""
    return prefix, prefix + "~"


class WhoIcd10(CodeSystem):
    """WHO ICD-10 over the reference store.

    Args:
        classification: ICD-10-CM, for the store, the language registry and the CM item of the
            same meaning (what the pages explain).
    """

    info = WHO_ICD10

    def __init__(self, classification: Classification) -> None:
        self.classification = classification
        self.store = classification.store

    def concept(self, code: str) -> Concept | None:
        key = compact(code)
        if not key or len(key) > 10:
            return None
        found = self.concepts([key])
        return found[0] if found else None

    def concepts(self, codes: Sequence[str]) -> list[Concept]:
        """Three queries whatever the number of codes: their rows, which of them have children,
        their CIM-10 labels. Browsing a thousand concepts must not cost a thousand round trips."""
        keys = [compact(c) for c in codes if c]
        if not keys:
            return []
        cim_langs = [lang.code for lang in self.classification.languages.translated if lang.titles.kind == "cim10"]
        rows = {r["key"]: r for r in self.store.query_in("SELECT key, code, kind, title, parent FROM who WHERE key IN ({marks})", keys)}
        found = [r["code"] for r in rows.values()]
        parents = {r[0] for r in self.store.query_in("SELECT DISTINCT parent FROM who WHERE parent IN ({marks})", found)}
        labels = {r[0]: r[1] for r in self.store.query_in("SELECT key, title FROM cim10 WHERE key IN ({marks})", keys)}
        out: list[Concept] = []
        for key in keys:
            row = rows.get(key)
            if row is None or row["kind"] not in CONCEPT_KINDS:
                continue
            label = labels.get(key)
            titles = tuple(LocalTitle(lang, label, "exact", row["code"]) for lang in cim_langs if label)
            parent = row["parent"] if row["parent"] and "-" not in str(row["parent"]) else None
            out.append(Concept(system=self.info, code=row["code"], display=row["title"], selectable=row["code"] not in parents,
                               titles=titles, parent=parent))
        return out

    def children(self, concept: Concept) -> list[Concept]:
        key = compact(concept.code)
        rows = self.store.query("SELECT code FROM who WHERE key > ? AND key < ? ORDER BY key", (key, key + "~"))
        return self.concepts([r["code"] for r in rows if len(compact(r["code"])) == len(key) + 1])

    def subsumes(self, above: Concept, below: Concept) -> bool:
        return compact(below.code).startswith(compact(above.code))

    def count(self) -> int:
        return int(self.store.query_one(f"SELECT count(*) FROM who WHERE kind IN ({CONCEPT_KINDS_SQL})"))

    def browse(self, root: Concept | None, offset: int, count: int) -> Page:
        where = f"kind IN ({CONCEPT_KINDS_SQL}) AND key >= ? AND key < ?"
        bounds = _range(root)
        total = int(self.store.query_one(f"SELECT count(*) FROM who WHERE {where}", bounds))
        rows = self.store.query(f"SELECT code FROM who WHERE {where} ORDER BY key LIMIT ? OFFSET ?", (*bounds, count, offset))
        return Page(total, self.concepts([r["code"] for r in rows]))

    def filter(self, text: str, lang: str, root: Concept | None, offset: int, count: int) -> Page:
        """Titles with every word, in code order: at most FILTER_CAP of them."""
        patterns = [f"%{w}%" for w in text.lower().split()[:8]]
        sql = " AND ".join("lower(title) LIKE ?" for _ in patterns) or "1"
        rows = self.store.query(f"SELECT code FROM who WHERE {sql} AND kind IN ({CONCEPT_KINDS_SQL}) AND key >= ? AND key < ? ORDER BY key LIMIT ?",
                                (*patterns, *_range(root), FILTER_CAP))
        codes = [r["code"] for r in rows]
        return Page(len(codes), self.concepts(codes[offset : offset + count]))

    def explained_by(self, concept: Concept) -> Item | None:
        """The ICD-10-CM code with the same meaning: the same code up to 4 characters."""
        key = compact(concept.code)
        for n in range(min(len(key), _SAME_MEANING), 2, -1):
            item = self.classification.find(key[:n])
            if item is not None and item.kind in CONCEPT_KINDS:
                return item
        return None
