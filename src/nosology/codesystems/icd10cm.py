"""ICD-10-CM as a code system: its categories, subcategories and codes (table ``item``), the
Alphabetic Index paths as synonyms, and the earlier fiscal years (the code history) as versions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from nosology.classification import Classification
from nosology.codesystems.base import (
    CONCEPT_KINDS,
    CONCEPT_KINDS_SQL,
    CodeSystem,
    Concept,
    Page,
    PastConcept,
    Property,
    PropertyValue,
    SystemInfo,
    Unknown,
)
from nosology.errors import UnknownCodeSystem
from nosology.models import Item

if TYPE_CHECKING:
    from nosology.history import History
    from nosology.search.engine import SearchEngine

__all__ = ["ICD10CM", "Icd10Cm"]

ICD10CM = SystemInfo(
    id="icd-10-cm",
    url="http://hl7.org/fhir/sid/icd-10-cm",
    oid="2.16.840.1.113883.6.90",
    version="2026",
    name="ICD10CM",
    short="ICD-10-CM",
    title="ICD-10-CM 2026 (April 1, 2026 release)",
    publisher="National Center for Health Statistics (NCHS), CDC",
    date="2026-04-01",
    selectable_term="billable",
)

FILTER_CAP = 1000  # title matches added inside a subtree
# Note kinds reported as properties; excludes notes of ancestors apply to the code too.
_NOTE_PROPERTIES = {"inclusionTerm": "inclusion", "includes": "includes", "excludes1": "excludes1", "excludes2": "excludes2"}
_INHERITED = {"excludes1", "excludes2"}


class Icd10Cm(CodeSystem):
    """ICD-10-CM over the classification.

    Args:
        classification: the tabular list.
        search: gives the search engine (ranks ``$expand`` filters); called on first use.
        index_paths: the Alphabetic Index paths that lead to a code (its synonyms).
        history: gives the code history (the earlier fiscal years); called on first use.
    """

    info = ICD10CM
    properties = (
        Property("billable", "boolean", "A billable ICD-10-CM code (a leaf of the tabular list)"),
        Property("inclusion", "string", "An inclusion term of the code"),
        Property("includes", "string", "An 'Includes' note of the code"),
        Property("excludes1", "string", "An 'Excludes1' note (of the code or an ancestor): never coded together"),
        Property("excludes2", "string", "An 'Excludes2' note (of the code or an ancestor): not included here, may be coded together"),
    )

    def __init__(self, classification: Classification, *, search: Callable[[], SearchEngine],
                 index_paths: Callable[[str], list[str]], history: Callable[[], History]) -> None:
        self.classification = classification
        self._search = search
        self._index_paths = index_paths
        self._history = history
        self._groups: frozenset[int] | None = None  # seqs of the chapters and blocks, read once

    def _group_seqs(self) -> frozenset[int]:
        """The items that are no concept (chapters, blocks): a few hundred, read on first use
        instead of a scan of every item per filtered expansion."""
        if self._groups is None:
            rows = self.classification.store.query(f"SELECT seq FROM item WHERE kind NOT IN ({CONCEPT_KINDS_SQL})")
            self._groups = frozenset(r[0] for r in rows)
        return self._groups

    def of_item(self, item: Item) -> Concept:
        parent = self.classification.item(item.parent) if item.parent is not None else None
        return Concept(system=self.info, code=item.code, display=item.title, selectable=item.billable, titles=item.titles,
                       parent=parent.code if parent is not None and parent.kind in CONCEPT_KINDS else None, item=item)

    def _of_items(self, items: Iterable[Item]) -> list[Concept]:
        return [self.of_item(i) for i in items if i.kind in CONCEPT_KINDS]

    def concept(self, code: str) -> Concept | None:
        item = self.classification.find(code)
        return self.of_item(item) if item is not None and item.kind in CONCEPT_KINDS else None

    def concepts(self, codes: Sequence[str]) -> list[Concept]:
        found = (self.classification.find(c) for c in codes)
        return self._of_items(i for i in found if i is not None)

    def children(self, concept: Concept) -> list[Concept]:
        return self._of_items(self.classification.children(concept.item)) if concept.item is not None else []

    def subsumes(self, above: Concept, below: Concept) -> bool:
        if above.item is None or below.item is None:
            return False
        return self.classification.subsumes(above.item, below.item)

    def count(self) -> int:
        by_kind = self.classification.store.meta()["counts"]["by_kind"]
        return sum(int(by_kind.get(k, 0)) for k in CONCEPT_KINDS)

    def browse(self, root: Concept | None, offset: int, count: int) -> Page:
        store = self.classification.store
        seqs: Iterable[int]
        if root is not None and root.item is not None:
            # Below a code there are only codes, numbered in pre-order without gaps.
            item = root.item
            total = item.last_seq - item.seq + 1
            seqs = range(item.seq + offset, min(item.seq + offset + count, item.last_seq + 1))
        else:
            total = self.count()
            seqs = [r[0] for r in store.query(f"SELECT seq FROM item WHERE seq >= ? AND kind IN ({CONCEPT_KINDS_SQL}) ORDER BY seq LIMIT ?",
                                              (self._nth_concept_seq(offset), count))]
        return Page(total, [self.of_item(i) for i in self.classification.items(seqs)])

    def _nth_concept_seq(self, offset: int) -> int:
        """The seq of the concept at ``offset`` in classification order, without scanning up to it:
        items are numbered 1..N without gaps, and only the few hundred chapters and blocks (found
        through the parent index) are not concepts."""
        store = self.classification.store
        skipped: list[int] = []
        frontier = [r[0] for r in store.query("SELECT seq FROM item WHERE parent IS NULL")]
        while frontier:
            skipped.extend(frontier)
            frontier = [r[0] for r in store.query_in("SELECT seq FROM item WHERE parent IN ({marks}) AND kind IN ('chapter', 'block')",
                                                     frontier)]
        seq = offset + 1
        for other in sorted(skipped):
            if other > seq:
                break
            seq += 1
        return seq

    def filter(self, text: str, lang: str, root: Concept | None, offset: int, count: int) -> Page:
        """The search engine's whole answer (computed once, kept by the engine for the next
        page), so ``total`` is exact; inside a subtree, title matches the engine does not answer
        follow its own (at most FILTER_CAP of them)."""
        low, high = (root.item.seq, root.item.last_seq) if root is not None and root.item is not None else (0, 1 << 62)
        general = self._group_seqs()
        seqs = [s for s in self._search().ranked_seqs(text, lang=lang) if low <= s <= high and s not in general]
        if root is not None:
            seen = set(seqs)
            seqs += [i.seq for i in self._title_items(text, lang, low, high, FILTER_CAP) if i.seq not in seen]
        return Page(len(seqs), [self.of_item(self.classification.item(s)) for s in seqs[offset : offset + count]])

    def _title_items(self, text: str, lang: str, low: int, high: int, cap: int) -> list[Item]:
        """Items between ``low`` and ``high`` whose title in ``lang`` has every word, in classification order."""
        patterns = [f"%{w}%" for w in text.lower().split()[:8]]
        store = self.classification.store
        if lang == self.classification.languages.default.code:
            sql = " AND ".join("lower(title) LIKE ?" for _ in patterns) or "1"
            rows = store.query(f"SELECT seq FROM item WHERE seq BETWEEN ? AND ? AND {sql} AND kind IN ({CONCEPT_KINDS_SQL}) ORDER BY seq LIMIT ?",
                               (low, high, *patterns, cap))
        else:
            sql = " AND ".join("lower(t.title) LIKE ?" for _ in patterns) or "1"
            rows = store.query(
                f"SELECT i.seq FROM item i JOIN item_title t ON t.seq = i.seq AND t.lang = ? WHERE i.seq BETWEEN ? AND ? AND {sql} "
                f"AND i.kind IN ({CONCEPT_KINDS_SQL}) ORDER BY i.seq LIMIT ?", (lang, low, high, *patterns, cap))
        return self.classification.items(r[0] for r in rows)

    def property_values(self, concept: Concept) -> list[PropertyValue]:
        found = [PropertyValue("billable", concept.selectable, "valueBoolean")]
        if concept.item is None:
            return found
        for group in self.classification.notes(concept.item):
            name = _NOTE_PROPERTIES.get(group.kind)
            if name is None or (group.inherited and group.kind not in _INHERITED):
                continue
            found.extend(PropertyValue(name, f"{text} [note of {group.owner}]" if group.inherited else text, "valueString")
                         for text in group.printed())
        return found

    def synonyms(self, concept: Concept) -> list[str]:
        return self._index_paths(concept.code)

    def unknown(self, code: str) -> Unknown:
        retired = self._history().retirement(code)
        check = self.classification.validate(code)
        return Unknown(reason=check.message, retired=retired.message if retired is not None else None,
                       suggestions=list(check.suggestions))

    def past_version(self, version: str | None) -> str | None:
        if not version or version == self.info.version:
            return None
        years = self._history().years()
        text = version.strip().upper().removeprefix("FY")
        if text.isdigit() and int(text) in years[:-1]:
            return str(int(text))
        raise UnknownCodeSystem(f"{self.info.url} version {version[:20]!r} is not available; "
                                f"this server has versions {', '.join(map(str, years))}")

    def past_concept(self, code: str, version: str) -> PastConcept | None:
        history = self._history()
        found = history.title_in(code, int(version))
        record = history.of(code)
        if found is None or record is None:
            return None
        title, billable = found
        message = None
        if not record.valid_now:
            retired = history.retirement(code)
            message = retired.message if retired else f"{record.code} is not a billable code in version {record.current}"
        return PastConcept(record.code, title, billable, version, record.valid_now, message)
