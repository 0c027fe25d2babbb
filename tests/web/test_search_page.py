"""The search page: one message per situation, the query cut in the heading, a search box and
suggestions when nothing matches."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from nosology.web.pages.search import SHOWN_QUERY, shown_query


def _main(page: str) -> str:
    found = re.search(r"<main[^>]*>(.*)</main>", page, re.S)
    assert found is not None
    return found.group(1)


def test_shown_query_is_cut_near_a_space() -> None:
    assert shown_query("gout") == "gout"
    long = "word " * 60
    cut = shown_query(long)
    assert cut.endswith("…") and len(cut) <= SHOWN_QUERY + 1 and " " not in cut[-2:]
    assert len(shown_query("x" * 10_000)) == SHOWN_QUERY + 1  # no space: cut in the word


def test_invalid_code_shows_one_message(client: TestClient) -> None:
    main = _main(client.get("/search?q=W21.89A").text)
    assert "W21.89A is not an ICD-10-CM code." in main and 'href="/codes/W21.89XA"' in main
    assert "Did you mean:" not in main and "No result" not in main


def test_long_query_is_cut_in_the_heading(client: TestClient) -> None:
    query = "qwertzuiop" * 1000  # 10 kB without a space
    page = client.get("/search", params={"q": query}).text
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert heading is not None and len(html.unescape(heading.group(1))) < SHOWN_QUERY + 30
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and len(title.group(1)) < SHOWN_QUERY + 40
    assert "No result" in page


def test_no_result_keeps_a_search_box_and_suggests(client: TestClient) -> None:
    main = _main(client.get("/search?q=zorblatt+syndrome+of+the+liver").text)
    assert "No result" in main and 'role="search"' in main
    assert main.count("Did you mean:") == 1 and "syndrome+liver" in main


def test_correction_with_results_is_one_line(client: TestClient) -> None:
    main = _main(client.get("/search?q=muscel").text)
    assert main.count("Did you mean:") == 1 and "No result" not in main
