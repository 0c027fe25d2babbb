"""JSON API for codes: ``/api/codes/{code}``, ``/api/validate/{code}``, ``/api/info``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from nosology.cache import LruCache
from nosology.code_facts import code_facts
from nosology.library import Library
from nosology.web.deps import get_library
from nosology.web.schemas import (
    CodeResponse,
    InfoResponse,
    RetiredCodeResponse,
    ValidationResponse,
    with_compat_fields,
)

__all__ = ["router"]

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
    lang: str = Query("en", pattern="^(en|fr)$", description="Language of the article summary: en or fr."),
) -> Response:
    item = library.classification.find(code)
    if item is None:
        retired = library.history.retirement(code)
        if retired is not None:  # a code of an earlier year: say what happened to it, not 404
            data = retired.to_dict()
            for brief in [data["ancestor"], *data["replaced_by"]]:
                if brief is not None:
                    with_compat_fields(brief)
            return Response(RetiredCodeResponse.model_validate(data).model_dump_json(), media_type="application/json")
        item = library.classification.get(code)  # raises CodeNotFound with suggestions
    cache: LruCache[bytes] = request.app.state.code_json_cache
    body = cache.get_or_make((item.seq, lang), lambda: _code_json(library, item.code, lang))
    return Response(body, media_type="application/json")


def _code_json(library: Library, code: str, lang: str) -> bytes:
    record = library.classification.record(code)
    data = with_compat_fields(record.to_dict())
    data["article"] = library.articles.summary_for(record.item, record.ancestors, lang)
    data |= code_facts(library, record).to_dict()
    return CodeResponse.model_validate(data).model_dump_json().encode()


@router.get("/validate/{code}", response_model=ValidationResponse)
def validate_code(library: Library = Depends(get_library), code: str = CodePath) -> dict[str, Any]:
    return library.history.validate(code).to_dict()


@router.get("/info", response_model=InfoResponse)
def info(library: Library = Depends(get_library)) -> dict[str, Any]:
    return library.info()
