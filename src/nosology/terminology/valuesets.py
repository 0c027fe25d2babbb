"""Implicit value sets: ``<system>?fhir_vs`` (every concept) and ``<system>?fhir_vs=isa/<code>``
(the concept and everything below it)."""

from __future__ import annotations

from dataclasses import dataclass

from nosology.classification import Classification
from nosology.codes import compact
from nosology.errors import InvalidParameter, UnknownCodeSystem
from nosology.terminology.systems import SYSTEMS, CodeSystemInfo, Concept, find_concept

__all__ = ["ImplicitValueSet", "parse_value_set"]


@dataclass(frozen=True)
class ImplicitValueSet:
    url: str
    system: CodeSystemInfo
    root: Concept | None  # None: the whole code system

    def contains(self, concept: Concept, classification: Classification) -> bool:
        if concept.system is not self.system:
            return False
        if self.root is None:
            return True
        if self.root.item is not None and concept.item is not None:
            return classification.subsumes(self.root.item, concept.item)
        return compact(concept.code).startswith(compact(self.root.code))

    @property
    def title(self) -> str:
        if self.root is None:
            return f"All codes of {self.system.title}"
        return f"{self.root.code} {self.root.display} and the codes below it ({self.system.title})"


def parse_value_set(url: str | None, classification: Classification) -> ImplicitValueSet:
    raw = (url or "").strip()
    if not raw:
        raise InvalidParameter("missing required parameter 'url' (for example http://hl7.org/fhir/sid/icd-10-cm?fhir_vs)")
    canonical, _, version = raw.partition("|")
    base, mark, query = canonical.partition("?")
    system = next((s for s in SYSTEMS if s.url == base), None)
    if system is None or not mark or not query.startswith("fhir_vs"):
        known = " or ".join(f"{s.url}?fhir_vs[=isa/<code>]" for s in SYSTEMS)
        raise UnknownCodeSystem(f"unknown value set {raw[:120]!r}: this server expands {known}")
    system.check_version(version)
    if query == "fhir_vs":
        return ImplicitValueSet(canonical, system, None)
    kind, _, code = query.removeprefix("fhir_vs=").partition("/")
    if not query.startswith("fhir_vs=") or kind != "isa" or not code:
        raise InvalidParameter(f"value set {raw[:120]!r}: only ?fhir_vs and ?fhir_vs=isa/<code> are supported")
    root = find_concept(system, code, classification)
    if root is None:
        raise UnknownCodeSystem(f"value set {raw[:120]!r}: {code[:40]!r} is not a code of {system.url}")
    return ImplicitValueSet(canonical, system, root)
