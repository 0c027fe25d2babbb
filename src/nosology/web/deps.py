"""Request-scoped access to the library (stored on the app, never in a module global)."""

from __future__ import annotations

from fastapi import Request

from nosology.library import Library

__all__ = ["get_library"]


def get_library(request: Request) -> Library:
    library: Library = request.app.state.library
    return library
