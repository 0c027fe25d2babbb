"""The ``nosology`` command: a thin layer over the library."""

from __future__ import annotations

import time

import typer

from nosology.cli.alphaindex import index
from nosology.cli.codes import code, validate
from nosology.cli.content import content_app
from nosology.cli.facts import show_history_counts
from nosology.cli.glossary import glossary_app, show_glossary_coverage
from nosology.cli.output import console, fail_cleanly, print_json, progress_bar
from nosology.cli.search import search
from nosology.cli.user import user_app
from nosology.library import Library, build
from nosology.settings import load_settings

__all__ = ["app", "main"]

app = typer.Typer(help="nosology: an ICD-10-CM knowledge base.", no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.command()(code)
app.command()(validate)
app.command()(search)
app.command()(index)
app.add_typer(user_app, name="user")
app.add_typer(content_app, name="content")
app.add_typer(glossary_app, name="glossary")


@app.command("build")
def build_command() -> None:
    """Build the reference database from the official sources (idempotent)."""
    settings = load_settings()
    started = time.perf_counter()
    with fail_cleanly(), progress_bar() as report:
        meta = build(settings, report)
    counts = meta["counts"]
    console.print(
        f"built {settings.reference_db}: {counts['items']:,} items, {counts['billable']:,} billable codes in {time.perf_counter() - started:.1f} s",
        highlight=False,
    )


@app.command()
def info(as_json: bool = typer.Option(False, "--json")) -> None:
    """Provenance and counts of the reference database."""
    with fail_cleanly():
        meta = Library.open(load_settings()).info()
    if as_json:
        print_json(meta)
        return
    console.print(f"[bold]database[/] {meta['database']} (built {meta['built_at']})")
    for s in meta["sources"]:
        console.print(f"  {s['title']}\n    {s['distribution']} {s['file']}\n    sha256 {s['sha256']}", highlight=False)
    counts = meta["counts"]
    console.print(f"[bold]items[/] {counts['items']:,} ({counts['distinct_identifiers']:,} distinct identifiers)")
    for kind, n in counts["by_kind"].items():
        console.print(f"  {kind:<12} {n:>7,}")
    console.print(f"[bold]billable[/] {counts['billable']:,}   [bold]7th-character codes[/] {counts['seventh_character_codes']:,}")
    console.print("[bold]notes[/] " + ", ".join(f"{k} {v:,}" for k, v in counts["notes"].items()))
    for lang, levels in counts.get("titles", {}).items():
        console.print(f"[bold]Titles ({lang})[/] " + ", ".join(f"{k} {v:,}" for k, v in levels.items()), highlight=False)
    for book, c in meta.get("alphabetic_index", {}).items():
        if isinstance(c, dict):
            codes = ", ".join(f"{k} {v:,}" for k, v in c["codes"].items())
            console.print(f"[bold]Index {book}[/] {c['rows']:,} rows, {c['main_terms']:,} main terms; codes {codes}", highlight=False)
    show_history_counts(meta)
    show_glossary_coverage(meta)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    workers: int = typer.Option(1, "--workers", help="Worker processes (production: 2 x cores)."),
) -> None:
    """Serve the website, JSON API, FHIR and Infobutton (builds the data first if missing)."""
    settings = load_settings()
    with fail_cleanly():
        if not settings.reference_db.is_file() and settings.build_if_missing:
            with progress_bar() as report:
                build(settings, report)
        Library.open(settings)  # fail here, clearly, rather than half-started in every worker
    from nosology.web.server import run  # the web stack is imported only to serve

    run(host, port, workers)


def main() -> None:
    app()
