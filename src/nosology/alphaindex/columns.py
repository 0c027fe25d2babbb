"""The books of the Index and the columns of its two tables, with the words a search term uses."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BOOKS", "COLUMNS", "EDITION_NOTE", "Book", "Column", "column"]

EDITION_NOTE = "The Index and its tables are the FY2025 edition (April 1, 2025); codes are checked against the ICD-10-CM FY2026 tabular (April 1, 2026)."


@dataclass(frozen=True)
class Book:
    key: str  # disease | external | neoplasm | drug
    title: str
    path: str  # where its pages live


@dataclass(frozen=True)
class Column:
    book: str
    col: int  # the CDC XML's col attribute (2..7)
    key: str  # a stable identifier for URLs and JSON
    label: str  # the column as a phrase: "malignant secondary", "adverse effect"


BOOKS: tuple[Book, ...] = (
    Book("disease", "Index to Diseases and Injuries", "/index"),
    Book("external", "External Cause of Injuries Index", "/index/external-causes"),
    Book("neoplasm", "Table of Neoplasms", "/index/neoplasms"),
    Book("drug", "Table of Drugs and Chemicals", "/index/drugs"),
)

# The column heads are read from the files (``indexHeading``) and shown as printed; these are the
# same heads as phrases for search terms and JSON keys.
COLUMNS: tuple[Column, ...] = (
    Column("neoplasm", 2, "malignant_primary", "malignant primary"),
    Column("neoplasm", 3, "malignant_secondary", "malignant secondary"),
    Column("neoplasm", 4, "ca_in_situ", "carcinoma in situ"),
    Column("neoplasm", 5, "benign", "benign"),
    Column("neoplasm", 6, "uncertain_behavior", "uncertain behavior"),
    Column("neoplasm", 7, "unspecified_behavior", "unspecified behavior"),
    Column("drug", 2, "poisoning_accidental", "poisoning accidental"),
    Column("drug", 3, "poisoning_intentional_self_harm", "poisoning intentional self-harm"),
    Column("drug", 4, "poisoning_assault", "poisoning assault"),
    Column("drug", 5, "poisoning_undetermined", "poisoning undetermined"),
    Column("drug", 6, "adverse_effect", "adverse effect"),
    Column("drug", 7, "underdosing", "underdosing"),
)


def column(book: str, col: int) -> Column | None:
    for c in COLUMNS:
        if c.book == book and c.col == col:
            return c
    return None
