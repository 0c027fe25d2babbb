"""JSON API for code history: ``/api/changes/{year}`` (what changed in a fiscal year)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path
from fastapi.responses import Response

from nosology.library import Library
from nosology.web.deps import get_library
from nosology.web.schemas import ChangesResponse

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["history"])


@router.get("/changes/{year}", response_model=ChangesResponse,
            responses={404: {"description": "Unknown fiscal year, with the years available"}})
def changes(library: Library = Depends(get_library),
            year: str = Path(..., max_length=12, description="A fiscal year of ICD-10-CM: 2020 to 2026 (FY2026 also works)")) -> Response:
    body = ChangesResponse.model_validate(library.history.changes(year).to_dict()).model_dump_json()
    return Response(body, media_type="application/json")
