"""JSON API for search: ``/api/search`` (ranked codes for any words or code) and ``/api/suggest``."""

from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from nosology.cache import LruCache
from nosology.errors import InvalidQuery
from nosology.languages import Languages
from nosology.library import Library
from nosology.web.deps import get_library
from nosology.web.front_cache import reusable
from nosology.web.schemas import with_compat_fields

__all__ = ["SearchResponse", "SuggestResponse", "router"]

router = APIRouter(prefix="/api", tags=["search"])
SEVERITY_POOL = 100  # results the severity filter picks from
MAX_OFFSET = 1_000_000  # beyond any answer's size: paging reaches the last result of the broadest query


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
    valid: bool = True  # False: a code of an earlier fiscal year, found by its spelling


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
async def search(
    request: Request,
    library: Library = Depends(get_library),
    q: str = _Q,
    limit: int = Query(10, ge=1, le=50, description="Results per page (1-50)."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Results to skip (paging); every page up to `total` is reachable."),
    lang: str | None = _LANG,
    severity: Literal["cc", "mcc"] | None = Query(None, description="Only codes that are a CC or an MCC under MS-DRG v43 (among the top 100 results)."),
) -> Response:
    language = _lang(lang, library.languages)
    engine = library.search
    cache: LruCache[bytes] = request.app.state.search_json_cache

    def make() -> bytes:
        if severity is None:
            data = engine.search(q, lang=language, limit=limit, offset=offset).to_dict()
        else:
            found = engine.search(q, lang=language, limit=SEVERITY_POOL)
            data = library.drg.only(found, severity, limit=limit, offset=offset).to_dict()
        for hit in data["results"]:
            with_compat_fields(hit)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    # a repeated search (the next page, a shared link, a popular term) is answered from the cache
    # without leaving the event loop; a new one is computed in the thread pool, as a sync route would be
    key = (engine.search_key(q), language, limit, offset, severity)
    body = cache.get(key)
    if body is None:
        body = await run_in_threadpool(make)
        cache.put(key, body)
    return reusable(Response(body, media_type="application/json"))


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
    return reusable(Response(cache.get_or_make((library.search.suggest_key(q), language), make), media_type="application/json"))
