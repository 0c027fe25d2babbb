"""The vendored Index files: where they are, and both checksums (of the gzip file we ship and of
the original file inside, as published in the shared PROVENANCE)."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from nosology.errors import SourceChecksumMismatch, SourceMissing

__all__ = ["INDEX_FILES", "IndexFile"]

EDITION = "ICD-10-CM Index and Tables, FY2025 (April 1, 2025), CDC/NCHS, U.S. public domain"


@dataclass(frozen=True)
class IndexFile:
    key: str  # disease | external | neoplasm | drug
    title: str
    name: str  # file name under ingest/vendor/icd10cm_index/
    sha256_gz: str
    sha256: str  # of the decompressed content: the original file's checksum

    def path(self) -> Path:
        path = Path(str(resources.files("nosology.ingest").joinpath("vendor", "icd10cm_index", self.name)))
        if not path.is_file():
            raise SourceMissing(f"{self.title}: {path} is missing from the nosology package")
        return path

    def read_verified(self) -> bytes:
        """The original bytes, after checking both checksums."""
        raw = self.path().read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != self.sha256_gz:
            raise SourceChecksumMismatch(f"{self.title}: sha256 of {self.name} is {digest}, expected {self.sha256_gz}")
        data = gzip.decompress(raw)
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.sha256:
            raise SourceChecksumMismatch(f"{self.title}: sha256 of the content of {self.name} is {digest}, expected {self.sha256}")
        return data

    def provenance(self) -> dict[str, str]:
        return {"key": f"index_{self.key}", "title": self.title, "distribution": "nosology (vendored)",
                "file": f"ingest/vendor/icd10cm_index/{self.name}", "sha256": self.sha256_gz, "sha256_original": self.sha256}


INDEX_FILES: tuple[IndexFile, ...] = (
    IndexFile("disease", "ICD-10-CM Index to Diseases and Injuries FY2025 (CSV conversion of the CDC XML)",
              "ICD10CM_2025_Index.csv.gz",
              "9075868b3e9715d565732cc35c440b27ae7200bd0933a6e70bc4b3766c71731d",
              "ed46c243bb91ca24ef9da6ad50cf8f204f2c97f2d69632f34ff0f8081a0609ed"),
    IndexFile("external", "ICD-10-CM External Cause of Injuries Index FY2025 (CDC XML)",
              "icd-10-cm-eindex-2025.xml.gz",
              "9384d3632390f18f66c619a96a56946c17c9effc9538f2b28dd7acd5bd513325",
              "41fa87021d75527d740e120171efe84d995a852d9fd2b76524f483489b59cd23"),
    IndexFile("neoplasm", "ICD-10-CM Table of Neoplasms FY2025 (CDC XML)",
              "icd-10-cm-neoplasm-2025.xml.gz",
              "a16cf637346f8e4fc48a67066983388a15f7a31289c00d0556201a2b0f0a29e8",
              "20ce857cc0424666e42d2ab5df912d4809090aeb580dfb71b596f7d8989abb48"),
    IndexFile("drug", "ICD-10-CM Table of Drugs and Chemicals FY2025 (CDC XML)",
              "icd-10-cm-drug-2025.xml.gz",
              "8ffa8dcd1195c3e1f4c294443adccfc313e59495891a448ca202d78d57d9e8fa",
              "c9e7bd78d02f25495842444d3b09a5e5d935be83ffa139aff725b4c7ccc9be64"),
)
