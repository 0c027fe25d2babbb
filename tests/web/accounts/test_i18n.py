"""Every accounts UI string has a French translation with the same placeholders; pages use it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jinja2.ext import babel_extract

from nosology.web.accounts.notices import NOTICES
from nosology.web.i18n import Catalogues

TEMPLATES = Path(__file__).resolve().parents[3] / "src" / "nosology" / "web" / "templates" / "accounts"
PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Fixed messages of the core that the account forms show (the form-error path translates them).
CORE_MESSAGES = [
    "Email or password is incorrect.",
    "Enter a valid email address, like name@example.org.",
    "Password must have at least 10 characters.",
    "This password is too common or too easy to guess. Choose another one.",
    "An account with this email already exists. Sign in instead, or reset your password.",
    "The password is incorrect.",
    "This password reset link is invalid, already used or expired. Ask for a new one.",
    "Your password is changed. Your other sessions are logged out.",
    "Not in a list",
    "A note has at most 2,000 characters.",
    "Give the new list a name, or choose a list from the menu.",
    "Choose a list from the menu.",
    "A list name has at most 100 characters.",
    "Give the list a name.",
    "You have saved 5,000 codes, the most an account can keep. Remove some first.",
    "You have 200 lists, the most an account can keep.",
    "No such list in your account.",
    "Nothing was deleted: confirm with the button on this page.",
    "Nothing was deleted: tick the box to confirm that you want to delete your account.",
    *NOTICES.values(),
]


def _template_messages() -> set[str]:
    found: set[str] = set()
    for path in sorted(TEMPLATES.glob("*.html")):
        with path.open("rb") as handle:
            for _line, _func, message, _comments in babel_extract(handle, ("_",), [], {}):
                text = message[0] if isinstance(message, tuple) else message
                if text:
                    found.add(text)
    return found


def test_every_accounts_string_is_translated() -> None:
    catalogues = Catalogues.load()
    messages = _template_messages() | set(CORE_MESSAGES)
    assert len(messages) > 50
    assert sorted(m for m in messages if not catalogues.messages("fr").get(m)) == []
    for message in messages:
        french = catalogues.gettext("fr", message)
        assert sorted(PLACEHOLDER.findall(french)) == sorted(PLACEHOLDER.findall(message)), message


@pytest.mark.parametrize("path", ["/login?lang=fr", "/signup?lang=fr"])
def test_french_account_pages(web: TestClient, path: str) -> None:
    page = web.get(path)
    assert page.status_code == 200 and '<html lang="fr">' in page.text and "Mot de passe" in page.text


def test_form_errors_are_translated(web: TestClient, flows: Any) -> None:
    token = flows.form_token(web, "/login?lang=fr")
    r = web.post("/login?lang=fr", data={"email": "nobody@example.org", "password": "whatever it is", "csrf_token": token})
    assert r.status_code == 401 and "Adresse e-mail ou mot de passe incorrect." in r.text
