"""What the server offers: the CodeSystem resources, the CapabilityStatement and the
TerminologyCapabilities statement, each derived from the registry of code systems."""

from __future__ import annotations

from typing import Any

from nosology import __version__
from nosology.codesystems import CodeSystem, CodeSystems, Property
from nosology.languages import Languages

__all__ = ["capability_statement", "code_system", "code_system_bundle", "terminology_capabilities"]

_CONCEPT_PROPERTIES = "http://hl7.org/fhir/concept-properties"
# The standard properties every system reports; each system adds its own (CodeSystem.properties).
_STANDARD = (
    Property("parent", "code", "The code directly above this one"),
    Property("child", "code", "A code directly below this one"),
    Property("notSelectable", "boolean", "A header: it has codes below it and cannot be chosen on its own"),
)


def _properties(system: CodeSystem) -> tuple[Property, ...]:
    return (*_STANDARD, *system.properties)


def _language_names(languages: Languages) -> str:
    designations = ", ".join(f"{lang.name} ({lang.titles.label})" for lang in languages.translated)
    return f"Displays in {languages.default.name}" + (f", designations in {designations}" if designations else "")


def code_system(system: CodeSystem, languages: Languages) -> dict[str, Any]:
    """The CodeSystem resource, content ``not-present``: concepts come through the operations."""
    info = system.info
    properties = []
    for p in _properties(system):
        entry = {"code": p.code, "type": p.type, "description": p.description}
        if p in _STANDARD:
            entry["uri"] = f"{_CONCEPT_PROPERTIES}#{p.code}"
        properties.append(entry)
    return {
        "resourceType": "CodeSystem",
        "id": info.id,
        "url": info.url,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:oid:{info.oid}"}],
        "version": info.version,
        "name": info.name,
        "title": info.title,
        "status": "active",
        "experimental": False,
        "date": info.date,
        "publisher": info.publisher,
        "description": f"{info.title}, served by nosology: concepts are categories, subcategories and codes "
                       f"(chapters and blocks are not codes). {_language_names(languages)}.",
        "caseSensitive": True,
        "valueSet": info.implicit_value_set,
        "hierarchyMeaning": "is-a",
        "compositional": False,
        "versionNeeded": False,
        "content": "not-present",
        "count": system.count(),
        "filter": [{"code": "concept", "description": "Codes below (and including) a code", "operator": ["is-a"], "value": "A code"}],
        "property": properties,
    }


def code_system_bundle(systems: CodeSystems, languages: Languages, base: str, url: str | None, version: str | None) -> dict[str, Any]:
    """A search of CodeSystem by ``url`` (and ``version``): a searchset Bundle, empty when nothing matches."""
    found = [s for s in systems if (not url or url in {s.info.url, f"urn:oid:{s.info.oid}"}) and (not version or version == s.info.version)]
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": len(found),
        "entry": [{"fullUrl": f"{base}/CodeSystem/{s.info.id}", "resource": code_system(s, languages), "search": {"mode": "match"}}
                  for s in found],
    }


def _operation(name: str, resource: str) -> dict[str, str]:
    return {"name": name, "definition": f"http://hl7.org/fhir/OperationDefinition/{resource}-{name}"}


def _description(systems: CodeSystems) -> str:
    return "nosology " + " / ".join(s.info.short for s in systems) + " terminology server"


def capability_statement(systems: CodeSystems, base: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": systems.default.info.date,
        "publisher": "nosology",
        "kind": "instance",
        "instantiates": ["http://hl7.org/fhir/CapabilityStatement/terminology-server"],
        "software": {"name": "nosology", "version": __version__},
        "implementation": {"description": _description(systems), "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [{
            "mode": "server",
            "resource": [
                {
                    "type": "CodeSystem",
                    "documentation": "Code systems: " + "; ".join(f"{s.info.url} version {s.info.version} ({s.info.title})" for s in systems),
                    "interaction": [{"code": "read"}, {"code": "search-type"}],
                    "searchParam": [{"name": "url", "type": "uri"}, {"name": "version", "type": "token"}],
                    "operation": [_operation("lookup", "CodeSystem"), _operation("validate-code", "CodeSystem"),
                                  _operation("subsumes", "CodeSystem")],
                },
                {
                    "type": "ValueSet",
                    "documentation": "Implicit value sets: " + ", ".join(f"{s.info.url}?fhir_vs[=isa/<code>]" for s in systems),
                    "operation": [_operation("expand", "ValueSet"), _operation("validate-code", "ValueSet")],
                },
            ],
        }],
    }


def terminology_capabilities(systems: CodeSystems, languages: Languages, base: str) -> dict[str, Any]:
    entries = [{
        "uri": s.info.url,
        "version": [{"code": s.info.version, "isDefault": True, "compositional": False, "language": list(languages.codes),
                     "filter": [{"code": "concept", "op": ["is-a"]}], "property": [p.code for p in _properties(s)]}],
        "subsumption": True,
    } for s in systems]
    names = " or ".join(lang.name for lang in languages)
    return {
        "resourceType": "TerminologyCapabilities",
        "status": "active",
        "date": systems.default.info.date,
        "publisher": "nosology",
        "kind": "instance",
        "software": {"name": "nosology", "version": __version__},
        "implementation": {"description": _description(systems), "url": base},
        "lockedDate": False,
        "codeSystem": entries,
        "expansion": {"hierarchical": False, "paging": True, "incomplete": False,
                      "parameter": [{"name": n} for n in ("filter", "count", "offset", "displayLanguage", "activeOnly", "includeDesignations")],
                      "textFilter": f"Words matched by nosology's search ({names}, typos tolerated), ranked by relevance."},
        "codeSearch": "all",
        "validateCode": {"translations": False},
    }
