"""The steps of a data build, run in order on one SQLite connection inside one transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from sqlite3 import Connection
from typing import Any, Protocol

from nosology.languages import Languages, default_languages

__all__ = ["BuildContext", "BuildStep", "Progress"]


class Progress(Protocol):
    def __call__(self, step: str, advance: int = 1, total: int | None = None) -> None: ...


def _no_progress(step: str, advance: int = 1, total: int | None = None) -> None:
    return None


@dataclass
class BuildContext:
    """What steps share: the languages, the content directory, progress reporting, and the
    figures each step records for ``nosology info``."""

    content_dir: Path | None = None
    lexicon_dir: Path | None = None
    glossary_dir: Path | None = None
    progress: Progress = _no_progress
    meta: dict[str, Any] = field(default_factory=dict)
    languages: Languages = field(default_factory=default_languages)


BuildStep = Callable[[Connection, BuildContext], None]
