"""JSON API for articles: ``/api/articles`` and ``/api/articles/{lang}/{slug}``.

Gated sections (``settings.gated_sections``) are withheld from anonymous callers: their
``html`` is null, ``withheld`` is true, and ``gated_sections_withheld`` lists them.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from nosology.library import Library
from nosology.web.auth import is_signed_in
from nosology.web.deps import get_library

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["articles"])


class ArticleSummaryModel(BaseModel):
    slug: str
    lang: str
    title: str
    summary: str
    codes: list[str] = Field(description="ICD-10-CM codes or ranges (M61.4-M61.5) the article covers")
    url: str = Field(description="The article's web page")
    api_url: str
    translation_of: str
    translation_url: str | None
    last_reviewed: str


class ArticleListModel(BaseModel):
    count: int
    articles: list[ArticleSummaryModel]


class SectionModel(BaseModel):
    key: str = Field(description="understanding, symptoms, diagnosis, causes, risk_factors, complications, treatment, prevention, classification")
    heading: str
    gated: bool = Field(description="Listed in the gated_sections setting: only signed-in callers get its html")
    html: str | None = Field(description="Sanitised HTML; null when withheld")
    withheld: bool


class ArticleModel(ArticleSummaryModel):
    model_config = ConfigDict(extra="allow")
    synonyms: list[str]
    references: list[dict[str, Any]]
    sections: list[SectionModel]
    notice_html: str
    gated_sections_withheld: list[str] = Field(description="Keys of the sections whose html was withheld from this anonymous caller")


@router.get("/articles", response_model=ArticleListModel)
def list_articles(
    library: Library = Depends(get_library),
    lang: str | None = Query(None, pattern="^(en|fr)$", description="Only articles in this language (en or fr)."),
) -> dict[str, Any]:
    """Every article (or those of one language) with its summary and the codes it covers."""
    items = [a.to_dict() for a in library.articles.list(lang)]
    return {"count": len(items), "articles": items}


@router.get("/articles/{lang}/{slug}", response_model=ArticleModel, responses={404: {"description": "Unknown language or article, with suggestions"}})
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
