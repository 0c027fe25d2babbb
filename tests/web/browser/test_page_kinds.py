"""Every page kind in Chromium at 1366 px (desktop) and 375 px (phone), in English and French:
axe-core without serious or critical violations, no horizontal scroll, a full-page screenshot
each (``test-artifacts/screenshots/kind-<kind>-<lang>-<width>.png``, git-ignored), and the
points of the pages review that only a browser shows (print, the autocomplete selection)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

Axe = Callable[[Any], list[dict[str, Any]]]
Shot = Callable[[Any, str], Path]

# One path per page kind (English; the French page is the same path under /fr).
KINDS = {
    "home": "/",
    "search": "/search?q=femur+fracture",
    "no-result": "/search?q=zzqqxx",
    "code": "/codes/S72.001A",
    "header": "/codes/E11",
    "notes": "/codes/G63",
    "block": "/codes/M60-M79",
    "chapter": "/codes/13",
    "articles": "/articles",
    "index": "/index",
    "not-found": "/codes/Q99.999",
    "retired": "/codes/S30.1XXA",
    "changes": "/changes/2026",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_page_kind(sized_page: Any, check_axe: Axe, screenshot: Shot, kind: str, lang: str) -> None:
    page = sized_page
    path = KINDS[kind] if lang == "en" else "/fr" + KINDS[kind]
    response = page.goto(path)
    assert response is not None and response.status in {200, 404, 410}, f"{path}: {response and response.status}"
    check_axe(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.width, f"{path} is {width} px wide on a {page.width} px screen"
    screenshot(page, f"kind-{kind}-{lang}-{page.width}")


def test_print_keeps_what_matters_and_adds_the_footer(page: Any, screenshot: Shot) -> None:
    page.goto("/codes/E11.9")
    page.emulate_media(media="print")
    assert not page.locator("#dev-title").is_visible()
    assert page.locator(".print-footer").is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".print-date time").inner_text().startswith("20")
    # the breadcrumb's first printed step has no separator before it
    before = page.evaluate("getComputedStyle(document.querySelector('.breadcrumb li:nth-child(2)'), '::before').content")
    assert before in {"none", "normal"}
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 2  # at most two pages
    screenshot(page, "print-E11.9")


def test_autocomplete_selection_is_unmistakable(page: Any, screenshot: Shot) -> None:
    page.goto("/")
    page.fill("#q", "femur")
    page.locator("#q-suggestions li").first.wait_for()
    page.keyboard.press("ArrowDown")
    selected = page.locator('#q-suggestions li[aria-selected="true"]')
    background = selected.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(11, 92, 173)"  # --brand: 6.6:1 against the white list
    screenshot(page, "autocomplete-selected")
