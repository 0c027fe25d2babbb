"""MS-DRG v43 severity probes."""

from __future__ import annotations

import pytest

from nosology.library import Library

pytestmark = pytest.mark.fulldata


@pytest.mark.parametrize(("code", "severity"), [("A41.9", "mcc"), ("J18.9", "mcc"), ("N17.9", "cc"), ("E87.1", "cc"), ("E11.9", None), ("I10", None)])
def test_probe_severities(library: Library, code: str, severity: str | None) -> None:
    found = library.drg.severity(code)
    assert found.version == "43"
    assert found.severity == severity


def test_exclusions_of_an_mcc(library: Library) -> None:
    """A41.9's Table 6K collection (0072) lists the sepsis codes: as a principal diagnosis, each
    cancels A41.9 as an MCC; A41.9 itself is one of them."""
    found = library.drg.severity("A41.9")
    assert "A41.9" in found.excluded_with and "A40.0" in found.excluded_with
    assert library.drg.severity("I46.9").discharged_alive_only is True
