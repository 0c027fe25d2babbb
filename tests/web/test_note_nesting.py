"""Notes nested as the tabular prints them, on the four codes the review named, in HTML, JSON
and FHIR (full data: ICD-10-CM 2026 tabular)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.fulldata

HTML = {"Accept": "text/html"}


def _section(html: str, kind: str) -> str:
    return html.split(f'class="note-kind note-{kind}"', 1)[1].split("</section>", 1)[0]


def _tree(client: TestClient, code: str, kind: str, owner: str) -> list[dict[str, Any]]:
    data = client.get(f"/codes/{code}.json").json()
    group = next(g for g in data["notes"] if g["kind"] == kind and g["owner"] == owner)
    assert len(group["levels"]) == len(group["notes"])
    tree: list[dict[str, Any]] = group["tree"]
    return tree


def test_e11_9_use_additional_code_lists_the_drugs_under_the_lead_in(client: TestClient) -> None:
    tree = _tree(client, "E11.9", "useAdditionalCode", "E11")
    lead = next(n for n in tree if n["text"] == "code to identify control using:")
    # E11 prints four drug classes under the lead-in
    assert [re.sub(r" \(.*", "", t) for t in lead["items"]] == [
        "injectable non-insulin antidiabetic drugs", "insulin", "oral antidiabetic drugs", "oral hypoglycemic drugs"]
    html = client.get("/codes/E11.9", headers=HTML).text
    section = _section(html, "useAdditionalCode")
    assert re.search(r"<li>code to identify control using:\s*<ul><li>injectable non-insulin", section)


def test_t84_89xa_such_as_list_ends_where_the_outer_list_resumes(client: TestClient) -> None:
    tree = _tree(client, "T84.89XA", "excludes2", "T80-T88")
    first = tree[0]
    assert first["text"].endswith("such as:")
    assert [t.split(" (")[0] for t in first["items"]] == [
        "artificial opening status", "closure of external stoma", "fitting and adjustment of external prosthetic device"]
    assert tree[1]["text"].startswith("burns and corrosions") and tree[1]["items"] == []
    specified = next(n for n in tree if n["text"].startswith("specified complications classified elsewhere"))
    assert len(specified["items"]) == 11  # the eleven complications the tabular indents there
    html = client.get("/codes/T84.89XA", headers=HTML).text
    assert re.search(r"such as:\s*<ul><li>artificial opening status", _section(html, "excludes2"))


def test_g63_excludes1_is_polyneuropathy_in_each_disease(client: TestClient) -> None:
    tree = _tree(client, "G63", "excludes1", "G63")
    assert len(tree) == 1 and tree[0]["text"] == "polyneuropathy (in):"
    assert len(tree[0]["items"]) == 9 and tree[0]["items"][1].startswith("diphtheria")
    html = client.get("/codes/G63", headers=HTML).text
    section = _section(html, "excludes1")
    assert re.search(r"<li>polyneuropathy \(in\):\s*<ul><li>diabetes mellitus[^\n]*diphtheria[^\n]*</ul></li>", section)
    first_code = _tree(client, "G63", "codeFirst", "G63")
    assert first_code[0]["text"] == "underlying disease, such as:" and len(first_code[0]["items"]) == 5


def test_chapter_2_subheadings_head_their_paragraphs(client: TestClient) -> None:
    tree = _tree(client, "2", "notes", "2")
    assert [n["text"] for n in tree] == ["Functional activity", "Morphology [Histology]",
                                         "Primary malignant neoplasms overlapping site boundaries", "Malignant neoplasm of ectopic tissue"]
    assert all(len(n["items"]) == 1 for n in tree)
    html = client.get("/codes/2", headers=HTML).text
    assert re.search(r"<li>Functional activity\s*<ul><li>All neoplasms", _section(html, "notes"))


def test_fhir_lookup_keeps_each_lead_in_with_its_entries(client: TestClient) -> None:
    data = client.get("/fhir/CodeSystem/$lookup", params={"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "G63"},
                      headers={"accept": "application/fhir+json"}).json()
    values = [next(v for k, v in part.items() if k.startswith("value"))
              for p in data["parameter"] if p["name"] == "property"
              for part in p["part"] if part["name"] == "value"]
    excludes = [v for v in values if isinstance(v, str) and v.startswith("polyneuropathy (in):")]
    assert len(excludes) == 1 and "diphtheria (A36.83)" in excludes[0]
    assert not any(isinstance(v, str) and v.startswith("diphtheria") for v in values)
