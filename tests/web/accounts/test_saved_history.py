"""Saved codes that are no longer valid in the current fiscal year are marked on the Saved page."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.fulldata


def test_saved_code_expanded_in_fy2026_is_marked(web: TestClient, flows: Any) -> None:
    """G35 (multiple sclerosis) was billable FY2019-FY2025 and is a header in FY2026."""
    flows.sign_up(web)
    token = flows.form_token(web, "/codes/G35")
    for code in ("G35", "M61.28"):
        web.post("/saved", data={"code": code, "csrf_token": token, "next": "/saved"})
    page = web.get("/saved").text
    assert page.count("badge-retired") == 1
    assert "G35 was a valid ICD-10-CM code in FY2019–FY2025" in page
