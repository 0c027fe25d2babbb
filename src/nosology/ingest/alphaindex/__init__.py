"""Build step for the ICD-10-CM Alphabetic Index and its tables (FY2025 edition, vendored).

:mod:`.files` pins the vendored files, :mod:`.parse` reads them (the disease index CSV, whose tree
is rebuilt from order and level; the three XML files with lxml), :mod:`.store` checks every code
against the 2026 tabular and stores the result for :mod:`nosology.alphaindex`.
"""

from nosology.ingest.alphaindex.store import build_alphabetic_index

__all__ = ["build_alphabetic_index"]
