"""``/changes/{year}``: codes added, deleted, expanded and retitled in one fiscal year."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.history import CHANGE_KINDS
from nosology.library import Library
from nosology.web.i18n import lang_of_path
from nosology.web.pages.common import add_page, code_url, page, with_lang

__all__ = ["CHANGE_LABELS", "router"]

router = APIRouter()

CHANGE_LABELS: dict[str, str] = {
    "added": "Added",
    "deleted": "Deleted",
    "expanded": "Expanded (now a header)",
    "retitled": "Retitled",
    "new_header": "New headers",
    "header_deleted": "Headers removed",
    "now_billable": "Header made billable",
}


def changes_page(request: Request, year: str) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library
    changes = library.history.changes(year[:12])  # UnknownVersion: 404 with the years
    if year != str(changes.year):
        return RedirectResponse(with_lang(f"/changes/{changes.year}", lang), status_code=301)

    def context() -> dict[str, Any]:
        counts = changes.counts()
        kinds = [k for k in CHANGE_KINDS if counts[k]]
        return {
            "changes": changes,
            "counts": counts,
            "kinds": kinds,
            "labels": CHANGE_LABELS,
            "by_chapter": changes.counts_by_chapter(),
            "years": library.history.years(),
            "code_url": lambda c: code_url(c, lang),
        }

    return page(request, "pages/changes.html", context, lang=lang, description=f"ICD-10-CM FY{changes.year}: codes added, deleted, expanded and retitled.")


def latest_changes(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library
    return RedirectResponse(with_lang(f"/changes/{library.history.years()[-1]}", lang), status_code=302)


add_page(router, "/changes", latest_changes, "changes_latest")
add_page(router, "/changes/{year}", changes_page, "changes")
