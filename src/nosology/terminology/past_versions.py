"""Earlier versions of a code system as FHIR versions: ``$lookup`` with ``version=2025`` answers
from the FY2025 ICD-10-CM code set (its title, whether it was billable)."""

from __future__ import annotations

from typing import Any

from nosology.codesystems import CodeSystem
from nosology.errors import CodeNotFound
from nosology.languages import Languages
from nosology.terminology.resources import Param, param, parameters, prop

__all__ = ["lookup_in_version"]


def lookup_in_version(system: CodeSystem, code: str, version: str, lang: str, languages: Languages) -> dict[str, Any]:
    """``$lookup`` of ``code`` in the earlier ``version`` of ``system``."""
    found = system.past_concept(code, version)
    if found is None:
        raise CodeNotFound(code[:40], f"{code[:40]!r} is not a code of {system.info.url} (version {version})", [])
    out: list[Param] = [
        param("name", system.info.name),
        param("version", version),
        param("display", found.display),
        param("code", found.code, "valueCode"),
        param("system", system.info.url, "valueUri"),
    ]
    if lang != languages.default.code:
        out.append(param("message", f"Version {version} has {languages.default.name} titles only"))
    if found.message:
        out.append(param("message", found.message))
    if not found.selectable:
        out.append(param("abstract", True))
    if system.info.selectable_term:
        out.append(prop(system.info.selectable_term, found.selectable, "valueBoolean"))
    out.append(prop("notSelectable", not found.selectable, "valueBoolean"))
    return parameters(out)
