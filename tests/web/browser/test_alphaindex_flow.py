"""The Alphabetic Index in a real browser: browse from A to a deep subterm and its code page,
filter the Table of Neoplasms, open a long main term by its subterms, and axe-core on the pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

Axe = Callable[[Any], list[dict[str, Any]]]
Shot = Callable[[Any, str], Path]


def test_browse_from_a_to_a_deep_subterm_and_its_code_page(page: Any, screenshot: Shot) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Alphabetic Index").click()
    page.wait_for_url("**/index")
    page.get_by_role("navigation", name="Letters").get_by_role("link", name="A", exact=True).click()
    page.wait_for_url("**/index/A")
    page.get_by_role("link", name="Aberrant", exact=True).click()
    page.wait_for_url("**/index/terms/aberrant")
    # Aberrant > artery > basilar NEC: Q28.1, two levels down
    basilar = page.locator("xpath=//li[span[@class='term-title' and normalize-space()='basilar NEC']]/a[contains(@class, 'code')]")
    assert basilar.inner_text() == "Q28.1"
    screenshot(page, "index-aberrant")
    basilar.click()
    page.wait_for_url("**/codes/Q28.1")
    entries = page.locator("section.index-entries")
    assert "Aberrant › artery › basilar NEC" in entries.inner_text()


def test_neoplasm_table_filtered_by_liver(page: Any, screenshot: Shot) -> None:
    page.goto("/index/neoplasms")
    page.get_by_label("Filter by site").fill("liver")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"/index/neoplasms\?site=liver"))
    rows = page.locator("table.index-table tbody tr")
    assert rows.count() >= 2
    liver = page.locator("xpath=//table[contains(@class, 'index-table')]//tr[th/span[@class='term-title' and normalize-space()='liver']]")
    assert liver.locator('td[data-col="malignant_secondary"]').inner_text().startswith("C78.7")
    screenshot(page, "index-neoplasms-liver")
    liver.locator('td[data-col="malignant_secondary"] a.code').click()
    page.wait_for_url("**/codes/C78.7")
    assert "In the Table of Neoplasms:" in page.locator("section.index-entries").inner_text()


def test_long_main_term_opens_by_subterm(page: Any) -> None:
    page.goto("/index/terms/fracture-traumatic")
    assert "subterms: open a subterm" in page.locator("main").inner_text()
    femur = page.locator("xpath=//li[span[@class='term-title' and normalize-space()='femur, femoral']]/a[contains(@class, 'more-subterms')]")
    femur.click()
    page.wait_for_url(re.compile(r"/index/terms/\d+$"))
    assert page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Fracture, traumatic").count() == 1
    assert page.locator(".index-tree a.code").count() > 10


@pytest.mark.parametrize("path", ["/index/A", "/index/terms/impetigo", "/fr/index/terms/myositis", "/index/neoplasms?site=liver", "/index/drugs?substance=warfarin"])
def test_index_pages_pass_axe(audit_page: Any, check_axe: Axe, path: str) -> None:
    audit_page.goto(path)
    check_axe(audit_page)
