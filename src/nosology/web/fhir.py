"""FHIR R4 terminology endpoints under ``/fhir`` (JSON only, ``application/fhir+json``).

Operations take GET query parameters or a POST ``Parameters`` body; errors anywhere under
``/fhir`` are OperationOutcome resources (see :func:`outcome_response`, called by the app's
error handler).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from nosology.errors import InvalidParameter
from nosology.library import Library
from nosology.terminology import (
    OpParams,
    capability_statement,
    code_system,
    code_system_bundle,
    expand,
    lookup,
    operation_outcome,
    subsumes,
    terminology_capabilities,
    validate_code,
)
from nosology.web.deps import library_of

__all__ = ["FHIR_JSON", "FhirResponse", "outcome_response", "router"]

FHIR_JSON = "application/fhir+json"
_JSON_FORMATS = {"json", "application/json", "application/fhir+json", "fhir+json"}
_JSON_BODIES = ("application/fhir+json", "application/json")

router = APIRouter(prefix="/fhir", tags=["FHIR R4 terminology"])

Operation = Callable[[Library, OpParams], dict[str, Any]]


class FhirResponse(JSONResponse):
    media_type = FHIR_JSON


def outcome_response(status: int, payload: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> Response:
    """An error as an OperationOutcome (the app's error handler calls this for ``/fhir`` paths)."""
    body = operation_outcome(status, str(payload.get("detail", "error")), suggestions=list(payload.get("suggestions") or []))
    return FhirResponse(body, status_code=status, headers=dict(headers or {}))


def _check_format(request: Request) -> None:
    wanted = request.query_params.get("_format", "").strip().lower()
    if wanted and wanted not in _JSON_FORMATS:
        raise HTTPException(406, f"_format {wanted[:40]!r} is not supported: this server speaks JSON (_format=json)")
    accept = request.headers.get("accept", "").lower()
    if accept and not any(t in accept for t in ("json", "*/*", "application/*")):
        raise HTTPException(406, f"Accept {accept[:60]!r} cannot be served: this server speaks {FHIR_JSON}")


def _base(request: Request) -> str:
    configured = request.app.state.settings.base_url
    return (configured or str(request.base_url)).rstrip("/") + "/fhir"


async def _params(request: Request) -> OpParams:
    if request.method != "POST":
        return OpParams.from_query(request.query_params.multi_items())
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in _JSON_BODIES:
        raise HTTPException(415, f"send a Parameters resource as {FHIR_JSON}, not {kind[:60] or 'no content type'}")
    limit = request.app.state.settings.max_body_bytes
    body = await request.body()
    if len(body) > limit:
        raise HTTPException(413, f"the request body is over {limit} bytes")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise InvalidParameter("the request body is not valid JSON") from None
    return OpParams.from_resource(data)


async def _run(request: Request, operation: Operation, system_id: str | None = None) -> Response:
    _check_format(request)
    library = library_of(request)
    system = library.code_systems.by_id(system_id) if system_id is not None else None
    params = await _params(request)
    if system is not None:
        info = system.info
        given = params.text("system") or params.text("url")
        if given and given.partition("|")[0] not in {info.url, f"urn:oid:{info.oid}"}:
            raise InvalidParameter(f"system {given[:120]!r} does not match CodeSystem/{info.id} ({info.url})")
        params.values.setdefault("system", [info.url])
    # one code's operations read a few rows (well under a millisecond): the thread-pool hand-off
    # cost more than they do; a filtered $expand may run a whole search, off the event loop
    result = operation(library, params) if operation in _ON_LOOP else await run_in_threadpool(operation, library, params)
    return FhirResponse(result)


# -- operations (declared before the read routes so that "$lookup" is never taken for an id) --------
def _lookup(library: Library, params: OpParams) -> dict[str, Any]:
    return lookup(library.code_systems, params, library.languages)


def _subsumes(library: Library, params: OpParams) -> dict[str, Any]:
    return subsumes(library.code_systems, params)


def _cs_validate(library: Library, params: OpParams) -> dict[str, Any]:
    return validate_code(library.code_systems, params, value_set=False)


def _vs_validate(library: Library, params: OpParams) -> dict[str, Any]:
    return validate_code(library.code_systems, params, value_set=True)


def _expand(library: Library, params: OpParams) -> dict[str, Any]:
    return expand(library, params)


_ON_LOOP = frozenset({_lookup, _subsumes, _cs_validate, _vs_validate})

_PARAMETERS = {
    "system": "Code system URL or urn:oid: http://hl7.org/fhir/sid/icd-10-cm or http://hl7.org/fhir/sid/icd-10",
    "url": "Value set (ValueSet ops: http://hl7.org/fhir/sid/icd-10-cm?fhir_vs or ...?fhir_vs=isa/M61) or code system URL",
    "code": "The code, as the code system writes it (M61.28)",
    "codeA": "First code", "codeB": "Second code",
    "coding": "A Coding written system|code", "codingA": "First Coding (system|code)", "codingB": "Second Coding (system|code)",
    "display": "A display to check (English or French title)",
    "version": "Code system version (2026 for ICD-10-CM, 2019 for ICD-10)",
    "displayLanguage": "en or fr",
    "property": "Limit the properties returned (repeatable): designation, parent, child, billable, notSelectable, inclusion, includes, excludes1, excludes2",
    "abstract": "true: headers are valid in the value set",
    "filter": "Words to match (nosology search, English or French)",
    "count": "Page size (default 100, at most 1000)", "offset": "Index of the first concept returned",
    "activeOnly": "Accepted; every code of the release is active", "includeDesignations": "true: add en/fr designations",
    "_format": "json (the only format served)",
}
_BODY = {"requestBody": {"required": True, "description": "A FHIR Parameters resource",
                         "content": {FHIR_JSON: {"schema": {"type": "object"}}, "application/json": {"schema": {"type": "object"}}}}}
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "A FHIR resource", "content": {FHIR_JSON: {}}},
    400: {"description": "OperationOutcome: missing or malformed parameter"},
    404: {"description": "OperationOutcome: unknown code system, value set or code"},
}
_OPERATIONS: tuple[tuple[str, str, Operation, tuple[str, ...], bool], ...] = (
    ("CodeSystem/$lookup", "$lookup: a code's display, designations and properties", _lookup,
     ("system", "code", "version", "coding", "displayLanguage", "property"), True),
    ("CodeSystem/$validate-code", "$validate-code in a code system (headers valid, with a message)", _cs_validate,
     ("url", "system", "code", "display", "version", "coding", "displayLanguage"), True),
    ("CodeSystem/$subsumes", "$subsumes: equivalent, subsumes, subsumed-by or not-subsumed", _subsumes,
     ("system", "codeA", "codeB", "codingA", "codingB", "version"), True),
    ("ValueSet/$expand", "$expand an implicit value set (?fhir_vs, ?fhir_vs=isa/<code>)", _expand,
     ("url", "filter", "count", "offset", "displayLanguage", "activeOnly", "includeDesignations"), False),
    ("ValueSet/$validate-code", "$validate-code in an implicit value set (headers not selectable)", _vs_validate,
     ("url", "system", "code", "display", "version", "coding", "displayLanguage", "abstract"), False),
)


