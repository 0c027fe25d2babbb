"""``nosology index TERM``: look a term up in the Alphabetic Index, as a coder does first."""

from __future__ import annotations

import typer

from nosology.alphaindex import EDITION_NOTE, CodeRef, IndexTerm
from nosology.cli.output import console, fail_cleanly, open_library, print_json

__all__ = ["index"]

_STATUS = {"complete": "", "incomplete": " (more characters needed)", "invalid": " (not valid in ICD-10-CM 2026)"}


def _codes(codes: list[CodeRef]) -> str:
    return ", ".join(f"{c.printed}{_STATUS[c.status]}" for c in codes)


def _print(term: IndexTerm, indent: int, depth_left: int) -> None:
    see = f" — see {term.see}" if term.see else ""
    see_also = f" — see also {term.see_also}" if term.see_also else ""
    nemod = f" {term.nemod}" if term.nemod else ""
    codes = f"  {_codes(term.codes)}" if term.codes else ""
    console.print(f"{'  ' * indent}{term.title}{nemod}{codes}{see}{see_also}", highlight=False, markup=False)
    if depth_left > 0:
        for child in term.children:
            _print(child, indent + 1, depth_left - 1)
    elif term.children:
        console.print(f"{'  ' * (indent + 1)}… {term.n_subterms} subterms (use --depth)", highlight=False, markup=False)


def index(
    term: list[str] = typer.Argument(..., metavar="TERM", help="A term or a path as printed: Impetigo, 'Pain, abdominal'."),
    book: str | None = typer.Option(None, "--book", help="disease, external, neoplasm or drug (default: all)."),
    depth: int = typer.Option(2, "--depth", min=0, max=12, help="How many levels of subterms to print."),
    as_json: bool = typer.Option(False, "--json", help="Print the terms as JSON."),
) -> None:
    """Look a term up in the ICD-10-CM Alphabetic Index (FY2025), its codes checked against 2026."""
    from nosology.errors import InvalidQuery

    with fail_cleanly():
        if book not in (None, "disease", "external", "neoplasm", "drug"):
            raise InvalidQuery(f"--book must be disease, external, neoplasm or drug, got {book!r}")
        alphaindex = open_library().alphaindex
        found = [alphaindex.subtree(t) for t in alphaindex.lookup(" ".join(term), book, limit=5)]
    if as_json:
        print_json({"edition": EDITION_NOTE, "results": [t.to_dict() for t in found]})
        return
    for t in found:
        console.print(f"[{t.book}] {t.trail}", style="bold", highlight=False, markup=False)
        _print(t, 0, depth)
    console.print(EDITION_NOTE, style="dim", highlight=False)
