"""The website in a real browser: search as a person would, read a code page, switch language,
follow notes, meet the sign-in gate, and check accessibility with axe-core in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

Axe = Callable[[Any], list[dict[str, Any]]]
Shot = Callable[[Any, str], Path]


def test_search_with_autocomplete_lands_on_the_m61_family(page: Any, screenshot: Shot) -> None:
    page.goto("/")
    box = page.get_by_role("combobox", name="Search by code or by words")
    box.press_sequentially("ossification hétérotopique", delay=20)
    options = page.get_by_role("option")
    options.first.wait_for()
    # A person picks the suggestion for the heterotopic ossification family.
    m61 = page.locator('[role=option][data-code^="M61"]').first
    m61.wait_for()
    screenshot(page, "home-autocomplete")
    m61.click()
    page.wait_for_url(re.compile(r"/codes/M61(\.[0-9A-Z]+)?$"))
    assert page.locator("h1 .code").inner_text().startswith("M61")


def test_keyboard_picks_a_suggestion(page: Any) -> None:
    page.goto("/fr/")
    box = page.get_by_role("combobox")
    box.press_sequentially("M61.2", delay=20)
    page.get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "q-opt-0"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/fr/codes/M61"))


def test_code_page_m61_28(page: Any, screenshot: Shot) -> None:
    page.goto("/codes/M61.28")
    crumbs = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link")
    assert [crumbs.nth(i).inner_text() for i in range(crumbs.count())] == ["Home", "Chapter 13", "M60-M79", "M60-M63", "M61", "M61.2"]
    decoding = page.locator("table.decoding")
    assert "other site" in decoding.inner_text()
    # "other site" names no one region: no figure at all
    assert page.get_by_role("img", name="Body site named by this code").count() == 0
    excludes = page.locator("section.note-excludes1")
    assert excludes.count() >= 1 and excludes.first.get_by_role("link").count() >= 1
    screenshot(page, "code-M61.28-en")

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    page.wait_for_url("**/fr/codes/M61.28")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Ce que signifie ce code").is_visible()
    screenshot(page, "code-M61.28-fr")

    link = page.locator("section.note-excludes1 a[href^='/fr/codes/']").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url("**" + target)
    assert page.locator("h1 .code").inner_text() == target.rsplit("/", 1)[1]


def test_treatment_is_gated_for_anonymous_visitors(page: Any) -> None:
    page.goto("/codes/M61.28")
    treatment = page.locator("section.section-treatment").first
    assert "Sign up or log in to read this section" in treatment.inner_text()
    assert treatment.get_by_role("link", name="Log in").get_attribute("href") == "/login?next=/codes/M61.28"
    page.goto("/fr/codes/M61.28")
    assert "Inscrivez-vous ou connectez-vous pour lire cette section" in page.locator("section.section-treatment").first.inner_text()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home-en", "/"),
        ("home-fr", "/fr/"),
        ("search-en", "/search?q=heterotopic+ossification"),
        ("search-fr", "/fr/search?q=ossification+h%C3%A9t%C3%A9rotopique"),
        ("no-result-en", "/search?q=zzqqxx"),
        ("code-en", "/codes/M61.211"),
        ("code-fr", "/fr/codes/S72.001A"),
        ("chapter-en", "/codes/13"),
        ("articles-en", "/articles"),
        ("article-en", "ARTICLE:en"),
        ("article-fr", "ARTICLE:fr"),
        ("not-found-fr", "/fr/codes/M61.99"),
        ("code-mcc-en", "/codes/A41.9"),
        ("manifestation-fr", "/fr/codes/G63"),
        ("retired-en", "/codes/S30.1XXA"),
        ("changes-fr", "/fr/changes/2026"),
    ],
)
def test_axe_has_no_serious_violations(audit_page: Any, check_axe: Axe, screenshot: Shot, name: str, path: str) -> None:
    page = audit_page
    if path.startswith("ARTICLE:"):
        lang = path.split(":")[1]
        page.goto("/articles" if lang == "en" else "/fr/articles")
        first = page.locator(".article-list a").first
        first.wait_for()
        path = first.get_attribute("href")
    page.goto(path)
    check_axe(page)
    screenshot(page, name)


def test_phone_layout_has_no_horizontal_scroll(phone: Any, screenshot: Shot) -> None:
    for path in ("/", "/codes/M61.28", "/fr/codes/S72.001A"):
        phone.goto(path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width} px wide on a 375 px screen"
    screenshot(phone, "code-phone")


def test_skip_link_and_visible_focus(page: Any) -> None:
    page.goto("/codes/M61.28")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_run_under_the_content_security_policy(page: Any) -> None:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    for path in ("/", "/codes/M61.28", "/fr/search?q=ossification"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert problems == []


def test_print_stylesheet_hides_navigation(page: Any) -> None:
    page.goto("/codes/M61.28")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator("h1").is_visible()
