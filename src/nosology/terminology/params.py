"""Operation inputs: one shape for GET query strings and POST ``Parameters`` bodies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nosology.errors import InvalidParameter
from nosology.integers import parse_int
from nosology.languages import Languages, default_languages

__all__ = ["Coding", "OpParams"]

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
_LONGEST_VALUE = 1000


@dataclass(frozen=True)
class Coding:
    system: str | None
    code: str
    display: str | None = None
    version: str | None = None

    @classmethod
    def from_json(cls, value: Any, name: str) -> Coding:
        if not isinstance(value, dict) or not isinstance(value.get("code"), str):
            raise InvalidParameter(f"parameter {name!r} must be a Coding with a code")
        text = {k: value.get(k) for k in ("system", "display", "version")}
        for key, v in text.items():
            if v is not None and not isinstance(v, str):
                raise InvalidParameter(f"{name}.{key} must be a string")
        return cls(text["system"], value["code"], text["display"], text["version"])

    @classmethod
    def from_token(cls, value: str, name: str) -> Coding:
        """``system|code`` as a GET query carries a Coding."""
        system, bar, code = value.rpartition("|")
        if not code:
            raise InvalidParameter(f"parameter {name!r} must be written system|code")
        return cls(system if bar else None, code)


@dataclass
class OpParams:
    """Named values of an operation call; values are strings, booleans, ints or Codings."""

    values: dict[str, list[Any]] = field(default_factory=dict)

    # -- construction --------------------------------------------------------------------------
    @classmethod
    def from_query(cls, items: Iterable[tuple[str, str]]) -> OpParams:
        params = cls()
        for name, value in items:
            if name.startswith("_"):  # _format, _pretty: transport, not operation input
                continue
            if len(value) > _LONGEST_VALUE:
                raise InvalidParameter(f"parameter {name!r} is too long (over {_LONGEST_VALUE} characters)")
            if name in {"coding", "codingA", "codingB"}:
                params.add(name, Coding.from_token(value, name))
            elif name == "codeableConcept":
                raise InvalidParameter("codeableConcept can only be sent in a POST Parameters body")
            else:
                params.add(name, value)
        return params

    @classmethod
    def from_resource(cls, body: Any) -> OpParams:
        if not isinstance(body, Mapping) or body.get("resourceType") != "Parameters":
            raise InvalidParameter("the request body must be a FHIR Parameters resource")
        entries = body.get("parameter") or []
        if not isinstance(entries, list):
            raise InvalidParameter("Parameters.parameter must be a list")
        params = cls()
        for entry in entries:
            if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
                raise InvalidParameter("each Parameters.parameter needs a name")
            name = entry["name"]
            values = [(k, v) for k, v in entry.items() if k.startswith("value")]
            if len(values) != 1:
                raise InvalidParameter(f"parameter {name!r} needs exactly one value[x]")
            kind, value = values[0]
            if kind == "valueCoding":
                params.add(name, Coding.from_json(value, name))
            elif kind == "valueCodeableConcept":
                if not isinstance(value, Mapping) or not isinstance(value.get("coding", []), list):
                    raise InvalidParameter(f"parameter {name!r} must be a CodeableConcept")
                params.add(name, [Coding.from_json(c, f"{name}.coding") for c in value.get("coding", [])])
            elif isinstance(value, bool | int | str) and not isinstance(value, float):
                params.add(name, value if not isinstance(value, str) else value[:_LONGEST_VALUE])
            else:
                raise InvalidParameter(f"parameter {name!r}: {kind} is not supported here")
        return params

    def add(self, name: str, value: Any) -> None:
        self.values.setdefault(name, []).append(value)

    # -- reading -------------------------------------------------------------------------------
    def reject_unknown(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.values) - allowed)
        if unknown:
            raise InvalidParameter(f"unknown parameter {unknown[0][:60]!r}; this operation takes {', '.join(sorted(allowed))}")

    def text(self, name: str, *, required: bool = False) -> str | None:
        values = self.values.get(name) or []
        if len(values) > 1:
            raise InvalidParameter(f"parameter {name!r} is given {len(values)} times; give it once")
        if not values:
            if required:
                raise InvalidParameter(f"missing required parameter {name!r}")
            return None
        value = values[0]
        if not isinstance(value, str | bool | int):
            raise InvalidParameter(f"parameter {name!r} must be a simple value")
        return str(value).strip() if not isinstance(value, bool) else str(value).lower()

    def texts(self, name: str) -> list[str]:
        return [str(v).strip() for v in self.values.get(name, []) if isinstance(v, str)]

    def flag(self, name: str, default: bool = False) -> bool:
        raw = self.text(name)
        if raw is None or raw == "":
            return default
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise InvalidParameter(f"parameter {name!r} must be true or false, not {raw[:20]!r}")

    def integer(self, name: str, default: int, *, low: int, high: int) -> int:
        raw = self.text(name)
        if raw is None or raw == "":
            return default
        value = parse_int(raw, low, high)
        if value is None:
            raise InvalidParameter(f"parameter {name!r} must be a whole number between {low} and {high}, not {raw[:20]!r}")
        return value

    def coding(self, name: str) -> Coding | None:
        values = self.values.get(name) or []
        if len(values) > 1:
            raise InvalidParameter(f"parameter {name!r} is given {len(values)} times; give it once")
        if values and not isinstance(values[0], Coding):
            raise InvalidParameter(f"parameter {name!r} must be a Coding")
        return values[0] if values else None

    def codeable_concept(self, name: str) -> list[Coding] | None:
        values = self.values.get(name) or []
        if len(values) > 1:
            raise InvalidParameter(f"parameter {name!r} is given {len(values)} times; give it once")
        if values and not isinstance(values[0], list):
            raise InvalidParameter(f"parameter {name!r} must be a CodeableConcept")
        return values[0] if values else None

    def language(self, name: str = "displayLanguage", languages: Languages | None = None) -> str:
        """A registered language from a language tag (``fr-FR``, ``en-US``); the default when absent."""
        registry = languages or default_languages()
        raw = (self.text(name) or registry.default.code).lower()
        lang = raw.split("-")[0].split("_")[0]
        if lang not in registry:
            raise InvalidParameter(f"{name} {raw[:20]!r} is not available: use {' or '.join(registry.codes)}")
        return lang
