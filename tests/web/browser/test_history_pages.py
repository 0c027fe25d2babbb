"""Code history and MS-DRG severity in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]


def test_exclusion_list_is_collapsed_and_searchable(page: Any) -> None:
    page.goto("/codes/A41.9")
    assert page.locator(".drg .badge-mcc").inner_text() == "MCC"
    items = page.locator("#drg-excluded li")
    assert not items.first.is_visible()  # collapsed
    page.locator(".drg-exclusions summary").click()
    total = items.count()
    page.get_by_label("Find a code in this list").press_sequentially("a409", delay=10)
    visible = [items.nth(i).inner_text() for i in range(total) if items.nth(i).is_visible()]
    assert visible == ["A40.9"]


def test_deleted_code_leads_to_the_new_codes(page: Any) -> None:
    page.goto("/codes/s301xxa")
    page.wait_for_url("**/codes/S30.1XXA")
    assert "No longer valid" in page.locator(".status-row").inner_text()
    page.get_by_role("link", name=re.compile("S30.11XA")).click()
    page.wait_for_url("**/codes/S30.11XA")
    assert "FY2026" in page.locator("section.history").inner_text()
