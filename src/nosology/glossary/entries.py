"""Glossary entries: the TSV files we write (``glossary/<lang>/<area>.tsv``), read and checked.

Format (``/work/glossary/FORMAT.md``, kept in ``glossary/README.md``): UTF-8, tab-separated, one
header line, ``#`` lines are comments, blank lines ignored::

    term<TAB>definition<TAB>lay<TAB>kind<TAB>source<TAB>pair

The rules a file can be checked against on its own (fields, kind, definition length, lay, pair
only outside the default language) are checked here; the rules that need the classification
(every term occurs in a title or note, no two terms with the same stems, a pair names an English
term) are checked by :func:`nosology.glossary.validate.check_glossary`. A broken line fails the
build with its file and line: a glossary that silently drops entries would silently lose words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from nosology.errors import NosologyError

__all__ = ["AREAS", "GLOSSARY_DIR", "HEADER", "KINDS", "MAX_DEFINITION_WORDS", "GlossaryEntry", "GlossaryError", "load_glossary", "read_glossary_file"]

HEADER = ("term", "definition", "lay", "kind", "source", "pair")
KINDS = frozenset({"anatomy", "condition", "qualifier", "convention", "organism", "substance", "event", "procedure"})
AREAS = frozenset({"anatomy", "conditions", "qualifiers", "conventions", "organisms", "substances", "external_causes", "procedures"})
MAX_DEFINITION_WORDS = 25


class GlossaryError(NosologyError):
    """A glossary file has a malformed line or breaks one of the glossary's rules."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    lang: str
    definition: str
    lay: str
    kind: str
    source: str
    pair: str
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.lang}/{self.file}:{self.line}"


def _check_fields(fields: list[str], where: str, lang: str, default_lang: str) -> None:
    term, definition, lay, kind, source, pair = fields
    if not term:
        raise GlossaryError(f"{where}: empty term")
    words = len(definition.split())
    if not 1 <= words <= MAX_DEFINITION_WORDS:
        raise GlossaryError(f"{where}: definition of {term!r} has {words} words (1-{MAX_DEFINITION_WORDS})")
    if not definition.endswith("."):
        raise GlossaryError(f"{where}: definition of {term!r} must end with a period")
    first = definition.lower()
    if first.startswith(term.lower() + " ") or first.startswith(term.lower() + ":"):
        raise GlossaryError(f"{where}: definition of {term!r} starts with the term")
    if lay and lay.lower() == term.lower():
        raise GlossaryError(f"{where}: lay synonym of {term!r} is the term itself")
    if kind not in KINDS:
        raise GlossaryError(f"{where}: kind must be one of {', '.join(sorted(KINDS))}, got {kind!r}")
    if not source:
        raise GlossaryError(f"{where}: empty source for {term!r} (say where the sense was checked)")
    if pair and lang == default_lang:
        raise GlossaryError(f"{where}: {term!r}: rows in the classification's own language leave pair empty")


def read_glossary_file(path: Path, lang: str, default_lang: str) -> list[GlossaryEntry]:
    """Parse one area file of language ``lang``; raise :class:`GlossaryError` on the first bad line."""
    where_file = f"{lang}/{path.name}"
    if path.stem not in AREAS:
        raise GlossaryError(f"{where_file}: not an area file (use one of {', '.join(sorted(AREAS))})")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"{where_file}: not UTF-8 ({exc.reason})") from exc
    entries: list[GlossaryEntry] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{where_file}:{number}"
        fields = line.split("\t")
        if not header_seen:
            if tuple(f.strip().lower() for f in fields) != HEADER:
                raise GlossaryError(f"{where}: header must be {' | '.join(HEADER)} (tab-separated), got {line[:80]!r}")
            header_seen = True
            continue
        if len(fields) != len(HEADER):
            raise GlossaryError(f"{where}: expected {len(HEADER)} tab-separated fields, got {len(fields)}")
        fields = [f.strip() for f in fields]
        _check_fields(fields, where, lang, default_lang)
        term, definition, lay, kind, source, pair = fields
        entries.append(GlossaryEntry(term, lang, definition, lay, kind, source, pair, path.name, number))
    return entries


GLOSSARY_DIR = Path(__file__).resolve().parent  # the data files live beside this package's modules


def load_glossary(directory: Path | None, langs: Iterable[str], default_lang: str) -> dict[str, list[GlossaryEntry]]:
    """Every ``<lang>/*.tsv`` under ``directory`` (files sorted by name: builds are reproducible)."""
    out: dict[str, list[GlossaryEntry]] = {}
    for lang in langs:
        folder = directory / lang if directory is not None else None
        entries: list[GlossaryEntry] = []
        if folder is not None and folder.is_dir():
            for path in sorted(folder.glob("*.tsv")):
                entries.extend(read_glossary_file(path, lang, default_lang))
        out[lang] = entries
    return out
