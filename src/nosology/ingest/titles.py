"""Titles of the codes in the registry's other languages, each with its provenance level.

A language's :class:`~nosology.languages.TitleSource` says where they come from; this module turns
each kind of source into rows of ``item_title``. A title is ``exact`` when the source gives it for
that very code with the same meaning, ``ancestor`` when the code inherits the title of its nearest
broader code that has one (deeper CM codes: laterality, 7th characters).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from nosology.codes import compact
from nosology.ingest.french_alignment import Equivalent, propagate
from nosology.ingest.icd10cm import ParsedItem
from nosology.languages import Language, TitleSource

__all__ = ["TitleLoader", "language_titles"]

# kind of TitleSource -> loader of the exact titles (seq -> (source code, title))
TitleLoader = Callable[[TitleSource, Sequence[ParsedItem]], dict[int, tuple[str, str]]]


def _tsv(source: TitleSource, items: Sequence[ParsedItem]) -> dict[int, tuple[str, str]]:
    """``code<TAB>title`` lines, each the exact title of that code; ``#`` lines are comments."""
    if source.path is None:
        raise ValueError("a tsv title source needs a path")
    by_key = {i.key: i for i in items}
    exact: dict[int, tuple[str, str]] = {}
    for number, line in enumerate(Path(source.path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, title = line.partition("\t")
        item = by_key.get(compact(code))
        if item is None or not title.strip():
            raise ValueError(f"{source.path}:{number}: {code!r} is not an ICD-10-CM code, or the title is empty")
        exact[item.seq] = (item.code, title.strip())
    return exact


def language_titles(language: Language, items: Sequence[ParsedItem], aligned: Mapping[str, Mapping[int, Equivalent]]) -> dict[int, Equivalent]:
    """Every item's title in ``language``. ``aligned`` holds the alignments already computed by
    the classification step, by source kind (``cim10``: CIM-10 aligned through WHO ICD-10)."""
    source = language.titles
    if source.kind in aligned:
        return dict(aligned[source.kind])
    if source.kind == "tsv":
        return propagate(items, _tsv(source, items))
    raise ValueError(f"language {language.code}: unknown title source {source.kind!r}")
