"""``nosology content check``: validate every article file, printing ``file:line: message``."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from nosology.cli.output import console, err, fail_cleanly, print_json
from nosology.content.check import CheckResult, check_content
from nosology.content.codes import SqliteCodes
from nosology.settings import load_settings
from nosology.store import ReferenceStore

__all__ = ["content_app"]

content_app = typer.Typer(help="Articles: check the Markdown files under content/.", no_args_is_help=True)


@contextmanager
def _codes() -> Iterator[SqliteCodes]:
    """Codes from the built reference database; without one, from a throw-away build of the
    classification alone (a full build would itself stop on the content problems we report)."""
    settings = load_settings()
    if settings.reference_db.is_file():
        yield SqliteCodes(ReferenceStore(settings.reference_db).connection())
        return
    from nosology.ingest import BuildContext, build_database
    from nosology.ingest.classification import build_classification

    err.print("no reference database yet: reading ICD-10-CM into a temporary one (about 30 s)", highlight=False)
    with tempfile.TemporaryDirectory(prefix="nosology-check-") as tmp:
        target = Path(tmp) / "reference.sqlite"
        build_database(target, BuildContext(), steps=[("classification", build_classification)])
        yield SqliteCodes(ReferenceStore(target).connection())


def _default_dir() -> Path:
    from nosology.library import _content_dir

    return Path(_content_dir())


@content_app.command("check")
def check(
    directory: Path | None = typer.Option(None, "--dir", help="Content directory (default: the articles in the package, or NOSOLOGY_CONTENT_DIR)."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check every article: front matter, codes, sections, notice, links, references, translation
    pairs. Exits 1 when there is any problem."""
    content_dir = directory or _default_dir()
    if not content_dir.is_dir():
        err.print(f"error: no content directory at {content_dir}", highlight=False)
        raise typer.Exit(2)
    with fail_cleanly(), _codes() as codes:
        from nosology.settings import load_settings

        result = check_content(content_dir, codes, load_settings().gated_sections)
    _report(result, content_dir, as_json)
    if result.problems:
        raise typer.Exit(1)


def _report(result: CheckResult, content_dir: Path, as_json: bool) -> None:
    per_lang: dict[str, int] = {}
    for f in result.files:
        per_lang[f.lang_dir] = per_lang.get(f.lang_dir, 0) + 1
    if as_json:
        print_json({
            "content_dir": str(content_dir), "ok": result.ok, "files": [f.display for f in result.files],
            "articles": per_lang, "problems": [p.to_dict() for p in result.problems],
        })
        return
    for problem in result.problems:
        typer.echo(str(problem))
    langs = ", ".join(f"{n} {lang}" for lang, n in sorted(per_lang.items())) or "none"
    if result.problems:
        err.print(f"[red]{len(result.problems)} problem(s)[/] in {len(result.files)} article file(s) ({langs})", highlight=False)
    else:
        console.print(f"[green]ok[/]: {len(result.files)} article file(s) checked ({langs}), no problems", highlight=False)


@content_app.command("readability")
def readability(
    directory: Path | None = typer.Option(None, "--dir", help="Content directory (default: the articles in the package, or NOSOLOGY_CONTENT_DIR)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Readability of every article (Flesch-Kincaid grade in English, Kandel-Moles ease in French),
    measured on its prose: the target is a reader aged about 12."""
    from nosology.content.check import article_files
    from nosology.content.parse import parse_file
    from nosology.content.readability import FORMULAS, measure

    content_dir = directory or _default_dir()
    paths, _ = article_files(content_dir)
    rows = []
    for path in paths:
        source = parse_file(path)
        lang = source.lang_dir
        if lang not in FORMULAS:
            continue
        figure = measure(source.body, lang)
        rows.append({"file": source.display, "lang": lang, "formula": figure.formula, "score": figure.score,
                     "target": figure.target, "words": figure.words, "sentences": figure.sentences})
    if as_json:
        print_json(rows)
        return
    for row in rows:
        typer.echo(f"{row['file']}: {row['formula']} {row['score']} ({row['target']}; {row['words']} words, {row['sentences']} sentences)")
