"""Small builders of FHIR JSON: Parameters, designations and OperationOutcome."""

from __future__ import annotations

from typing import Any

__all__ = [
    "DESIGNATION_USE",
    "ISSUE_CODES",
    "Param",
    "designation",
    "operation_outcome",
    "param",
    "parameters",
    "prop",
]

Param = dict[str, Any]

# Our own designation-use codes: whether a French title is the code's own or borrowed from the
# nearest broader code with the same meaning (CIM-10 stops at 4 characters; ICD-10-CM goes to 7).
DESIGNATION_USE = "urn:nosology:designation-use"

# HTTP status -> OperationOutcome issue type (http://hl7.org/fhir/issue-type).
ISSUE_CODES = {400: "invalid", 404: "not-found", 405: "not-supported", 406: "not-supported", 413: "too-long",
               415: "not-supported", 422: "invalid", 429: "throttled", 500: "exception", 503: "transient"}

_VALUE_KEYS = {bool: "valueBoolean", int: "valueInteger", str: "valueString"}


def param(name: str, value: Any, kind: str | None = None) -> Param:
    """One Parameters.parameter; ``kind`` overrides the value[x] type (``valueCode``, ``valueUri``)."""
    return {"name": name, kind or _VALUE_KEYS[type(value)]: value}


def prop(code: str, value: Any, kind: str | None = None) -> Param:
    """A $lookup ``property`` parameter with its ``code`` and ``value`` parts."""
    return {"name": "property", "part": [param("code", code, "valueCode"), param("value", value, kind)]}


def designation(lang: str, value: str, use: tuple[str, str, str] | None = None) -> Param:
    parts: list[Param] = [param("language", lang, "valueCode")]
    if use is not None:
        system, code, display = use
        parts.append({"name": "use", "valueCoding": {"system": system, "code": code, "display": display}})
    parts.append(param("value", value))
    return {"name": "designation", "part": parts}


def parameters(items: list[Param]) -> dict[str, Any]:
    return {"resourceType": "Parameters", "parameter": items}


def operation_outcome(status: int, message: str, *, severity: str = "error", code: str | None = None,
                      suggestions: list[str] | None = None) -> dict[str, Any]:
    issue: dict[str, Any] = {"severity": severity, "code": code or ISSUE_CODES.get(status, "processing"),
                             "diagnostics": message, "details": {"text": message}}
    if suggestions:
        issue["details"]["text"] = f"{message} (did you mean: {', '.join(suggestions[:8])}?)"
    return {"resourceType": "OperationOutcome", "issue": [issue]}
