"""Settings declared once, as data: each field of :class:`Settings` has a type, a default and a
help text (its ``metadata``); :data:`SETTINGS` lists them for documentation and ``--help``.

Values come from environment variables ``NOSOLOGY_<NAME>`` (upper case); nothing is read at
import time: call :func:`load_settings`. A value that cannot be used fails with
:class:`~nosology.errors.SettingInvalid`, naming the variable and the value.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from nosology.errors import SettingInvalid

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]


def _help(text: str) -> dict[str, str]:
    return {"help": text}


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default=Path("data"), metadata=_help(
        "Directory holding the reference database and, by default, the accounts database."))
    database_url: str = field(default="", metadata=_help(
        "SQLAlchemy URL of the accounts database; empty means a SQLite file in data_dir."))
    gated_sections: tuple[str, ...] = field(default=("treatment",), metadata=_help(
        "Comma-separated article sections hidden from anonymous visitors and API callers without a token "
        "(safety sections such as when_to_get_help and prevention can never be gated)."))
    secret_key: str = field(default="", metadata=_help(
        "Key signing session cookies; empty means a random key kept in data_dir/secret.key."))
    base_url: str = field(default="", metadata=_help(
        "Public base URL used in sitemaps, FHIR and Infobutton links; empty means the request's own."))
    trusted_hosts: tuple[str, ...] = field(default=(), metadata=_help(
        "Comma-separated Host names the server answers (others get 400; '*.example.org' matches subdomains); "
        "empty means the host of base_url and the address the server listens on, plus the loopback names."))
    build_if_missing: bool = field(default=True, metadata=_help("Build the reference database on server start when it is missing."))
    max_body_bytes: int = field(default=1_048_576, metadata=_help("Largest accepted request body, in bytes."))
    max_query_chars: int = field(default=500, metadata=_help("Search queries are cut to this many characters after normalisation."))
    log_json: bool = field(default=True, metadata=_help("Write one JSON line per request to stderr."))

    @property
    def reference_db(self) -> Path:
        return self.data_dir / "reference.sqlite"

    @property
    def accounts_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'accounts.sqlite').resolve()}"


@dataclass(frozen=True)
class Setting:
    """One setting as documentation shows it."""

    name: str
    kind: type
    default: Any
    help: str

    @property
    def variable(self) -> str:
        return f"NOSOLOGY_{self.name.upper()}"


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise ValueError("use true or false")


def _int(raw: str) -> int:
    value = raw.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise ValueError("use a whole number")
    return int(value)


def _names(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


_PARSERS: dict[type, Callable[[str], Any]] = {bool: _bool, int: _int, str: str, Path: Path, tuple: _names}


def _declared() -> tuple[Setting, ...]:
    hints = get_type_hints(Settings)
    out = []
    for f in fields(Settings):
        kind = hints[f.name]
        kind = getattr(kind, "__origin__", kind)  # tuple[str, ...] -> tuple
        out.append(Setting(f.name, kind, f.default if f.default is not MISSING else None, f.metadata["help"]))
    return tuple(out)


SETTINGS: tuple[Setting, ...] = _declared()


def _refuse_gated_safety(gated: tuple[str, ...]) -> None:
    from nosology.content.format import NEVER_GATED

    refused = sorted(set(gated) & NEVER_GATED)
    if refused:
        raise SettingInvalid(f"NOSOLOGY_GATED_SECTIONS={','.join(gated)!r}: {', '.join(refused)} carry safety information "
                             "and can never be gated (gate treatment details only)")


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """The settings from ``environ`` (default: the process environment), then ``overrides``.

    Raises:
        SettingInvalid: a variable's value cannot be used (the message names it and the value).
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.variable)
        if raw is None:
            continue
        try:
            values[setting.name] = _PARSERS[setting.kind](raw)
        except ValueError as exc:
            raise SettingInvalid(f"{setting.variable}={raw[:80]!r} is not valid: {exc}") from None
    values.update(overrides)
    for name in ("gated_sections", "trusted_hosts"):
        if isinstance(values.get(name), str):
            values[name] = _names(values[name])
    if "data_dir" in values:
        values["data_dir"] = Path(values["data_dir"])
    settings = Settings(**values)
    _refuse_gated_safety(settings.gated_sections)
    return settings
