"""Row 8: numbers in forms and paths are ASCII digits of bounded length; anything else is a 400
and the keep-alive connection stays usable (a 500 used to drop it)."""

from __future__ import annotations

import pytest
from tests.security.conftest import Server, browser_login, client, new_email, sign_up

pytestmark = [pytest.mark.slow]

_NOT_NUMBERS = ["²", "³", "①", "١٢", "+1", "1_0", "-1", "0" * 30 + "1", "9" * 31, "1" * 5012, "0x1F"]


@pytest.mark.parametrize("raw", _NOT_NUMBERS)
def test_move_to_a_list_id_that_is_not_a_number_is_400(server: Server, raw: str) -> None:
    with client(server.base) as http:
        email = new_email()
        sign_up(http, email)
        csrf = browser_login(http, email)
        assert http.post("/saved", data={"code": "M61.28", "csrf_token": csrf}).status_code == 303
        r = http.post("/saved/M61.28/move", data={"list_id": raw, "csrf_token": csrf})
        assert r.status_code == 400, (r.status_code, r.text[:300])
        # the same connection answers the next request
        assert http.get("/saved").status_code == 200


@pytest.mark.parametrize("raw", ["²", "%C2%B2", "①", "+1", "1_0", "9" * 31, "0" * 30 + "1"])
def test_row_ids_in_paths_are_400(server: Server, raw: str) -> None:
    with client(server.base) as http:
        email = new_email()
        sign_up(http, email)
        csrf = browser_login(http, email)
        r = http.post(f"/saved/lists/{raw}/delete", data={"csrf_token": csrf})
        assert r.status_code == 400, (r.status_code, r.text[:300])
        assert http.get(f"/saved/lists/{raw}.csv").status_code == 400
        assert http.post(f"/account/tokens/{raw}/revoke", data={"csrf_token": csrf}).status_code == 400
        assert http.delete(f"/api/me/tokens/{raw}", headers={"X-CSRF-Token": csrf}).status_code == 400
        assert http.get("/api/me").status_code == 200


@pytest.mark.parametrize("raw", ["²", "1" * 5012, "9" * 31])
def test_numeric_query_parameters_are_4xx(server: Server, raw: str) -> None:
    with client(server.base) as http:
        assert http.get("/search", params={"q": "hip", "page": raw}).status_code == 200  # shown as page 1
        r = http.get("/fhir/ValueSet/$expand", params={"url": "http://hl7.org/fhir/sid/icd-10-cm?fhir_vs", "count": raw})
        assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
        assert http.get("/healthz").status_code == 200
