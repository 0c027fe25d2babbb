"""The one table from domain errors to HTTP: each core error class and its status.

Core errors know nothing of HTTP (:mod:`nosology.errors`); this is where the web layer decides
what each means on the wire. A class not listed takes the status of its nearest listed base.
"""

from __future__ import annotations

from nosology.accounts.errors import (
    AccountExists,
    CsrfRejected,
    InvalidCredentials,
    InvalidInput,
    LimitReached,
    NotSignedIn,
    RateLimited,
    ResetLinkInvalid,
)
from nosology.errors import (
    AccountsUnavailable,
    ContentInvalid,
    DataCorrupt,
    DataMissing,
    InvalidParameter,
    InvalidQuery,
    NosologyError,
    NotFound,
    SettingInvalid,
    SourceChecksumMismatch,
    SourceMissing,
)

__all__ = ["STATUS", "headers_for", "status_for"]

STATUS: dict[type[NosologyError], int] = {
    NosologyError: 400,
    InvalidParameter: 400,
    InvalidInput: 400,
    ResetLinkInvalid: 400,
    InvalidCredentials: 401,
    NotSignedIn: 401,
    CsrfRejected: 403,
    NotFound: 404,
    AccountExists: 409,
    LimitReached: 409,
    InvalidQuery: 422,
    RateLimited: 429,
    SourceMissing: 500,
    SourceChecksumMismatch: 500,
    ContentInvalid: 500,
    SettingInvalid: 500,
    DataMissing: 503,
    DataCorrupt: 503,
    AccountsUnavailable: 503,
}


def status_for(exc: NosologyError) -> int:
    """The HTTP status of a domain error: its own class's, else its nearest listed base's."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def headers_for(exc: NosologyError) -> dict[str, str]:
    """Headers HTTP asks for with some errors (how to authenticate, when to retry)."""
    if isinstance(exc, NotSignedIn):
        return {"WWW-Authenticate": 'Bearer realm="nosology"'}
    if isinstance(exc, RateLimited):
        return {"Retry-After": str(exc.retry_after)}
    return {}
