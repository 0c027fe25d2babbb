"""Property-based API testing from our own OpenAPI schema: no 500s, responses match the schema.

Driven through schemathesis' Python API (one Hypothesis run per operation), not its pytest plugin,
which does not support this pytest version.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 30
# Operations that change accounts are exercised by their own flow tests; here they are only called
# without credentials (and must answer 4xx, never 5xx).


def _operations(app: FastAPI) -> list[object]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    # /readyz answers 503 by design when not ready; it has its own tests
    return [op for op in (r.ok() for r in schema.get_all_operations()) if op.path != "/readyz"]


def test_every_operation(app: FastAPI) -> None:
    operations = _operations(app)
    assert len(operations) >= 3
    tried = 0
    for operation in operations:
        strategy = operation.as_strategy()  # type: ignore[attr-defined]

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def run(case: schemathesis.Case) -> None:
            nonlocal tried
            tried += 1
            case.call_and_validate(checks=[schemathesis.checks.not_a_server_error])

        try:
            run()
        except Exception as exc:  # name the operation in the failure
            pytest.fail(f"{operation.method.upper()} {operation.path}: {exc}")  # type: ignore[attr-defined]
    print(f"schemathesis: {len(operations)} operations, {tried} generated requests")
