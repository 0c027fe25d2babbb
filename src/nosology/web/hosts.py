"""Which ``Host`` headers the server answers. Absolute links (canonical and hreflang links of
cached pages, the sitemap, FHIR ``fullUrl``, Infobutton redirects) are built from the request's
own origin when NOSOLOGY_BASE_URL is unset, so an untrusted Host must never reach them: any host
not trusted is answered 400 before the app sees the request."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from nosology.settings import Settings
from nosology.web.middleware import refuse

__all__ = ["TrustedHostMiddleware", "trusted_hosts"]

_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_ANY_ADDRESS = {"0.0.0.0", "::", ""}


def trusted_hosts(settings: Settings, listening: Iterable[str] = ()) -> tuple[str, ...]:
    """NOSOLOGY_TRUSTED_HOSTS when set; else the host of NOSOLOGY_BASE_URL, the addresses the
    server listens on (not a wildcard like 0.0.0.0), and the loopback names."""
    if settings.trusted_hosts:
        return tuple(h.lower() for h in settings.trusted_hosts)
    hosts = [h.lower() for h in listening if h not in _ANY_ADDRESS]
    if settings.base_url:
        hosts.append((urlsplit(settings.base_url).hostname or "").lower())
    return tuple(dict.fromkeys([*hosts, *_LOOPBACK]))


def _hostname(header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


def _matches(host: str, allowed: tuple[str, ...]) -> bool:
    return any(pattern == "*" or host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:]))
               for pattern in allowed)


class TrustedHostMiddleware:
    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"host")
        # No Host at all (HTTP/1.0): the request's origin is then the address it reached.
        if header is not None and not _matches(_hostname(header.decode("latin-1").strip().lower()), self.allowed):
            await refuse(send, 400, "this server does not answer for that Host; see NOSOLOGY_TRUSTED_HOSTS")
            return
        await self.app(scope, receive, send)
