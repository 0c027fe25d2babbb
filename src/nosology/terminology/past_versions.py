"""Earlier fiscal years of ICD-10-CM as versions of its FHIR code system.

``$lookup`` with ``version=2025`` answers from the FY2025 code set (its title, whether it was
billable); ``$validate-code`` of a code that is no longer valid says when it stopped being valid
and what replaced it. Only ICD-10-CM has earlier versions.
"""

from __future__ import annotations

from typing import Any

from nosology.classification import Classification
from nosology.errors import CodeNotFound, UnknownCodeSystem
from nosology.history import History
from nosology.terminology.resources import Param, param, parameters, prop
from nosology.terminology.systems import CM, CodeSystemInfo

__all__ = ["lookup_in_year", "past_year", "retired_message"]


def past_year(system: CodeSystemInfo, version: str | None, classification: Classification) -> int | None:
    """The fiscal year ``version`` names when it is an earlier ICD-10-CM code set; None for the
    current version, no version or another code system; :class:`UnknownCodeSystem` (naming the
    versions there are) for an ICD-10-CM version we do not have."""
    if system is not CM or not version or version == CM.version:
        return None
    years = History(classification.store, classification).years()
    text = version.strip().upper().removeprefix("FY")
    if text.isdigit() and int(text) in years[:-1]:
        return int(text)
    raise UnknownCodeSystem(f"{CM.url} version {version[:20]!r} is not available; this server has versions {', '.join(map(str, years))}")


def lookup_in_year(classification: Classification, code: str, year: int, lang: str) -> dict[str, Any]:
    """``$lookup`` of ``code`` in the code set of ``year``."""
    history = History(classification.store, classification)
    found = history.title_in(code, year)
    if found is None:
        raise CodeNotFound(code[:40], f"{code[:40]!r} is not a code of {CM.url} (version {year})", [])
    title, billable = found
    record = history.of(code)
    assert record is not None  # title_in found it
    out: list[Param] = [
        param("name", CM.name),
        param("version", str(year)),
        param("display", title),
        param("code", record.code, "valueCode"),
        param("system", CM.url, "valueUri"),
    ]
    if lang != "en":
        out.append(param("message", f"Version {year} has English titles only"))
    if not record.valid_now:
        retired = history.retirement(code)
        out.append(param("message", retired.message if retired else f"{record.code} is not a billable code in version {record.current}"))
    if not billable:
        out.append(param("abstract", True))
    out.append(prop("billable", billable, "valueBoolean"))
    out.append(prop("notSelectable", not billable, "valueBoolean"))
    return parameters(out)


def retired_message(classification: Classification, code: str) -> str | None:
    """Why a code of an earlier year is not valid in the current version, or None."""
    retired = History(classification.store, classification).retirement(code)
    return retired.message if retired is not None else None
