"""Request-scoped access to the library (stored on the app, never in a module global)."""

from __future__ import annotations

from fastapi import Request

from nosology.library import Library

__all__ = ["get_library", "library_of"]


def library_of(request: Request) -> Library:
    """The app's library, for handlers that read it directly."""
    library: Library = request.app.state.library
    return library


async def get_library(request: Request) -> Library:
    """The app's library as a dependency (``Depends(get_library)``).

    Async although it never awaits: FastAPI runs a sync dependency in the thread pool, and that
    hand-off cost more than the rest of a cached answer."""
    return library_of(request)
