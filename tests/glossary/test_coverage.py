"""Coverage of the billable titles by the glossary, on the full data.

How the figures are derived (the method, which ``nosology info`` reports per chapter):

* English titles: the ICD-10-CM title of each of the 74,719 billable codes (``item.billable``).
* French titles: the title stored in ``item_title`` for a billable code, exact or borrowed from its
  nearest broader code: 4,685 exact + 67,759 borrowed = 72,444 codes (the other 2,275 billable codes
  have no French title and are not counted in French: among them the codes of the 13 categories
  whose CM and WHO titles share no word, such as W53 "Contact with rodent" / "Bitten by rat", and
  the 69 W16 codes of drowning, whose WHO category W16 excludes drowning).
* A title's words are its folded words minus the language's stop words (the registry's) and pure
  numbers; a word is glossed when it lies inside a glossary term found in the title (stemmed,
  longest phrase first). A code is fully glossed when every counted word of its title is.

The floors below are the overall shares measured on the data committed with them (3,201 English
and 2,718 French entries: the 1,383 of the first French parts and 1,335 of parts fr-1 and fr-2,
each read by a second reader, docs/glossary-review/review-fr-{1,2}.md; the matcher does not count
possessive and plural marks, "Clutton's", "graft(s)", as words and stems French words before folding
their accents): en 603,399 of 612,104 words = 98.6 %, 67,862 of 74,719 codes = 90.8 %; fr 351,997
of 353,984 words = 99.4 %, 71,154 of 72,444 codes = 98.2 % (``nosology glossary check --json``),
rounded down to a whole percent. When entries land, set each floor to the new figure rounded down;
the issue's targets are 95 % of words and 90 % of codes.
"""

from __future__ import annotations

import pytest

from nosology.glossary.build import billable_titles
from nosology.glossary.coverage import measure
from nosology.library import Library

pytestmark = pytest.mark.fulldata

BILLABLE = {"en": 74_719, "fr": 4_685 + 67_759}
# language -> (share of words glossed, share of codes fully glossed), floors of the committed data
FLOORS = {"en": (0.98, 0.90), "fr": (0.99, 0.98)}


def test_coverage_figures_are_those_of_the_method(library: Library) -> None:
    stored = library.info()["glossary"]["coverage"]
    conn = library.store.connection()
    for lang in library.languages:
        recomputed = measure(library.glossary.matcher(lang.code), billable_titles(conn, lang, library.languages.default.code)).to_dict()
        assert recomputed == stored[lang.code]
        overall = recomputed["overall"]
        assert overall["codes"] == BILLABLE[lang.code]
        assert sum(c["codes"] for c in recomputed["chapters"].values()) == BILLABLE[lang.code]
        words, codes = FLOORS[lang.code]
        assert overall["word_share"] >= words, f"{lang.code}: {overall}"
        assert overall["code_share"] >= codes, f"{lang.code}: {overall}"


def test_every_chapter_is_reported(library: Library) -> None:
    coverage = library.info()["glossary"]["coverage"]
    assert sorted(map(int, coverage["en"]["chapters"])) == list(range(1, 23))  # ICD-10-CM 2026 has 22 chapters
