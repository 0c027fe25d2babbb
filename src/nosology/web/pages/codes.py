"""Code pages: ``/codes/{code}`` for every item of ICD-10-CM, any spelling redirected to the
canonical URL (301)."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.library import Library
from nosology.models import Item
from nosology.web.auth import is_signed_in
from nosology.web.i18n import lang_of_path
from nosology.web.pages.codeview import build_view, title_in
from nosology.web.pages.common import add_page, code_url, page, translate

__all__ = ["article_for", "router"]

router = APIRouter()


def article_for(library: Library, item: Item, ancestors: list[Item], lang: str) -> Any | None:
    """The article covering ``item`` (its own or its nearest ancestor's) in ``lang``."""
    return library.articles.for_item(item, ancestors, lang)


def code_page(request: Request, code: str) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library
    classification = library.classification
    item = classification.get(code[:64])
    if code != item.code:
        target = code_url(item.code, lang)
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(target, status_code=301)
    _ = partial(translate, request, lang)
    title = title_in(item, lang, _)

    def context() -> dict[str, Any]:
        record = classification.record(item.code)
        view = build_view(record, classification, lang, lambda c: code_url(c, lang), _)
        article = article_for(library, item, record.ancestors, lang)
        return {
            "view": view,
            "item": item,
            "article": article,
            "signed_in": is_signed_in(request),
            "code_url": lambda c: code_url(c, lang),
        }

    description = f"{item.code}: {title.text}. " + _("Official ICD-10-CM title and notes, what each character means, the body site and related codes.")
    return page(request, "pages/code.html", context, lang=lang, description=description)


add_page(router, "/codes/{code:path}", code_page, "code")
