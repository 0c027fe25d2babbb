"""JSON API for codes: ``/api/codes/{code}``, ``/api/validate/{code}``, ``/api/info``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from nosology.cache import LruCache
from nosology.code_facts import code_facts
from nosology.errors import InvalidQuery
from nosology.history import Retirement
from nosology.library import Library
from nosology.models import CodeRecord, Item
from nosology.web.deps import get_library
from nosology.web.front_cache import reusable
from nosology.web.schemas import (
    CodeResponse,
    InfoResponse,
    RetiredCodeResponse,
    ValidationResponse,
    with_compat_fields,
)

__all__ = ["code_json_response", "retired_json_response", "router"]

router = APIRouter(prefix="/api", tags=["codes"])

CodePath = Path(..., max_length=64, description="An ICD-10-CM code in any common spelling: M61.28, m6128, M61 28")


# async, with no await inside: the SQLite reads take well under a millisecond, and running them on
# the event loop saves the thread-pool hand-off, which costs more than the work on this hot path.
@router.get("/codes/{code}", response_model=CodeResponse | RetiredCodeResponse,
            responses={404: {"description": "Unknown code, with suggestions"}})
async def get_code(
    request: Request,
    library: Library = Depends(get_library),
    code: str = CodePath,
    lang: str = Query("en", pattern="^[a-z]{2}$", description="Language of the article summary (en, fr)."),
) -> Response:
    if lang not in library.languages:
        raise InvalidQuery(f"lang must be one of {', '.join(library.languages.codes)}, got {lang!r}")
    item = library.classification.find(code)
    if item is None:
        retired = library.history.retirement(code)
        if retired is not None:  # a code of an earlier year: say what happened to it, not 404
            return reusable(retired_json_response(retired))
        item = library.classification.get(code)  # raises CodeNotFound with suggestions
    # only this URL's answer is marked: /codes/{code} also answers HTML, by its Accept header
    return reusable(code_json_response(request, library, item, lang))


def code_json_response(request: Request, library: Library, item: Item, lang: str, record: CodeRecord | None = None) -> Response:
    """The JSON of one code: the same body for ``/api/codes/{code}``, ``/codes/{code}.json`` and
    ``/codes/{code}`` asked with ``Accept: application/json`` (one resource, one representation).
    ``record`` is the one the page already holds, when it does."""
    cache: LruCache[bytes] = request.app.state.code_json_cache

    def make() -> bytes:
        found = record or library.classification.record(item.code)
        data = with_compat_fields(found.to_dict())
        data["article"] = library.articles.summary_for(found.item, found.ancestors, lang)
        data |= code_facts(library, found).to_dict()
        data["plain_summary"] = {k: v.to_dict() for k, v in library.summaries.of(found).items()}
        return CodeResponse.model_validate(data).model_dump_json().encode()

    return Response(cache.get_or_make((item.seq, lang), make), media_type="application/json")


def retired_json_response(retired: Retirement) -> Response:
    """The JSON of a code that was valid in an earlier fiscal year and is not now."""
    data = retired.to_dict()
    for brief in [data["ancestor"], *data["replaced_by"]]:
        if brief is not None:
            with_compat_fields(brief)
    return Response(RetiredCodeResponse.model_validate(data).model_dump_json(), media_type="application/json")


@router.get("/validate/{code}", response_model=ValidationResponse)
def validate_code(library: Library = Depends(get_library), code: str = CodePath) -> dict[str, Any]:
    return library.history.validate(code).to_dict()


@router.get("/info", response_model=InfoResponse)
def info(library: Library = Depends(get_library)) -> dict[str, Any]:
    return library.info()
