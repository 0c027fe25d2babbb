"""Build a coder-style query set from the Alphabetic Index (the vendored FY2025 CSV).

    python bench/index_queries.py [--data-dir data] > tests/search/fixtures/index_queries.tsv

Every 41st Index row (in RowID order) that names one complete code is taken, up to two levels
below its main term; the code must be billable in the 2026 tabular (read from the reference
database). The query is what a coder types after reading the Index line: the subterms first, then the
main term's first title word group, without the non-essential modifiers or the commas
("Abdomen, abdominal > acute" -> ``acute abdomen``; "Bursitis" -> ``bursitis``). The gold is the code.
The rows are chosen by position only, so the set is reproducible and not picked by hand.
Output: TSV with query, lang, kind (index_main | index_sub1 | index_sub2), gold, as score.py reads.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import sqlite3
import sys
from pathlib import Path

STEP = 41
CSV = Path(__file__).resolve().parents[1] / "src/nosology/ingest/vendor/icd10cm_index/ICD10CM_2025_Index.csv.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=os.environ.get("NOSOLOGY_DATA_DIR", "data"))
    args = ap.parse_args()
    db = sqlite3.connect(Path(args.data_dir) / "reference.sqlite")
    billable = {str(r[0]) for r in db.execute("SELECT code FROM item WHERE billable = 1")}
    rows = sorted(csv.DictReader(io.StringIO(gzip.decompress(CSV.read_bytes()).decode("utf-8-sig"))), key=lambda r: int(r["RowID"]))
    stack: list[str] = []
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["query", "lang", "kind", "gold"])
    eligible = 0
    seen: set[str] = set()
    for r in rows:
        level = int(r["Level"])
        del stack[level:]
        stack.append(r["Term"].strip())
        code = r["Code"].strip()
        if level > 2 or not code or code.endswith("-") or code not in billable:
            continue
        eligible += 1
        if eligible % STEP:
            continue
        main = stack[0].split(",")[0].strip()
        query = " ".join([*reversed(stack[1:]), main]).lower()
        if query in seen:
            continue
        seen.add(query)
        out.writerow([query, "en", ("index_main", "index_sub1", "index_sub2")[level], code])


if __name__ == "__main__":
    main()
