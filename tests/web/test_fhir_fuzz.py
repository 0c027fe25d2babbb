"""Hostile parameters never make a FHIR or Infobutton endpoint fail with a 500 or a trace."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PATHS = ["/fhir/CodeSystem/$lookup", "/fhir/CodeSystem/icd-10-cm/$lookup", "/fhir/CodeSystem/$validate-code",
         "/fhir/CodeSystem/$subsumes", "/fhir/ValueSet/$expand", "/fhir/ValueSet/$validate-code", "/fhir/metadata",
         "/fhir/CodeSystem", "/infobutton"]
NAMES = ["system", "url", "code", "codeA", "codeB", "coding", "display", "version", "displayLanguage", "property",
         "filter", "count", "offset", "activeOnly", "abstract", "_format", "mode",
         "mainSearchCriteria.v.cs", "mainSearchCriteria.v.c", "informationRecipient.languageCode.c", "knowledgeResponseType"]
VALUES = st.one_of(
    st.sampled_from(["http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10-cm?fhir_vs=isa/M61",
                     "http://hl7.org/fhir/sid/icd-10?fhir_vs", "2.16.840.1.113883.6.90", "M61.28", "M61", "13", "M60-M63",
                     "-1", "99999999999999999999", "true", "fr", "json", "text/html", "application/json", "|", "%", "'", "_"]),
    st.text(max_size=40),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(PATHS), params=st.lists(st.tuples(st.sampled_from(NAMES), VALUES), max_size=5))
def test_get_never_fails(client: TestClient, path: str, params: list[tuple[str, str]]) -> None:
    response = client.get(path, params=params, follow_redirects=False)
    assert response.status_code < 500, response.text
    assert "Traceback" not in response.text


BODY_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
                        st.dictionaries(st.sampled_from(["system", "code", "coding", "display"]), st.text(max_size=10), max_size=3))


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(PATHS[:6]), entries=st.lists(st.dictionaries(
    st.sampled_from(["name", "valueString", "valueCode", "valueCoding", "valueCodeableConcept", "valueInteger", "part"]),
    st.one_of(st.sampled_from(NAMES), BODY_VALUES), max_size=3), max_size=4))
def test_post_never_fails(client: TestClient, path: str, entries: list[dict[str, Any]]) -> None:
    response = client.post(path, json={"resourceType": "Parameters", "parameter": entries})
    assert response.status_code < 500, response.text
    assert response.json()["resourceType"] in {"Parameters", "ValueSet", "OperationOutcome"}
