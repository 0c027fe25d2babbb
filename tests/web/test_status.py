"""The one table from domain errors to HTTP statuses; core errors carry no status."""

from __future__ import annotations

import inspect

import pytest

import nosology.accounts.errors as account_errors
import nosology.errors as core_errors
from nosology.accounts.errors import NotSignedIn, RateLimited, WeakPassword
from nosology.errors import ArticleNotFound, CodeNotFound, NosologyError
from nosology.web.status import STATUS, headers_for, status_for

CLASSES = [c for module in (core_errors, account_errors) for _, c in inspect.getmembers(module, inspect.isclass)
           if issubclass(c, NosologyError)]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_core_errors_know_nothing_of_http(cls: type[NosologyError]) -> None:
    assert not hasattr(cls, "status_code") and not hasattr(cls, "headers")


def test_subclasses_take_their_base_status() -> None:
    assert status_for(CodeNotFound("X", "no")) == status_for(ArticleNotFound("no", "en")) == 404
    assert status_for(WeakPassword("short")) == 400
    assert status_for(RateLimited(120)) == 429 and headers_for(RateLimited(120)) == {"Retry-After": "120"}
    assert "WWW-Authenticate" in headers_for(NotSignedIn())
    assert set(STATUS.values()) <= {400, 401, 403, 404, 409, 422, 429, 500, 503}
