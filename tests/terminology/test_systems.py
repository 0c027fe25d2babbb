"""Code systems by URL, OID, id and version."""

from __future__ import annotations

import pytest

from nosology.errors import InvalidParameter, UnknownCodeSystem
from nosology.terminology.systems import CM, WHO, resolve_system


@pytest.mark.parametrize("text", ["http://hl7.org/fhir/sid/icd-10-cm", "urn:oid:2.16.840.1.113883.6.90",
                                  "2.16.840.1.113883.6.90", "icd-10-cm", "http://hl7.org/fhir/sid/icd-10-cm|2026"])
def test_icd10cm_spellings(text: str) -> None:
    assert resolve_system(text) is CM


def test_who_by_url_and_oid() -> None:
    assert resolve_system("http://hl7.org/fhir/sid/icd-10") is WHO
    assert resolve_system("urn:oid:2.16.840.1.113883.6.3") is WHO


def test_unknown_system_and_version() -> None:
    with pytest.raises(UnknownCodeSystem, match="this server knows"):
        resolve_system("http://snomed.info/sct")
    with pytest.raises(UnknownCodeSystem, match="version '2019' is not available"):
        resolve_system("http://hl7.org/fhir/sid/icd-10-cm|2019")


def test_empty_system_uses_default_or_is_missing() -> None:
    assert resolve_system("", default=CM) is CM
    with pytest.raises(InvalidParameter, match="missing required parameter 'system'"):
        resolve_system(None)
