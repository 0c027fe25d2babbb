"""The real articles (the twelve heterotopic-ossification ones named here): they pass the check, are in the database, resolve from their codes,
gate their treatment section, and lead search to their codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from nosology.content.check import check_content
from nosology.content.codes import SqliteCodes
from nosology.library import Library

CONTENT = Path(__file__).resolve().parents[2] / "src" / "nosology" / "articles"
# The six pairs of src/nosology/articles/README.md: (en slug, fr slug, codes).
PAIRS = [
    ("heterotopic-ossification", "ossification-heterotopique", ["M61"]),
    ("myositis-ossificans-traumatica", "myosite-ossifiante-traumatique", ["M61.0"]),
    ("fibrodysplasia-ossificans-progressiva", "fibrodysplasie-ossifiante-progressive", ["M61.1"]),
    ("neurogenic-heterotopic-ossification", "ossification-heterotopique-neurogene", ["M61.2"]),
    ("heterotopic-ossification-after-burns", "ossification-heterotopique-apres-brulure", ["M61.3"]),
    ("other-calcification-ossification-of-muscle", "autres-calcifications-ossifications-musculaires", ["M61.4", "M61.5", "M61.9"]),
]


def test_check_passes_on_every_file(library: Library) -> None:
    result = check_content(CONTENT, SqliteCodes(library.store.connection()))
    assert [str(p) for p in result.problems] == []
    assert {("en", en) for en, _, _ in PAIRS} | {("fr", fr) for _, fr, _ in PAIRS} <= {(f.lang, f.slug) for f in result.files}


@pytest.mark.parametrize(("en", "fr", "codes"), PAIRS)
def test_pairs_are_stored_and_linked(library: Library, en: str, fr: str, codes: list[str]) -> None:
    english, french = library.articles.get("en", en), library.articles.get("fr", fr)
    assert english.codes == french.codes == codes
    assert library.articles.translation(english) == french and library.articles.translation(french) == english
    assert [s.key for s in english.sections] == [s.key for s in french.sections]
    assert len(english.references) >= 3 and english.notice_html and french.notice_html


@pytest.mark.parametrize(
    ("code", "lang", "slug"),
    [
        ("M61.28", "en", "neurogenic-heterotopic-ossification"),
        ("M61.28", "fr", "ossification-heterotopique-neurogene"),
        ("M61.9", "en", "other-calcification-ossification-of-muscle"),
        ("M61.49", "en", "other-calcification-ossification-of-muscle"),
        ("M61.3", "fr", "ossification-heterotopique-apres-brulure"),
        ("M61.011", "en", "myositis-ossificans-traumatica"),
        ("M61", "en", "heterotopic-ossification"),
        ("M62.0", "en", None),
        ("M60-M63", "en", None),
    ],
)
def test_resolution(library: Library, code: str, lang: str, slug: str | None) -> None:
    record = library.classification.record(code)
    found = library.articles.for_item(record.item, record.ancestors, lang)
    assert (found.slug if found else None) == slug


def test_m6128_api_gates_treatment(client: TestClient) -> None:
    summary = client.get("/api/codes/M61.28").json()["article"]
    assert summary["slug"] == "neurogenic-heterotopic-ossification" and summary["covers_via"] == "M61.2"
    assert client.get("/api/codes/M61.28?lang=fr").json()["article"]["url"] == "/fr/articles/ossification-heterotopique-neurogene"
    article = client.get(summary["api_url"]).json()
    treatment = next(s for s in article["sections"] if s["key"] == "treatment")
    assert treatment["withheld"] is True and treatment["html"] is None
    assert article["gated_sections_withheld"] == ["treatment"]
    assert all(s["html"] for s in article["sections"] if s["key"] != "treatment")


def test_every_stored_section_is_clean(library: Library) -> None:
    for summary in library.articles.list():
        article = library.articles.get(summary.lang, summary.slug)
        for section in article.sections:
            lowered = section.html.lower()
            assert "<script" not in lowered and "javascript:" not in lowered and " on" not in lowered.split(">")[0]


@pytest.mark.parametrize(("en", "fr", "codes"), PAIRS)
def test_article_titles_lead_search_to_their_codes(library: Library, en: str, fr: str, codes: list[str]) -> None:
    for lang, slug in (("en", en), ("fr", fr)):
        title = library.articles.get(lang, slug).title
        found = [hit.code for hit in library.search.search(title, lang=lang, limit=5).results]
        assert set(found) & set(codes), (title, found)


def test_terms_only_articles_know_are_found(library: Library) -> None:
    """Synonyms no official title or lexicon entry has (e.g. "ACVR1 disease") match as ``article``."""
    own = library.store.query(
        "SELECT DISTINCT term, code FROM search_term WHERE kind = 'article' AND lang = 'en' "
        "AND lower(term) NOT IN (SELECT lower(term) FROM search_term WHERE kind != 'article') ORDER BY term LIMIT 10"
    )
    assert own, "article terms reach search_term"
    hits = [(r["code"], [(h.code, h.matched) for h in library.search.search(r["term"], lang="en", limit=3).results]) for r in own]
    assert sum((code, "article") in found for code, found in hits) >= len(hits) // 2, hits
