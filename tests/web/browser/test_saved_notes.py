"""Saving a code with a note in a real browser, at 1366 px and 375 px: the code page's save form
and the Saved page with a note are axe-clean, fit the screen, and the list menu takes the
keyboard focus ring and is as tall as the buttons (screenshots ``saved-*``, git-ignored)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

PASSWORD = "lantern orbit velvet"
Axe = Callable[[Any], list[dict[str, Any]]]
Shot = Callable[[Any, str], Path]


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.width, f"{page.url} is {width} px wide on a {page.width} px screen"


def test_save_form_and_saved_page_with_a_note(sized_page: Any, check_axe: Axe, screenshot: Shot) -> None:
    page = sized_page
    page.goto("/signup?next=/codes/M61.28")
    page.get_by_label("Email").fill(f"saved-{secrets.token_hex(4)}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/codes/M61\.28$"))

    form = page.locator("form.save-form")
    assert not page.get_by_label("Name of the new list").is_visible()  # asked only for a new list
    check_axe(page)
    _fits(page)
    screenshot(page, f"saved-code-form-{page.width}")

    # the list menu by keyboard: focus ring, and as tall as the Save button
    page.get_by_label("Your note (optional)").focus()
    page.keyboard.press("Tab")
    menu = page.get_by_label("List", exact=True)
    assert menu.evaluate("el => el === document.activeElement")
    assert menu.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    button = form.get_by_role("button", name="Save this code")
    assert menu.bounding_box()["height"] >= button.bounding_box()["height"] - 2
    menu.select_option(label="New list…")
    assert page.get_by_label("Name of the new list").is_visible()

    page.get_by_label("Your note (optional)").fill("Right hip, seen in clinic B.\nCheck again in June.")
    page.get_by_label("Name of the new list").fill("Clinic B")
    button.click()
    page.wait_for_url(re.compile(r"/codes/M61\.28\?done=saved$"))
    assert page.get_by_role("status").inner_text() == "The code is saved in your account."
    assert "Check again in June." in page.locator(".note-body").inner_text()
    page.emulate_media(media="print")  # on paper: the date and the note, not the forms
    assert page.locator(".note-body").is_visible() and not page.locator(".save-edit").is_visible()
    page.emulate_media(media="screen")
    page.locator(".save-edit summary").click()  # the edit form unfolded, for the audit too
    check_axe(page)
    _fits(page)
    screenshot(page, f"saved-code-saved-{page.width}")

    page.goto("/saved")
    row = page.locator(".saved-code", has_text="M61.28")
    assert "Right hip, seen in clinic B." in row.locator(".note-body").inner_text()
    assert row.locator(".saved-when").inner_text().startswith("Saved on ")
    check_axe(page)
    _fits(page)
    screenshot(page, f"saved-page-{page.width}")

    row.get_by_role("link", name="Remove M61.28").click()
    page.wait_for_url(re.compile(r"/saved/M61\.28/delete"))
    check_axe(page)
    _fits(page)
    screenshot(page, f"saved-remove-confirm-{page.width}")
