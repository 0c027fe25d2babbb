"""``/api/docs``: Swagger UI served by nosology itself, so the API docs work offline and under
the site's Content-Security-Policy (FastAPI's default page loads Swagger UI from a CDN and starts
it with an inline script, both of which the CSP blocks).

The assets come from the pinned ``swagger-ui-bundle-v2`` package (Swagger UI's own dist files);
the page is started by a small same-origin script. Its CSP differs from the site's in one point:
Swagger UI sets inline styles, so ``style-src`` also allows 'unsafe-inline' (scripts stay 'self').
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response

from nosology.errors import NotFound

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_ASSETS = {"swagger-ui.css": "text/css; charset=utf-8", "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
           "favicon-32x32.png": "image/png"}
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'")
_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>nosology API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/start.js"></script>
</body>
</html>
"""
_START = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
"""


def _asset_dir() -> Path:
    # Imported on first use: the package is only needed when someone opens the docs.
    from swagger_ui_bundle import swagger_ui_path

    return Path(swagger_ui_path)


@router.get("/api/docs")
def docs() -> Response:
    return HTMLResponse(_PAGE, headers={"Content-Security-Policy": _CSP, "Cache-Control": "no-cache"})


@router.get("/api/docs/start.js")
def start() -> Response:
    return Response(_START, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "no-cache"})


@router.get("/api/docs/assets/{name}")
def asset(name: str) -> Response:
    if name not in _ASSETS:
        raise NotFound(f"No API docs asset {name[:100]!r}")
    return FileResponse(_asset_dir() / name, media_type=_ASSETS[name], headers={"Cache-Control": "public, max-age=86400"})
