"""Write ``src/nosology/glossary/familiarity/<lang>.tsv``: how familiar each glossary term and each
of its words is to a general reader, as the Zipf frequency of wordfreq 3.1.1 (log10 of the uses per
thousand million words of general text: 7 for "the", about 4 for "knee", below 3 for "ulna").

The summary explains the rarest words of a title first and leaves everyday ones alone; a measured
figure decides that, not word length or a hand list. Run after adding glossary terms (a term with no
figure counts as rare, so it is explained, which is the safe side):

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python scripts/word_familiarity.py

wordfreq's data is CC BY-SA 4.0 (Robyn Speer); the figures are derived from it and credited in the
file header.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path

from wordfreq import zipf_frequency  # type: ignore[import-not-found]

__version__ = version("wordfreq")

ROOT = Path(__file__).resolve().parent.parent / "src" / "nosology" / "glossary"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def terms(lang: str) -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / lang).glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line and not line.startswith("#") and "\t" in line:
                out.append(line.split("\t", 1)[0])
    return out


def main() -> int:
    for lang in ("en", "fr"):
        keys: dict[str, float] = {}
        for term in terms(lang):
            low = term.lower()
            keys.setdefault(low, zipf_frequency(low, lang))
            for word in WORD.findall(low):
                keys.setdefault(word, zipf_frequency(word, lang))
        target = ROOT / "familiarity" / f"{lang}.tsv"
        target.parent.mkdir(exist_ok=True)
        head = (f"# Zipf frequency (wordfreq {__version__}, data CC BY-SA 4.0, Robyn Speer) of the glossary's terms and words;\n"
                "# written by scripts/word_familiarity.py, read by nosology.glossary.familiarity.\ntext\tzipf\n")
        target.write_text(head + "".join(f"{k}\t{v:.2f}\n" for k, v in sorted(keys.items())), encoding="utf-8")
        print(f"{target}: {len(keys)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
