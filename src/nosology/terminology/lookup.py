"""CodeSystem ``$lookup`` and ``$subsumes``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from nosology.classification import Classification
from nosology.codes import compact
from nosology.errors import CodeNotFound, InvalidParameter
from nosology.languages import Languages
from nosology.terminology.params import OpParams
from nosology.terminology.resources import (
    DESIGNATION_USE,
    Param,
    designation,
    param,
    parameters,
    prop,
)
from nosology.terminology.systems import (
    CM,
    CONCEPT_KINDS,
    CodeSystemInfo,
    Concept,
    find_concept,
    resolve_system,
)

__all__ = ["LOOKUP_PROPERTIES", "SYNONYM_USE", "concept_or_404", "lookup", "subsumes"]

SYNONYM_USE = ("http://snomed.info/sct", "900000000000013009", "Synonym")

LOOKUP_PROPERTIES = ("parent", "child", "billable", "notSelectable", "inclusion", "includes", "excludes1", "excludes2")
# Note kinds reported as properties; excludes notes of ancestors apply to the code too.
_NOTE_PROPERTIES = {"inclusionTerm": "inclusion", "includes": "includes", "excludes1": "excludes1", "excludes2": "excludes2"}
_INHERITED = {"excludes1", "excludes2"}


def concept_or_404(system: CodeSystemInfo, code: str, classification: Classification) -> Concept:
    concept = find_concept(system, code, classification)
    if concept is None:
        suggestions = classification.suggest(code) if system is CM else []
        raise CodeNotFound(code[:40], f"{code[:40]!r} is not a code of {system.url} (version {system.version})", suggestions)
    return concept


def _system_and_code(params: OpParams, code_name: str = "code", coding_name: str = "coding") -> tuple[CodeSystemInfo, str]:
    coding = params.coding(coding_name)
    if coding is not None:
        system = resolve_system(coding.system or params.text("system"), default=CM)
        return system, coding.code
    system = resolve_system(params.text("system"), default=None)
    code = params.text(code_name, required=True) or ""
    if not code:
        raise InvalidParameter(f"parameter {code_name!r} is empty")
    return system, code


def lookup(classification: Classification, params: OpParams, synonyms: Callable[[str], list[str]] | None = None) -> dict[str, Any]:
    """``$lookup``; ``synonyms`` gives more English designations of a code (the Index paths)."""
    params.reject_unknown({"system", "code", "version", "coding", "displayLanguage", "property", "date"})
    system, code = _system_and_code(params)
    system.check_version(params.text("version"))
    lang = params.language()
    wanted = set(params.texts("property"))
    concept = concept_or_404(system, code, classification)

    def asked(name: str) -> bool:
        return not wanted or name in wanted

    out: list[Param] = [
        param("name", system.name),
        param("version", system.version),
        param("display", concept.display_in(lang)),
        param("code", concept.code, "valueCode"),
        param("system", system.url, "valueUri"),
    ]
    official = classification.languages.default
    if lang != official.code and concept.display_in(lang) == concept.display:
        local = concept.title_in(lang)
        name = classification.languages.get(lang).name
        where = f" (the nearest {name} title is that of {local.code})" if local is not None else ""
        out.append(param("message", f"No {name} title of {concept.code} itself; display is {official.name}{where}"))
    if asked("designation"):
        out.extend(_designations(concept, classification.languages))
        if synonyms is not None and concept.system is CM:
            # the Alphabetic Index paths that lead to the code (English, as printed)
            out.extend(designation("en", text, SYNONYM_USE) for text in synonyms(concept.code))
    if not concept.selectable:
        out.append(param("abstract", True))
    out.extend(p for p in _properties(concept, classification) if asked(p["part"][0]["valueCode"]))
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


def _properties(concept: Concept, classification: Classification) -> list[Param]:
    found: list[Param] = []
    if concept.parent:
        found.append(prop("parent", concept.parent, "valueCode"))
    found.extend(prop("child", child, "valueCode") for child in _children(concept, classification))
    found.append(prop("notSelectable", not concept.selectable, "valueBoolean"))
    if concept.system is CM:
        found.append(prop("billable", concept.selectable, "valueBoolean"))
    if concept.item is not None:
        for group in classification.notes(concept.item):
            name = _NOTE_PROPERTIES.get(group.kind)
            if name is None or (group.inherited and group.kind not in _INHERITED):
                continue
            found.extend(prop(name, f"{text} [note of {group.owner}]" if group.inherited else text) for text in group.notes)
    return found


def _children(concept: Concept, classification: Classification) -> list[str]:
    if concept.item is not None:
        return [c.code for c in classification.children(concept.item) if c.kind in CONCEPT_KINDS]
    key = compact(concept.code)
    rows = classification.store.query("SELECT code FROM who WHERE key > ? AND key < ? ORDER BY key", (key, key + "~"))
    return [r["code"] for r in rows if len(compact(r["code"])) == len(key) + 1]


def _is_below(a: Concept, b: Concept, classification: Classification) -> bool:
    """True when ``b`` is ``a`` or lies below it."""
    if a.item is not None and b.item is not None:
        return classification.subsumes(a.item, b.item)
    return compact(b.code).startswith(compact(a.code))  # WHO ICD-10 codes nest by prefix


def subsumes(classification: Classification, params: OpParams) -> dict[str, Any]:
    params.reject_unknown({"system", "codeA", "codeB", "codingA", "codingB", "version"})
    coding_a, coding_b = params.coding("codingA"), params.coding("codingB")
    system = resolve_system(params.text("system") or (coding_a.system if coding_a else None), default=CM if coding_a else None)
    system.check_version(params.text("version"))
    code_a = coding_a.code if coding_a else params.text("codeA", required=True) or ""
    code_b = coding_b.code if coding_b else params.text("codeB", required=True) or ""
    for coding in (coding_a, coding_b):
        if coding is not None and coding.system and resolve_system(coding.system) is not system:
            raise InvalidParameter("codingA and codingB must be in the same code system")
    a = concept_or_404(system, code_a, classification)
    b = concept_or_404(system, code_b, classification)
    if a.code == b.code:
        outcome = "equivalent"
    elif _is_below(a, b, classification):
        outcome = "subsumes"
    elif _is_below(b, a, classification):
        outcome = "subsumed-by"
    else:
        outcome = "not-subsumed"
    return parameters([param("outcome", outcome, "valueCode")])

