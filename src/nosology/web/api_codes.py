"""JSON API for codes: ``/api/codes/{code}``, ``/api/validate/{code}``, ``/api/info``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query

from nosology.library import Library
from nosology.web.deps import get_library
from nosology.web.schemas import CodeResponse, InfoResponse, ValidationResponse

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["codes"])

CodePath = Path(..., max_length=64, description="An ICD-10-CM code in any common spelling: M61.28, m6128, M61 28")


@router.get("/codes/{code}", response_model=CodeResponse, responses={404: {"description": "Unknown code, with suggestions"}})
def get_code(
    library: Library = Depends(get_library),
    code: str = CodePath,
    lang: str = Query("en", pattern="^(en|fr)$", description="Language of the article summary: en or fr."),
) -> dict[str, Any]:
    record = library.classification.record(code)
    data = record.to_dict()
    data["article"] = library.articles.summary_for(record.item, record.ancestors, lang)
    return data


@router.get("/validate/{code}", response_model=ValidationResponse)
def validate_code(library: Library = Depends(get_library), code: str = CodePath) -> dict[str, Any]:
    return library.classification.validate(code).to_dict()


@router.get("/info", response_model=InfoResponse)
def info(library: Library = Depends(get_library)) -> dict[str, Any]:
    return library.info()
