"""Static assets served under content-hashed names (``/static/app.3f9c2a1b.css``).

The hashes are computed once at start-up, so a page always points at the exact file it was
rendered with and browsers may cache assets for a year.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from nosology.errors import NotFound

__all__ = ["STATIC_DIR", "Assets", "router"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}

router = APIRouter()


@dataclass(frozen=True)
class Asset:
    name: str
    fingerprinted: str
    body: bytes
    media_type: str


@dataclass(frozen=True)
class Assets:
    by_name: dict[str, Asset]
    by_fingerprint: dict[str, Asset]
    digest: str

    @classmethod
    def load(cls, directory: Path = STATIC_DIR) -> Assets:
        by_name: dict[str, Asset] = {}
        total = hashlib.sha256()
        for path in sorted(p for p in directory.rglob("*") if p.is_file()):
            body = path.read_bytes()
            short = hashlib.sha256(body).hexdigest()[:10]
            name = path.relative_to(directory).as_posix()
            stem, dot, suffix = name.rpartition(".")
            fingerprinted = f"{stem}.{short}.{suffix}" if dot else f"{name}.{short}"
            media = _TYPES.get(path.suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
            by_name[name] = Asset(name, fingerprinted, body, media)
            total.update(name.encode() + short.encode())
        return cls(by_name, {a.fingerprinted: a for a in by_name.values()}, total.hexdigest()[:16])

    def url(self, name: str) -> str:
        asset = self.by_name.get(name)
        return f"/static/{asset.fingerprinted if asset else name}"


@router.api_route("/static/{name:path}", methods=["GET", "HEAD"], include_in_schema=False)
def static(request: Request, name: str) -> Response:
    assets: Assets = request.app.state.pages.assets
    asset = assets.by_fingerprint.get(name)
    if asset is not None:
        cache = "public, max-age=31536000, immutable"
    else:
        asset = assets.by_name.get(name)
        cache = "public, max-age=300"
    if asset is None:
        raise NotFound(f"no static file {name[:80]!r}")
    return Response(asset.body, media_type=asset.media_type, headers={"Cache-Control": cache})
