"""HL7 Infobutton: Atom (default), MedlinePlus Connect JSON, HTML redirects, empty feeds with reasons."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from nosology.library import Library

CM_OID = "2.16.840.1.113883.6.90"
WHO_OID = "2.16.840.1.113883.6.3"
ATOM = "{http://www.w3.org/2005/Atom}"


def ask(client: TestClient, code: str, cs: str = CM_OID, **extra: str) -> Any:
    params = {"mainSearchCriteria.v.cs": cs, "mainSearchCriteria.v.c": code, **extra}
    return client.get("/infobutton", params=params, follow_redirects=False)


def feed_json(client: TestClient, code: str, cs: str = CM_OID, **extra: str) -> dict[str, Any]:
    response = ask(client, code, cs, knowledgeResponseType="application/json", **extra)
    assert response.status_code == 200
    feed: dict[str, Any] = response.json()["feed"]
    return feed


def test_atom_is_the_default(client: TestClient) -> None:
    response = ask(client, "M61.28", **{"mainSearchCriteria.v.dn": "Paralytic calcification"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    link = entries[0].find(f"{ATOM}link")
    assert link is not None and link.get("href", "").startswith("http://testserver/")
    assert entries[0].findtext(f"{ATOM}title")
    assert entries[0].findtext(f"{ATOM}summary")
    assert {c.get("term") for c in feed.findall(f"{ATOM}category")} >= {"M61.28", CM_OID}


def test_json_in_french(client: TestClient) -> None:
    for tag in ("fr", "fr-FR"):
        feed = feed_json(client, "M61.28", **{"informationRecipient.languageCode.c": tag})
        assert feed["lang"] == "fr"
        entry = feed["entry"][0]
        assert entry["lang"] == "fr"
        assert "/fr/" in entry["link"][0]["href"]
        assert "reason" not in feed


def test_article_then_code_page(client: TestClient, library: Library) -> None:
    """The article covering the code in the reader's language where one exists, then the code page."""
    m6128 = library.classification.get("M61.28")
    for lang in ("en", "fr"):
        article = library.articles.for_item(m6128, library.classification.ancestors(m6128), lang)
        entries = feed_json(client, "M61.28", **{"informationRecipient.languageCode.c": lang})["entry"]
        kinds = [e["category"][0]["term"] for e in entries]
        assert kinds == (["article", "code"] if article else ["code"])
        if article:
            assert entries[0]["title"]["_value"] == article.title
            assert entries[0]["link"][0]["href"] == f"http://testserver{article.url}"
        page = "/codes/M61.28" if lang == "en" else "/fr/codes/M61.28"
        assert entries[-1]["link"][0]["href"] == f"http://testserver{page}"
    english = feed_json(client, "M61.28")["entry"][-1]
    assert english["title"]["_value"] == "M61.28 Paralytic calcification and ossification of muscle, other site"


def test_who_codes_by_oid(client: TestClient) -> None:
    feed = feed_json(client, "M61.2", WHO_OID)
    assert feed["entry"] and "reason" not in feed
    assert feed_json(client, "M61.2", f"urn:oid:{WHO_OID}")["entry"]


@pytest.mark.parametrize(("code", "cs", "reason"), [
    ("M61.28", "2.16.840.1.113883.6.96", "unknown code system"),
    ("M61.99", CM_OID, "not an ICD-10-CM code"),
    ("Q99.99", WHO_OID, "not an ICD-10 code"),
    ("", CM_OID, "missing mainSearchCriteria.v.c"),
    ("M61.28", "", "missing mainSearchCriteria.v.cs"),
])
def test_unknown_gives_an_empty_feed_with_a_reason(client: TestClient, code: str, cs: str, reason: str) -> None:
    feed = feed_json(client, code, cs)
    assert feed["entry"] == [] and reason in feed["reason"]
    atom = ask(client, code, cs)
    assert atom.status_code == 200
    assert reason in etree.fromstring(atom.content).findtext(f"{ATOM}subtitle", "")


def test_html_redirects_to_the_page(client: TestClient) -> None:
    response = ask(client, "M61.28", knowledgeResponseType="text/html", **{"informationRecipient.languageCode.c": "fr"})
    assert response.status_code == 303
    assert response.headers["location"].startswith("http://testserver/fr/")
    unknown = ask(client, "M61.99", knowledgeResponseType="text/html", **{"mainSearchCriteria.v.dn": "bone in muscle"})
    assert unknown.status_code == 303 and unknown.headers["location"] == "http://testserver/search?q=bone+in+muscle"


def test_other_languages_fall_back_to_english(client: TestClient) -> None:
    feed = feed_json(client, "M61.28", **{"informationRecipient.languageCode.c": "es"})
    assert feed["lang"] == "en" and "Spanish is not available" in feed["subtitle"]["_value"]


def test_unsupported_response_type_is_a_clear_400(client: TestClient) -> None:
    response = ask(client, "M61.28", knowledgeResponseType="application/pdf")
    assert response.status_code == 400
    assert "text/xml" in response.json()["detail"]


def test_control_characters_are_echoed_safely(client: TestClient) -> None:
    response = ask(client, "M61\x00\x0b28", **{"mainSearchCriteria.v.dn": "bell\x07"})
    assert response.status_code == 200
    feed = etree.fromstring(response.content)
    assert feed.findall(f"{ATOM}entry") == [] and "not an ICD-10-CM code" in feed.findtext(f"{ATOM}subtitle", "")
