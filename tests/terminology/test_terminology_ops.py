"""FHIR operations on the full 2026 data, called as plain functions (no HTTP)."""

from __future__ import annotations

from typing import Any

import pytest
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.valueset import ValueSet

from nosology.errors import CodeNotFound, InvalidParameter, UnknownCodeSystem
from nosology.library import Library
from nosology.terminology import OpParams, expand, lookup, subsumes, validate_code

CM = "http://hl7.org/fhir/sid/icd-10-cm"
WHO = "http://hl7.org/fhir/sid/icd-10"
# 98,505 items in the 2026 tabular list minus its 22 chapters and 297 blocks (not codes in FHIR)
CM_CONCEPTS = 98_505 - 22 - 297


def q(**values: Any) -> OpParams:
    return OpParams.from_query([(k, str(v)) for k, v in values.items()])


def params_of(resource: dict[str, Any]) -> dict[str, list[Any]]:
    Parameters.model_validate(resource)
    found: dict[str, list[Any]] = {}
    for p in resource["parameter"]:
        if "part" in p:
            parts = {part["name"]: next(v for k, v in part.items() if k.startswith("value")) for part in p["part"]}
            found.setdefault(p["name"], []).append(parts)
        else:
            found.setdefault(p["name"], []).append(next(v for k, v in p.items() if k.startswith("value")))
    return found


def props(resource: dict[str, Any], code: str) -> list[Any]:
    return [p["value"] for p in params_of(resource).get("property", []) if p["code"] == code]


def test_lookup_billable_code(library: Library) -> None:
    out = params_of(lookup(library.code_systems, q(system=CM, code="M61.28")))
    assert out["display"] == ["Paralytic calcification and ossification of muscle, other site"]
    assert out["version"] == ["2026"] and out["name"] == ["ICD10CM"]
    designations = {d["language"]: d for d in out["designation"]}
    assert designations["fr"]["value"] == "Calcification et ossification paralytiques de muscles - Autres localisations"
    assert designations["fr"]["use"]["code"] == "exact"
    assert "abstract" not in out


def test_lookup_properties_and_notes(library: Library) -> None:
    result = lookup(library.code_systems, q(system=CM, code="M61.2"))
    assert props(result, "parent") == ["M61"]
    assert props(result, "child") == [f"M61.2{d}" for d in "0123456789"]  # M61.20-M61.29 in the tabular list
    assert props(result, "notSelectable") == [True] and props(result, "billable") == [False]
    assert props(result, "inclusion") == ["Myositis ossificans associated with quadriplegia or paraplegia"]
    # Excludes1 notes of block M60-M63 apply to every code in it
    assert "dermatopolymyositis (M33.-) [note of M60-M63]" in props(result, "excludes1")
    assert params_of(result)["abstract"] == [True]


def test_lookup_french_display_and_ancestor_designation(library: Library) -> None:
    exact = params_of(lookup(library.code_systems, q(system=CM, code="M61.2", displayLanguage="fr")))
    assert exact["display"] == ["Calcification et ossification paralytiques de muscles"]
    # M61.211 (right shoulder) has no CIM-10 code of its own: the French title is M61.21's
    borrowed = params_of(lookup(library.code_systems, q(system=CM, code="M61.211", displayLanguage="fr")))
    assert borrowed["display"] == ["Paralytic calcification and ossification of muscle, right shoulder"]
    assert "M61.21" in borrowed["message"][0]
    fr = next(d for d in borrowed["designation"] if d["language"] == "fr")
    assert fr["use"]["code"] == "ancestor"


def test_lookup_property_filter(library: Library) -> None:
    out = params_of(lookup(library.code_systems, OpParams.from_query([("system", CM), ("code", "M61.2"), ("property", "parent")])))
    assert [p["code"] for p in out["property"]] == ["parent"]
    assert "designation" not in out


def test_lookup_who(library: Library) -> None:
    out = params_of(lookup(library.code_systems, q(system=WHO, code="M61.2")))
    assert out["version"] == ["2019"]
    assert out["display"] == ["Paralytic calcification and ossification of muscle"]
    assert {d["language"] for d in out["designation"]} == {"en", "fr"}
    assert props(lookup(library.code_systems, q(system=WHO, code="M61")), "child") == [f"M61.{d}" for d in "0123459"]


