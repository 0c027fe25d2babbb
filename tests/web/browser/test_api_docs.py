"""The API docs (/api/docs) in a real browser: Swagger UI loads from nosology's own assets under
the page's CSP and lists the operations."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.fulldata]


def test_api_docs_list_the_operations(page: Any, server: str) -> None:
    refused: list[str] = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)
    outside: list[str] = []
    page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(server + "/") else None)
    page.goto("/api/docs")
    page.locator(".opblock").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/codes/{code}" in p for p in paths), paths
    assert any("/api/auth/token" in p for p in paths), paths
    assert page.locator(".opblock").count() >= 10
    assert not refused, refused
    assert not outside, outside
