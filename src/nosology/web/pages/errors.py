"""Error pages in the site's layout: 404 with "did you mean" links, a 500 that says nothing inside."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from fastapi import Request
from fastapi.responses import Response

from nosology.errors import NosologyError
from nosology.web.i18n import DEFAULT_LANG, request_lang
from nosology.web.pages.common import code_url, translate, with_lang
from nosology.web.templating import render

__all__ = ["render_error"]

log = logging.getLogger("nosology.web")

_CODE_PATH = re.compile(r"^(?:/fr)?/codes/(.+)$")

_HEADINGS = {
    400: "Bad request",
    401: "Sign-in required",
    403: "Forbidden",
    404: "Page not found",
    405: "Method not allowed",
    413: "Request too large",
    422: "Invalid input",
    429: "Too many requests",
    500: "Something went wrong",
    503: "Service unavailable",
}


def _code_links(library: Any, codes: list[str], lang: str) -> list[dict[str, str]]:
    links = []
    for code in codes:
        item = library.classification.find(code) if library is not None else None
        local = item.title_in(lang) if item is not None else None
        title = "" if item is None else (local.title if local is not None else item.title)
        links.append({"code": code, "title": title, "url": code_url(code, lang)})
    return links


def _article_links(library: Any, slugs: list[str], lang: str) -> list[dict[str, str]]:
    prefix = with_lang("", lang).rstrip("/") if lang != DEFAULT_LANG else ""
    links = []
    for slug in slugs:
        try:
            title = library.articles.get(lang, slug).title
        except NosologyError:
            continue
        links.append({"code": title, "title": "", "url": f"{prefix}/articles/{slug}"})
    return links


def _version_links(library: Any, years: list[str], lang: str) -> list[dict[str, str]]:
    prefix = library.languages.url_prefix(lang)
    return [{"code": f"FY{y}", "title": "", "url": f"{prefix}/changes/{y}"} for y in years]


def render_error(request: Request, status: int, payload: dict[str, Any]) -> Response:
    from nosology.web.errors import _plain_html

    lang = request_lang(request)
    try:
        library = request.app.state.library
        linker = {"article": _article_links, "version": _version_links}.get(payload.get("suggestion_kind", ""), _code_links)
        suggestions = linker(library, payload.get("suggestions", [])[:8], lang)
        heading = translate(request, lang, _HEADINGS.get(status, "Error"))
        detail, detail_lang = str(payload.get("detail", "")), "en"
        code = _CODE_PATH.match(request.url.path)
        if status == 404 and code:
            heading = translate(request, lang, "Unknown code")
            detail = translate(request, lang, "%(code)s is not an ICD-10-CM code.") % {"code": unquote(code.group(1))[:40]}
            detail_lang = lang
        if status >= 500:
            detail = translate(request, lang, "An error occurred on our side. It has been logged; please try again later.")
            detail_lang = lang
        context = {"lang": lang, "status": status, "heading": heading, "detail": detail, "detail_lang": detail_lang,
                   "suggestions": suggestions}
        return render(request, "pages/error.html", context, status_code=status)
    except Exception:  # the error page itself must never fail: fall back to the plain one
        log.exception("error page could not be rendered")
        return _plain_html(request, status, payload)
