"""One error handler for the whole app: JSON for API clients, HTML for browsers, never a trace."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from nosology.errors import NosologyError
from nosology.web.fhir import outcome_response
from nosology.web.status import headers_for, status_for

__all__ = ["ErrorPayload", "install_error_handlers", "wants_html"]

log = logging.getLogger("nosology.web")

ErrorPayload = dict[str, Any]
# Renders an HTML error page: (request, status, payload) -> Response. The pages layer installs a
# templated one on app.state.render_error; until then a plain page is used.
HtmlRenderer = Callable[[Request, int, ErrorPayload], Response]

_TITLES = {400: "Bad request", 401: "Sign-in required", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
           409: "Conflict", 413: "Request too large", 415: "Unsupported media type", 422: "Invalid input",
           429: "Too many requests", 500: "Internal error", 503: "Service unavailable"}


def wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/fhir", "/infobutton", "/healthz", "/readyz")):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or not accept or "*/*" in accept


def _plain_html(request: Request, status: int, payload: ErrorPayload) -> Response:
    from html import escape

    items = "".join(f'<li><a href="/codes/{escape(s)}">{escape(s)}</a></li>' for s in payload.get("suggestions", []))
    body = (f"<!doctype html><html lang=en><meta charset=utf-8><title>{status} {escape(_TITLES.get(status, 'Error'))}</title>"
            f"<main><h1>{escape(_TITLES.get(status, 'Error'))}</h1><p>{escape(str(payload['detail']))}</p>"
            f"{'<p>Did you mean:</p><ul>' + items + '</ul>' if items else ''}<p><a href='/'>nosology home</a></p></main></html>")
    return HTMLResponse(body, status_code=status)


def render(request: Request, status: int, payload: ErrorPayload, headers: dict[str, str] | None = None) -> Response:
    payload.setdefault("status", status)
    payload.setdefault("error", _TITLES.get(status, "Error"))
    if request.url.path == "/fhir" or request.url.path.startswith("/fhir/"):
        return outcome_response(status, payload, headers)  # FHIR clients expect an OperationOutcome
    if wants_html(request):
        renderer: HtmlRenderer = getattr(request.app.state, "render_error", _plain_html)
        response = renderer(request, status, payload)
    else:
        response = JSONResponse(payload, status_code=status)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route fully matches for this path (asked of the routes themselves, so
    routers included in routers count too)."""
    methods = {"OPTIONS"}
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            methods.add(method)
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NosologyError)
    async def domain_error(request: Request, exc: NosologyError) -> Response:
        payload: ErrorPayload = {"detail": exc.message}
        if exc.suggestions:
            payload["suggestions"] = exc.suggestions
            if exc.suggestion_kind != "code":
                payload["suggestion_kind"] = exc.suggestion_kind
        return render(request, status_for(exc), payload, headers_for(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No page at {request.url.path[:200]}"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the methods of the first route matching the path; every route
            # of this path counts (GET and POST /api/saved are two routes).
            allowed = _allowed_methods(request)
            headers["Allow"] = ", ".join(allowed)
            if request.method == "OPTIONS":
                return Response(status_code=204, headers=headers)
            detail = f"Method {request.method} is not allowed here"
        return render(request, exc.status_code, {"detail": detail}, headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        # A malformed path segment (a row id that is not a number) is a bad URL: 400, like a
        # malformed form field; invalid query parameters and bodies stay 422.
        status = 400 if exc.errors() and all(err.get("loc", ("",))[0] == "path" for err in exc.errors()) else 422
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in {"body", "query", "path"})
            problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return render(request, status, {"detail": "; ".join(problems)[:1000] or "invalid input"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return render(request, 500, {"detail": "Something went wrong on our side. The error has been logged."})
