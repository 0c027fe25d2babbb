"""The ASGI application: one FastAPI app whose routers are thin layers over the core library."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from nosology import __version__
from nosology.cache import LruCache
from nosology.library import Library
from nosology.settings import Settings, load_settings
from nosology.web import (
    accounts,
    api_articles,
    api_changes,
    api_codes,
    api_docs,
    api_index,
    api_search,
    fhir,
    health,
    infobutton,
    pages,
)
from nosology.web.errors import install_error_handlers
from nosology.web.front_cache import FrontCacheMiddleware
from nosology.web.hosts import TrustedHostMiddleware, trusted_hosts
from nosology.web.middleware import (
    BodyLimitMiddleware,
    RequestLogMiddleware,
    SecurityHeadersMiddleware,
    configure_logging,
)
from nosology.web.templating import make_templates

__all__ = ["create_app"]

log = logging.getLogger("nosology.web")


def create_app(settings: Settings | None = None, library: Library | None = None, *,
               listening: Iterable[str] = ()) -> FastAPI:
    """Build the app. The reference data is opened (and built if missing) before the first request.

    ``listening``: the addresses the server binds, trusted as Host names (see web.hosts).
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if getattr(app.state, "library", None) is None:
            app.state.library = Library.open(settings, build_if_missing=settings.build_if_missing)
        # the search index is loaded in the background: start-up (and /healthz) does not wait for
        # it, and a search arriving first waits on the engine's own lock, not on a half-loaded index
        threading.Thread(target=app.state.library.search.warm, name="search-warm", daemon=True).start()
        accounts.start(app, settings)  # never blocks the reference site: accounts answer 503 if down
        # The long-lived objects made so far (routes, templates, caches' owners) never become
        # garbage: moving them out of the collector's view shortens the pauses that make tail latency.
        gc.collect()
        gc.freeze()
        yield
        accounts.stop(app)

    app = FastAPI(
        title="nosology",
        version=__version__,
        summary="ICD-10-CM 2026 knowledge base: codes, search, articles, FHIR terminology and HL7 Infobutton.",
        lifespan=lifespan,
        docs_url=None,  # served by web.api_docs from local assets, not FastAPI's CDN page
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.library = library
    app.state.templates = make_templates()
    app.state.code_json_cache = LruCache[bytes](4096)
    app.state.suggest_json_cache = LruCache[bytes](8192)
    app.state.search_json_cache = LruCache[bytes](4096)  # pages of search answers, a few kB each
    app.state.page_html_cache = LruCache[bytes](3000)  # ~20 kB a page: ~60 MB at most per worker
    pages.install(app)  # UI catalogues, fingerprinted assets, templated error pages
    install_error_handlers(app)
    accounts.install(app)  # cookies decided while rendering (anonymous CSRF, renewed session)
    configure_logging(settings.log_json)
    # outermost last: the log line sees the final status, including a refused body
    app.add_middleware(FrontCacheMiddleware)  # innermost: every other middleware still runs
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed=trusted_hosts(settings, listening))
    app.add_middleware(RequestLogMiddleware)
    for module in (api_codes, api_changes, api_search, api_articles, api_docs, api_index, health, fhir, infobutton, accounts, pages):
        app.include_router(module.router)
    return app
