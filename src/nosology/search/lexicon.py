"""The curated lexicon of lay terms, synonyms and abbreviations: TSV files loaded at build time.

Format (UTF-8, tab-separated, one header line, ``#`` lines are comments, blank lines ignored)::

    term<TAB>lang<TAB>code<TAB>kind<TAB>source

``lang`` is a language of the registry (``en``, ``fr``); ``code`` a dotted ICD-10-CM code that exists; ``kind`` is ``lay``,
``synonym`` or ``abbrev``; ``source`` a short citation. Any malformed line fails the build with its
file and line number: a lexicon that silently drops entries would silently lose searches.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from nosology.errors import NosologyError

__all__ = ["HEADER", "KINDS", "LexiconEntry", "LexiconError", "check_codes", "load_lexicon", "read_lexicon_file"]

HEADER = ("term", "lang", "code", "kind", "source")
KINDS = frozenset({"lay", "synonym", "abbrev"})


class LexiconError(NosologyError):
    """A lexicon file has a malformed line or names a code that does not exist."""



@dataclass(frozen=True)
class LexiconEntry:
    term: str
    lang: str
    code: str
    kind: str
    source: str
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def read_lexicon_file(path: Path, langs: Collection[str]) -> list[LexiconEntry]:
    """Parse one TSV file whose ``lang`` column may name any of ``langs``; raise
    :class:`LexiconError` on the first malformed line."""
    entries: list[LexiconEntry] = []
    header_seen = False
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path.name}: not UTF-8 ({exc.reason})") from exc
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        where = f"{path.name}:{number}"
        if not header_seen:
            if tuple(f.lower() for f in fields) != HEADER:
                raise LexiconError(f"{where}: header must be {' | '.join(HEADER)} (tab-separated), got {line[:80]!r}")
            header_seen = True
            continue
        if len(fields) != len(HEADER):
            raise LexiconError(f"{where}: expected {len(HEADER)} tab-separated fields, got {len(fields)}")
        term, lang, code, kind, source = fields
        if not term:
            raise LexiconError(f"{where}: empty term")
        if lang not in langs:
            raise LexiconError(f"{where}: lang must be one of {', '.join(langs)}, got {lang!r}")
        if kind not in KINDS:
            raise LexiconError(f"{where}: kind must be one of {', '.join(sorted(KINDS))}, got {kind!r}")
        if not source:
            raise LexiconError(f"{where}: empty source (say where the correspondence is documented)")
        entries.append(LexiconEntry(term, lang, code, kind, source, path.name, number))
    return entries


def load_lexicon(directory: Path | None, langs: Collection[str]) -> list[LexiconEntry]:
    """Every ``*.tsv`` in ``directory`` (sorted by name, so builds are reproducible)."""
    if directory is None or not directory.is_dir():
        return []
    entries: list[LexiconEntry] = []
    for path in sorted(directory.glob("*.tsv")):
        entries.extend(read_lexicon_file(path, langs))
    return entries


def check_codes(entries: Iterable[LexiconEntry], resolve: Callable[[str], str | None]) -> list[tuple[LexiconEntry, str]]:
    """Pair each entry with the official code it names (``resolve`` maps a spelling to the dotted
    code or None); the first unknown code fails with file and line."""
    out: list[tuple[LexiconEntry, str]] = []
    for entry in entries:
        code = resolve(entry.code)
        if code is None:
            raise LexiconError(f"{entry.where}: {entry.code!r} is not an ICD-10-CM code (term {entry.term!r})")
        out.append((entry, code))
    return out
