"""Matching terms in titles: stemmed, folded, stop words ignored, longest phrase first."""

from __future__ import annotations

from nosology.glossary.coverage import gaps
from nosology.glossary.matching import Matcher
from nosology.languages import default_languages

EN = default_languages().get("en")
FR = default_languages().get("fr")


def test_inflected_forms_and_case_meet_the_base_form() -> None:
    m = Matcher(EN, ["fracture", "clavicle", "NOS"])
    assert m.terms_in("Fractures of clavicles, NOS") == ["fracture", "clavicle", "NOS"]
    assert m.terms_in("Fractured CLAVICLE") == ["fracture", "clavicle"]


def test_longest_phrase_wins_and_its_words_are_not_listed_again() -> None:
    m = Matcher(EN, ["end", "lateral end", "diseases", "in diseases classified elsewhere"])
    assert m.terms_in("Fracture of lateral end of clavicle") == ["lateral end"]
    assert m.terms_in("Arthropathy in diseases classified elsewhere") == ["in diseases classified elsewhere"]
    assert m.terms_in("Other diseases of the end plate") == ["diseases", "end"]


def test_coverage_counts_words_without_stop_words_and_numbers() -> None:
    m = Matcher(EN, ["chronic kidney disease", "stage 3a"])
    # "Chronic kidney disease, stage 3a": 5 counted words, all glossed
    assert m.coverage("Chronic kidney disease, stage 3a") == (5, 5)
    # "of" is a stop word, "2" a number: "Fracture", "rib" counted, neither glossed
    assert m.coverage("Fracture of 2 ribs") == (2, 0)


def test_french_accents_and_elisions() -> None:
    m = Matcher(FR, ["épaule", "lésion traumatique"])
    assert m.terms_in("Lésions traumatiques de l'épaule") == ["lésion traumatique", "épaule"]
    assert m.terms_in("LESION TRAUMATIQUE DE L'EPAULE") == ["lésion traumatique", "épaule"]


def test_same_stems_are_reported_as_clashes() -> None:
    m = Matcher(EN, ["fracture", "fractures"])
    assert m.clashes == [("fractures", "fracture")]


def test_spans_point_into_the_original_text() -> None:
    m = Matcher(EN, ["lateral end"])
    text = "Displaced fracture of lateral end of left clavicle"
    [match] = m.find(text)[1]
    assert text[match.start : match.end] == "lateral end"


def test_french_endings_are_stemmed_with_their_accents() -> None:
    # folded first, "précisées" would stem to "precise" and "précisé" to "precis"
    m = Matcher(FR, ["précisé", "blessé"])
    assert m.terms_in("Autres infections précisées, personne blessée") == ["précisé", "blessé"]


def test_possessive_and_plural_marks_are_not_words() -> None:
    m = Matcher(EN, ["Clutton", "joint", "graft"])
    assert m.coverage("Clutton's joints") == (2, 2)
    assert m.coverage("Atherosclerosis of bypass graft(s)") == (3, 1)
    assert m.coverage("Vitamin B deficiency, type s") == (5, 0)  # a letter of its own is still a word


def test_gaps_rank_the_words_that_would_complete_codes_first() -> None:
    m = Matcher(EN, ["fracture", "clavicle"])
    titles = [(19, "Fracture of clavicle"), (19, "Fracture of pelvis"), (19, "Fracture of pelvis"), (19, "Bursitis of knee")]
    found = [(g.stem, g.codes, g.sole) for g in gaps(m, titles)]
    assert found == [("pelvi", 2, 2), ("bursiti", 1, 0), ("knee", 1, 0)]
