"""Account errors: plain domain classes (the web layer maps them to HTTP statuses, the CLI to exit codes)."""

from __future__ import annotations

from nosology.errors import NosologyError

__all__ = [
    "AccountExists",
    "CsrfRejected",
    "InvalidCredentials",
    "InvalidInput",
    "LimitReached",
    "NotSignedIn",
    "RateLimited",
    "ResetLinkInvalid",
    "SignUpsLimited",
    "WeakPassword",
]


class InvalidInput(NosologyError):
    """A field is missing, malformed or too long."""



class WeakPassword(InvalidInput):
    """Too short, too long, or on the list of common passwords."""


class AccountExists(NosologyError):
    """An account with this email already exists."""


class InvalidCredentials(NosologyError):
    """Wrong email or wrong password: one message for both, so neither is revealed."""


    def __init__(self, message: str = "Email or password is incorrect.") -> None:
        super().__init__(message)


class NotSignedIn(NosologyError):
    """No session, or a bearer token that is unknown, expired or revoked."""


    def __init__(self, message: str = "Sign in, or send a valid bearer token, to use this.") -> None:
        super().__init__(message)


class CsrfRejected(NosologyError):
    """A form came without its security token, or with another one."""

    def __init__(self, message: str = "The form's security token is missing or wrong. Reload the page and try again.") -> None:
        super().__init__(message)


class RateLimited(NosologyError):
    """Too many failed sign-ins; ``retry_after`` seconds until the next attempt is allowed."""

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, round(retry_after / 60))
        super().__init__(f"Too many failed sign-in attempts. Try again in about {minutes} minute(s).")
        self.retry_after = retry_after


class SignUpsLimited(RateLimited):
    """Too many sign-ups (or "already exists" answers) from one client address."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        minutes = max(1, round(retry_after / 60))
        self.message = f"Too many accounts created from this network. Try again in about {minutes} minute(s)."
        self.args = (self.message,)


class LimitReached(NosologyError):
    """A per-user quota (saved codes, lists, tokens) is full."""


class ResetLinkInvalid(NosologyError):
    """A password reset link that is unknown, used or expired."""

    def __init__(self, message: str = "This password reset link is invalid, already used or expired. Ask for a new one.") -> None:
        super().__init__(message)
