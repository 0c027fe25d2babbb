"""Confirmations after a form changed saved codes, lists or the account (post/redirect/get).

The redirect names the confirmation by a fixed key (``?done=note``); the page that follows
shows that key's message in its own language. Only keys of this table are shown, so no link can
make a page say anything else.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from fastapi import Request
from fastapi.responses import RedirectResponse

from nosology.web.i18n import DEFAULT_LANG, lang_of_path, request_lang
from nosology.web.security import safe_next

__all__ = ["NOTICES", "notice_key", "see_other_with"]

NOTICES: dict[str, str] = {
    "saved": "The code is saved in your account.",
    "updated": "Your changes are saved.",
    "note": "Your note is saved.",
    "moved": "The code is moved.",
    "removed": "The code is removed from your saved codes.",
    "list-created": "The list is created.",
    "list-deleted": "The list is deleted. Its codes are still saved, outside any list.",
}


def notice_key(request: Request) -> str:
    """The confirmation this page was asked to show, or "" (unknown keys show nothing)."""
    key = request.query_params.get("done", "")
    return key if key in NOTICES else ""


def see_other_with(request: Request, target: str | None, default: str, key: str) -> RedirectResponse:
    """A 303 to the form's safe ``target`` (else ``default``) that shows ``key``'s confirmation.
    Pages without a language prefix (the account pages) keep the form's ``?lang=``."""
    url = urlsplit(safe_next(target, default))
    query = [(k, v) for k, v in parse_qsl(url.query) if k != "done"]
    lang = request_lang(request)
    if lang != DEFAULT_LANG and lang_of_path(url.path) == DEFAULT_LANG and not any(k == "lang" for k, _ in query):
        query.append(("lang", lang))
    query.append(("done", key))
    return RedirectResponse(urlunsplit(("", "", url.path, urlencode(query), url.fragment)), status_code=303)
