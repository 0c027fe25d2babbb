"""JSON API for articles: ``/api/articles`` and ``/api/articles/{lang}/{slug}``.

Gated sections (``settings.gated_sections``) are withheld from anonymous callers: their
``html`` is null, ``withheld`` is true, and ``gated_sections_withheld`` lists them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request

from nosology.library import Library
from nosology.web.auth import is_signed_in
from nosology.web.deps import get_library

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/articles")
def list_articles(
    library: Library = Depends(get_library),
    lang: str | None = Query(None, pattern="^(en|fr)$", description="Only articles in this language (en or fr)."),
) -> dict[str, Any]:
    """Every article (or those of one language) with its summary and the codes it covers."""
    items = [a.to_dict() for a in library.articles.list(lang)]
    return {"count": len(items), "articles": items}


@router.get("/articles/{lang}/{slug}", responses={404: {"description": "Unknown language or article, with suggestions"}})
def get_article(
    request: Request,
    library: Library = Depends(get_library),
    lang: str = Path(..., max_length=10, description="en or fr"),
    slug: str = Path(..., max_length=200, description="The article's slug, e.g. neurogenic-heterotopic-ossification"),
) -> dict[str, Any]:
    """One article. Sections listed in the ``gated_sections`` setting (default: treatment) have
    their ``html`` withheld unless the caller is signed in (session or bearer token)."""
    article = library.articles.get(lang, slug)
    return article.to_dict(signed_in=is_signed_in(request))
