"""Code pages: ``/codes/{code}`` for every item of ICD-10-CM, any spelling redirected to the
canonical URL (301)."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup

from nosology.anatomy import BodySite
from nosology.code_facts import code_facts
from nosology.content.articles import Article
from nosology.history import fiscal_years_text
from nosology.library import Library
from nosology.models import Item
from nosology.web.accounts.notices import NOTICES, notice_key
from nosology.web.api_codes import code_json_response, retired_json_response
from nosology.web.auth import SavedState, is_signed_in, saved_state
from nosology.web.i18n import lang_of_path
from nosology.web.pages.codeview import build_view, title_in
from nosology.web.pages.common import add_page, code_url, page, page_state, translate, with_lang
from nosology.web.pages.glossed import glossed_view
from nosology.web.pages.linkify import linkify
from nosology.web.pages.retired import retired_page

__all__ = ["article_for", "figure", "router"]

router = APIRouter()


def article_for(library: Library, item: Item, ancestors: list[Item], lang: str) -> Article | None:
    """The article covering ``item`` (its own or its nearest ancestor's) in ``lang``."""
    return library.articles.for_item(item, ancestors, lang)


def figure(request: Request, lang: str, site: BodySite, caption: str) -> Markup:
    """The body figure for ``site``, rendered once per language and site; nothing for a code that
    names no body site."""
    if not site.shown:
        return Markup("")

    def make() -> Markup:
        template = request.app.state.templates.env.get_template("pages/_body.html")
        return Markup(template.render(site=site, caption=caption, request=request, lang=lang))

    return page_state(request).figures.get_or_make((lang, site, caption), make)


def _page_number(raw: str | None) -> int:
    # anything that is not a page number is the first page; past the last, the last (build_view)
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else 1


def _wants_json(request: Request) -> bool:
    """Asked with ``Accept: application/json`` (and not for HTML first)."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def code_page(request: Request, code: str) -> Response:
    """The code's page, or its JSON (``/codes/M61.28.json``, or ``Accept: application/json``):
    one handler, one record, as datasette serves a table."""
    lang = lang_of_path(request.url.path)
    if not code:  # /codes/ is the classification itself: its browse page
        return browse_redirect(request)
    library: Library = request.app.state.library
    classification = library.classification
    as_json = code.endswith(".json")
    if as_json:
        code = code.removesuffix(".json")
    item = classification.find(code[:64])
    if item is None:
        retired = library.history.retirement(code[:64])
        if retired is not None:  # a code of an earlier fiscal year: what happened to it, not a 404
            if as_json or _wants_json(request):
                return retired_json_response(retired)
            return retired_page(request, retired, code, lang)
        item = classification.get(code[:64])
    if as_json or _wants_json(request):
        if code != item.code:
            return RedirectResponse(code_url(item.code, lang) + (".json" if as_json else ""), status_code=301)
        return code_json_response(request, library, item, lang, page_state(request).record(library, item))
    if code != item.code:
        target = code_url(item.code, lang)
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(target, status_code=301)
    _ = partial(translate, request, lang)
    title = title_in(item, lang, _)
    signed_in = is_signed_in(request)
    saved = saved_state(request, item.code) if signed_in and item.kind not in {"chapter", "block"} else SavedState()
    notice = NOTICES.get(notice_key(request), "") if signed_in else ""

    def context() -> dict[str, Any]:
        state = page_state(request)
        record = state.record(library, item)

        def url(c: str) -> str:
            return code_url(c, lang)

        def note(text: str) -> Markup:
            return state.note_html(lang, text, lambda: linkify(text, classification, url))

        view = build_view(record, classification, lang, url, _, siblings=state.siblings(library, item), note=note,
                          billable_page=_page_number(request.query_params.get("billable_page")),
                          site=library.atlas.site(item, record.ancestors))
        article = article_for(library, item, record.ancestors, lang)
        return {
            "view": view,
            "figure": figure(request, lang, view.body, view.body_caption),
            "item": item,
            "article": article,
            "signed_in": signed_in,
            "saved": saved,
            "notice": notice,
            "code_url": url,
            "facts": code_facts(library, record),
            "glossed": glossed_view(library, record, view, lang),
            "official_lang": library.languages.default.code,
            "note": note,
            "years_text": fiscal_years_text,
            "index_entries": library.alphaindex.entries_for(item.code),
            "index_url": lambda path: with_lang(path, lang),
        }

    description = f"{item.code}: {title.text}. " + _("Official ICD-10-CM title and notes, what each character means, the body site and related codes.")
    return page(request, "pages/code.html", context, lang=lang, description=description, vary=f"saved={saved.digest()}")


def browse_redirect(request: Request) -> Response:
    """``/codes`` and ``/codes/`` lead to the chapters, where browsing starts."""
    return RedirectResponse(with_lang("/", lang_of_path(request.url.path)) + "#chapters", status_code=301)


add_page(router, "/codes", browse_redirect, "codes_browse")
add_page(router, "/codes/{code:path}", code_page, "code")
