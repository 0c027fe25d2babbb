"""The ICD-10-CM Alphabetic Index and its tables, as stored by the build: look a term up the way
the printed Index is read, browse it, and find the entries that lead to a code. No HTTP here."""

from nosology.alphaindex.book import AlphabeticIndex
from nosology.alphaindex.columns import BOOKS, COLUMNS, EDITION_NOTE
from nosology.alphaindex.models import CodeRef, IndexEntry, IndexTerm, TableRow, TermNotFound

__all__ = ["BOOKS", "COLUMNS", "EDITION_NOTE", "AlphabeticIndex", "CodeRef", "IndexEntry", "IndexTerm", "TableRow", "TermNotFound"]
