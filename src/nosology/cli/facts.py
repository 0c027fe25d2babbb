"""How ``nosology code`` prints a code's history, MS-DRG severity and coding flags."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from nosology.cli.output import console
from nosology.code_facts import CodeFacts
from nosology.history import Retirement, fiscal_years_text

__all__ = ["show_facts", "show_history_counts", "show_retired"]


def show_retired(retired: Retirement) -> None:
    h = retired.history
    console.print(f"[bold]{h.code}[/]  {h.title}  [red]not valid in FY{h.current}[/]", highlight=False)
    console.print(retired.message, highlight=False, markup=False)
    label = {"new_codes": "new codes", "nearest": f"codes in {retired.ancestor.code}" if retired.ancestor else "codes"}.get(retired.replacement)
    if label and retired.replaced_by:
        console.print(f"[bold]{label}:[/]")
        for i in retired.replaced_by:
            console.print(f"  {i.code}  {i.title}", highlight=False, markup=False)
    _show_years(h.valid_years, h.header_years)


def _show_years(valid: list[int], header: list[int]) -> None:
    console.print(f"[dim]valid (billable):[/] {fiscal_years_text(valid)}", highlight=False)
    if header:
        console.print(f"[dim]header (not billable):[/] {fiscal_years_text(header)}", highlight=False)


def show_facts(facts: CodeFacts) -> None:
    if facts.flags is not None:
        flags = facts.flags
        if flags.sequencing:
            console.print(f"[bold yellow]{flags.sequencing}[/]", highlight=False)
        if flags.record_use_note:
            console.print(f"[bold yellow]{flags.record_use} records only:[/] {flags.record_use_note}", highlight=False)
        for name, items in (("code first", flags.code_first), ("use additional code", flags.use_additional), ("code also", flags.code_also)):
            for i in items:
                console.print(f"[dim]{name}:[/] {escape(i.printed())}", highlight=False)
    if facts.drg is not None:
        d = facts.drg
        level = d.severity.upper() if d.severity else "neither CC nor MCC"
        console.print(f"[bold]MS-DRG v{d.version}:[/] {level}", highlight=False)
        if d.excluded_with:
            console.print(f"  not a CC/MCC when the principal diagnosis is one of {len(d.excluded_with)} codes: {', '.join(d.excluded_with[:12])}{'…' if len(d.excluded_with) > 12 else ''}", highlight=False)
    if facts.history is not None:
        h = facts.history
        console.print("[bold]History[/]: " + (f"introduced FY{h.introduced}" if h.introduced else f"in the code set since FY{h.years[0]} or earlier"), highlight=False)
        _show_years(h.valid_years, h.header_years)
        for r in h.revisions:
            console.print(f"  FY{r.year} retitled: {r.old!r} -> {r.new!r}", highlight=False, markup=False)


def show_history_counts(meta: dict[str, Any]) -> None:
    """The ``nosology info`` lines of the code sets per year and of MS-DRG."""
    history, drg = meta.get("history"), meta.get("drg")
    if history:
        console.print("[bold]billable codes per fiscal year[/] " + ", ".join(f"FY{y} {n:,}" for y, n in history["billable"].items()), highlight=False)
        for year, kinds in history["changes"].items():
            console.print(f"  FY{year} " + ", ".join(f"{k} {n:,}" for k, n in kinds.items()), highlight=False)
    if drg:
        console.print(f"[bold]MS-DRG v{drg['version']}[/] MCC {drg['mcc']:,}, CC {drg['cc']:,}, PDX exclusion collections {drg['pdx_collections']:,}", highlight=False)
