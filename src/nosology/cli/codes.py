"""``nosology code`` and ``nosology validate``: a code's record and its validity."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.tree import Tree

from nosology.cli.facts import show_facts, show_retired
from nosology.cli.output import console, fail_cleanly, open_library, print_json
from nosology.code_facts import code_facts
from nosology.models import CodeRecord, Item

__all__ = ["code", "validate"]


def code(
    value: str = typer.Argument(..., metavar="CODE", help="Any spelling: M61.28, m6128, 'M61 28'"),
    as_json: bool = typer.Option(False, "--json", help="Print the full record as JSON."),
    lang: str = typer.Option("en", "--lang", help="Language of titles: en or fr."),
) -> None:
    """Show everything about a code: title, place in the classification, notes, decoding."""
    with fail_cleanly():
        library = open_library()
        retired = library.history.retirement(value) if library.classification.find(value) is None else None
        if retired is None:
            record = library.classification.record(value)
            facts = code_facts(library, record)
    if retired is not None:  # a code of an earlier fiscal year: what happened to it
        if as_json:
            print_json(retired.to_dict())
        else:
            show_retired(retired)
        return
    with fail_cleanly():
        summaries = library.summaries.of(record)
    if as_json:
        print_json(record.to_dict() | facts.to_dict() | {"plain_summary": {k: v.to_dict() for k, v in summaries.items()}})
        return
    _show(record, lang)
    if lang in summaries:  # markup off for the text: titles hold brackets ("[EMT or ambulance]")
        console.print("[bold]In plain words[/]", highlight=False)
        console.print(f"  {summaries[lang].text} ({summaries[lang].notice})", highlight=False, markup=False)
    show_facts(facts)


def _title(item: Item, lang: str) -> str:
    local = item.title_in(lang)
    return local.title if local is not None else item.title


def _show(record: CodeRecord, lang: str) -> None:
    item = record.item
    badge = "[green]billable[/]" if item.billable else ("[yellow]header, not billable[/]" if item.header else f"[dim]{item.kind}[/]")
    console.print(f"[bold]{item.code}[/]  {_title(item, lang)}  {badge}", highlight=False)
    for code, local in record.translations.items():
        note = "" if local.level == "exact" else f" (title of {local.code}, the nearest code with the same meaning)"
        console.print(f"[dim]{code}:[/] {local.title}{note}", highlight=False)
    tree = Tree("[dim]place in ICD-10-CM[/]")
    node = tree
    for a in record.ancestors:
        node = node.add(f"{a.code}  {_title(a, lang)}")
    node.add(f"[bold]{item.code}[/]")
    console.print(tree)
    table = Table("part", "position", "meaning", title="What this code means", title_justify="left")
    for p in record.decoding:
        table.add_row(p.chars, p.position, p.meaning)
    console.print(table)
    for g in record.notes:
        origin = f" (from {g.owner})" if g.inherited else ""
        console.print(f"[bold]{g.kind}[/]{origin}:", highlight=False)
        for printed in g.tree():
            console.print(f"  - {printed.text}", highlight=False, markup=False)
            for entry in printed.items:
                console.print(f"      - {entry}", highlight=False, markup=False)
    if record.seven_chr:
        console.print(f"[bold]7th characters[/] (from {record.seven_chr_owner}):")
        for s in record.seven_chr:
            console.print(f"  {s.char}  {s.meaning}", highlight=False, markup=False)
    if record.children:
        console.print(f"[bold]{len(record.children)} codes below[/], {record.billable_children} billable:")
        for c in record.children[:30]:
            console.print(f"  {c.code}  {_title(c, lang)}", highlight=False, markup=False)
    if record.who:
        console.print(f"[dim]WHO ICD-10:[/] {record.who.code} {record.who.title} ({record.who.level})", highlight=False)


def validate(
    value: str = typer.Argument(..., metavar="CODE"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Say whether a code is valid and billable; exit 0 when billable, 1 otherwise."""
    with fail_cleanly():
        result = open_library().history.validate(value)
    if as_json:
        print_json(result.to_dict())
    else:
        colour = {"billable": "green", "header": "yellow"}.get(result.status, "red")
        console.print(f"[{colour}]{result.status}[/]: {result.message}", highlight=False)
        if result.suggestions:
            console.print("did you mean: " + ", ".join(result.suggestions[:10]), highlight=False, markup=False)
    if result.status != "billable":
        raise typer.Exit(1)
