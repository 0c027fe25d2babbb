"""The home page through the test client: a hero with the search box and examples to try, what
each audience can do, and the 22 chapter cards (number, range, title) in English and French."""

from __future__ import annotations

import re

import lxml.html
import pytest
from fastapi.testclient import TestClient
from lxml.html import HtmlElement

from nosology.library import Library
from nosology.web.pages.areas import page_area
from nosology.web.pages.home import chapter_card

pytestmark = pytest.mark.fulldata

HTML = {"Accept": "text/html"}


def _page(client: TestClient, path: str) -> HtmlElement:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200
    return lxml.html.fromstring(response.text)


def _text(node: HtmlElement) -> str:
    return " ".join(node.text_content().split())


def _c(name: str) -> str:
    """XPath test for an element carrying the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _find(node: HtmlElement, path: str) -> list[HtmlElement]:
    found: list[HtmlElement] = node.xpath(path)
    return found


def _one(node: HtmlElement, name: str) -> HtmlElement:
    """The first element under ``node`` with the class ``name``."""
    return _find(node, f".//*[{_c(name)}]")[0]


@pytest.mark.parametrize(("path", "prefix"), [("/", ""), ("/fr/", "/fr")])
def test_hero_holds_the_search_box_and_examples(client: TestClient, path: str, prefix: str) -> None:
    doc = _page(client, path)
    hero = _find(doc, f"//main/section[{_c('hero')}]")[0]
    assert _find(hero, ".//h1[@id='home-title']")
    form = _find(hero, f".//form[{_c('search-form')}][@role='search']")[0]
    assert form.get("action") == prefix + "/search"
    assert _find(form, ".//input[@id='q'][@role='combobox']")
    examples = _find(hero, f".//ul[{_c('examples')}]//a")
    queries = [_text(_one(a, "example-query")) for a in examples]
    # a code, everyday words in the page language, the same words in the other language
    assert queries[0] == "E11.9" and "code" in _one(examples[0], "example-query").get("class")
    assert set(queries[1:]) == {"heart attack", "crise cardiaque"}
    for a, query in zip(examples, queries, strict=True):
        assert a.get("href") == f"{prefix}/search?q=" + query.replace(" ", "+")


def test_examples_in_another_language_say_so(client: TestClient) -> None:
    en = _find(_page(client, "/"), f"//ul[{_c('examples')}]//a")
    assert _text(_one(en[1], "example-query")) == "heart attack" and _one(en[1], "example-query").get("lang") is None
    french = _one(en[2], "example-query")
    assert _text(french) == "crise cardiaque" and french.get("lang") == "fr"
    assert _text(_one(en[2], "example-label")) == "Français" and _one(en[2], "example-label").get("lang") == "fr"
    fr = _find(_page(client, "/fr/"), f"//ul[{_c('examples')}]//a")
    assert _text(_one(fr[1], "example-query")) == "crise cardiaque"
    english = _one(fr[2], "example-query")
    assert _text(english) == "heart attack" and english.get("lang") == "en"
    assert _text(_one(fr[0], "example-label")) == "un code"


def test_the_examples_find_what_they_promise(client: TestClient) -> None:
    # E11.9 goes straight to its page; both everyday phrasings find a myocardial infarction first.
    assert client.get("/search?q=E11.9", follow_redirects=False).headers["location"].endswith("/codes/E11.9")
    for query in ("heart attack", "crise cardiaque"):
        first = client.get("/api/search", params={"q": query, "limit": 1}).json()["results"][0]
        assert first["code"].startswith("I21"), (query, first)


@pytest.mark.parametrize(("path", "prefix"), [("/", ""), ("/fr/", "/fr")])
def test_each_audience_has_what_it_can_do(client: TestClient, path: str, prefix: str) -> None:
    audiences = _find(_page(client, path), f"//section[{_c('audiences')}]//li[{_c('audience')}]")
    assert len(audiences) == 4
    for audience in audiences:
        assert _find(audience, "h3") and _find(audience, "p")
        assert _find(audience, f"ul[{_c('action-list')}]//a"), _text(audience)
    hrefs = {a.get("href") for a in _find(_page(client, path), f"//ul[{_c('action-list')}]//a")}
    for own in ("/codes/E11.9", "/articles", "/index", "/index/neoplasms", "/index/drugs", "/index/external-causes", "/changes"):
        assert prefix + own in hrefs, own
    assert {"/api/docs", "/api/docs#/FHIR%20R4%20terminology", "/api/docs#/HL7%20Infobutton"} <= hrefs


def test_french_audiences_are_in_french(client: TestClient) -> None:
    text = _text(_find(_page(client, "/fr/"), f"//section[{_c('audiences')}]")[0])
    assert "Ce que vous pouvez faire ici" in text and "Codeurs médicaux" in text and "Table des tumeurs" in text
    assert "What you can do" not in text and "Browse the classification" not in text


def test_twenty_two_chapter_cards_with_range_and_title(client: TestClient, library: Library) -> None:
    chapters = library.classification.chapters()
    assert len(chapters) == 22
    cards = _find(_page(client, "/"), f"//section[@id='chapters']/ol[{_c('chapter-grid')}]/li/a[{_c('chapter-card')}]")
    assert len(cards) == 22
    for card, chapter in zip(cards, chapters, strict=True):
        assert card.get("href") == f"/codes/{chapter.code}"
        assert _text(_one(card, "chapter-number")) == f"Chapter {chapter.code}"
        # the range is the one the official title ends with, shown apart; the title is the rest, unchanged
        range_ = _text(_one(card, "chapter-range"))
        assert chapter.title.endswith(f" ({range_})")
        assert _text(_one(card, "chapter-title")) == chapter.title[: -len(range_) - 3]
    first = cards[0]
    assert _text(_one(first, "chapter-range")) == "A00-B99"
    assert _text(_one(first, "chapter-title")) == "Certain infectious and parasitic diseases"
    assert _text(_one(cards[21], "chapter-range")) == "U00-U85"


def test_french_chapter_cards(client: TestClient, library: Library) -> None:
    chapters = library.classification.chapters()
    cards = _find(_page(client, "/fr/"), f"//section[@id='chapters']//a[{_c('chapter-card')}]")
    assert len(cards) == 22
    for card, chapter in zip(cards, chapters, strict=True):
        assert card.get("href") == f"/fr/codes/{chapter.code}"
        assert _text(_one(card, "chapter-number")) == f"Chapitre {chapter.code}"
        title = _one(card, "chapter-title")
        local = chapter.title_in("fr")
        # a French title where the chapter has one of its own; otherwise the English one, marked as such
        exact = local is not None and local.level == "exact"
        assert title.get("lang") == (None if exact else "en")
        assert _text(title) == (local.title if exact and local else chapter.title[: chapter.title.rindex(" (")])
        assert _text(_one(card, "chapter-range")) in chapter.title


def test_chapter_card_keeps_a_title_without_a_range(library: Library) -> None:
    chapter = library.classification.chapters()[0]
    bare = type(chapter)(**{**chapter.__dict__, "title": "A title with no range"})
    card = chapter_card(bare, "en")
    assert card.range == "" and card.title == "A title with no range" and card.title_lang == "en"


def test_area_of_each_page_sets_its_accent_and_current_nav_item(client: TestClient) -> None:
    assert _find(_page(client, "/"), "//body")[0].get("class") == "area-home"
    index = _page(client, "/fr/index")
    assert _find(index, "//body")[0].get("class") == "area-index"
    current = _find(index, f"//nav[{_c('site-nav')}]//a[@aria-current]")
    assert [a.get("href") for a in current] == ["/fr/index"]
    code = _page(client, "/codes/E11.9")
    assert _find(code, "//body")[0].get("class") == "area-classification"
    assert [_text(a) for a in _find(code, f"//nav[{_c('site-nav')}]//a[@aria-current]")] == ["Browse"]
    assert not _find(_page(client, "/"), f"//nav[{_c('site-nav')}]//a[@aria-current]")


@pytest.mark.parametrize(
    ("path", "area"),
    [("/", "home"), ("/fr/", "home"), ("/codes/M61.28", "classification"), ("/fr/codes", "classification"),
     ("/search", "search"), ("/index/A", "index"), ("/articles/acne", "articles"), ("/changes/2026", "history"),
     ("/saved", "saved"), ("/account", "account"), ("/login", "account"), ("/codesx", "other"), ("/sitemap.xml", "other")],
)
def test_page_area(path: str, area: str) -> None:
    assert page_area(path) == area


def test_home_has_no_inline_style_or_script(client: TestClient) -> None:
    html = client.get("/").text
    assert not re.search(r"<style|style=|<script(?![^>]*\bsrc=)|\son[a-z]+=", html)