@pytest.mark.parametrize(("values", "error"), [
    ({"system": CM, "code": "M61.99"}, CodeNotFound),
    ({"system": CM, "code": "M60-M63"}, CodeNotFound),  # a block, not a code
    ({"system": "http://snomed.info/sct", "code": "1"}, UnknownCodeSystem),
    ({"system": CM}, InvalidParameter),
    ({"code": "M61.28"}, InvalidParameter),
    ({"system": CM, "code": "M61.28", "version": "2018"}, UnknownCodeSystem),  # 2019-2025 are earlier code sets
    ({"system": CM, "code": "S30.11XA", "version": "2025"}, CodeNotFound),  # new in FY2026
    ({"system": CM, "code": "M61.28", "colour": "red"}, InvalidParameter),
])
def test_lookup_errors(library: Library, values: dict[str, str], error: type[Exception]) -> None:
    with pytest.raises(error):
        lookup(library.code_systems, q(**values))


def validate(library: Library, value_set: bool = False, **values: Any) -> dict[str, list[Any]]:
    return params_of(validate_code(library.code_systems, q(**values), value_set=value_set))


def test_validate_in_code_system(library: Library) -> None:
    assert validate(library, url=CM, code="M61.28")["result"] == [True]
    header = validate(library, system=CM, code="M61.2")
    assert header["result"] == [True] and "header" in header["message"][0]
    unknown = validate(library, system=CM, code="M61.99")
    assert unknown["result"] == [False] and "M61.9" in unknown["message"][0]
    assert validate(library, system=CM, code="m6128")["result"] == [False]  # must be written M61.28
    assert validate(library, system="http://example.org/x", code="A")["result"] == [False]


def test_validate_display(library: Library) -> None:
    good = validate(library, system=CM, code="M61.28", display="paralytic calcification and ossification of muscle,  other site")
    assert good["result"] == [True]
    french = validate(library, system=CM, code="M61.28", display="Calcification et ossification paralytiques de muscles - Autres localisations")
    assert french["result"] == [True]
    wrong = validate(library, system=CM, code="M61.28", display="Broken leg")
    assert wrong["result"] == [False] and "Wrong display" in wrong["message"][0]


def test_validate_in_value_sets(library: Library) -> None:
    assert validate(library, True, url=f"{CM}?fhir_vs", system=CM, code="M61.28")["result"] == [True]
    header = validate(library, True, url=f"{CM}?fhir_vs", system=CM, code="M61.2")
    assert header["result"] == [False] and "not selectable (header)" in header["message"][0]
    assert validate(library, True, url=f"{CM}?fhir_vs", system=CM, code="M61.2", abstract="true")["result"] == [True]
    assert validate(library, True, url=f"{CM}?fhir_vs=isa/M61", system=CM, code="M61.28")["result"] == [True]
    outside = validate(library, True, url=f"{CM}?fhir_vs=isa/M61", system=CM, code="S72.001A")
    assert outside["result"] == [False] and "not in the value set" in outside["message"][0]
    with pytest.raises(UnknownCodeSystem):
        validate(library, True, url="http://example.org/vs", code="M61.28")


def test_validate_codeable_concept_any_coding(library: Library) -> None:
    body = {"resourceType": "Parameters", "parameter": [{"name": "codeableConcept", "valueCodeableConcept": {"coding": [
        {"system": CM, "code": "X99.999"}, {"system": CM, "code": "M61.28"}]}}]}
    out = params_of(validate_code(library.code_systems, OpParams.from_resource(body), value_set=False))
    assert out["result"] == [True] and out["code"] == ["M61.28"]


@pytest.mark.parametrize(("a", "b", "outcome"), [
    ("M61", "M61.28", "subsumes"), ("M61.28", "M61", "subsumed-by"), ("M61.2", "M61.2", "equivalent"),
    ("M61.28", "S72.001A", "not-subsumed"),
])
def test_subsumes(library: Library, a: str, b: str, outcome: str) -> None:
    assert params_of(subsumes(library.code_systems, q(system=CM, codeA=a, codeB=b)))["outcome"] == [outcome]


def test_subsumes_who_and_errors(library: Library) -> None:
    assert params_of(subsumes(library.code_systems, q(system=WHO, codeA="M61", codeB="M61.2")))["outcome"] == ["subsumes"]
    with pytest.raises(InvalidParameter):
        subsumes(library.code_systems, q(system=CM, codeA="M61"))
    with pytest.raises(CodeNotFound):
        subsumes(library.code_systems, q(system=CM, codeA="M61", codeB="M99.99"))


def expansion(library: Library, **values: Any) -> dict[str, Any]:
    resource = expand(library, q(**values))
    ValueSet.model_validate(resource)
    return dict(resource["expansion"])


def test_expand_everything_pages(library: Library) -> None:
    first = expansion(library, url=f"{CM}?fhir_vs", count=2)
    assert first["total"] == CM_CONCEPTS
    assert [c["code"] for c in first["contains"]] == ["A00", "A00.0"]
    assert first["contains"][0]["abstract"] is True
    later = expansion(library, url=f"{CM}?fhir_vs", count=2, offset=1)
    assert later["contains"][0]["code"] == "A00.0"
    assert "contains" not in expansion(library, url=f"{CM}?fhir_vs", count=0)


