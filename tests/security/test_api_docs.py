"""Row 12: /api/docs works offline under a CSP: every asset is served by nosology itself (from a
pinned package), nothing is loaded from elsewhere, and no inline script is needed. The browser
test (tests/web/browser/test_api_docs.py) opens the page and sees the operations listed."""

from __future__ import annotations

import re

import httpx
import pytest
from tests.security.conftest import Server

pytestmark = [pytest.mark.slow]


def test_docs_page_and_its_assets_are_local(server: Server) -> None:
    with httpx.Client(base_url=server.base, timeout=30) as http:
        page = http.get("/api/docs")
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "cdn" not in csp
        assert "<script>" not in page.text  # no inline script for the CSP to block
        urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
        assert urls and all(url.startswith("/api/docs/") for url in urls), urls
        for url in urls:
            assert http.get(url).status_code == 200, url
        assert "/openapi.json" in http.get("/api/docs/start.js").text
        assert http.get("/openapi.json").json()["paths"]
        assert http.get("/api/docs/assets/..%2F..%2F__init__.py").status_code == 404
        assert http.get("/api/docs/assets/index.html").status_code == 404  # only the files the page uses
