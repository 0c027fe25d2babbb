"""Domain errors: plain named classes, as sqlite-utils' ``NoTable``. They say what went wrong in
the domain's words and nothing of HTTP: the web layer maps each class to a status in one table
(``nosology.web.status``), the CLI to an exit code (``nosology.cli.output``)."""

from __future__ import annotations

__all__ = [
    "AccountsUnavailable",
    "ArticleNotFound",
    "CodeNotFound",
    "ContentInvalid",
    "DataCorrupt",
    "DataMissing",
    "InvalidParameter",
    "InvalidQuery",
    "NosologyError",
    "NotFound",
    "SettingInvalid",
    "SourceChecksumMismatch",
    "SourceMissing",
    "UnknownCodeSystem",
]


class NosologyError(Exception):
    """Base class of every error nosology raises on purpose."""

    suggestion_kind = "code"  # what the suggestions name: codes, or (ArticleNotFound) article slugs

    def __init__(self, message: str, *, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions or []


class NotFound(NosologyError):
    pass


class ArticleNotFound(NotFound):
    """An unknown article; ``suggestions`` are article slugs in ``lang`` (not codes)."""

    suggestion_kind = "article"

    def __init__(self, message: str, lang: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message, suggestions=suggestions)
        self.lang = lang


class CodeNotFound(NotFound):
    """A code that is not in the classification (with "did you mean" suggestions)."""

    def __init__(self, code: str, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message, suggestions=suggestions)
        self.code = code


class UnknownCodeSystem(NotFound):
    """A terminology request names a code system or value set nosology does not serve."""


class InvalidParameter(NosologyError):
    """A terminology parameter is missing, malformed or names something we do not offer."""



class InvalidQuery(NosologyError):
    pass


class SourceMissing(NosologyError):
    """An official source file cannot be found (package not installed)."""



class SourceChecksumMismatch(NosologyError):
    pass


class DataMissing(NosologyError):
    """The reference database has not been built."""



class DataCorrupt(NosologyError):
    """The reference database exists but cannot be read or is incomplete."""



class ContentInvalid(NosologyError):
    """The article files fail ``nosology content check`` (the message names file and line)."""



class AccountsUnavailable(NosologyError):
    """The accounts database cannot be reached."""



class SettingInvalid(NosologyError):
    """A setting has a value nosology cannot use (the message names the setting and the value)."""

