"""The Articles service and the articles API, on the real ICD-10-CM with fixture-made articles
(the real articles are tested in test_content_real.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from nosology.content.articles import Articles
from nosology.errors import ContentInvalid, NotFound
from nosology.library import Library
from nosology.settings import Settings
from nosology.store import ReferenceStore

ARTICLES = [
    ("ho-overview", "ho-apercu", "M61"),
    ("ho-neuro", "ho-neuro-fr", "M61.2"),
    ("ho-other", "ho-autres", "M61.4, M61.5, M61.9"),
    ("ho-range", "ho-plage", "M61.0-M61.1"),
]


@pytest.fixture(scope="module")
def store(make_store: Callable[..., ReferenceStore]) -> ReferenceStore:
    return make_store(ARTICLES)


@pytest.fixture(scope="module")
def lib(settings: Settings, store: ReferenceStore) -> Library:
    return Library(settings, store)


@pytest.fixture()
def api(lib: Library) -> Iterator[TestClient]:
    from nosology.web.app import create_app

    with TestClient(create_app(lib.settings, lib), raise_server_exceptions=False) as client:
        yield client


@pytest.mark.parametrize(
    ("code", "lang", "slug", "via"),
    [
        ("M61.28", "en", "ho-neuro", "M61.2"),  # own code has none: nearest ancestor's
        ("M61.2", "en", "ho-neuro", "M61.2"),
        ("M61.28", "fr", "ho-neuro-fr", "M61.2"),
        ("M61.9", "en", "ho-other", "M61.9"),
        ("M61.59", "en", "ho-other", "M61.5"),
        ("M61.3", "en", "ho-overview", "M61"),  # no burns article here: the family overview
        ("M61", "en", "ho-overview", "M61"),
        ("M61.111", "en", "ho-range", "M61.0-M61.1"),  # inside a range
        ("M61.0", "fr", "ho-plage", "M61.0-M61.1"),
        ("M62.0", "en", None, None),
        ("M60-M63", "en", None, None),  # the block above M61 is broader than any article
        ("13", "en", None, None),
    ],
)
def test_resolution(lib: Library, code: str, lang: str, slug: str | None, via: str | None) -> None:
    record = lib.classification.record(code)
    article = lib.articles.for_item(record.item, record.ancestors, lang)
    assert (article.slug if article else None) == slug
    summary = lib.articles.summary_for(record.item, record.ancestors, lang)
    assert (summary["covers_via"] if summary else None) == via


def test_article_fields_and_translation(lib: Library) -> None:
    article = lib.articles.get("en", "ho-neuro")
    assert article.url == "/articles/ho-neuro" and article.translation_url == "/fr/articles/ho-neuro-fr"
    assert article.codes == ["M61.2"] and len(article.references) == 3
    assert [s.key for s in article.sections] == ["understanding", "symptoms", "diagnosis", "causes", "risk_factors",
                                                 "complications", "when_to_get_help", "treatment", "classification"]
    assert [s.key for s in article.sections if s.gated] == ["treatment"]
    assert "<em>This information does not replace medical advice." in article.notice_html
    assert all("does not replace" not in s.html for s in article.sections)  # the notice is not in a section
    french = lib.articles.translation(article)
    assert french is not None and french.lang == "fr" and french.url == "/fr/articles/ho-neuro-fr"
    assert [a.slug for a in lib.articles.list("fr")] == ["ho-apercu", "ho-autres", "ho-neuro-fr", "ho-plage"]


def test_gated_sections_follow_the_setting(lib: Library, settings: Settings) -> None:
    from dataclasses import replace

    articles = Articles(lib.store, replace(settings, gated_sections=("causes", "treatment")))
    article = articles.get("en", "ho-neuro")
    anonymous = article.to_dict(signed_in=False)
    assert anonymous["gated_sections_withheld"] == ["causes", "treatment"]
    withheld = {s["key"]: s for s in anonymous["sections"] if s["withheld"]}
    assert set(withheld) == {"causes", "treatment"} and all(s["html"] is None for s in withheld.values())
    assert article.to_dict(signed_in=True)["gated_sections_withheld"] == []


def test_search_terms(lib: Library) -> None:
    terms = lib.articles.search_terms("en")
    assert {"term": "test condition", "lang": "en", "slug": "ho-neuro", "code": "M61.2", "kind": "synonym"} in terms


def test_api_article_anonymous_then_signed_in(api: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    anonymous = api.get("/api/articles/en/ho-neuro").json()
    treatment = next(s for s in anonymous["sections"] if s["key"] == "treatment")
    assert treatment == {"key": "treatment", "heading": "Treatment", "gated": True, "html": None, "withheld": True}
    assert anonymous["gated_sections_withheld"] == ["treatment"]
    assert "anonymous visitors do not see" not in str(anonymous)

    monkeypatch.setattr("nosology.web.api_articles.is_signed_in", lambda request: True)
    signed_in = api.get("/api/articles/en/ho-neuro").json()
    treatment = next(s for s in signed_in["sections"] if s["key"] == "treatment")
    assert treatment["withheld"] is False and "anonymous visitors do not see" in treatment["html"]
    assert signed_in["gated_sections_withheld"] == []


def test_api_list(api: TestClient) -> None:
    everything = api.get("/api/articles").json()
    assert everything["count"] == 8
    french = api.get("/api/articles?lang=fr").json()
    assert {a["lang"] for a in french["articles"]} == {"fr"} and french["count"] == 4
    assert api.get("/api/articles?lang=de").status_code == 422


@pytest.mark.parametrize(
    "path",
    ["/api/articles/xx/../../etc/passwd", "/api/articles/en/..%2F..%2Fetc%2Fpasswd", "/api/articles/en/no-such-article",
     "/api/articles/xx/ho-neuro", "/api/articles/en/" + "a" * 150, "/api/articles/en/UPPER", "/api/articles/en/%00"],
)
def test_api_not_found_is_clean_json(api: TestClient, path: str) -> None:
    response = api.get(path)
    assert response.status_code in (404, 422), response.text
    body = response.json()
    assert body["status"] == response.status_code and body["detail"]
    assert "Traceback" not in response.text


def test_api_suggests(api: TestClient) -> None:
    near = api.get("/api/articles/en/ho-neura").json()
    assert near["status"] == 404 and "ho-neuro" in near["suggestions"]
    other_language = api.get("/api/articles/fr/ho-neuro").json()
    assert other_language["suggestions"] == ["ho-neuro-fr"]


def test_api_code_carries_article_summary(api: TestClient) -> None:
    english = api.get("/api/codes/M61.28").json()["article"]
    assert english["slug"] == "ho-neuro" and english["covers_via"] == "M61.2" and english["url"] == "/articles/ho-neuro"
    assert english["translation_url"] == "/fr/articles/ho-neuro-fr" and english["summary"]
    french = api.get("/api/codes/M61.28?lang=fr").json()["article"]
    assert french["slug"] == "ho-neuro-fr" and french["url"] == "/fr/articles/ho-neuro-fr"
    assert api.get("/api/codes/M62.0").json()["article"] is None
    assert api.get("/api/codes/M61.28?lang=xx").status_code == 422


def test_content_problems_fail_the_build_naming_file_and_line(make_store: Callable[..., ReferenceStore]) -> None:
    def break_it(content: Path) -> None:
        path = content / "en" / "ho-neuro.md"
        path.write_text(path.read_text(encoding="utf-8").replace("## Causes\n", "## Causes\n\n<script>x()</script>\n"), encoding="utf-8")

    with pytest.raises(ContentInvalid) as caught:
        make_store([("ho-neuro", "ho-neuro-fr", "M61.2")], break_it)
    assert "1 problem(s) in the articles" in caught.value.message
    assert "en/ho-neuro.md:51: raw HTML is not allowed in articles: '<script>x()</script>'" in caught.value.message


def test_a_database_without_article_tables_has_no_articles(library: Library, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("ATTACH DATABASE ? AS ref", (str(library.settings.reference_db),))
    conn.execute("CREATE TABLE meta AS SELECT * FROM ref.meta")
    conn.execute("CREATE TABLE item AS SELECT * FROM ref.item WHERE seq < 10")
    conn.commit()
    conn.close()
    articles = Articles(ReferenceStore(db), library.settings)
    assert articles.list() == [] and articles.search_terms() == []
    with pytest.raises(NotFound):
        articles.get("en", "heterotopic-ossification")


def test_unknown_gated_section_is_logged(lib: Library, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    from dataclasses import replace

    articles = Articles(lib.store, replace(settings, gated_sections=("treatmnt",)))
    with caplog.at_level("WARNING", logger="nosology.content"):
        assert articles.get("en", "ho-neuro").gated_sections == []
    assert "unknown section(s) ['treatmnt']" in caplog.text
