"""The glossed title and notes on code pages, and plain_summary in the JSON (full data).

Expected terms are read from the library's glossary, so the tests hold as the glossary grows."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from nosology.library import Library

pytestmark = pytest.mark.fulldata

HTML = {"Accept": "text/html"}


def _block(page: str, css_class: str) -> str:
    match = re.search(rf'<(?:div|details) class="{css_class}[^"]*">(.*?)</(?:div|details)>\s', page, re.S)
    assert match, f"no {css_class} block"
    return match.group(1)


def _terms(block: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", t).split(" (")[0].split(" — ")[0].strip()) for t in re.findall(r"<dt>(.*?)</dt>", block, re.S)]


def test_words_in_this_title_in_english(client: TestClient, library: Library) -> None:
    item = library.classification.get("S42.031G")
    expected = [g.term for g in library.glossary.explain(item.title, "en", "en")]
    assert expected, "the glossary explains no word of S42.031G"
    page = client.get("/codes/S42.031G", headers=HTML).text
    block = _block(page, "glossed")
    assert "<summary>Words in this title (" in block and "<details" in block
    assert _terms(block) == expected
    entry = library.glossary.entries("en")[expected[0]]
    assert html.escape(entry.definition, quote=True).replace("&#x27;", "&#39;") in block
    summary = library.summaries.compose(library.classification.record("S42.031G"), "en")
    assert html.escape(summary.text).replace("&#x27;", "&#39;") in block
    assert "Written from the classification, not medical advice." in block
    # the partial sits right under the title, inside the page header
    title_at = page.index('id="code-title"')
    assert title_at < page.index('class="glossed"') < page.index("</header>", title_at)


def test_french_page_explains_the_french_title_in_french_and_the_english_one_through_pair(client: TestClient, library: Library) -> None:
    record = library.classification.record("S42.031G")
    french = record.item.title_in("fr")
    assert french is not None
    # a French title of a broader code is not shown as the code's title (the official one is, with
    # lang=en): its words are the English title's, explained in French through pair
    expected = {g.term for g in library.glossary.explain(french.title, "fr", "fr")} if french.level == "exact" else set()
    expected |= {g.term for g in library.glossary.explain(record.item.title, "en", "fr")}
    assert expected, "no French entry explains a word of S42.031G"
    page = client.get("/fr/codes/S42.031G", headers=HTML).text
    block = _block(page, "glossed")
    assert "<summary>Les mots de ce titre (" in block and "En mots simples :" in block
    assert set(_terms(block)) == expected
    assert all(library.glossary.entries("fr").get(t) for t in _terms(block))  # French definitions only
    assert "ce n&#39;est pas un avis médical" in block


def test_glossed_words_of_the_notes_are_listed_under_the_notes(client: TestClient, library: Library) -> None:
    record = library.classification.record("M61.28")
    in_title = {g.term for g in library.glossary.explain(record.item.title, "en", "en")}
    expected = {g.term for group in record.notes for text in group.notes for g in library.glossary.explain(text, "en", "en")} - in_title
    page = client.get("/codes/M61.28", headers=HTML).text
    if not expected:
        assert "glossary-notes" not in page
        return
    block = _block(page, "glossary-terms glossary-notes")
    assert set(_terms(block)) == expected and "Words in these notes (" in block
    assert page.index('id="notes-title"') < page.index("glossary-notes")


def test_headers_have_no_summary_but_may_gloss_their_title(client: TestClient) -> None:
    page = client.get("/codes/S42", headers=HTML).text
    assert 'class="plain-summary"' not in page


def test_plain_summary_in_the_json(client: TestClient, library: Library) -> None:
    for path in ("/api/codes/S42.031G", "/codes/S42.031G.json"):
        body = client.get(path).json()
        assert set(body["plain_summary"]) == set(library.languages.codes)
        assert body["plain_summary"]["en"]["notice"] == "Written from the classification, not medical advice."
        assert body["plain_summary"]["en"]["text"].endswith("healing more slowly than expected.")
    assert client.get("/api/codes/S42").json()["plain_summary"] == {}
