"""Shared CLI plumbing: one console, one way to turn domain errors into a clean line and exit code."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from nosology.accounts.errors import (
    AccountExists,
    InvalidCredentials,
    InvalidInput,
    ResetLinkInvalid,
)
from nosology.errors import InvalidParameter, InvalidQuery, NosologyError, NotFound
from nosology.library import Library
from nosology.settings import load_settings

__all__ = ["console", "err", "fail_cleanly", "open_library", "print_json", "progress_bar"]

# Exit code 2 is "you asked for something that is not there or not valid" (as argparse and typer
# use it for usage errors); anything else that fails is 1.
USAGE_ERRORS: tuple[type[NosologyError], ...] = (
    InvalidParameter, InvalidQuery, NotFound, InvalidInput, InvalidCredentials, AccountExists, ResetLinkInvalid,
)

console = Console()
err = Console(stderr=True, soft_wrap=True)  # an error is one line, whatever the terminal width


@contextmanager
def fail_cleanly() -> Iterator[None]:
    """Domain errors print one line on stderr and exit 1 (2 for bad input), never a traceback."""
    try:
        yield
    except NosologyError as exc:
        err.print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True)
        if exc.suggestions:
            err.print("did you mean: " + ", ".join(exc.suggestions), highlight=False, markup=False)
        raise typer.Exit(2 if isinstance(exc, USAGE_ERRORS) else 1) from None
    except (OSError, sqlite3.Error) as exc:  # disk full, permissions, a locked or damaged file
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(1) from None


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@contextmanager
def progress_bar() -> Iterator[Callable[..., None]]:
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(), console=err, transient=False) as bar:
        tasks: dict[str, TaskID] = {}
        current: list[TaskID] = []

        def report(step: str, advance: int = 1, total: int | None = None) -> None:
            if total is not None:
                task = bar.add_task(step, total=total)
                tasks[step] = task
                current[:] = [task]
                bar.advance(task, advance)
                return
            if current:
                bar.update(current[0], description=step)
                bar.advance(current[0], advance)

        yield report


def open_library(build_if_missing: bool = True) -> Library:
    settings = load_settings()
    if not settings.reference_db.is_file() and build_if_missing:
        with progress_bar() as report:
            return Library.open(settings, build_if_missing=True, progress=report)
    return Library.open(settings)
