"""``nosology search``: find codes from words or a code spelling."""

from __future__ import annotations

import typer
from rich.table import Table

from nosology.cli.output import console, fail_cleanly, open_library, print_json

__all__ = ["search"]


def search(
    query: list[str] = typer.Argument(..., metavar="QUERY", help="Words, a lay term, an abbreviation or a code (quotes optional)."),
    lang: str | None = typer.Option(None, "--lang", help="Language of the query, a registered language such as en or fr (default: any)."),
    limit: int = typer.Option(10, "--limit", min=1, max=50, help="How many results (1-50)."),
    as_json: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Search ICD-10-CM in English or French: titles, inclusion terms, lay terms, typos, codes."""
    from nosology.errors import InvalidQuery

    with fail_cleanly():
        library = open_library()
        if lang is not None and lang not in library.languages:
            raise InvalidQuery(f"--lang must be one of {', '.join(library.languages.codes)}, got {lang!r}")
        results = library.search.search(" ".join(query), lang=lang, limit=limit)
    if as_json:
        print_json(results.to_dict())
        return
    if results.did_you_mean:
        console.print("did you mean: " + ", ".join(results.did_you_mean), highlight=False, markup=False)
    if not results.results:
        console.print(f"no code found for {results.query!r}", highlight=False, markup=False)
        raise typer.Exit(1)
    table = Table("code", "title", "billable", "matched", title=f"{results.total} found for {results.query!r}", title_justify="left")
    for hit in results.results:
        title = hit.titles.get(lang or "", hit.title)
        via = "" if hit.matched in ("code", "title") else f"{hit.matched}: {hit.matched_text}"
        table.add_row(hit.code, title, "yes" if hit.billable else "", via or hit.matched)
    console.print(table)
