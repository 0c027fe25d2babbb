"""The "Words in this title" disclosure in a real browser: opens with the keyboard, axe-core clean
open and closed, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

Axe = Callable[[Any], list[dict[str, Any]]]


@pytest.mark.parametrize("path", ["/codes/S42.031G", "/fr/codes/S42.031G", "/codes/M61.28"])
def test_disclosure_opens_with_the_keyboard_and_is_axe_clean(audit_page: Any, check_axe: Axe, path: str) -> None:
    page = audit_page
    page.goto(path)
    check_axe(page)  # closed
    details = page.locator(".glossed details.glossary-terms")
    summary = details.locator("summary")
    assert details.get_attribute("open") is None
    summary.focus()
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is not None
    assert details.locator("dd").first.is_visible()
    check_axe(page)  # open
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is None


def test_plain_summary_is_visible_without_script(browser: Any, server: str) -> None:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/codes/S42.031G")
        assert page.locator(".plain-summary").is_visible()
        assert "not medical advice" in page.locator(".plain-summary").inner_text()
    finally:
        context.close()
