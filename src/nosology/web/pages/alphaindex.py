"""The Alphabetic Index pages: ``/index`` (A-Z), ``/index/{letter}``, ``/index/terms/{ref}``,
``/index/neoplasms``, ``/index/drugs`` and ``/index/external-causes``, in the English and French UI
(the Index itself is English: French pages mark it ``lang="en"``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from nosology.alphaindex import BOOKS, COLUMNS, EDITION_NOTE, IndexTerm, TermNotFound
from nosology.alphaindex.book import MAX_TERM_CHARS
from nosology.library import Library
from nosology.web.i18n import lang_of_path
from nosology.web.pages.common import add_page, code_url, page, with_lang

__all__ = ["router", "term_url"]

router = APIRouter()

PAGE_ROWS = 100
COLLAPSE_ABOVE = 150  # subterms: longer main terms (Fracture, Diabetes, Pregnancy) open collapsed


def term_url(slug: str, lang: str, term_id: int | None = None) -> str:
    return with_lang(f"/index/terms/{quote(slug, safe='-')}", lang) + (f"#t{term_id}" if term_id is not None else "")


def _library(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


def _base(request: Request, lang: str) -> dict[str, Any]:
    return {"edition_note": EDITION_NOTE, "books": BOOKS, "code_url": lambda c: code_url(c, lang),
            "index_url": lambda p: with_lang(p, lang), "term_url": lambda s, i=None: term_url(s, lang, i)}


def index_home(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library = _library(request)

    def context() -> dict[str, Any]:
        return {**_base(request, lang), "letters": library.alphaindex.letters("disease"), "book": "disease", "letter": None, "terms": []}

    return page(request, "pages/index_letter.html", context, lang=lang, description=EDITION_NOTE)


def _letter_page(request: Request, letter: str, book: str) -> Response:
    lang = lang_of_path(request.url.path)
    library = _library(request)
    letters = library.alphaindex.letters(book)
    letter = letter.upper()
    if letter not in letters:
        raise TermNotFound(f"No letter {letter[:10]!r} in the Index.", suggestions=[])

    def context() -> dict[str, Any]:
        return {**_base(request, lang), "letters": letters, "book": book, "letter": letter, "terms": library.alphaindex.main_terms(letter, book)}

    return page(request, "pages/index_letter.html", context, lang=lang, description=EDITION_NOTE)


def letter_page(request: Request) -> Response:
    return _letter_page(request, request.path_params["letter"][:10], "disease")


def external_page(request: Request) -> Response:
    return _letter_page(request, request.query_params.get("letter", "A")[:10] or "A", "external")


def term_page(request: Request) -> Response:
    lang = lang_of_path(request.url.path)
    library = _library(request)
    ref = request.path_params["ref"][:MAX_TERM_CHARS]
    index = library.alphaindex
    try:
        term = index.term(ref, levels=1)
    except TermNotFound as exc:
        return _missing(request, lang, exc)
    if term.n_subterms <= COLLAPSE_ABOVE:
        term = index.subtree(term)
    main = index.main_of(term.id) if term.depth else term
    if main is not None and main.slug and (term.depth == 0 or main.n_subterms <= COLLAPSE_ABOVE) and ref != main.slug:
        # a short main term shows its whole tree: a subterm is an anchor on it
        return RedirectResponse(term_url(main.slug, lang, term.id if term.depth else None), status_code=301)
    # a long main term lists its first level; each subterm with subterms has its own page
    ancestors = index.ancestors(term) if term.depth else []

    def context() -> dict[str, Any]:
        return {**_base(request, lang), "term": term, "collapse": term.n_subterms > COLLAPSE_ABOVE,
                "targets": _targets(library, term), "ancestors": ancestors}

    return page(request, "pages/index_term.html", context, lang=lang, description=f"{term.title}: {EDITION_NOTE}")


def _targets(library: Library, term: IndexTerm) -> dict[int, str]:
    """Where each "see" / "see also" of the tree leads: term id -> URL path without language."""
    ids: set[int] = set()
    stack = [term]
    while stack:
        t = stack.pop()
        ids.update(i for i in (t.see_id, t.see_also_id) if i is not None)
        stack.extend(t.children)
    return library.alphaindex.slugs_of(sorted(ids))


def _missing(request: Request, lang: str, exc: TermNotFound) -> Response:
    def context() -> dict[str, Any]:
        return {**_base(request, lang), "message": exc.message, "suggestions": exc.suggestions}

    return page(request, "pages/index_missing.html", context, lang=lang, status_code=404)


def _table_page(request: Request, book: str, param: str) -> Response:
    lang = lang_of_path(request.url.path)
    library = _library(request)
    text = request.query_params.get(param, "")[:MAX_TERM_CHARS]
    raw_page = request.query_params.get("page", "1")
    number = int(raw_page) if raw_page.isdigit() and len(raw_page) < 6 else 1
    rows, total = library.alphaindex.table(book, text or None, PAGE_ROWS, (number - 1) * PAGE_ROWS)
    pages = max(1, -(-total // PAGE_ROWS))

    def link(n: int) -> str:
        return request.url.path + "?" + urlencode([(param, text)] * bool(text) + [("page", str(n))])

    def context() -> dict[str, Any]:
        return {**_base(request, lang), "book": book, "param": param, "text": text, "rows": rows, "total": total,
                "headings": library.alphaindex.headings(book), "columns": [c for c in COLUMNS if c.book == book],
                "page_no": number, "pages": pages, "prev": link(number - 1) if number > 1 else None,
                "next": link(number + 1) if number < pages else None}

    return page(request, "pages/index_table.html", context, lang=lang, description=EDITION_NOTE)


def neoplasms_page(request: Request) -> Response:
    return _table_page(request, "neoplasm", "site")


def drugs_page(request: Request) -> Response:
    return _table_page(request, "drug", "substance")


# fixed paths before /index/{letter}
add_page(router, "/index", index_home, "index_home")
add_page(router, "/index/neoplasms", neoplasms_page, "index_neoplasms")
add_page(router, "/index/drugs", drugs_page, "index_drugs")
add_page(router, "/index/external-causes", external_page, "index_external")
add_page(router, "/index/terms/{ref}", term_page, "index_term")
add_page(router, "/index/{letter}", letter_page, "index_letter")
