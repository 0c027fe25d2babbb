"""Liveness (``/healthz``: the process answers) and readiness (``/readyz``: data, index and accounts)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    library = getattr(request.app.state, "library", None)
    checks: dict[str, Any] = library.readiness() if library is not None else {"reference": "empty", "search_index": "missing"}
    accounts = getattr(request.app.state, "accounts", None)
    if accounts is not None:
        try:
            accounts.db.check()
            checks["accounts"] = "ok"
        except Exception as exc:
            checks["accounts"] = f"unavailable: {type(exc).__name__}"
    # Accounts that were started but no longer answer (database down, its file deleted) make the
    # instance not ready: a balancer should send sign-ins and saves to one that can keep them.
    ready = checks.get("reference") == "ok" and checks.get("search_index") == "ok" and checks.get("accounts", "ok") == "ok"
    return JSONResponse({"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503)
