"""Body figure coverage and the 200-code accuracy sample.

    python bench/anatomy.py [--data-dir DIR] [--sample docs/anatomy-accuracy-200.tsv]

Prints, per chapter, how many billable codes get a highlighted region (share of the chapter's
billable codes). With ``--sample`` it also writes 200 billable codes drawn with
``random.Random(16).sample`` from all billable codes in classification order, with the regions and
side the figure shows; the verdict columns of an existing file are kept for codes whose mapping did
not change, so a reviewer's judgement survives a re-run and a changed mapping is re-judged.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from nosology.library import Library
from nosology.settings import load_settings

SEED = 16
SIZE = 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--sample", type=Path, default=None)
    args = parser.parse_args()
    settings = load_settings(data_dir=args.data_dir) if args.data_dir else load_settings()
    library = Library.open(settings)
    c, atlas = library.classification, library.atlas
    billable: list[tuple[int, str, str, str, str]] = []
    print(f"{'chapter':>7} {'billable':>9} {'with region':>12} {'share':>7}")
    total = shown_total = 0
    for chapter in c.chapters():
        codes = c.descendants(chapter, billable_only=True, limit=100_000)
        shown = 0
        for item in codes:
            site = atlas.site(item)
            shown += site.shown
            billable.append((chapter.seq, item.code, item.title, " ".join(site.regions), site.side or ""))
        total += len(codes)
        shown_total += shown
        print(f"{chapter.code:>7} {len(codes):>9} {shown:>12} {shown / max(len(codes), 1):>7.1%}")
    print(f"{'all':>7} {total:>9} {shown_total:>12} {shown_total / total:>7.1%}")
    if args.sample:
        write_sample(args.sample, billable)


def write_sample(path: Path, billable: list[tuple[int, str, str, str, str]]) -> None:
    old: dict[str, dict[str, str]] = {}
    if path.exists():
        with path.open(encoding="utf-8") as f:
            old = {r["code"]: r for r in csv.DictReader(f, delimiter="\t")}
    rows = random.Random(SEED).sample(billable, SIZE)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "title", "regions", "side", "verdict", "reason"])
        for _, code, title, regions, side in rows:
            prev = old.get(code, {})
            same = prev.get("regions") == regions and prev.get("side") == side
            w.writerow([code, title, regions, side, prev.get("verdict", "") if same else "", prev.get("reason", "") if same else ""])


if __name__ == "__main__":
    main()
