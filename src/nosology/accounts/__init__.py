"""User accounts: sign-up, sessions, API tokens, saved codes and lists (no HTTP here).

User data lives in its own database (``Settings.accounts_url``: SQLite by default, PostgreSQL
for several instances); the reference data stays in its read-only SQLite file.
"""

from nosology.accounts.errors import (
    AccountExists,
    CsrfRejected,
    InvalidCredentials,
    InvalidInput,
    LimitReached,
    NotSignedIn,
    RateLimited,
    ResetLinkInvalid,
    SignUpsLimited,
    WeakPassword,
)
from nosology.accounts.records import Principal
from nosology.accounts.service import AccountService

__all__ = [
    "AccountExists",
    "AccountService",
    "CsrfRejected",
    "InvalidCredentials",
    "InvalidInput",
    "LimitReached",
    "NotSignedIn",
    "Principal",
    "RateLimited",
    "ResetLinkInvalid",
    "SignUpsLimited",
    "WeakPassword",
]