def test_expand_isa(library: Library) -> None:
    m61 = library.classification.get("M61")
    # M61 itself and everything below it: 1 category + 48 subcategories + 154 codes
    total = 1 + library.classification.count_descendants(m61)
    assert total == 203
    out = expansion(library, url=f"{CM}?fhir_vs=isa/M61", count=1000, displayLanguage="fr")
    assert out["total"] == total and len(out["contains"]) == total
    assert out["contains"][0] == {"system": CM, "version": "2026", "code": "M61", "abstract": True,
                                  "display": "Calcification et ossification de muscles"}


def test_expand_filter_inside_subtree(library: Library) -> None:
    out = expansion(library, url=f"{CM}?fhir_vs=isa/M61.2", filter="shoulder")
    codes = [c["code"] for c in out["contains"]]
    assert codes and all(c.startswith("M61.2") for c in codes)
    assert "M61.211" in codes


def test_expand_filter_reports_the_real_total(library: Library) -> None:
    # the engine's whole answer for "fracture" (over 20,000 codes), less its chapters and blocks
    general = {r[0] for r in library.store.query("SELECT seq FROM item WHERE kind IN ('chapter', 'block')")}
    expected = [s for s in library.search.ranked_seqs("fracture", lang="en") if s not in general]
    assert len(expected) > 20_000
    first = expansion(library, url=f"{CM}?fhir_vs", filter="fracture", count=10)
    assert first["total"] == len(expected)
    last = expansion(library, url=f"{CM}?fhir_vs", filter="fracture", count=10, offset=len(expected) - 3)
    assert [c["code"] for c in last["contains"]] == [library.classification.item(s).code for s in expected[-3:]]


def test_expand_who(library: Library) -> None:
    out = expansion(library, url=f"{WHO}?fhir_vs=isa/M61", count=50)
    assert [c["code"] for c in out["contains"]] == ["M61", *(f"M61.{d}" for d in "0123459")]


@pytest.mark.parametrize("values", [
    {"url": f"{CM}?fhir_vs", "count": 5000},
    {"url": f"{CM}?fhir_vs", "offset": -1},
    {"url": f"{CM}?fhir_vs", "activeOnly": "perhaps"},
    {"url": f"{CM}?fhir_vs=regex/M6"},
    {},
])
def test_expand_bad_parameters(library: Library, values: dict[str, Any]) -> None:
    with pytest.raises(InvalidParameter):
        expand(library, q(**values))


def test_expand_unknown_value_sets(library: Library) -> None:
    for url in ("http://example.org/fhir/ValueSet/x", f"{CM}?fhir_vs=isa/M99.99", f"{CM}?fhir_vs|2019"):
        with pytest.raises(UnknownCodeSystem):
            expand(library, q(url=url))


def test_expand_with_designations(library: Library) -> None:
    out = expansion(library, url=f"{CM}?fhir_vs=isa/M61.21", includeDesignations="true", count=2)
    right_shoulder = out["contains"][1]
    assert right_shoulder["code"] == "M61.211"
    assert [d["language"] for d in right_shoulder["designation"]] == ["en", "fr"]
    assert right_shoulder["designation"][1]["use"]["code"] == "ancestor"


def test_who_value_set_validation(library: Library) -> None:
    # WHO M61 has subdivisions (M61.0-M61.9): a header there too
    assert validate(library, True, url=f"{WHO}?fhir_vs", system=WHO, code="M61.2")["result"] == [True]
    assert validate(library, True, url=f"{WHO}?fhir_vs", system=WHO, code="M61")["result"] == [False]
    mixed = validate(library, True, url=f"{WHO}?fhir_vs", system=CM, code="M61.28")
    assert mixed["result"] == [False] and "not in the value set" in mixed["message"][0]


@pytest.mark.parametrize("offset", [0, 17, 1_000, 54_321, CM_CONCEPTS - 3, CM_CONCEPTS])
def test_expand_pages_skip_chapters_and_blocks(library: Library, offset: int) -> None:
    """Pages of the whole value set are found by arithmetic on seq; a plain OFFSET scan agrees."""
    got = [c["code"] for c in expansion(library, url=f"{CM}?fhir_vs", count=5, offset=offset).get("contains", [])]
    rows = library.store.query("SELECT code FROM item WHERE kind NOT IN ('chapter', 'block') ORDER BY seq LIMIT 5 OFFSET ?", (offset,))
    assert got == [r["code"] for r in rows]
