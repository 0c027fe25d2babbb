"""HL7 Infobutton (URL-based) at ``/infobutton``: Atom feed (default), MedlinePlus Connect-style
JSON, or a redirect to the page in the reader's language."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from nosology.terminology.infobutton import answer, parse_request, to_atom, to_json
from nosology.web.deps import library_of

__all__ = ["router"]

router = APIRouter(tags=["HL7 Infobutton"])


@router.get("/infobutton", summary="HL7 Infobutton knowledge request (MedlinePlus Connect-compatible parameters)")
async def infobutton(  # the named parameters document the request; parse_request reads them all
    request: Request,
    cs: str | None = Query(None, alias="mainSearchCriteria.v.cs", description="Code system OID: 2.16.840.1.113883.6.90 (ICD-10-CM) or 2.16.840.1.113883.6.3 (ICD-10)"),
    c: str | None = Query(None, alias="mainSearchCriteria.v.c", description="The code, e.g. M61.28"),
    dn: str | None = Query(None, alias="mainSearchCriteria.v.dn", description="The code's display name (informative)"),
    language: str | None = Query(None, alias="informationRecipient.languageCode.c", description="en or fr (fr-FR accepted)"),
    response_type: str | None = Query(None, alias="knowledgeResponseType", description="text/xml (Atom, default), application/json or text/html"),
) -> Response:
    knowledge = parse_request(request.query_params)
    settings = request.app.state.settings
    base = (settings.base_url or str(request.base_url)).rstrip("/")
    library = library_of(request)
    response = await run_in_threadpool(answer, library, knowledge, base, request.app.state.pages.catalogues.gettext)
    if knowledge.response_type == "application/json":
        return JSONResponse(to_json(response))
    if knowledge.response_type == "text/html":
        if response.entries:
            return RedirectResponse(response.entries[0].link, status_code=303)
        words = knowledge.display or knowledge.code
        search = f"{library.languages.url_prefix(knowledge.lang)}/search"
        return RedirectResponse(f"{base}{search}?{urlencode({'q': words})}" if words else f"{base}/", status_code=303)
    return Response(to_atom(response), media_type="application/atom+xml; charset=utf-8")
