"""CodeSystem ``$lookup`` and ``$subsumes``, over the :class:`~nosology.codesystems.CodeSystem` interface."""

from __future__ import annotations

from typing import Any

from nosology.codesystems import CodeSystem, CodeSystems, Concept
from nosology.errors import CodeNotFound, InvalidParameter
from nosology.languages import Languages, default_languages
from nosology.terminology.params import OpParams
from nosology.terminology.past_versions import lookup_in_version
from nosology.terminology.resources import (
    DESIGNATION_USE,
    Param,
    designation,
    param,
    parameters,
    prop,
)

__all__ = ["LOOKUP_PROPERTIES", "SYNONYM_USE", "concept_or_404", "lookup", "subsumes"]

SYNONYM_USE = ("http://snomed.info/sct", "900000000000013009", "Synonym")

LOOKUP_PROPERTIES = ("parent", "child", "billable", "notSelectable", "inclusion", "includes", "excludes1", "excludes2")


def concept_or_404(system: CodeSystem, code: str) -> Concept:
    concept = system.concept(code)
    if concept is None:
        info = system.info
        raise CodeNotFound(code[:40], f"{code[:40]!r} is not a code of {info.url} (version {info.version})", system.unknown(code).suggestions)
    return concept


def _system_and_code(systems: CodeSystems, params: OpParams, code_name: str = "code", coding_name: str = "coding") -> tuple[CodeSystem, str]:
    coding = params.coding(coding_name)
    if coding is not None:
        return systems.resolve(coding.system or params.text("system"), default=systems.default), coding.code
    system = systems.resolve(params.text("system"), default=None)
    code = params.text(code_name, required=True) or ""
    if not code:
        raise InvalidParameter(f"parameter {code_name!r} is empty")
    return system, code


def lookup(systems: CodeSystems, params: OpParams, languages: Languages | None = None) -> dict[str, Any]:
    """``$lookup``: display, designations (each language's title, the system's synonyms) and
    properties; ``languages`` is the registry the titles come from (default: English and French)."""
    languages = languages or default_languages()
    params.reject_unknown({"system", "code", "version", "coding", "displayLanguage", "property", "date"})
    system, code = _system_and_code(systems, params)
    lang = params.language()
    version = system.past_version(params.text("version"))
    if version is not None:
        return lookup_in_version(system, code, version, lang, languages)
    wanted = set(params.texts("property"))
    concept = concept_or_404(system, code)

    def asked(name: str) -> bool:
        return not wanted or name in wanted

    info = system.info
    out: list[Param] = [
        param("name", info.name),
        param("version", info.version),
        param("display", concept.display_in(lang)),
        param("code", concept.code, "valueCode"),
        param("system", info.url, "valueUri"),
    ]
    official = languages.default
    if lang != official.code and concept.display_in(lang) == concept.display:
        local = concept.title_in(lang)
        name = languages.get(lang).name
        where = f" (the nearest {name} title is that of {local.code})" if local is not None else ""
        out.append(param("message", f"No {name} title of {concept.code} itself; display is {official.name}{where}"))
    if asked("designation"):
        out.extend(_designations(concept, languages))
        out.extend(designation(official.code, text, SYNONYM_USE) for text in system.synonyms(concept))
    if not concept.selectable:
        out.append(param("abstract", True))
    out.extend(p for p in _properties(system, concept) if asked(p["part"][0]["valueCode"]))
    return parameters(out)


def _designations(concept: Concept, languages: Languages) -> list[Param]:
    found = [designation(languages.default.code, concept.display)]
    for local in concept.titles:
        language = languages.get(local.lang)
        if local.level == "ancestor":
            use = (DESIGNATION_USE, "ancestor", f"{language.name} title of the nearest broader code with the same meaning ({local.code})")
        else:
            use = (DESIGNATION_USE, "exact", f"{language.name} title of this code ({language.titles.label})")
        found.append(designation(local.lang, local.title, use))
    return found


def _properties(system: CodeSystem, concept: Concept) -> list[Param]:
    found: list[Param] = []
    if concept.parent:
        found.append(prop("parent", concept.parent, "valueCode"))
    found.extend(prop("child", child.code, "valueCode") for child in system.children(concept))
    found.append(prop("notSelectable", not concept.selectable, "valueBoolean"))
    found.extend(prop(v.code, v.value, v.type) for v in system.property_values(concept))
    return found


def subsumes(systems: CodeSystems, params: OpParams) -> dict[str, Any]:
    params.reject_unknown({"system", "codeA", "codeB", "codingA", "codingB", "version"})
    coding_a, coding_b = params.coding("codingA"), params.coding("codingB")
    system = systems.resolve(params.text("system") or (coding_a.system if coding_a else None),
                             default=systems.default if coding_a else None)
    system.info.check_version(params.text("version"))
    code_a = coding_a.code if coding_a else params.text("codeA", required=True) or ""
    code_b = coding_b.code if coding_b else params.text("codeB", required=True) or ""
    for coding in (coding_a, coding_b):
        if coding is not None and coding.system and systems.resolve(coding.system) is not system:
            raise InvalidParameter("codingA and codingB must be in the same code system")
    a = concept_or_404(system, code_a)
    b = concept_or_404(system, code_b)
    if a.code == b.code:
        outcome = "equivalent"
    elif system.subsumes(a, b):
        outcome = "subsumes"
    elif system.subsumes(b, a):
        outcome = "subsumed-by"
    else:
        outcome = "not-subsumed"
    return parameters([param("outcome", outcome, "valueCode")])
