"""Merge staged glossary parts into the package's files: each staged row is appended to the
repository file of its area unless a term with the same stems is there already (or earlier in the
staged parts), and rows the build's rules reject (a term in no title or note, a pair naming no
English term) are left out and reported. Run from the repository root, after `nosology build`:

    .venv/bin/python scripts/glossary_assemble.py /work/glossary/en-4 /work/glossary/fr-4 ...

Each part holds <lang>/<area>.tsv files with the package's header line. Prints what it merged and
what it left out, with the reason, so the writer or reviewer can follow up.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nosology.glossary.build import glossary_texts
from nosology.glossary.entries import GLOSSARY_DIR, load_glossary, read_glossary_file
from nosology.glossary.matching import Matcher
from nosology.glossary.validate import occurring_keys
from nosology.languages import default_languages
from nosology.library import Library


def main(parts: list[str]) -> int:
    languages = default_languages()
    library = Library.open()
    default = languages.default.code
    existing = load_glossary(GLOSSARY_DIR, languages.codes, default)
    english = {e.term.lower() for e in existing[default]}
    for part in parts:
        for path in sorted(Path(part).glob(f"{default}/*.tsv")):
            english |= {e.term.lower() for e in read_glossary_file(path, default, default)}
    merged = left = 0
    english_matcher = Matcher(languages.get(default), sorted(english))
    english_found = occurring_keys(english_matcher, glossary_texts(library.store.connection(), languages.default, default))
    for lang in languages.codes:
        matcher = Matcher(languages.get(lang), [e.term for e in existing[lang]])
        seen = dict(matcher.keys)
        staged = [e for part in parts for path in sorted(Path(part).glob(f"{lang}/*.tsv")) for e in read_glossary_file(path, lang, default)]
        texts = list(glossary_texts(library.store.connection(), languages.get(lang), default))
        found = occurring_keys(Matcher(languages.get(lang), [e.term for e in staged]), texts)
        for e in staged:
            key = matcher.key(e.term)
            reason = ("no words" if not key else f"same stems as {seen[key]!r}" if key in seen else
                      "in no title or note" if key not in found and not (e.pair and lang != default and english_matcher.key(e.pair) in english_found) else
                      f"pair {e.pair!r} is no English term" if e.pair and e.pair.lower() not in english else "")
            if reason:
                print(f"left out {e.where} {e.term!r}: {reason}")
                left += 1
                continue
            seen[key] = e.term
            target = GLOSSARY_DIR / lang / e.file
            row = "\t".join([e.term, e.definition, e.lay, e.kind, e.source, e.pair])
            with target.open("a", encoding="utf-8") as out:
                out.write(row + "\n")
            merged += 1
    print(f"merged {merged} rows, left out {left}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
