"""Accounts in a real browser: sign up, save M61.28, read the treatment section, log out, meet the gate."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]

PASSWORD = "lantern orbit velvet"


def test_sign_up_save_read_treatment_log_out(page: Any, screenshot: Callable[[Any, str], Path]) -> None:
    email = f"browser-{secrets.token_hex(4)}@example.org"
    page.goto("/codes/M61.28")
    assert page.locator(".section-treatment .gate").count() == 1
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/codes/M61\.28$"))  # back where the person started

    page.get_by_role("button", name="Save this code").click()
    page.wait_for_url(re.compile(r"/codes/M61\.28\?done=saved$"))
    treatment = page.locator(".section-treatment")
    assert treatment.count() == 1 and page.locator(".section-treatment .gate").count() == 0
    assert treatment.inner_text().strip()
    screenshot(page, "accounts-code-signed-in")

    page.goto("/saved")
    row = page.locator(".saved-code", has_text="M61.28")
    assert row.count() == 1 and row.locator(".badge-billable").count() == 1
    row.locator("summary").click()  # the note form is folded under "Add a note"
    row.get_by_label("Note on M61.28").fill("after spinal cord injury")
    row.get_by_role("button", name="Save note").click()
    page.wait_for_url(re.compile(r"/saved\?done=note$"))
    assert page.get_by_role("status").inner_text() == "Your note is saved."
    assert page.get_by_label("Note on M61.28").input_value() == "after spinal cord injury"
    screenshot(page, "accounts-saved")

    page.get_by_role("button", name="Log out").click()
    page.goto("/codes/M61.28")
    assert page.locator(".section-treatment .gate").count() == 1
    page.goto("/saved")
    assert "/login" in page.url


@pytest.mark.parametrize("path", ["/signup", "/login"])
def test_account_forms_are_accessible(audit_page: Any, check_axe: Callable[[Any], list[dict[str, Any]]], path: str) -> None:
    audit_page.goto(path)
    check_axe(audit_page)


def test_signed_in_pages_are_accessible(audit_page: Any, check_axe: Callable[[Any], list[dict[str, Any]]],
                                        screenshot: Callable[[Any, str], Path]) -> None:
    audit_page.goto("/signup")
    audit_page.get_by_label("Email").fill(f"axe-{secrets.token_hex(4)}@example.org")
    audit_page.get_by_label("Password").fill(PASSWORD)
    audit_page.get_by_role("button", name="Sign up").click()
    audit_page.wait_for_url(re.compile(r"/account$"))
    audit_page.get_by_label("Token name").fill("my script")
    audit_page.get_by_role("button", name="Create a token").click()
    assert audit_page.get_by_label("Token", exact=True).input_value().startswith("nos_")
    screenshot(audit_page, "accounts-account")
    check_axe(audit_page)
    audit_page.goto("/codes/M61.28")
    audit_page.get_by_role("button", name="Save this code").click()
    audit_page.goto("/saved")
    check_axe(audit_page)
