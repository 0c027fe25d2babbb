"""The code systems nosology serves, and their concepts as FHIR sees them.

ICD-10-CM concepts are categories, subcategories and codes; chapters and blocks are
navigation in the tabular list, not codes, so they are unknown to the FHIR code system.
WHO ICD-10 concepts are its categories and subcategories (table ``who``), with a French
designation where CIM-10 has the same code (table ``cim10``).
"""

from __future__ import annotations

from dataclasses import dataclass

from nosology.classification import Classification
from nosology.codes import compact
from nosology.errors import InvalidParameter, UnknownCodeSystem
from nosology.languages import Languages, default_languages
from nosology.models import Item, LocalTitle, exact_title, title_in
from nosology.store import ReferenceStore

__all__ = [
    "CM",
    "CONCEPT_KINDS",
    "SYSTEMS",
    "WHO",
    "CodeSystemInfo",
    "Concept",
    "cm_concept",
    "find_concept",
    "resolve_system",
    "who_concept",
]

CONCEPT_KINDS = ("category", "subcategory", "code")


@dataclass(frozen=True)
class CodeSystemInfo:
    id: str
    url: str
    oid: str
    version: str
    name: str
    title: str
    publisher: str
    languages: tuple[str, ...]

    @property
    def implicit_value_set(self) -> str:
        return f"{self.url}?fhir_vs"

    def check_version(self, version: str | None) -> None:
        if version and version != self.version:
            raise UnknownCodeSystem(f"{self.url} version {version[:20]!r} is not available; this server has version {self.version}")


CM = CodeSystemInfo(
    id="icd-10-cm",
    url="http://hl7.org/fhir/sid/icd-10-cm",
    oid="2.16.840.1.113883.6.90",
    version="2026",
    name="ICD10CM",
    title="ICD-10-CM 2026 (April 1, 2026 release)",
    publisher="National Center for Health Statistics (NCHS), CDC",
    languages=default_languages().codes,
)
WHO = CodeSystemInfo(
    id="icd-10",
    url="http://hl7.org/fhir/sid/icd-10",
    oid="2.16.840.1.113883.6.3",
    version="2019",
    name="ICD10",
    title="ICD-10 2019 (World Health Organization)",
    publisher="World Health Organization",
    languages=default_languages().codes,
)
SYSTEMS = (CM, WHO)


def resolve_system(text: str | None, *, default: CodeSystemInfo | None = None) -> CodeSystemInfo:
    """The code system named by a canonical URL (with an optional ``|version``), an OID
    (bare or ``urn:oid:``) or an id; ``default`` when ``text`` is empty."""
    raw = (text or "").strip()
    if not raw:
        if default is None:
            raise InvalidParameter("missing required parameter 'system' (for example http://hl7.org/fhir/sid/icd-10-cm)")
        return default
    url, _, version = raw.partition("|")
    bare = url.removeprefix("urn:oid:")
    for system in SYSTEMS:
        if url in {system.url, system.id} or bare == system.oid:
            system.check_version(version)
            return system
    known = ", ".join(s.url for s in SYSTEMS)
    raise UnknownCodeSystem(f"unknown code system {raw[:120]!r}: this server knows {known}")


@dataclass(frozen=True)
class Concept:
    """A concept of one of our code systems, with what $lookup and $validate-code report."""

    system: CodeSystemInfo
    code: str
    display: str
    selectable: bool  # ICD-10-CM: billable; WHO: no subdivisions
    titles: tuple[LocalTitle, ...] = ()  # designations in the registry's other languages
    parent: str | None = None
    item: Item | None = None  # the ICD-10-CM item, for ICD-10-CM concepts

    def title_in(self, lang: str) -> LocalTitle | None:
        return title_in(self.titles, lang)

    def display_in(self, lang: str) -> str:
        """The display in ``lang`` when a title of the same meaning exists, else the official one."""
        return exact_title(self.titles, lang, self.display)


def cm_concept(item: Item, classification: Classification) -> Concept:
    parent = classification.item(item.parent) if item.parent is not None else None
    return Concept(
        system=CM,
        code=item.code,
        display=item.title,
        selectable=item.billable,
        titles=item.titles,
        parent=parent.code if parent is not None and parent.kind in CONCEPT_KINDS else None,
        item=item,
    )


def who_concept(store: ReferenceStore, code: str, languages: Languages | None = None) -> Concept | None:
    key = compact(code)
    if not key or len(key) > 10:
        return None
    rows = store.query("SELECT code, kind, title, parent FROM who WHERE key = ?", (key,))
    if not rows or rows[0]["kind"] not in CONCEPT_KINDS:
        return None
    row = rows[0]
    has_children = store.query_one("SELECT 1 FROM who WHERE key > ? AND key < ? LIMIT 1", (key, key + "~"))
    # CIM-10 translates WHO ICD-10 code for code: a language whose titles are CIM-10's has them
    label = store.query_one("SELECT title FROM cim10 WHERE key = ?", (key,))
    titles = tuple(LocalTitle(lang.code, label, "exact", row["code"]) for lang in (languages or default_languages()).translated
                   if label and lang.titles.kind == "cim10")
    parent = row["parent"] if row["parent"] and not str(row["parent"]).count("-") else None
    return Concept(system=WHO, code=row["code"], display=row["title"], selectable=has_children is None, titles=titles, parent=parent)


def who_concepts(store: ReferenceStore, codes: list[str], languages: Languages | None = None) -> list[Concept]:
    """WHO concepts for ``codes`` (in that order; unknown codes and non-concepts left out) in
    three queries whatever their number: their rows, which of them have children, their CIM-10
    labels. Browsing a thousand concepts must not cost a thousand round trips."""
    keys = [compact(c) for c in codes if c]
    if not keys:
        return []
    registry = languages or default_languages()
    cim_langs = [lang.code for lang in registry.translated if lang.titles.kind == "cim10"]
    rows = {r["key"]: r for r in store.query_in("SELECT key, code, kind, title, parent FROM who WHERE key IN ({marks})", keys)}
    found = [r["code"] for r in rows.values()]
    parents = {r[0] for r in store.query_in("SELECT DISTINCT parent FROM who WHERE parent IN ({marks})", found)}
    labels = {r[0]: r[1] for r in store.query_in("SELECT key, title FROM cim10 WHERE key IN ({marks})", keys)}
    out: list[Concept] = []
    for key in keys:
        row = rows.get(key)
        if row is None or row["kind"] not in CONCEPT_KINDS:
            continue
        label = labels.get(key)
        titles = tuple(LocalTitle(lang, label, "exact", row["code"]) for lang in cim_langs if label)
        parent = row["parent"] if row["parent"] and not str(row["parent"]).count("-") else None
        out.append(Concept(system=WHO, code=row["code"], display=row["title"], selectable=row["code"] not in parents,
                           titles=titles, parent=parent))
    return out


def find_concept(system: CodeSystemInfo, code: str, classification: Classification) -> Concept | None:
    """The concept with this code, or None (chapters and blocks are not concepts)."""
    if system is WHO:
        return who_concept(classification.store, code, classification.languages)
    item = classification.find(code)
    if item is None or item.kind not in CONCEPT_KINDS:
        return None
    return cm_concept(item, classification)
