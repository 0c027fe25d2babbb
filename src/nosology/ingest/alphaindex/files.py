"""The vendored Index files: each is a :class:`~nosology.ingest.sources.Source` (the gzip file we
ship, its checksum verified like every source) and the checksum of the original file inside it, as
the shared PROVENANCE gives it."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from nosology.errors import SourceChecksumMismatch
from nosology.ingest.sources import INDEX_SOURCES, Source

__all__ = ["INDEX_FILES", "IndexFile"]


@dataclass(frozen=True)
class IndexFile:
    key: str  # disease | external | neoplasm | drug
    source: Source
    sha256: str  # of the decompressed content: the original file's checksum

    def read_verified(self) -> bytes:
        """The original bytes, after checking both checksums."""
        data = gzip.decompress(self.source.verified_path().read_bytes())
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.sha256:
            raise SourceChecksumMismatch(f"{self.source.title}: sha256 of the content of {self.source.relative_path} is {digest}, expected {self.sha256}")
        return data


_ORIGINAL = {
    "index_disease": "ed46c243bb91ca24ef9da6ad50cf8f204f2c97f2d69632f34ff0f8081a0609ed",
    "index_external": "41fa87021d75527d740e120171efe84d995a852d9fd2b76524f483489b59cd23",
    "index_neoplasm": "20ce857cc0424666e42d2ab5df912d4809090aeb580dfb71b596f7d8989abb48",
    "index_drug": "c9e7bd78d02f25495842444d3b09a5e5d935be83ffa139aff725b4c7ccc9be64",
}
INDEX_FILES: tuple[IndexFile, ...] = tuple(IndexFile(s.key.removeprefix("index_"), s, _ORIGINAL[s.key]) for s in INDEX_SOURCES)
