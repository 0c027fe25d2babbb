"""Settings declared as data: each has a name, a default and a help text.

Values come from environment variables ``NOSOLOGY_<NAME>`` (upper case); nothing is read at
import time: call :func:`load_settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nosology.errors import SettingInvalid

__all__ = ["SETTINGS", "Setting", "Settings", "load_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    kind: type = str


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "data", "Directory holding the reference database and, by default, the accounts database."),
    Setting("database_url", "", "SQLAlchemy URL of the accounts database; empty means a SQLite file in data_dir."),
    Setting("gated_sections", "treatment", "Comma-separated article sections hidden from anonymous visitors and API callers without a token."),
    Setting("secret_key", "", "Key signing session cookies; empty means a random key kept in data_dir/secret.key."),
    Setting("base_url", "", "Public base URL used in sitemaps, FHIR and Infobutton links; empty means the request's own."),
    Setting("trusted_hosts", "", "Comma-separated Host names the server answers (others get 400; '*.example.org' "
            "matches subdomains); empty means the host of base_url and the address the server listens on, plus localhost."),
    Setting("build_if_missing", True, "Build the reference database on server start when it is missing.", bool),
    Setting("max_body_bytes", 1_048_576, "Largest accepted request body, in bytes.", int),
    Setting("max_query_chars", 500, "Search queries are cut to this many characters after normalisation.", int),
    Setting("log_json", True, "Write one JSON line per request to stderr.", bool),
)


def _coerce(setting: Setting, raw: str) -> Any:
    if setting.kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if setting.kind is int:
        return int(raw)
    return raw


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    database_url: str = ""
    gated_sections: tuple[str, ...] = ("treatment",)
    secret_key: str = ""
    base_url: str = ""
    trusted_hosts: tuple[str, ...] = ()
    build_if_missing: bool = True
    max_body_bytes: int = 1_048_576
    max_query_chars: int = 500
    log_json: bool = True
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def reference_db(self) -> Path:
        return self.data_dir / "reference.sqlite"

    @property
    def accounts_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'accounts.sqlite').resolve()}"


def _refuse_gated_safety(gated: tuple[str, ...]) -> None:
    from nosology.content.format import NEVER_GATED

    refused = sorted(set(gated) & NEVER_GATED)
    if refused:
        raise SettingInvalid(f"NOSOLOGY_GATED_SECTIONS={','.join(gated)!r}: {', '.join(refused)} carry safety information "
                             "and can never be gated (gate treatment details only)")


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(f"NOSOLOGY_{setting.name.upper()}")
        values[setting.name] = setting.default if raw is None else _coerce(setting, raw)
    values.update(overrides)
    for name in ("gated_sections", "trusted_hosts"):
        if isinstance(values[name], str):
            values[name] = tuple(s.strip() for s in values[name].split(",") if s.strip())
    _refuse_gated_safety(tuple(values["gated_sections"]))
    values["data_dir"] = Path(values["data_dir"])
    return Settings(**values)
