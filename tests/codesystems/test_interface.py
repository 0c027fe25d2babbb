"""The FHIR operations know code systems only through the CodeSystem interface: a toy system
registered beside ICD-10-CM is looked up, validated, subsumed and expanded with no change to the
terminology modules. The toy has two versions, like ICD-10-CM with its earlier fiscal years."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from nosology.codesystems import (
    CodeSystem,
    CodeSystems,
    Concept,
    Page,
    PastConcept,
    Property,
    PropertyValue,
    SystemInfo,
    Unknown,
)
from nosology.errors import CodeNotFound, UnknownCodeSystem
from nosology.library import Library
from nosology.models import LocalTitle
from nosology.terminology import OpParams, code_system, expand, lookup, subsumes, validate_code

TOY = SystemInfo(id="toy", url="urn:example:toy", oid="1.2.3.4", version="2", name="TOY", short="Toy",
                 title="Toy system 2", publisher="tests", date="2026-01-01", selectable_term="leaf")
# code -> (display, parent); codes nest by prefix as in WHO ICD-10
_TREE = {"A": ("Animals", None), "A1": ("Cats", "A"), "A2": ("Dogs", "A"), "A21": ("Small dogs", "A2")}


class Toy(CodeSystem):
    info = TOY
    properties = (Property("legs", "string", "How many legs"),)

    def _make(self, code: str) -> Concept:
        display, parent = _TREE[code]
        leaf = not any(c != code and c.startswith(code) for c in _TREE)
        return Concept(TOY, code, display, leaf, (LocalTitle("fr", display + " (fr)", "exact", code),), parent)

    def concept(self, code: str) -> Concept | None:
        return self._make(code.strip().upper()) if code.strip().upper() in _TREE else None

    def concepts(self, codes: Sequence[str]) -> list[Concept]:
        return [c for c in map(self.concept, codes) if c is not None]

    def children(self, concept: Concept) -> list[Concept]:
        return [self._make(c) for c, (_, parent) in _TREE.items() if parent == concept.code]

    def subsumes(self, above: Concept, below: Concept) -> bool:
        return below.code.startswith(above.code)

    def count(self) -> int:
        return len(_TREE)

    def browse(self, root: Concept | None, offset: int, count: int) -> Page:
        found = [self._make(c) for c in sorted(_TREE) if root is None or c.startswith(root.code)]
        return Page(len(found), found[offset : offset + count])

    def filter(self, text: str, lang: str, root: Concept | None, offset: int, count: int) -> Page:
        found = [c for c in self.browse(root, 0, len(_TREE)).concepts if text.lower() in c.display.lower()]
        return Page(len(found), found[offset : offset + count])

    def property_values(self, concept: Concept) -> list[PropertyValue]:
        return [PropertyValue("legs", "4", "valueString")]

    def unknown(self, code: str) -> Unknown:
        return Unknown(reason="toy codes are A, A1, A2, A21", suggestions=["A1"])

    def past_version(self, version: str | None) -> str | None:
        if version == "1":
            return "1"
        return super().past_version(version)

    def past_concept(self, code: str, version: str) -> PastConcept | None:
        return PastConcept("A3", "Birds", True, "1", False, "A3 was removed in version 2") if code == "A3" else None


def q(**values: Any) -> OpParams:
    return OpParams.from_query([(k, str(v)) for k, v in values.items()])


def values(resource: dict[str, Any], name: str) -> list[Any]:
    return [next(v for k, v in p.items() if k.startswith("value")) for p in resource["parameter"] if p["name"] == name]


@pytest.fixture
def toy_library(library: Library) -> Library:
    """A library whose registry serves the toy first, then the real systems."""
    other = Library(library.settings, library.store, library.languages)
    other.__dict__["code_systems"] = CodeSystems((Toy(), *library.code_systems))
    return other


def test_lookup_display_designations_properties(toy_library: Library) -> None:
    out = lookup(toy_library.code_systems, q(system="urn:example:toy", code="a2", displayLanguage="fr"))
    assert values(out, "display") == ["Dogs (fr)"]
    assert values(out, "code") == ["A2"]
    props = {p["part"][0]["valueCode"]: p["part"][1] for p in out["parameter"] if p["name"] == "property"}
    assert props["child"] == {"name": "value", "valueCode": "A21"} and props["legs"]["valueString"] == "4"
    assert values(out, "abstract") == [True]


def test_unknown_code_suggests(toy_library: Library) -> None:
    with pytest.raises(CodeNotFound) as caught:
        lookup(toy_library.code_systems, q(system="urn:oid:1.2.3.4", code="B9"))
    assert caught.value.suggestions == ["A1"]
    out = validate_code(toy_library.code_systems, q(system="urn:example:toy", code="B9"), value_set=False)
    assert values(out, "message") == ["Unknown code 'B9' in urn:example:toy: toy codes are A, A1, A2, A21 (did you mean: A1?)"]


def test_header_message_uses_the_systems_word(toy_library: Library) -> None:
    out = validate_code(toy_library.code_systems, q(system="urn:example:toy", code="A"), value_set=False)
    assert "is not leaf" in values(out, "message")[0]


def test_earlier_version(toy_library: Library) -> None:
    out = lookup(toy_library.code_systems, q(system="urn:example:toy", code="A3", version="1"))
    assert values(out, "display") == ["Birds"] and values(out, "message") == ["A3 was removed in version 2"]
    with pytest.raises(UnknownCodeSystem, match="version '7'"):
        lookup(toy_library.code_systems, q(system="urn:example:toy", code="A3", version="7"))


def test_subsumes_and_expand(toy_library: Library) -> None:
    assert values(subsumes(toy_library.code_systems, q(system="urn:example:toy", codeA="A", codeB="A21")), "outcome") == ["subsumes"]
    browsed = expand(toy_library, q(url="urn:example:toy?fhir_vs=isa/A2"))
    assert [c["code"] for c in browsed["expansion"]["contains"]] == ["A2", "A21"]
    filtered = expand(toy_library, q(url="urn:example:toy?fhir_vs", filter="dogs"))
    assert filtered["expansion"]["total"] == 2


def test_code_system_resource(toy_library: Library) -> None:
    resource = code_system(toy_library.code_systems.by_id("toy"), toy_library.languages)
    assert resource["count"] == 4 and [p["code"] for p in resource["property"]] == ["parent", "child", "notSelectable", "legs"]


def test_real_systems_still_first_class(toy_library: Library) -> None:
    out = lookup(toy_library.code_systems, q(system="http://hl7.org/fhir/sid/icd-10", code="M61.2"))
    assert values(out, "code") == ["M61.2"]
