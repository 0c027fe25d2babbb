"""nosology: an open, self-hostable ICD-10 knowledge base."""

from nosology.classification import Classification
from nosology.errors import (
    CodeNotFound,
    DataCorrupt,
    DataMissing,
    InvalidQuery,
    NosologyError,
    NotFound,
)
from nosology.library import Library
from nosology.models import CodePart, CodeRecord, Equivalent, Item, NoteGroup, SevenChr, Validation
from nosology.settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Classification",
    "CodeNotFound",
    "CodePart",
    "CodeRecord",
    "DataCorrupt",
    "DataMissing",
    "Equivalent",
    "InvalidQuery",
    "Item",
    "Library",
    "NosologyError",
    "NotFound",
    "NoteGroup",
    "Settings",
    "SevenChr",
    "Validation",
    "__version__",
    "load_settings",
]
