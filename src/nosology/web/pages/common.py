"""What every page shares: its language, URLs in both languages, caching headers, rendering."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from nosology import __version__
from nosology.cache import LruCache
from nosology.library import Library
from nosology.models import CodeRecord, Item
from nosology.web.auth import csrf_token, is_signed_in
from nosology.web.i18n import DEFAULT_LANG, LANGUAGES, Catalogues, lang_of_path
from nosology.web.pages.assets import Assets
from nosology.web.templating import render

__all__ = [
    "MAX_CACHED_NOTES",
    "PageState",
    "add_page",
    "base_url",
    "code_url",
    "other_lang_path",
    "page",
    "page_state",
    "translate",
    "with_lang",
]


MAX_CACHED_NOTES = 60_000


@dataclass
class PageState:
    """Per-app state of the website (kept on ``app.state.pages``)."""

    catalogues: Catalogues
    assets: Assets
    _built_at: str | None = field(default=None, repr=False)
    _chapters: list[Item] | None = field(default=None, repr=False)
    # The reference database never changes while open, so what is derived from it can be kept.
    # Records of chapters and blocks (331 at most) are the expensive ones: they count tens of
    # thousands of billable codes below them.
    group_records: LruCache[CodeRecord] = field(default_factory=lambda: LruCache(1024), repr=False)
    # Rendered body figures, by language and site (a few hundred combinations at most).
    figures: LruCache[Markup] = field(default_factory=lambda: LruCache(4096), repr=False)
    # Notes with their code references as links, by language and text.
    notes: LruCache[Markup] = field(default_factory=lambda: LruCache(MAX_CACHED_NOTES), repr=False)

    def built_at(self, library: Library) -> str:
        if self._built_at is None:
            self._built_at = str(library.store.meta().get("built_at", ""))
        return self._built_at

    def chapters(self, library: Library) -> list[Item]:
        if self._chapters is None:
            self._chapters = library.classification.chapters()
        return self._chapters

    def record(self, library: Library, item: Item) -> CodeRecord:
        if item.kind not in {"chapter", "block"}:
            return library.classification.record(item.code)
        return self.group_records.get_or_make(item.code, lambda: library.classification.record(item.code))

    def siblings(self, library: Library, item: Item) -> list[Item]:
        if item.kind == "chapter":
            return [c for c in self.chapters(library) if c.seq != item.seq]
        return library.classification.siblings(item)

    def note_html(self, lang: str, text: str, make: Callable[[], Markup]) -> Markup:
        return self.notes.get_or_make((lang, text), make)


def page_state(request: Request) -> PageState:
    state: PageState = request.app.state.pages
    return state


def translate(request: Request, lang: str, message: str) -> str:
    return page_state(request).catalogues.gettext(lang, message)


def with_lang(path: str, lang: str) -> str:
    """``/codes/M61`` in ``lang`` (pages of a language other than the default live under ``/<lang>``)."""
    if lang != DEFAULT_LANG:
        return f"/{lang}" + path if path != "/" else f"/{lang}/"
    return path


def other_lang_path(path: str, lang: str) -> str:
    """The same page in ``lang``: strip or add the language prefix."""
    current = lang_of_path(path)
    base = (path[len(current) + 1 :] or "/") if current != DEFAULT_LANG else path
    return with_lang(base, lang)


def code_url(code: str, lang: str) -> str:
    return with_lang(f"/codes/{quote(code, safe='.-')}", lang)


def base_url(request: Request) -> str:
    """The site's public origin: the configured base URL, else the request's own."""
    configured: str = request.app.state.settings.base_url
    return (configured or str(request.base_url)).rstrip("/")


def _etag(request: Request, lang: str, vary: str) -> str:
    library: Library = request.app.state.library
    state = page_state(request)
    who = "anon"
    if is_signed_in(request):
        # Signed-in pages carry the person's CSRF token and menu: never share them across sessions.
        who = hashlib.sha256(csrf_token(request).encode()).hexdigest()[:16]
    # The origin too: canonical and hreflang links are absolute, so a page is only the same
    # page for the same public origin.
    parts = "|".join((__version__, state.built_at(library), state.assets.digest, lang, who, base_url(request),
                      request.url.path, request.url.query, vary))
    return '"' + hashlib.sha256(parts.encode()).hexdigest()[:32] + '"'


def page(
    request: Request,
    template: str,
    context: Callable[[], dict[str, Any]],
    *,
    lang: str,
    status_code: int = 200,
    description: str = "",
    vary: str = "",
) -> Response:
    """Render ``template`` unless the browser's copy is current (304 on a matching If-None-Match).

    ``context`` is called only when the page has to be rendered; ``vary`` is anything else the
    page depends on (for the ETag).
    """
    etag = _etag(request, lang, vary)
    headers = {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Cookie", "Content-Language": lang}
    if status_code == 200 and etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    # Anonymous pages are the same for every visitor with the same ETag: keep the rendered bytes.
    cache: LruCache[bytes] = request.app.state.page_html_cache
    shareable = status_code == 200 and not is_signed_in(request)
    if shareable and (body := cache.get(etag)) is not None:
        return Response(body, media_type="text/html; charset=utf-8", headers=headers)
    data = context()
    data.setdefault("lang", lang)
    data.setdefault("description", description)
    response = render(request, template, data, status_code=status_code)
    for key, value in headers.items():
        response.headers[key] = value
    # a page that carries an anonymous visitor's CSRF token is theirs alone: never share it
    if shareable and not request.scope.get("state", {}).get("csrf_in_page"):
        cache.put(etag, bytes(response.body))
    return response


def add_page(router: APIRouter, path: str, endpoint: Callable[..., Any], name: str) -> None:
    """Serve ``endpoint`` at ``path`` and at its twin in every other UI language (``/fr{path}``)."""
    # HEAD too: link checkers and crawlers ask it first.
    router.add_api_route(path, endpoint, methods=["GET", "HEAD"], name=name, include_in_schema=False)
    for lang in LANGUAGES:
        if lang != DEFAULT_LANG:
            router.add_api_route(with_lang(path, lang), endpoint, methods=["GET", "HEAD"], name=f"{name}_{lang}", include_in_schema=False)
