"""What every code system offers, whatever its source: the interface the FHIR operations, the
Infobutton and the pages use, so that none of them needs to know which system it holds.

A system is identified by a canonical URL, an OID and an id; its concepts have a display (the
official title), designations in the registry's other languages, a parent, children and a
"selectable" flag (ICD-10-CM: billable; WHO ICD-10: no subdivisions). A concept may carry the
ICD-10-CM item that explains it (its own, or the one of the same meaning), which is what the
pages and articles are keyed on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from nosology.errors import UnknownCodeSystem
from nosology.models import Item, LocalTitle, exact_title, title_in

__all__ = ["CONCEPT_KINDS", "CONCEPT_KINDS_SQL", "CodeSystem", "Concept", "Page", "PastConcept", "Property", "PropertyValue", "SystemInfo", "Unknown"]

# Chapters and blocks are navigation in a tabular list, not codes.
CONCEPT_KINDS = ("category", "subcategory", "code")
# the same kinds as an SQL list, for the systems' queries on their tables
CONCEPT_KINDS_SQL = ",".join(f"'{k}'" for k in CONCEPT_KINDS)


@dataclass(frozen=True)
class SystemInfo:
    """The identity of a code system version.

    Args:
        id: the FHIR resource id (``icd-10-cm``).
        url: the canonical URL (``http://hl7.org/fhir/sid/icd-10-cm``).
        oid: the HL7 OID, without ``urn:oid:``.
        version: the version served (``2026``).
        name: a computer-friendly name (``ICD10CM``).
        short: the name people use (``ICD-10-CM``).
        title: the name with its edition, shown on pages and in resources.
        publisher: who publishes the classification.
        date: the release date (ISO).
        selectable_term: the word for a selectable concept in this system (``billable``), or None.
    """

    id: str
    url: str
    oid: str
    version: str
    name: str
    short: str
    title: str
    publisher: str
    date: str
    selectable_term: str | None = None

    @property
    def implicit_value_set(self) -> str:
        return f"{self.url}?fhir_vs"

    def names(self, text: str) -> bool:
        """True when ``text`` is this system's URL, id, OID or ``urn:oid:`` OID."""
        return text in {self.url, self.id, self.oid, f"urn:oid:{self.oid}"}

    def check_version(self, version: str | None) -> None:
        """Raises :class:`UnknownCodeSystem` unless ``version`` is empty or the one served."""
        if version and version != self.version:
            raise UnknownCodeSystem(f"{self.url} version {version[:20]!r} is not available; this server has version {self.version}")


@dataclass(frozen=True)
class Concept:
    """A concept of a code system, with what ``$lookup`` and ``$validate-code`` report."""

    system: SystemInfo
    code: str
    display: str
    selectable: bool
    titles: tuple[LocalTitle, ...] = ()  # designations in the registry's other languages
    parent: str | None = None
    item: Item | None = None  # the ICD-10-CM item of this very concept, when the system is ICD-10-CM

    def title_in(self, lang: str) -> LocalTitle | None:
        return title_in(self.titles, lang)

    def display_in(self, lang: str) -> str:
        """The display in ``lang`` when a title of the same meaning exists, else the official one."""
        return exact_title(self.titles, lang, self.display)


@dataclass(frozen=True)
class Property:
    """A concept property a system reports in ``$lookup`` (beyond parent, child, notSelectable)."""

    code: str
    type: str  # FHIR type: code, boolean, string
    description: str


@dataclass(frozen=True)
class PropertyValue:
    code: str
    value: str | bool
    type: str  # FHIR value[x] suffix: valueString, valueBoolean, valueCode


@dataclass(frozen=True)
class Unknown:
    """Why a code is not a concept: ``retired`` when it was valid in an earlier version."""

    reason: str | None = None
    retired: str | None = None
    suggestions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PastConcept:
    """A concept as an earlier version of the system had it."""

    code: str
    display: str
    selectable: bool
    version: str
    valid_now: bool
    message: str | None = None  # why it is not valid now, when it is not


@dataclass(frozen=True)
class Page:
    total: int
    concepts: list[Concept]


class CodeSystem(ABC):
    """One version of a code system. Implementations: :class:`~nosology.codesystems.icd10cm.Icd10Cm`
    and :class:`~nosology.codesystems.who.WhoIcd10`; the registry is
    :class:`~nosology.codesystems.registry.CodeSystems`."""

    info: SystemInfo
    properties: tuple[Property, ...] = ()

    @abstractmethod
    def concept(self, code: str) -> Concept | None:
        """The concept written ``code`` in any spelling (``m6128``, ``M61.28``), or None for
        unknown codes and for chapters and blocks."""

    @abstractmethod
    def concepts(self, codes: Sequence[str]) -> list[Concept]:
        """The concepts of ``codes`` in that order (unknown ones left out), in a bounded number of
        queries whatever their number."""

    @abstractmethod
    def children(self, concept: Concept) -> list[Concept]:
        """The concepts directly below ``concept``, in classification order."""

    @abstractmethod
    def subsumes(self, above: Concept, below: Concept) -> bool:
        """True when ``below`` is ``above`` or lies under it."""

    def ancestors(self, concept: Concept) -> list[Concept]:
        """The concepts above ``concept``, the nearest last."""
        found: list[Concept] = []
        parent = concept.parent
        while parent and (node := self.concept(parent)) is not None:
            found.insert(0, node)
            parent = node.parent
        return found

    @abstractmethod
    def count(self) -> int:
        """How many concepts the system has."""

    @abstractmethod
    def browse(self, root: Concept | None, offset: int, count: int) -> Page:
        """Concepts in classification order, ``root`` and below it (every concept when None)."""

    @abstractmethod
    def filter(self, text: str, lang: str, root: Concept | None, offset: int, count: int) -> Page:
        """The concepts matching ``text`` (in language ``lang``), best first, restricted to
        ``root`` and below it: how many there are (exactly, or at most a cap the system
        documents) and ``count`` of them from ``offset``."""

    def property_values(self, concept: Concept) -> list[PropertyValue]:
        """The values of :attr:`properties` for ``concept``."""
        return []

    def synonyms(self, concept: Concept) -> list[str]:
        """More designations in the official language (ICD-10-CM: the Alphabetic Index paths)."""
        return []

    def unknown(self, code: str) -> Unknown:
        """Why ``code`` is not a concept, with suggestions where there are some."""
        return Unknown()

    def explained_by(self, concept: Concept) -> Item | None:
        """The ICD-10-CM item whose page and articles explain ``concept``, if any."""
        return concept.item

    def past_version(self, version: str | None) -> str | None:
        """The earlier version ``version`` names, or None for the current version or none given.

        Raises:
            UnknownCodeSystem: the version is neither the current one nor an earlier one we have.
        """
        self.info.check_version(version)
        return None

    def past_concept(self, code: str, version: str) -> PastConcept | None:
        """``code`` as the earlier ``version`` (from :meth:`past_version`) had it, or None."""
        return None
