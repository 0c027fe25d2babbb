"""``nosology glossary``: draw a review sample of plain summaries, show a text's glossed terms."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from nosology.cli.output import console, fail_cleanly, open_library, print_json
from nosology.glossary.build import billable_titles, check_against
from nosology.glossary.coverage import gaps
from nosology.glossary.entries import GLOSSARY_DIR, load_glossary
from nosology.glossary.matching import Matcher

__all__ = ["glossary_app", "show_glossary_coverage"]

glossary_app = typer.Typer(help="The plain-words glossary and the plain summaries.", no_args_is_help=True)


@glossary_app.command("sample")
def sample(
    lang: str = typer.Option("en", "--lang", help="Language of the summaries."),
    n: int = typer.Option(100, "--n", min=1, max=5000, help="How many billable codes."),
    seed: int = typer.Option(17, "--seed", help="Seed of the random draw (the same seed draws the same codes)."),
) -> None:
    """Print code, title and plain summary of a random sample of billable codes (TSV)."""
    with fail_cleanly():
        library = open_library()
        library.languages.get(lang)
        codes = [r["code"] for r in library.store.query("SELECT code FROM item WHERE billable = 1 ORDER BY seq")]
        chosen = sorted(random.Random(seed).sample(codes, min(n, len(codes))), key=codes.index)
        print("code\ttitle\tsummary")
        for code in chosen:
            record = library.classification.record(code)
            local = record.item.title_in(lang)
            title = record.item.title if local is None or lang == library.languages.default.code else local.title
            summary = library.summaries.compose(record, lang)
            print(f"{code}\t{title}\t{summary.text}")


@glossary_app.command("explain")
def explain(
    text: str = typer.Argument(..., help="A title or note."),
    lang: str = typer.Option("en", "--lang", help="Language of the text."),
    reader: str = typer.Option("", "--reader", help="Language of the definitions (default: the text's)."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """The glossed terms of a text and their definitions."""
    with fail_cleanly():
        library = open_library()
        library.languages.get(lang)
        glosses = library.glossary.explain(text, lang, library.languages.get(reader or lang).code)
    if as_json:
        print_json([g.to_dict() for g in glosses])
        return
    for g in glosses:
        lay = f" ({g.lay})" if g.lay else ""
        console.print(f"[bold]{g.term}[/]{lay}: {g.definition}", highlight=False)


_DIR_HELP = "A glossary folder holding <lang>/*.tsv (default: the package's own, the one builds read)."


@glossary_app.command("check")
def check(
    directory: Path = typer.Option(None, "--dir", exists=True, file_okay=False, help=_DIR_HELP),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Check glossary files against the built classification and print their coverage, without a
    rebuild (the rules and figures of `nosology build`)."""
    with fail_cleanly():
        library = open_library()
        with library.store.connection() as conn:
            meta = check_against(conn, library.languages, directory or GLOSSARY_DIR)
    if as_json:
        print_json(meta)
        return
    show_glossary_coverage({"glossary": meta})


@glossary_app.command("gaps")
def show_gaps(
    lang: str = typer.Option("en", "--lang", help="Language of the titles."),
    n: int = typer.Option(100, "--n", min=1, help="How many words."),
    directory: Path = typer.Option(None, "--dir", exists=True, file_okay=False, help=_DIR_HELP),
) -> None:
    """The unglossed words of the billable titles (TSV), those whose entry would complete the most
    codes first: what to write next."""
    with fail_cleanly():
        library = open_library()
        language = library.languages.get(lang)
        entries = load_glossary(directory or GLOSSARY_DIR, [language.code], library.languages.default.code)
        terms = [e.term for e in entries[language.code]]
        with library.store.connection() as conn:
            titles = billable_titles(conn, language, library.languages.default.code)
        found = gaps(Matcher(language, terms), titles)
    print("word\tstem\tcodes\tsole\texample")
    for gap in found[:n]:
        row = gap.to_dict()
        print("\t".join(str(row[k]) for k in ("word", "stem", "codes", "sole", "example")))


def show_glossary_coverage(meta: dict[str, Any]) -> None:
    """The glossary's entries and its coverage of the billable titles, per language and chapter."""
    glossary = meta.get("glossary")
    if not glossary:
        return
    entries = ", ".join(f"{lang} {n:,}" for lang, n in glossary["entries"].items())
    console.print(f"[bold]Glossary[/] {entries} entries; coverage of billable titles (words glossed, codes fully glossed):", highlight=False)
    table = Table("chapter", *(f"{lang} {what}" for lang in glossary["coverage"] for what in ("words", "codes")))
    langs = list(glossary["coverage"].values())
    chapters = list(langs[0]["chapters"]) if langs else []

    def cells(tally: dict[str, Any]) -> list[str]:
        return [f"{tally['word_share']:.1%}", f"{tally['code_share']:.1%}"]

    for chapter in chapters:
        table.add_row(chapter, *(c for lang in langs for c in cells(lang["chapters"].get(chapter, {"word_share": 0, "code_share": 0}))))
    table.add_row("all", *(c for lang in langs for c in cells(lang["overall"])))
    console.print(table)
