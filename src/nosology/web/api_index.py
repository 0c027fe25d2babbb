"""JSON API for the Alphabetic Index and its tables: ``/api/index``, ``/api/index/terms/{ref}``,
``/api/neoplasms``, ``/api/drugs`` and ``/api/index/codes/{code}`` (entries leading to a code)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query

from nosology.alphaindex import EDITION_NOTE
from nosology.alphaindex.book import MAX_TERM_CHARS
from nosology.library import Library
from nosology.web.deps import get_library

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["index"])

_BOOK = Query(None, pattern="^(disease|external|neoplasm|drug)$", description="Only this book: disease, external, neoplasm or drug.")
_LIMIT = Query(100, ge=1, le=500, description="Rows per page (1-500).")
_OFFSET = Query(0, ge=0, le=100_000, description="Rows to skip.")


@router.get("/index")
def lookup(
    library: Library = Depends(get_library),
    term: str = Query(..., min_length=1, max_length=MAX_TERM_CHARS, description="An Index term or path as printed: Impetigo, Pain, abdominal."),
    book: str | None = _BOOK,
    limit: int = Query(20, ge=1, le=100),
) -> dict[str, Any]:
    found = library.alphaindex.lookup(term, book, limit)
    return {"query": term, "edition": EDITION_NOTE, "results": [t.to_dict(children=False) for t in found]}


@router.get("/index/terms/{ref}")
def term(
    library: Library = Depends(get_library),
    ref: str = Path(..., max_length=MAX_TERM_CHARS, description="A term id (12345) or a main term's slug (impetigo)."),
) -> dict[str, Any]:
    index = library.alphaindex
    found = index.term(ref)
    data = found.to_dict()
    data["ancestors"] = [a.to_dict(children=False) for a in index.ancestors(found)]
    data["edition"] = EDITION_NOTE
    return data


@router.get("/index/codes/{code}")
def entries(library: Library = Depends(get_library), code: str = Path(..., max_length=64)) -> dict[str, Any]:
    item = library.classification.get(code)  # CodeNotFound (404) for an unknown code
    return {"code": item.code, "edition": EDITION_NOTE, "entries": [e.to_dict() for e in library.alphaindex.entries_for(item.code)]}


def _table(library: Library, book: str, text: str | None, limit: int, offset: int) -> dict[str, Any]:
    rows, total = library.alphaindex.table(book, text, limit, offset)
    return {"edition": EDITION_NOTE, "headings": library.alphaindex.headings(book), "filter": text, "total": total,
            "offset": offset, "rows": [r.to_dict() for r in rows]}


@router.get("/neoplasms")
def neoplasms(
    library: Library = Depends(get_library),
    site: str | None = Query(None, max_length=MAX_TERM_CHARS, description="Only sites whose path contains these words (liver)."),
    limit: int = _LIMIT,
    offset: int = _OFFSET,
) -> dict[str, Any]:
    return _table(library, "neoplasm", site, limit, offset)


@router.get("/drugs")
def drugs(
    library: Library = Depends(get_library),
    substance: str | None = Query(None, max_length=MAX_TERM_CHARS, description="Only substances whose path contains these words (warfarin)."),
    limit: int = _LIMIT,
    offset: int = _OFFSET,
) -> dict[str, Any]:
    return _table(library, "drug", substance, limit, offset)
