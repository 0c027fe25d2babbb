"""JSON API for search: ``/api/search`` (ranked codes for any words or code) and ``/api/suggest``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from nosology.cache import LruCache
from nosology.errors import InvalidQuery
from nosology.languages import Languages
from nosology.library import Library
from nosology.web.deps import get_library
from nosology.web.schemas import with_compat_fields

__all__ = ["SearchResponse", "SuggestResponse", "router"]

router = APIRouter(prefix="/api", tags=["search"])


class SuggestItem(BaseModel):
    code: str
    title: str
    titles: dict[str, str]  # language -> title
    title_fr: str | None  # compatibility: titles["fr"]
    kind: str
    billable: bool
    matched: str


class SearchHitModel(SuggestItem):
    score: float
    matched_text: str


class SearchResponse(BaseModel):
    query: str
    total: int
    offset: int
    did_you_mean: list[str]
    results: list[SearchHitModel]


class SuggestResponse(BaseModel):
    query: str
    results: list[SuggestItem]


_Q = Query(..., description="Words in English or French, a lay term, an abbreviation or a code in any spelling (M61.28, m6128).")
_LANG = Query(None, description="Language of the query, a registered language such as en or fr (empty or absent: any).")


def _lang(lang: str | None, languages: Languages) -> str | None:
    value = (lang or "").strip().lower()
    if not value or value in languages:
        return value or None
    raise InvalidQuery(f"lang must be one of {', '.join(languages.codes)}, got {lang[:20]!r}" if lang else "lang must be a language code")


@router.get("/search", response_model=SearchResponse, responses={422: {"description": "Empty query or a parameter out of range"}})
def search(
    library: Library = Depends(get_library),
    q: str = _Q,
    limit: int = Query(10, ge=1, le=50, description="Results per page (1-50)."),
    offset: int = Query(0, ge=0, le=1000, description="Results to skip (paging)."),
    lang: str | None = _LANG,
) -> dict[str, Any]:
    data = library.search.search(q, lang=_lang(lang, library.languages), limit=limit, offset=offset).to_dict()
    for hit in data["results"]:
        with_compat_fields(hit)
    return data


# async without awaits: completions come from memory in well under a millisecond, less than the
# thread-pool hand-off a sync endpoint would cost on every keystroke.
@router.get("/suggest", response_model=SuggestResponse, responses={422: {"description": "Empty query"}})
async def suggest(request: Request, library: Library = Depends(get_library), q: str = _Q, lang: str | None = _LANG) -> Response:
    """Autocomplete: at most 10 codes whose code or words start like the text typed so far."""
    language = _lang(lang, library.languages)
    query = q.strip()[:200]
    cache: LruCache[bytes] = request.app.state.suggest_json_cache

    def make() -> bytes:
        hits = library.search.suggest(q, lang=language, limit=10)
        return SuggestResponse(query=query, results=[SuggestItem(**with_compat_fields(h.to_dict())) for h in hits]).model_dump_json().encode()

    # the same prefixes are typed over and over: answers are cached by exactly what the engine
    # reads of the text (a trailing space means "the last word is complete") and the language
    return Response(cache.get_or_make((library.search.suggest_key(q), language), make), media_type="application/json")
