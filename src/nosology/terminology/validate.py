"""``$validate-code`` on the code systems and on the implicit value sets.

In a code system every concept is valid, headers included (with a message saying so). In a
value set a header is a navigation entry that cannot be chosen, so it is not valid unless the
caller passes ``abstract=true``. Codes must be written as the code system writes them (``M61.28``,
not ``m6128``); a near miss is answered with what the code should be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from nosology.codesystems import CodeSystem, CodeSystems, Concept
from nosology.errors import InvalidParameter, NosologyError
from nosology.terminology.params import Coding, OpParams
from nosology.terminology.resources import Param, param, parameters
from nosology.terminology.valuesets import ImplicitValueSet, parse_value_set

__all__ = ["validate_code"]

_SPACE = re.compile(r"\s+")
_ALLOWED = {"url", "system", "code", "display", "version", "coding", "codeableConcept", "displayLanguage",
            "abstract", "valueSetVersion", "date", "systemVersion"}


@dataclass(frozen=True)
class Verdict:
    result: bool
    message: str | None
    coding: Coding
    concept: Concept | None = None
    system: CodeSystem | None = None


def _same(a: str, b: str) -> bool:
    return _SPACE.sub(" ", a).strip().casefold() == _SPACE.sub(" ", b).strip().casefold()


def _codings(params: OpParams, default_system: CodeSystem | None) -> list[Coding]:
    concept = params.codeable_concept("codeableConcept")
    if concept is not None:
        if not concept:
            raise InvalidParameter("codeableConcept has no coding to validate")
        return concept
    coding = params.coding("coding")
    if coding is not None:
        return [coding]
    code = params.text("code")
    if not code:
        raise InvalidParameter("missing required parameter: give code (with system or url), coding or codeableConcept")
    system = params.text("system") or (default_system.info.url if default_system else None)
    if not system:
        raise InvalidParameter("missing required parameter 'system' to say which code system the code belongs to")
    return [Coding(system, code, params.text("display"), params.text("version") or params.text("systemVersion"))]


def _judge(coding: Coding, systems: CodeSystems, value_set: ImplicitValueSet | None, abstract_ok: bool) -> Verdict:
    try:
        system = systems.resolve(coding.system if not coding.version else f"{coding.system}|{coding.version}",
                                 default=value_set.system if value_set else None)
    except NosologyError as exc:
        return Verdict(False, exc.message, coding)
    info = system.info
    code = coding.code.strip()
    concept = system.concept(code)
    if concept is None:
        unknown = system.unknown(code)
        if unknown.retired is not None:
            return Verdict(False, f"{code[:40]!r} is not valid in {info.url} version {info.version}: {unknown.retired}", coding, None, system)
        if unknown.reason is not None:
            hint = f" (did you mean: {', '.join(unknown.suggestions[:5])}?)" if unknown.suggestions else ""
            return Verdict(False, f"Unknown code {code[:40]!r} in {info.url}: {unknown.reason}{hint}", coding, None, system)
        return Verdict(False, f"Unknown code {code[:40]!r} in {info.url} (version {info.version})", coding, None, system)
    if concept.code != code:
        return Verdict(False, f"{code[:40]!r} is not written as in {info.url}: the code is {concept.code}", coding, concept, system)
    if value_set is not None and not value_set.contains(concept):
        return Verdict(False, f"{concept.code} is a code of {info.url} but is not in the value set {value_set.url}", coding, concept, system)
    if coding.display and not any(_same(coding.display, d) for d in (concept.display, *(concept.display_in(t.lang) for t in concept.titles))):
        return Verdict(False, f"Wrong display {coding.display[:200]!r} for {concept.code}: it should be {concept.display!r}", coding, concept, system)
    if not concept.selectable:
        header = f"{concept.code} is a header: it has codes below it"
        if info.selectable_term:
            header += f" and is not {info.selectable_term}"
        if value_set is not None and not abstract_ok:
            return Verdict(False, f"{header}; it is not selectable (header) in {value_set.url}", coding, concept, system)
        return Verdict(True, f"{header}; it is valid in the code system but not selectable", coding, concept, system)
    return Verdict(True, None, coding, concept, system)


def validate_code(systems: CodeSystems, params: OpParams, *, value_set: bool,
                  default_system: CodeSystem | None = None) -> dict[str, Any]:
    """Answer ``$validate-code``; ``value_set`` says whether it was called on ValueSet (needs ``url``)."""
    params.reject_unknown(_ALLOWED)
    lang = params.language()
    abstract_ok = params.flag("abstract")
    vs: ImplicitValueSet | None = None
    if value_set:
        vs = parse_value_set(params.text("url", required=True), systems)
    elif params.text("url"):
        default_system = systems.resolve(params.text("url"))
    verdicts = [_judge(c, systems, vs, abstract_ok) for c in _codings(params, default_system)]
    chosen = next((v for v in verdicts if v.result), verdicts[0])
    out: list[Param] = [param("result", chosen.result)]
    messages = [v.message for v in verdicts if v.message and (not chosen.result or v is chosen)]
    if messages:
        out.append(param("message", "; ".join(messages)))
    if chosen.concept is not None:
        out.append(param("display", chosen.concept.display_in(lang)))
        out.append(param("code", chosen.concept.code, "valueCode"))
    if chosen.system is not None:
        out.append(param("system", chosen.system.info.url, "valueUri"))
        out.append(param("version", chosen.system.info.version))
    return parameters(out)
