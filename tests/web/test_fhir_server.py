"""One real `nosology serve` process on a free port, called with plain httpx as a FHIR client would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.valueset import ValueSet

from nosology.settings import Settings

CM = "http://hl7.org/fhir/sid/icd-10-cm"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(settings: Settings, library: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A data directory of its own (sharing the reference database) so that the server's accounts
    # database and secret key never touch the session's.
    data_dir = tmp_path_factory.mktemp("fhir-server")
    (data_dir / "reference.sqlite").symlink_to(Path(settings.reference_db).resolve())
    port = _free_port()
    env = {**os.environ, "NOSOLOGY_DATA_DIR": str(data_dir), "NOSOLOGY_LOG_JSON": "false",
           "NOSOLOGY_BUILD_IF_MISSING": "false", "NOSOLOGY_DATABASE_URL": ""}
    proc = subprocess.Popen([sys.executable, "-m", "nosology.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/fhir"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/metadata", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nosology serve did not start: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_client_round_trip(server: str) -> None:
    headers = {"accept": "application/fhir+json"}
    with httpx.Client(base_url=server, headers=headers, timeout=10) as fhir:
        lookup = fhir.get("/CodeSystem/$lookup", params={"system": CM, "code": "M61.28"})
        assert lookup.status_code == 200 and lookup.headers["content-type"].startswith("application/fhir+json")
        Parameters.model_validate(lookup.json())
        checked = fhir.post("/ValueSet/$validate-code", json={"resourceType": "Parameters", "parameter": [
            {"name": "url", "valueUri": f"{CM}?fhir_vs"}, {"name": "coding", "valueCoding": {"system": CM, "code": "M61.2"}}]},
            headers={"content-type": "application/fhir+json"})
        result = Parameters.model_validate(checked.json())
        assert result.parameter is not None and result.parameter[0].valueBoolean is False
        expanded = fhir.get("/ValueSet/$expand", params={"url": f"{CM}?fhir_vs=isa/M61", "count": 5})
        assert ValueSet.model_validate(expanded.json()).expansion.total == 203  # type: ignore[union-attr]
        missing = fhir.get("/CodeSystem/$lookup", params={"system": CM, "code": "ZZZ"})
        assert missing.status_code == 404 and missing.json()["resourceType"] == "OperationOutcome"
