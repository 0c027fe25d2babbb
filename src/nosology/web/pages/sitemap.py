"""Sitemaps: ``/sitemap.xml`` is an index of ``/sitemaps/codes-<n>.xml`` chunks (every code page,
English and French, with hreflang alternates) and ``/sitemaps/articles.xml``."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote
from xml.sax.saxutils import escape

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from nosology.errors import NotFound
from nosology.library import Library
from nosology.web.i18n import LANGUAGES
from nosology.web.pages.common import base_url, with_lang

__all__ = ["CODES_PER_CHUNK", "router"]

router = APIRouter()

# Each code is two URLs (English and French): 25,000 codes keep a chunk at the 50,000-URL limit.
CODES_PER_CHUNK = 25_000
_BATCH = 2_500
_XML = "application/xml; charset=utf-8"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'


def _distinct_codes(library: Library) -> list[str]:
    return library.classification.identifiers()


def _count(library: Library) -> int:
    return library.classification.count_identifiers()


def _pair(origin: str, path: str) -> str:
    """A page in every UI language, each listing the others as alternates."""
    urls = {lang: escape(origin + with_lang(path, lang)) for lang in LANGUAGES}
    links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{url}"/>' for lang, url in urls.items())
    return "".join(f"<url><loc>{url}</loc>{links}</url>\n" for url in urls.values())


@router.get("/robots.txt", include_in_schema=False)
def robots(request: Request) -> Response:
    body = f"User-agent: *\nDisallow: /api/\nDisallow: /saved\nDisallow: /account\nSitemap: {base_url(request)}/sitemap.xml\n"
    return Response(body, media_type="text/plain; charset=utf-8", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/sitemap.xml", include_in_schema=False)
def sitemap_index(request: Request) -> Response:
    library: Library = request.app.state.library
    origin = base_url(request)
    chunks = -(-_count(library) // CODES_PER_CHUNK)
    entries = [f"{origin}/sitemaps/codes-{n}.xml" for n in range(1, chunks + 1)] + [f"{origin}/sitemaps/articles.xml"]
    body = (_HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"<sitemap><loc>{escape(e)}</loc></sitemap>\n" for e in entries) + "</sitemapindex>\n")
    return Response(body, media_type=_XML, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/sitemaps/codes-{number}.xml", include_in_schema=False)
def codes_chunk(request: Request, number: int) -> Response:
    library: Library = request.app.state.library
    codes = _distinct_codes(library)
    start = (number - 1) * CODES_PER_CHUNK
    if number < 1 or start >= len(codes):
        raise NotFound(f"no sitemap chunk {number}")
    origin = base_url(request)

    def lines() -> Iterator[str]:
        yield _HEAD + _URLSET
        chunk = codes[start : start + CODES_PER_CHUNK]
        # A few large writes rather than one per URL: the response is ~10 MB.
        for at in range(0, len(chunk), _BATCH):
            paths = [f"/codes/{quote(code, safe='.-')}" for code in chunk[at : at + _BATCH]]
            yield "".join(_pair(origin, path) for path in paths)
        yield "</urlset>\n"

    return StreamingResponse(lines(), media_type=_XML, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/sitemaps/articles.xml", include_in_schema=False)
def articles_chunk(request: Request) -> Response:
    library: Library = request.app.state.library
    origin = base_url(request)
    parts = [_HEAD, _URLSET]
    seen: set[str] = set()
    for article in library.articles.list():
        if article.url in seen:
            continue
        urls = {article.lang: article.url}
        translation = library.articles.translation(library.articles.get(article.lang, article.slug))
        if translation is not None:
            urls[translation.lang] = translation.url
        seen.update(urls.values())
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{lg}" href="{escape(origin + u)}"/>' for lg, u in sorted(urls.items()))
        for url in urls.values():
            parts.append(f"<url><loc>{escape(origin + url)}</loc>{links}</url>\n")
    parts.append("</urlset>\n")
    return Response("".join(parts), media_type=_XML, headers={"Cache-Control": "public, max-age=3600"})
