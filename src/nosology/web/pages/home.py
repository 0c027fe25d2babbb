"""Home page: search box with autocomplete, what nosology is, browsing by chapter."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.library import Library
from nosology.web.i18n import lang_of_path
from nosology.web.pages.common import add_page, page, page_state, translate

__all__ = ["router"]

router = APIRouter()


def home(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library

    def context() -> dict[str, Any]:
        return {"chapters": page_state(request).chapters(library)}

    description = translate(request, lang, "Find and understand ICD-10-CM codes: official titles and notes, what each character means, the body site, and plain-language articles.")
    return page(request, "pages/home.html", context, lang=lang, description=description)


add_page(router, "/", home, "home")


@router.get("/fr", include_in_schema=False)
def french_home() -> Response:
    return RedirectResponse("/fr/", status_code=301)
