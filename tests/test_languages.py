"""The language registry: a third language, registered from small fixtures, reaches lookup,
search and the API without any module outside the registry knowing it.

The toy language (code ``xx``, Finnish stemming, titles from ``fixtures/toy_titles.tsv``) is
built into its own database; nothing of it ships.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from nosology.languages import Language, Languages, TitleSource, default_languages
from nosology.library import Library, build
from nosology.settings import load_settings

TOY = Language(
    code="xx",
    name="Toy",
    stemmer="finnish",
    stop_words=frozenset(["ja"]),
    titles=TitleSource("tsv", "toy", "Toy titles", Path(__file__).parent / "fixtures" / "toy_titles.tsv"),
    title_kind="xx_title",
)


def test_registry_basics() -> None:
    registry = default_languages().with_language(TOY)
    assert registry.codes == ("en", "fr", "xx")
    assert registry.default.code == "en" and [lang.code for lang in registry.translated] == ["fr", "xx"]
    assert registry.url_prefix("en") == "" and registry.url_prefix("xx") == "/xx"
    assert "ja" in registry.stop_words and "ja" not in default_languages().stop_words
    with pytest.raises(Exception, match="unknown language 'zz'"):
        registry.get("zz")
    with pytest.raises(ValueError):
        Languages([])


@pytest.fixture(scope="module")
def toy_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    settings = load_settings({}, data_dir=tmp_path_factory.mktemp("toy"), log_json=False, secret_key="toy-test-key",
                             trusted_hosts=("testserver",))  # TestClient's Host
    registry = default_languages().with_language(TOY)
    build(settings, languages=registry)
    return Library.open(settings, languages=registry)


@pytest.mark.fulldata
def test_toy_titles_in_lookup(toy_library: Library) -> None:
    item = toy_library.classification.get("M61.28")
    toy = item.title_in("xx")
    assert toy is not None and (toy.title, toy.level, toy.code) == ("lamaantuneen lihaksen luutuminen", "ancestor", "M61.2")
    exact = toy_library.classification.get("M61.2").title_in("xx")
    assert exact is not None and exact.level == "exact"
    assert item.title_in("fr") is not None  # French is still there
    assert toy_library.classification.record("M61.2").translations["xx"].system == "toy"


@pytest.mark.fulldata
def test_toy_titles_in_search(toy_library: Library) -> None:
    hits = toy_library.search.search("lamaantuneen lihaksen luutuminen", lang="xx").results
    assert hits[0].code == "M61.2" and hits[0].matched == "xx_title"
    # an inflection meets the title through the toy language's own stemmer
    assert "M61.2" in [h.code for h in toy_library.search.search("lamaantuneen luutumista").results[:3]]
    # English queries still work as before
    assert toy_library.search.search("paralytic ossification of muscle").results[0].code.startswith("M61.2")


@pytest.mark.fulldata
def test_toy_titles_in_the_api(toy_library: Library) -> None:
    from nosology.web.app import create_app

    with TestClient(create_app(toy_library.settings, toy_library), raise_server_exceptions=False) as client:
        record = client.get("/api/codes/M61.2").json()
        assert record["item"]["titles"]["xx"] == "lamaantuneen lihaksen luutuminen"
        assert record["translations"]["xx"]["level"] == "exact"
        search = client.get("/api/search", params={"q": "sokeritauti kakkostyyppi", "lang": "xx"}).json()
        assert search["results"][0]["code"] == "E11"
