"""Implicit value sets: ``<system>?fhir_vs`` (every concept) and ``<system>?fhir_vs=isa/<code>``
(the concept and everything below it)."""

from __future__ import annotations

from dataclasses import dataclass

from nosology.codesystems import CodeSystem, CodeSystems, Concept
from nosology.errors import InvalidParameter, UnknownCodeSystem

__all__ = ["ImplicitValueSet", "parse_value_set"]


@dataclass(frozen=True)
class ImplicitValueSet:
    url: str
    system: CodeSystem
    root: Concept | None  # None: the whole code system

    def contains(self, concept: Concept) -> bool:
        if concept.system is not self.system.info:
            return False
        return self.root is None or self.system.subsumes(self.root, concept)

    @property
    def title(self) -> str:
        if self.root is None:
            return f"All codes of {self.system.info.title}"
        return f"{self.root.code} {self.root.display} and the codes below it ({self.system.info.title})"


def parse_value_set(url: str | None, systems: CodeSystems) -> ImplicitValueSet:
    raw = (url or "").strip()
    if not raw:
        raise InvalidParameter(f"missing required parameter 'url' (for example {systems.default.info.implicit_value_set})")
    canonical, _, version = raw.partition("|")
    base, mark, query = canonical.partition("?")
    system = next((s for s in systems if s.info.url == base), None)
    if system is None or not mark or not query.startswith("fhir_vs"):
        known = " or ".join(f"{s.info.url}?fhir_vs[=isa/<code>]" for s in systems)
        raise UnknownCodeSystem(f"unknown value set {raw[:120]!r}: this server expands {known}")
    system.info.check_version(version)
    if query == "fhir_vs":
        return ImplicitValueSet(canonical, system, None)
    kind, _, code = query.removeprefix("fhir_vs=").partition("/")
    if not query.startswith("fhir_vs=") or kind != "isa" or not code:
        raise InvalidParameter(f"value set {raw[:120]!r}: only ?fhir_vs and ?fhir_vs=isa/<code> are supported")
    root = system.concept(code)
    if root is None:
        raise UnknownCodeSystem(f"value set {raw[:120]!r}: {code[:40]!r} is not a code of {system.info.url}")
    return ImplicitValueSet(canonical, system, root)
