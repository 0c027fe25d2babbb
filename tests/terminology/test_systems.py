"""Code systems by URL, OID, id and version, through the library's registry."""

from __future__ import annotations

import pytest

from nosology.codesystems import ICD10CM, WHO_ICD10, CodeSystems
from nosology.errors import InvalidParameter, UnknownCodeSystem
from nosology.library import Library


@pytest.fixture
def systems(library: Library) -> CodeSystems:
    return library.code_systems


@pytest.mark.parametrize("text", ["http://hl7.org/fhir/sid/icd-10-cm", "urn:oid:2.16.840.1.113883.6.90",
                                  "2.16.840.1.113883.6.90", "icd-10-cm", "http://hl7.org/fhir/sid/icd-10-cm|2026"])
def test_icd10cm_spellings(systems: CodeSystems, text: str) -> None:
    assert systems.resolve(text).info is ICD10CM


def test_who_by_url_and_oid(systems: CodeSystems) -> None:
    assert systems.resolve("http://hl7.org/fhir/sid/icd-10").info is WHO_ICD10
    assert systems.resolve("urn:oid:2.16.840.1.113883.6.3").info is WHO_ICD10


def test_unknown_system_and_version(systems: CodeSystems) -> None:
    with pytest.raises(UnknownCodeSystem, match="this server knows"):
        systems.resolve("http://snomed.info/sct")
    with pytest.raises(UnknownCodeSystem, match="version '2019' is not available"):
        systems.resolve("http://hl7.org/fhir/sid/icd-10-cm|2019")
    with pytest.raises(UnknownCodeSystem, match="this server has icd-10-cm, icd-10"):
        systems.by_id("snomed")


def test_empty_system_uses_default_or_is_missing(systems: CodeSystems) -> None:
    assert systems.resolve("", default=systems.default) is systems.default
    assert systems.default.info is ICD10CM
    with pytest.raises(InvalidParameter, match="missing required parameter 'system'"):
        systems.resolve(None)
