"""What the server offers: the CodeSystem resources, the CapabilityStatement and the
TerminologyCapabilities statement."""

from __future__ import annotations

from typing import Any

from nosology import __version__
from nosology.store import ReferenceStore
from nosology.terminology.systems import CM, CONCEPT_KINDS, SYSTEMS, WHO, CodeSystemInfo

__all__ = ["capability_statement", "code_system", "code_system_bundle", "terminology_capabilities"]

_CONCEPT_PROPERTIES = "http://hl7.org/fhir/concept-properties"
_PROPERTIES: tuple[tuple[str, str, str, bool], ...] = (
    # code, type, description, ICD-10-CM only
    ("parent", "code", "The code directly above this one", False),
    ("child", "code", "A code directly below this one", False),
    ("notSelectable", "boolean", "A header: it has codes below it and cannot be chosen on its own", False),
    ("billable", "boolean", "A billable ICD-10-CM code (a leaf of the tabular list)", True),
    ("inclusion", "string", "An inclusion term of the code", True),
    ("includes", "string", "An 'Includes' note of the code", True),
    ("excludes1", "string", "An 'Excludes1' note (of the code or an ancestor): never coded together", True),
    ("excludes2", "string", "An 'Excludes2' note (of the code or an ancestor): not included here, may be coded together", True),
)
_STANDARD = {"parent", "child", "notSelectable"}
_DATE = "2026-04-01"


def _count(store: ReferenceStore, system: CodeSystemInfo) -> int:
    table = "item" if system is CM else "who"
    kinds = ",".join(f"'{k}'" for k in CONCEPT_KINDS)
    return int(store.query_one(f"SELECT count(*) FROM {table} WHERE kind IN ({kinds})"))


def code_system(store: ReferenceStore, system: CodeSystemInfo) -> dict[str, Any]:
    """The CodeSystem resource, content ``not-present``: concepts come through the operations."""
    properties = []
    for code, kind, description, cm_only in _PROPERTIES:
        if cm_only and system is not CM:
            continue
        entry = {"code": code, "type": kind, "description": description}
        if code in _STANDARD:
            entry["uri"] = f"{_CONCEPT_PROPERTIES}#{code}"
        properties.append(entry)
    return {
        "resourceType": "CodeSystem",
        "id": system.id,
        "url": system.url,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:oid:{system.oid}"}],
        "version": system.version,
        "name": system.name,
        "title": system.title,
        "status": "active",
        "experimental": False,
        "date": _DATE if system is CM else "2019",
        "publisher": system.publisher,
        "description": f"{system.title}, served by nosology: concepts are categories, subcategories and codes "
                       "(chapters and blocks are not codes). Displays in English, designations in French (CIM-10 FR).",
        "caseSensitive": True,
        "valueSet": system.implicit_value_set,
        "hierarchyMeaning": "is-a",
        "compositional": False,
        "versionNeeded": False,
        "content": "not-present",
        "count": _count(store, system),
        "filter": [{"code": "concept", "description": "Codes below (and including) a code", "operator": ["is-a"], "value": "A code"}],
        "property": properties,
    }


def code_system_bundle(store: ReferenceStore, base: str, url: str | None, version: str | None) -> dict[str, Any]:
    """A search of CodeSystem by ``url`` (and ``version``): a searchset Bundle, empty when nothing matches."""
    found = [s for s in SYSTEMS if (not url or url in {s.url, f"urn:oid:{s.oid}"}) and (not version or version == s.version)]
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(found),
        "entry": [{"fullUrl": f"{base}/CodeSystem/{s.id}", "resource": code_system(store, s), "search": {"mode": "match"}} for s in found],
    }


def _operation(name: str, resource: str) -> dict[str, str]:
    return {"name": name, "definition": f"http://hl7.org/fhir/OperationDefinition/{resource}-{name}"}


def capability_statement(base: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": _DATE,
        "publisher": "nosology",
        "kind": "instance",
        "instantiates": ["http://hl7.org/fhir/CapabilityStatement/terminology-server"],
        "software": {"name": "nosology", "version": __version__},
        "implementation": {"description": "nosology ICD-10-CM / ICD-10 terminology server", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [{
            "mode": "server",
            "resource": [
                {
                    "type": "CodeSystem",
                    "documentation": "Code systems: " + "; ".join(f"{c.url} version {c.version} ({c.title})" for c in SYSTEMS),
                    "interaction": [{"code": "read"}, {"code": "search-type"}],
                    "searchParam": [{"name": "url", "type": "uri"}, {"name": "version", "type": "token"}],
                    "operation": [_operation("lookup", "CodeSystem"), _operation("validate-code", "CodeSystem"),
                                  _operation("subsumes", "CodeSystem")],
                },
                {
                    "type": "ValueSet",
                    "documentation": "Implicit value sets: " + ", ".join(f"{c.url}?fhir_vs[=isa/<code>]" for c in SYSTEMS),
                    "operation": [_operation("expand", "ValueSet"), _operation("validate-code", "ValueSet")],
                },
            ],
        }],
    }


def terminology_capabilities(store: ReferenceStore, base: str) -> dict[str, Any]:
    systems = []
    for system in (CM, WHO):
        properties = [{"code": p[0]} for p in _PROPERTIES if not (p[3] and system is not CM)]
        systems.append({
            "uri": system.url,
            "version": [{"code": system.version, "isDefault": True, "compositional": False, "language": list(system.languages),
                         "filter": [{"code": "concept", "op": ["is-a"]}], "property": [p["code"] for p in properties]}],
            "subsumption": True,
        })
    return {
        "resourceType": "TerminologyCapabilities",
        "status": "active",
        "date": _DATE,
        "publisher": "nosology",
        "kind": "instance",
        "software": {"name": "nosology", "version": __version__},
        "implementation": {"description": "nosology ICD-10-CM / ICD-10 terminology server", "url": base},
        "lockedDate": False,
        "codeSystem": systems,
        "expansion": {"hierarchical": False, "paging": True, "incomplete": False,
                      "parameter": [{"name": n} for n in ("filter", "count", "offset", "displayLanguage", "activeOnly", "includeDesignations")],
                      "textFilter": "Words matched by nosology's search (English or French, typos tolerated), ranked by relevance."},
        "codeSearch": "all",
        "validateCode": {"translations": False},
    }
