"""Search results: code, title in the page language, billable badge, what matched, pagination."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.codes import looks_like_code
from nosology.errors import InvalidQuery
from nosology.integers import parse_int
from nosology.library import Library
from nosology.search.results import SearchResults
from nosology.web.i18n import lang_of_path
from nosology.web.pages.common import add_page, code_url, page, translate

__all__ = ["MATCHED_LABELS", "PER_PAGE", "router", "shown_query"]

router = APIRouter()

PER_PAGE = 20
# What a hit matched (SearchHit.matched), as said to the reader.
MATCHED_LABELS: dict[str, str] = {
    "code": "the code",
    "title": "the official title",
    "inclusion_term": "an inclusion term",
    "french_title": "the French title",
    "synonym": "a synonym",
    "article": "an article",
    "index": "the Alphabetic Index",
    "family": "a term for a related code",
}
MAX_PAGE = 50
SHOWN_QUERY = 100  # characters of the query repeated in the heading and the messages


def shown_query(query: str) -> str:
    """The query as the page repeats it: at most about SHOWN_QUERY characters, cut at a space
    when there is one near the end, with an ellipsis."""
    if len(query) <= SHOWN_QUERY:
        return query
    cut = query[:SHOWN_QUERY]
    space = cut.rfind(" ")
    return (cut[:space] if space > SHOWN_QUERY * 0.6 else cut).rstrip() + "…"


def _page_number(raw: str | None) -> int:
    # a page past the last is shown as the last; anything that is not a page number, as the first
    value = parse_int(raw, 0, 10**18)
    return 1 if value is None else min(max(value, 1), MAX_PAGE)


def _own_titles(library: Library, results: SearchResults | None, lang: str) -> dict[str, str]:
    """Each hit's title in ``lang`` when it is the code's own: a hit's ``titles`` also hold a
    broader code's title (S72.0 borrows S72 "Fracture du fémur"), never shown as the code's."""
    own: dict[str, str] = {}
    for hit in results.results if results is not None else []:
        item = library.classification.find(hit.code) if hit.valid else None
        local = item.title_in(lang) if item is not None else None
        if local is not None and local.level == "exact":
            own[hit.code] = local.title
    return own


def search_page(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library: Library = request.app.state.library
    limit = library.settings.max_query_chars
    query = request.query_params.get("q", "")[: limit * 2].strip()
    number = _page_number(request.query_params.get("page"))

    if query and looks_like_code(query):
        # Someone who types a code wants its page, not a list that contains it.
        item = library.classification.find(query)
        if item is not None:
            return RedirectResponse(code_url(item.code, lang), status_code=302)

    def context() -> dict[str, Any]:
        results = None
        if query:
            try:
                results = library.search.search(query, lang=lang, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
            except InvalidQuery:
                results = None
        pages = 0 if results is None else min(MAX_PAGE, -(-results.total // PER_PAGE))
        # A code that does not exist (existing ones were redirected): offer the codes meant.
        near = []
        if looks_like_code(query):
            near = [library.classification.get(c) for c in library.classification.suggest(query)]
        return {
            "near_codes": near, "query": query, "shown_query": shown_query(query), "results": results, "page": number, "pages": pages, "per_page": PER_PAGE,
            "matched_labels": MATCHED_LABELS, "own_titles": _own_titles(library, results, lang)}

    if query:
        description = translate(request, lang, "ICD-10-CM codes matching your search.")
    else:
        description = translate(request, lang, "Search ICD-10-CM by code or by words, in English or French.")
    return page(request, "pages/search.html", context, lang=lang, description=description)


add_page(router, "/search", search_page, "search")
