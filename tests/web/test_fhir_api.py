"""FHIR endpoints over HTTP as a client calls them: GET and POST, media types, every response
validated against the fhir.resources R4B models."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.terminologycapabilities import TerminologyCapabilities
from fhir.resources.R4B.valueset import ValueSet

CM = "http://hl7.org/fhir/sid/icd-10-cm"
FHIR_JSON = "application/fhir+json"
MODELS = {m.__name__: m for m in (Bundle, CapabilityStatement, CodeSystem, OperationOutcome, Parameters, TerminologyCapabilities, ValueSet)}


def fhir(client: TestClient, path: str, status: int = 200, body: dict[str, Any] | None = None, **params: Any) -> dict[str, Any]:
    if body is None:
        response = client.get(f"/fhir/{path}", params=params, headers={"accept": FHIR_JSON})
    else:
        response = client.post(f"/fhir/{path}", json=body, headers={"content-type": FHIR_JSON, "accept": FHIR_JSON})
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(FHIR_JSON)
    data: dict[str, Any] = response.json()
    MODELS[data["resourceType"]].model_validate(data)
    return data


def value(resource: dict[str, Any], name: str) -> Any:
    found = [p for p in resource["parameter"] if p["name"] == name]
    assert found, f"no {name} in {resource}"
    return next(v for k, v in found[0].items() if k.startswith("value"))


def test_capability_statement(client: TestClient) -> None:
    cap = fhir(client, "metadata")
    assert cap["kind"] == "instance" and cap["fhirVersion"] == "4.0.1"
    operations = {o["name"] for r in cap["rest"][0]["resource"] for o in r["operation"]}
    assert operations == {"lookup", "validate-code", "subsumes", "expand"}
    assert CM in cap["rest"][0]["resource"][0]["documentation"]


def test_terminology_capabilities(client: TestClient) -> None:
    tc = fhir(client, "metadata", mode="terminology")
    assert tc["resourceType"] == "TerminologyCapabilities"
    assert {(s["uri"], s["version"][0]["code"]) for s in tc["codeSystem"]} == {(CM, "2026"), ("http://hl7.org/fhir/sid/icd-10", "2019")}
    fhir(client, "metadata", 400, mode="everything")


def test_code_system_read_and_search(client: TestClient) -> None:
    cs = fhir(client, "CodeSystem/icd-10-cm")
    assert (cs["version"], cs["content"], cs["hierarchyMeaning"]) == ("2026", "not-present", "is-a")
    assert cs["count"] == 98_505 - 22 - 297  # items minus chapters and blocks
    assert {"parent", "child", "billable", "notSelectable"} <= {p["code"] for p in cs["property"]}
    bundle = fhir(client, "CodeSystem", url=CM)
    assert bundle["total"] == 1 and bundle["entry"][0]["resource"]["id"] == "icd-10-cm"
    assert fhir(client, "CodeSystem", url="http://snomed.info/sct")["total"] == 0
    assert fhir(client, "CodeSystem")["total"] == 2
    fhir(client, "CodeSystem/snomed", 404)
    fhir(client, "CodeSystem", 400, name="x")


def test_lookup_get_and_post_agree(client: TestClient) -> None:
    got = fhir(client, "CodeSystem/$lookup", system=CM, code="M61.28", displayLanguage="fr")
    posted = fhir(client, "CodeSystem/$lookup", body={"resourceType": "Parameters", "parameter": [
        {"name": "coding", "valueCoding": {"system": CM, "code": "M61.28"}}, {"name": "displayLanguage", "valueCode": "fr"}]})
    assert got == posted
    assert value(got, "display") == "Calcification et ossification paralytiques de muscles - Autres localisations"
    instance = fhir(client, "CodeSystem/icd-10-cm/$lookup", code="M61.28", _format="json")
    assert value(instance, "code") == "M61.28"


def test_lookup_errors(client: TestClient) -> None:
    missing = fhir(client, "CodeSystem/$lookup", 404, system=CM, code="M61.99")
    assert missing["issue"][0]["code"] == "not-found" and "M61.9" in missing["issue"][0]["details"]["text"]
    assert fhir(client, "CodeSystem/$lookup", 404, system="http://loinc.org", code="1")["issue"][0]["code"] == "not-found"
    assert "missing required parameter 'code'" in fhir(client, "CodeSystem/$lookup", 400, system=CM)["issue"][0]["diagnostics"]
    fhir(client, "CodeSystem/icd-10-cm/$lookup", 400, system="http://hl7.org/fhir/sid/icd-10", code="M61.2")


def test_validate_code(client: TestClient) -> None:
    assert value(fhir(client, "CodeSystem/$validate-code", url=CM, code="M61.28"), "result") is True
    header = fhir(client, "ValueSet/$validate-code", url=f"{CM}?fhir_vs", system=CM, code="M61.2")
    assert value(header, "result") is False and "not selectable" in value(header, "message")
    unknown = fhir(client, "CodeSystem/$validate-code", system=CM, code="Q99.99999")
    assert value(unknown, "result") is False
    coding = fhir(client, "ValueSet/$validate-code", url=f"{CM}?fhir_vs=isa/M61", coding=f"{CM}|M61.28")
    assert value(coding, "result") is True
    concept = fhir(client, "ValueSet/$validate-code", body={"resourceType": "Parameters", "parameter": [
        {"name": "url", "valueUri": f"{CM}?fhir_vs"},
        {"name": "codeableConcept", "valueCodeableConcept": {"coding": [{"system": CM, "code": "M61.28", "display": "Wrong"}]}}]})
    assert value(concept, "result") is False and "Wrong display" in value(concept, "message")
    fhir(client, "ValueSet/$validate-code", 400, system=CM, code="M61.28")  # no url
    fhir(client, "ValueSet/$validate-code", 404, url="http://example.org/vs", system=CM, code="M61.28")


def test_subsumes(client: TestClient) -> None:
    assert value(fhir(client, "CodeSystem/$subsumes", system=CM, codeA="M61", codeB="M61.28"), "outcome") == "subsumes"
    assert value(fhir(client, "CodeSystem/icd-10-cm/$subsumes", codeA="M61.28", codeB="M61"), "outcome") == "subsumed-by"
    fhir(client, "CodeSystem/$subsumes", 400, system=CM, codeA="M61")


def test_expand_paging_and_filter(client: TestClient) -> None:
    page = fhir(client, "ValueSet/$expand", url=f"{CM}?fhir_vs=isa/M61", count=10, offset=200)
    assert page["expansion"]["total"] == 203 and len(page["expansion"]["contains"]) == 3  # 203 = M61 and its 202 descendants
    french = fhir(client, "ValueSet/$expand", url=f"{CM}?fhir_vs=isa/M61", filter="région scapulaire", displayLanguage="fr", count=50)
    assert french["expansion"]["contains"] and all(c["code"].startswith("M61") for c in french["expansion"]["contains"])
    posted = fhir(client, "ValueSet/$expand", body={"resourceType": "Parameters", "parameter": [
        {"name": "url", "valueUri": f"{CM}?fhir_vs"}, {"name": "count", "valueInteger": 1}, {"name": "activeOnly", "valueBoolean": True}]})
    assert posted["expansion"]["contains"][0]["code"] == "A00"
    fhir(client, "ValueSet/$expand", 400, url=f"{CM}?fhir_vs", count="lots")
    fhir(client, "ValueSet/$expand", 400)


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), [
    ("get", "/fhir/metadata?_format=xml", {}, 406),
    ("get", "/fhir/metadata", {"headers": {"accept": "application/fhir+xml"}}, 406),
    ("post", "/fhir/CodeSystem/$lookup", {"content": b"<Parameters/>", "headers": {"content-type": "application/fhir+xml"}}, 415),
    ("post", "/fhir/CodeSystem/$lookup", {"content": b"{not json", "headers": {"content-type": FHIR_JSON}}, 400),
    ("post", "/fhir/CodeSystem/$lookup", {"json": {"resourceType": "Patient"}}, 400),
    ("delete", "/fhir/CodeSystem/icd-10-cm", {}, 405),
    ("get", "/fhir/Patient/1", {}, 404),
])
def test_transport_errors_are_operation_outcomes(client: TestClient, method: str, path: str, kwargs: dict[str, Any], status: int) -> None:
    response = client.request(method, path, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(FHIR_JSON)
    outcome = OperationOutcome.model_validate(response.json())
    assert outcome.issue[0].diagnostics
    assert "Traceback" not in response.text


def test_deeply_nested_body_is_a_400(client: TestClient) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    response = client.post("/fhir/CodeSystem/$lookup", content=body, headers={"content-type": FHIR_JSON})
    assert response.status_code in {400, 413}
    assert response.json()["resourceType"] == "OperationOutcome"
