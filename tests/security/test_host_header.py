"""Row 4: with NOSOLOGY_BASE_URL unset (the default), an untrusted Host header never reaches a
cached page or an absolute URL: it is answered 400; trusted names each get their own cached page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.security.conftest import Server

from nosology.settings import Settings

pytestmark = [pytest.mark.slow]

_CM_OID = "2.16.840.1.113883.6.90"
_ABSOLUTE = [
    "/codes/A01.1",
    "/fr/codes/A01.1",
    "/sitemap.xml",
    "/robots.txt",
    "/fhir/CodeSystem?url=http://hl7.org/fhir/sid/icd-10-cm",
    f"/infobutton?mainSearchCriteria.v.cs={_CM_OID}&mainSearchCriteria.v.c=M61.28&knowledgeResponseType=text/html",
    "/articles/",
]
_HOSTILE = ["attacker.example", "attacker.example:80", "127.0.0.1.attacker.example", "localhost.attacker.example",
            "127.0.0.1@attacker.example"]


@pytest.fixture(scope="module")
def aliased(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("hosts")
    server = Server(settings.data_dir, f"sqlite:///{tmp}/accounts.sqlite", tmp / "server.log",
                    env={"NOSOLOGY_TRUSTED_HOSTS": "127.0.0.1,alias.test"}).spawn().wait()
    yield server
    server.stop()


def _links(html: str) -> list[str]:
    return re.findall(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]+)"', html)


@pytest.mark.parametrize("host", _HOSTILE)
@pytest.mark.parametrize("path", _ABSOLUTE)
def test_untrusted_host_is_400_and_leaves_nothing_behind(server: Server, path: str, host: str) -> None:
    with httpx.Client(base_url=server.base, timeout=30) as http:
        r = http.get(path, headers={"Host": host})
        assert r.status_code == 400, (r.status_code, r.headers.get("location"), r.text[:200])
        normal = http.get(path)
        assert normal.status_code in (200, 303, 307), normal.status_code
        assert "attacker" not in normal.text and "attacker" not in normal.headers.get("location", "")
        if path.startswith("/codes/"):
            assert _links(normal.text) and all(link.startswith(server.base + "/") for link in _links(normal.text))


def test_loopback_names_are_trusted_by_default(server: Server) -> None:
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        assert httpx.get(server.base + "/codes/A01.1", headers={"Host": host}).status_code == 200


def test_each_trusted_origin_gets_its_own_cached_page_and_etag(aliased: Server) -> None:
    with httpx.Client(base_url=aliased.base, timeout=30) as http:
        first = http.get("/codes/A01.1", headers={"Host": "alias.test"})
        assert first.status_code == 200 and all(link.startswith("http://alias.test/") for link in _links(first.text))
        plain = http.get("/codes/A01.1", headers={"If-None-Match": first.headers["etag"]})
        assert plain.status_code == 200 and plain.headers["etag"] != first.headers["etag"]
        assert all(link.startswith(aliased.base + "/") for link in _links(plain.text))
        assert http.get("/codes/A01.1", headers={"Host": "attacker.example"}).status_code == 400


def test_the_production_docs_say_to_set_the_base_url() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "NOSOLOGY_BASE_URL" in readme and "NOSOLOGY_TRUSTED_HOSTS" in readme