def _register(path: str, summary: str, operation: Operation, names: tuple[str, ...], per_system: bool) -> None:
    query = {"parameters": [{"name": n, "in": "query", "required": False, "description": _PARAMETERS[n],
                             "schema": {"type": "string", "maxLength": 1000}} for n in (*names, "_format")]}

    async def on_any_system(request: Request) -> Response:
        return await _run(request, operation)

    async def on_one_system(request: Request, system_id: str) -> Response:
        return await _run(request, operation, system_id)

    resource, _, name = path.partition("/")
    targets: list[tuple[str, Callable[..., Any], str]] = [(f"/{path}", on_any_system, "")]
    if per_system:
        targets.append((f"/{resource}/{{system_id}}/{name}", on_one_system, " (one code system: icd-10-cm or icd-10)"))
    for route, endpoint, note in targets:
        router.add_api_route(route, endpoint, methods=["GET"], summary=summary + note, openapi_extra=query, responses=_RESPONSES)
        router.add_api_route(route, endpoint, methods=["POST"], summary=summary + note, openapi_extra=_BODY, responses=_RESPONSES)


def _register_operations() -> None:
    for entry in _OPERATIONS:
        _register(*entry)


_register_operations()


# -- reads ---------------------------------------------------------------------------------------
@router.get("/metadata", summary="CapabilityStatement, or TerminologyCapabilities with ?mode=terminology")
def metadata(request: Request) -> Response:
    _check_format(request)
    mode = request.query_params.get("mode", "full").strip()
    if mode in {"full", "normative", ""}:
        return FhirResponse(capability_statement(library_of(request).code_systems, _base(request)))
    if mode == "terminology":
        library = library_of(request)
        return FhirResponse(terminology_capabilities(library.code_systems, library.languages, _base(request)))
    raise InvalidParameter(f"mode {mode[:40]!r} is not supported: use full, normative or terminology")


@router.get("/CodeSystem", summary="Search code systems by url (a searchset Bundle)")
def search_code_systems(request: Request) -> Response:
    _check_format(request)
    allowed = {"url", "version", "_format", "_summary", "_pretty"}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise InvalidParameter(f"unknown search parameter {unknown[0][:60]!r}: CodeSystem can be searched by url and version")
    query = request.query_params
    library = library_of(request)
    return FhirResponse(code_system_bundle(library.code_systems, library.languages, _base(request), query.get("url"), query.get("version")))


@router.get("/CodeSystem/{system_id}", summary="Read a CodeSystem (icd-10-cm or icd-10)")
def read_code_system(request: Request, system_id: str) -> Response:
    _check_format(request)
    library = library_of(request)
    return FhirResponse(code_system(library.code_systems.by_id(system_id), library.languages))
