"""The server-rendered website (HTML pages in English and French).

:func:`install` prepares what the templates need (catalogues, fingerprinted assets, helpers)
and the templated error pages; ``router`` serves the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from jinja2 import pass_context
from jinja2.runtime import Context

from nosology.accounts.saved import MAX_LIST_NAME, MAX_NOTE
from nosology.web.auth import csrf_token, current_user
from nosology.web.i18n import (
    DEFAULT_LANG,
    LANGUAGES,
    Catalogues,
    format_day,
    lang_of_path,
    request_lang,
)
from nosology.web.pages.alphaindex import router as alphaindex_router
from nosology.web.pages.areas import page_area
from nosology.web.pages.articles import router as articles_router
from nosology.web.pages.assets import Assets
from nosology.web.pages.assets import router as assets_router
from nosology.web.pages.changes import router as changes_router
from nosology.web.pages.codes import router as codes_router
from nosology.web.pages.common import PageState, base_url, other_lang_path, with_lang
from nosology.web.pages.errors import render_error
from nosology.web.pages.home import router as home_router
from nosology.web.pages.search import router as search_router
from nosology.web.pages.sitemap import router as sitemap_router

__all__ = ["install", "router"]

router = APIRouter()
for _part in (assets_router, home_router, search_router, codes_router, changes_router, articles_router, alphaindex_router, sitemap_router):
    router.include_router(_part)

# Paths served in both languages by this package (others take ``?lang=fr``).
_BILINGUAL = ("/search", "/codes/", "/articles", "/index", "/changes")
_ACCOUNT_PAGES = frozenset({"/login", "/signup"})


@dataclass(frozen=True)
class PageUrls:
    canonical: str
    alternates: list[tuple[str, str]]
    switch: list[tuple[str, str, str]]


def page_urls(request: Request, lang: str, lang_paths: dict[str, str] | None = None) -> PageUrls:
    """Canonical URL, hreflang alternates and language-switch links of this page.

    ``lang_paths`` gives the page's own address in each language when it is not the same path
    with or without ``/fr`` (articles have a slug per language).
    """
    path = request.url.path
    origin = base_url(request)
    if lang_paths:
        return PageUrls(
            origin + lang_paths.get(lang, path),
            [(code, origin + lang_paths[code]) for code in LANGUAGES if code in lang_paths],
            [(code, name, lang_paths.get(code, with_lang("/articles", code))) for code, name in LANGUAGES.items()],
        )
    base = other_lang_path(path, "en")
    bilingual = base == "/" or base.startswith(_BILINGUAL)
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    query = ("?" + urlencode(keep)) if keep and base.startswith("/search") else ""
    switch: list[tuple[str, str, str]] = []
    alternates: list[tuple[str, str]] = []
    for code, name in LANGUAGES.items():
        if bilingual:
            href = with_lang(base, code) + query
        else:
            extra = keep + ([("lang", code)] if code != "en" else [])
            href = base + ("?" + urlencode(extra) if extra else "")
        switch.append((code, name, href))
        alternates.append((code, origin + href))
    canonical = origin + (with_lang(base, lang) + query if bilingual else path)
    return PageUrls(canonical, alternates, switch)


def account_link(request: Request, path: str, lang: str) -> str:
    """``/login?next=<this page>`` (and ``lang=fr`` on French pages); on the account pages
    themselves, the page they were asked to return to."""
    here = request.url.path
    if here in _ACCOUNT_PAGES:
        here = request.query_params.get("next", "/")
    params = [("next", here)] + ([("lang", lang)] if lang != "en" else [])
    return f"{path}?{urlencode(params, safe='/')}"


def account_url(path: str, lang: str, **params: str) -> str:
    """An account page in ``lang``: those pages have no language prefix, ``?lang=`` says it."""
    query = list(params.items()) + ([("lang", lang)] if lang != DEFAULT_LANG else [])
    return path + ("?" + urlencode(query, safe="/") if query else "")


@pass_context
def _gettext(ctx: Context, message: str, **values: Any) -> str:
    request: Request = ctx["request"]
    lang = ctx.get("lang") or request_lang(request)
    state: PageState = request.app.state.pages
    text = state.catalogues.gettext(lang, message)
    return text % values if values else text


def install(app: FastAPI) -> None:
    """Load catalogues and assets, give the templates their helpers, use HTML error pages."""
    state = PageState(Catalogues.load(), Assets.load())
    app.state.pages = state
    env = app.state.templates.env
    env.globals.update(
        _=_gettext,
        asset=state.assets.url,
        account_link=account_link,
        page_lang=request_lang,
        page_urls=page_urls,
        home_url=lambda lang: with_lang("/", lang),
        lang_path=with_lang,
        signed_in_user=current_user,
        csrf=csrf_token,
        lang_of_path=lang_of_path,
        page_area=page_area,
        day=format_day,
        account_url=account_url,
        max_note=MAX_NOTE,
        max_list_name=MAX_LIST_NAME,
    )
    app.state.render_error = render_error
