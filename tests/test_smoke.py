"""The issue's "done" line: M61.28 shows its title, chapter 13 ancestry, inherited inclusion term, French title, decoding."""

from fastapi.testclient import TestClient

from nosology.library import Library


def test_m6128_record(library: Library) -> None:
    r = library.classification.record(" m61 28 ")
    assert r.item.code == "M61.28"
    assert r.item.title == "Paralytic calcification and ossification of muscle, other site"
    assert [a.code for a in r.ancestors] == ["13", "M60-M79", "M60-M63", "M61", "M61.2"]
    inherited = [g for g in r.notes if g.kind == "inclusionTerm" and g.owner == "M61.2"]
    assert inherited and inherited[0].notes == ["Myositis ossificans associated with quadriplegia or paraplegia"]
    french = r.translations.get("fr")
    assert french is not None and french.title.endswith("Autres localisations")
    assert [(p.chars, p.meaning) for p in r.decoding][-2:] == [(".2", "Paralytic"), ("8", "other site")]


def test_api_code_and_404(client: TestClient) -> None:
    ok = client.get("/api/codes/m6128")
    assert ok.status_code == 200 and ok.json()["item"]["code"] == "M61.28"
    missing = client.get("/api/codes/W21.89A")
    assert missing.status_code == 404
    assert "W21.89XA" in missing.json()["suggestions"]
