"""The home page in Chromium, English and French: at 1366 px the hero spans the content width and
the chapter cards (and the audience cards) of a row are equally tall; at 375 px nothing scrolls
sideways; axe-core is clean at both widths. Screenshots: ``home-<lang>-<width>.png``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

Axe = Callable[[Any], list[dict[str, Any]]]
Shot = Callable[[Any, str], Path]
PATHS = {"en": "/", "fr": "/fr/"}


@pytest.fixture()
def desktop(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1366, "height": 900}, bypass_csp=True)
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture()
def small_phone(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, bypass_csp=True)
    context.set_default_timeout(20_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def _rows(page: Any, selector: str) -> list[list[float]]:
    """The heights of the boxes matching ``selector``, grouped by the row (top edge) they sit on."""
    boxes = page.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.top, r.height]; })")
    rows: dict[int, list[float]] = defaultdict(list)
    for top, height in boxes:
        rows[round(top)].append(height)
    return [rows[top] for top in sorted(rows)]


@pytest.mark.parametrize("lang", sorted(PATHS))
def test_desktop_hero_and_even_cards(desktop: Any, check_axe: Axe, screenshot: Shot, lang: str) -> None:
    page = desktop
    page.goto(PATHS[lang])
    check_axe(page)
    chapter_rows = _rows(page, "#chapters .chapter-card")
    assert sum(len(r) for r in chapter_rows) == 22
    assert len(chapter_rows[0]) >= 3, f"only {len(chapter_rows[0])} chapter cards a row at 1366 px"
    for row in chapter_rows:
        assert max(row) - min(row) < 1, f"chapter cards of one row differ in height: {row}"
    for row in _rows(page, ".audience-grid > .audience"):
        assert max(row) - min(row) < 1, f"audience cards of one row differ in height: {row}"
    # the hero uses the width: at least 80 % of the content box of <main>
    content = page.evaluate("(() => { const m = document.querySelector('main'); const s = getComputedStyle(m);"
                            " return m.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); })()")
    hero = page.locator("section.hero").bounding_box()
    assert hero and hero["width"] >= 0.8 * content, f"hero {hero and hero['width']} px of {content} px"
    # search box and examples side by side
    form = page.locator("section.hero .search-form").bounding_box()
    examples = page.locator("section.hero .hero-try").bounding_box()
    assert form and examples and examples["x"] > form["x"] + form["width"] - 1
    # card links are not underlined until hovered
    assert page.eval_on_selector("#chapters .chapter-title", "el => getComputedStyle(el).textDecorationLine") == "none"
    page.locator("#chapters .chapter-card").first.hover()
    assert page.eval_on_selector("#chapters .chapter-title", "el => getComputedStyle(el).textDecorationLine") == "underline"
    screenshot(page, f"home-{lang}-1366")


@pytest.mark.parametrize("lang", sorted(PATHS))
def test_phone_has_no_horizontal_scroll(small_phone: Any, check_axe: Axe, screenshot: Shot, lang: str) -> None:
    page = small_phone
    page.goto(PATHS[lang])
    check_axe(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{PATHS[lang]} is {width} px wide on a 375 px screen"
    # one card a row, the search box first
    assert all(len(r) == 1 for r in _rows(page, "#chapters .chapter-card"))
    box = page.locator("#q").bounding_box()
    assert box and box["y"] < page.locator("section.hero .hero-try").bounding_box()["y"]
    screenshot(page, f"home-{lang}-375")


def test_focus_ring_on_a_chapter_card(desktop: Any) -> None:
    page = desktop
    page.goto("/")
    page.locator("#chapters .chapter-card").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    card = page.locator("#chapters .chapter-card").first
    assert card.evaluate("el => el === document.activeElement")
    assert card.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    assert card.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    assert page.eval_on_selector("#chapters .chapter-title", "el => getComputedStyle(el).textDecorationLine") == "underline"


def test_reduced_motion_turns_transitions_off(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto("/")
        assert page.eval_on_selector("#chapters .chapter-card", "el => getComputedStyle(el).transitionDuration") == "0s"
    finally:
        context.close()
