"""Plain summaries on hand-made records, one per code shape: site + side, 7th-character encounter,
stage, unspecified, "other", with/without, due to, intent; a French exact title and a French
borrowed title (said as the group the code is in, with what the code adds); the notice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.glossary.conftest import ENTRIES

from nosology.glossary.reader import Glossary
from nosology.glossary.summary import PlainSummary, Summaries, load_phrases
from nosology.languages import default_languages
from nosology.models import CodeRecord, Item, LocalTitle, SevenChr

NBSP = "\u00a0"
EXTRA = [
    ("osteonecrosis", "en", "Death of bone tissue because its blood supply is cut off.", "", "condition", ""),
    ("ulna", "en", "The forearm bone on the side of the little finger.", "", "anatomy", ""),
    ("nondisplaced", "en", "In a fracture, the broken pieces stay lined up.", "", "qualifier", ""),
    ("foreign body", "en", "Something from outside that has got into the body.", "", "condition", ""),
    ("laceration", "en", "A cut or tear in the skin or another tissue.", "cut", "condition", ""),
    ("injury", "en", "Harm to the body caused by an outside force.", "hurt", "condition", ""),
    ("poisoning", "en", "Harm from taking too much of a substance.", "", "condition", ""),
    ("cholangitis", "en", "Infection or inflammation of the bile ducts.", "", "condition", ""),
    ("calculus", "en", "A hard stone that forms in an organ or duct.", "stone", "condition", ""),
    ("acetabulum", "en", "The cup-shaped socket of the hip bone.", "hip socket", "anatomy", ""),
    ("choléra", "fr", "Infection de l'intestin par un microbe de l'eau sale, avec une diarrhée très forte.", "", "condition", "cholera"),
    ("acétabulum", "fr", "La cavité de l'os de la hanche où s'emboîte le fémur.", "cotyle", "anatomy", "acetabulum"),
]


@pytest.fixture()
def glossary(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> Glossary:
    return glossary_of([*ENTRIES, *EXTRA])


def _record(code: str, title: str, chapter: int, *, fr: tuple[str, str, str] | None = None, parent: Item | None = None,
            seven: list[SevenChr] | None = None, group: Item | None = None) -> CodeRecord:
    titles = (LocalTitle("fr", fr[0], fr[1], fr[2]),) if fr else ()
    item = Item(10, code, "code", title, True, titles, chapter, seventh=bool(seven))
    ancestors = [a for a in (group, parent) if a is not None]
    return CodeRecord(item, ancestors, [], [], seven or [], None, [], {}, None)


def _summaries(glossary: Glossary) -> Summaries:
    return Summaries(glossary, default_languages())


def test_site_and_side_become_clauses(glossary: Glossary) -> None:
    group = Item(8, "M25.5", "subcategory", "Pain in joint", False, (), 13)
    record = _record("M25.561", "Pain in right knee", 13, fr=("Douleur articulaire", "ancestor", "M25.5"), group=group)
    out = _summaries(glossary).of(record)
    assert out["en"].text == "Pain in the knee, on the right side."
    # the French title is a broader code's: named as the group the code is in, with the body part
    # (through the glossary's pair) and the side it adds
    assert out["fr"].text == f"Ce code fait partie du groupe de la CIM-10 « Douleur articulaire », il précise{NBSP}: au genou, côté droit."
    # a detail French words cannot say: the English title is quoted
    record = _record("M25.561", "Pain in right knee due to cholera", 13, fr=("Douleur articulaire", "ancestor", "M25.5"), group=group)
    assert _summaries(glossary).of(record)["fr"].text.endswith(f"son titre détaillé n’existe qu’en anglais{NBSP}: « Pain in right knee due to cholera ».")


def test_the_issues_model_sentence(glossary: Glossary) -> None:
    parent = Item(9, "S42.031", "code", "Displaced fracture of lateral end of right clavicle", False, (), 19)
    seven = [SevenChr("A", "initial encounter for closed fracture"), SevenChr("G", "subsequent encounter for fracture with delayed healing")]
    record = _record("S42.031G", "Displaced fracture of lateral end of right clavicle, subsequent encounter for fracture with delayed healing",
                     19, fr=("Fracture de la clavicule", "ancestor", "S42.0"), parent=parent, seven=seven)
    out = _summaries(glossary).of(record)
    assert out["en"].text == ("Broken bone (fracture) of the outer end of the collarbone (clavicle), on the right side, where the broken "
                              "pieces have moved out of line; this code is for a follow-up visit because the bone is healing more "
                              "slowly than expected.")
    assert out["fr"].text.startswith(f"Ce code fait partie du groupe de la CIM-10 « Fracture (os cassé) de la clavicule », il précise{NBSP}: "
                                     f"côté droit, les morceaux d'os se sont déplacés{NBSP}; clavicule{NBSP}: l'os long entre le sternum et "
                                     f"l'épaule{NBSP}; ce code sert à une visite de suivi quand "
                                     "l'os met plus de temps que prévu à se consolider")


def test_nondisplaced_and_open_fracture(glossary: Glossary) -> None:
    seven = [SevenChr("B", "initial encounter for open fracture")]
    record = _record("S32.475B", "Nondisplaced fracture of medial wall of left acetabulum, initial encounter for open fracture", 19, seven=seven)
    assert _summaries(glossary).of(record)["en"].text == (
        "Broken bone (fracture) of medial wall of the hip socket (acetabulum), on the left side, where the broken pieces have stayed "
        "in line; this code is used while an open fracture (the bone has broken through the skin) is being actively treated.")


def test_stage(glossary: Glossary) -> None:
    record = _record("N18.31", "Chronic kidney disease, stage 3a", 14)
    # an abbreviation is no plainer word: the term is explained by its definition instead
    assert _summaries(glossary).of(record)["en"].text == (
        "Chronic kidney disease, stage 3a; chronic kidney disease means kidneys that slowly lose their ability to clean the blood "
        "over months or years.")


def test_unspecified(glossary: Glossary) -> None:
    record = _record("A00.9", "Cholera, unspecified", 1, fr=("Choléra, sans précision", "exact", "A00.9"))
    out = _summaries(glossary).of(record)
    assert out["en"].text == ("Cholera, unspecified; cholera means a bowel infection caused by a germ in dirty water that gives severe "
                              "watery diarrhea; “unspecified” means the record does not give that detail.")
    # an exact French title is the code's own: rewritten like the English one
    # "choléra" is a word French readers know (Zipf 3.42 in French, over ``familiar_zipf``): not explained
    assert out["fr"].text == f"Choléra, sans précision{NBSP}; « sans précision » veut dire que le dossier ne donne pas ce détail."


def test_french_jargon_is_explained(glossary: Glossary) -> None:
    # French phrases have no explain_not_starting key: no definition was ever given (an empty prefix matched all)
    record = _record("M87.9", "Osteonecrosis, unspecified", 13, fr=("Ostéonécrose, sans précision", "exact", "M87.9"))
    assert "ostéonécrose : mort d'une partie d'un os" in _summaries(glossary).of(record)["fr"].text.replace(NBSP, " ")


def test_unspecified_kind_and_side(glossary: Glossary) -> None:
    record = _record("S82.309A", "Unspecified fracture of unspecified clavicle", 19)
    assert _summaries(glossary).of(record)["en"].text == "Broken bone (fracture) of the collarbone (clavicle), of a kind not stated, the side is not stated."
    out = _summaries(glossary).of(_record("M25.569", "Pain in unspecified knee", 13))
    assert out["en"].text == "Pain in the knee, the side is not stated."


def test_unspecified_that_names_no_side(glossary: Glossary) -> None:
    out = _summaries(glossary).of(_record("T43.201A", "Poisoning by unspecified antidepressants, accidental (unintentional)", 19))
    assert out["en"].text == "Poisoning by unspecified antidepressants, by accident; “unspecified” means the record does not give that detail."


def test_other(glossary: Glossary) -> None:
    summaries = _summaries(glossary)
    other = summaries.of(_record("M61.28", "Paralytic calcification and ossification of muscle, other site", 13))
    # "other" qualifies a site here: said as a place, not as the "other" convention
    assert other["en"].text == "Paralytic calcification and ossification of muscle, in another part of the body."
    leading = summaries.of(_record("M87.834", "Other osteonecrosis of right ulna", 13))
    assert leading["en"].text == ("Osteonecrosis of the ulna, of another named kind that has no code of its own, on the right side; "
                                  "osteonecrosis means death of bone tissue because its blood supply is cut off; "
                                  "ulna means the forearm bone on the side of the little finger.")
    specified = summaries.of(_record("K63.89", "Other specified diseases of intestine", 11))
    assert specified["en"].text == ("Other specified diseases of intestine; “other specified” means the record names something more "
                                    "precise that has no code of its own.")  # one clause, not "other" and "other specified" both
    first = summaries.of(_record("K59.8", "Other functional intestinal disorders", 11))
    assert first["en"].text.endswith("; “other” means a named form that has no code of its own here.")


def test_with_and_without(glossary: Glossary) -> None:
    record = _record("S41.011A", "Laceration without foreign body of right clavicle", 19)
    # "laceration" keeps its own word (the phrases keep it: a cut is not every laceration), explained
    assert _summaries(glossary).of(record)["en"].text == ("Laceration without foreign body of the collarbone (clavicle), on the right side; "
                                                          "laceration means a cut or tear in the skin or another tissue.")
    record = _record("K80.37", "Calculus of bile duct with cholangitis", 11)
    assert _summaries(glossary).of(record)["en"].text == ("Stone (calculus) of bile duct with cholangitis; cholangitis means infection or "
                                                          "inflammation of the bile ducts.")


def test_due_to_and_intent(glossary: Glossary) -> None:
    record = _record("T50.902A", "Poisoning by drugs due to cholera, intentional self-harm", 19)
    # the rare word is explained, whatever its form ("cholera": no figure, so rare), not "poisoning" (Zipf 3.84)
    assert _summaries(glossary).of(record)["en"].text == (
        "Poisoning by drugs due to cholera, taken or done on purpose to cause self-harm; cholera means a bowel infection caused "
        "by a germ in dirty water that gives severe watery diarrhea.")


def test_everyday_words_are_not_explained_and_the_rarest_come_first(glossary: Glossary) -> None:
    summaries = _summaries(glossary)
    assert summaries.everyday("knee", "en") and summaries.everyday("poisoning", "en")
    assert not summaries.everyday("osteonecrosis", "en")
    assert not summaries.everyday("chronic kidney disease", "en")  # a fixed phrase is rarer than its words
    text = summaries.of(_record("M87.834", "Other osteonecrosis of right ulna", 13))["en"].text
    # both explained, read in the order a reader needs them: the illness before the place
    assert text.index("osteonecrosis means") < text.index("ulna means")


def test_french_borrowed_title_that_says_everything_with_its_clauses(glossary: Glossary) -> None:
    group = Item(8, "A00.9", "code", "Cholera, unspecified", False, (), 1)
    record = _record("A00.9X", "Cholera, unspecified, left side", 1, fr=("Choléra, sans précision", "ancestor", "A00.9"), group=group)
    out = _summaries(glossary).of(record)
    # the group's title and the side say all the code says: the title is this code's, not a group
    assert out["fr"].text == f"Choléra, sans précision, côté gauche{NBSP}; « sans précision » veut dire que le dossier ne donne pas ce détail."


def test_no_french_title_says_so_in_french(glossary: Glossary) -> None:
    out = _summaries(glossary).of(_record("U07.1", "COVID-19", 22))
    assert out["fr"].text == f"Ce code n’a pas de titre français{NBSP}; son titre anglais dit « COVID-19 »."


def test_no_lay_word_inside_the_titles_own_brackets(glossary: Glossary) -> None:
    out = _summaries(glossary).of(_record("S42.00", "Avulsion injury (chip fracture) of clavicle", 19))
    assert out["en"].text == "Avulsion injury (chip fracture) of the collarbone (clavicle)."


def test_only_billable_codes_and_the_notice(glossary: Glossary) -> None:
    header = CodeRecord(Item(3, "S42", "category", "Fracture of shoulder and upper arm", False, (), 19), [], [], [], [], None, [], {}, None)
    assert _summaries(glossary).of(header) == {}
    summary = _summaries(glossary).compose(_record("A00.9", "Cholera, unspecified", 1), "en")
    assert summary == PlainSummary("en", summary.text, "Written from the classification, not medical advice.")
    assert load_phrases("fr")["notice"] == "Rédigé à partir de la classification, ce n'est pas un avis médical."
    assert load_phrases("xx") == {}


def test_explain_through_pair(toy_glossary: Glossary) -> None:
    glosses = toy_glossary.explain("Pain in right knee", "en", "fr")
    assert [(g.term, g.found) for g in glosses] == [("douleur", "pain"), ("genou", "knee")]
    assert [g.term for g in toy_glossary.explain("Pain in right knee", "en", "en")] == ["knee", "pain"][::-1]


def test_a_pair_spelled_like_its_term_is_still_a_pair(toy_glossary: Glossary) -> None:
    glosses = toy_glossary.explain("Fracture of clavicle", "en", "fr")
    assert [(g.term, g.found, g.lang) for g in glosses] == [("fracture", "Fracture".lower(), "fr"), ("clavicule", "clavicle", "fr")]


def test_french_group_that_says_something_else_than_the_code(glossary: Glossary) -> None:
    group = Item(8, "T36.8", "subcategory", "Poisoning by, adverse effect of and underdosing of other systemic antibiotics", False, (), 19)
    record = _record("T36.8X6A", "Underdosing of other systemic antibiotics", 19,
                     fr=("Intoxication par antibiotiques systémiques", "ancestor", "T36.8"), group=group)
    # the CIM-10 group is about poisoning: the code's own kind is said before anything else
    assert _summaries(glossary).of(record)["fr"].text.startswith(
        f"Ce code fait partie du groupe de la CIM-10 « Intoxication par antibiotiques systémiques », il précise{NBSP}: un sous-dosage "
        "(une dose prise trop faible), pas une intoxication")


def test_left_that_is_no_side(glossary: Glossary) -> None:
    out = _summaries(glossary).of(_record("T81.518A", "Adhesions due to foreign body accidentally left in body following cholera", 19))
    assert "left side" not in out["en"].text and "left in body" in out["en"].text


def _explaining(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> Summaries:
    extra = [
        ("duodenal", "en", "Of the duodenum, the first part of the small intestine.", "", "anatomy", ""),
        ("cervical", "en", "Of the neck, or of the cervix, the lower neck of the womb.", "", "anatomy", ""),
        ("ulceration", "en", "An open sore forming. It can bleed and heal slowly over many weeks and months.", "", "condition", ""),
        ("secondary", "en", "Caused by another disease; for cancer, spread from where it started.", "", "qualifier", ""),
        ("special", "en", "Specific or particular.", "", "qualifier", ""),
        ("birth canal", "en", "The passage a baby goes through at birth.", "", "anatomy", ""),
        ("vaginalization", "en", "Made-up fixture word for a title.", "birth canal", "condition", ""),
    ]
    return _summaries(glossary_of([*ENTRIES, *extra]))


def test_adjective_definitions_and_first_sentences_are_explained(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    text = _explaining(glossary_of).of(_record("K99.1", "Duodenal ulceration", 11))["en"].text
    # the condition first, then the site; an adjective's "Of the …" said as "having to do with";
    # only the first sentence of a longer definition
    assert text == ("Duodenal ulceration; ulceration means an open sore forming; "
                    "duodenal means having to do with the duodenum, the first part of the small intestine.")


def test_two_senses_everyday_qualifiers_and_inserted_lay_words_are_not_explained(
        glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    summaries = _explaining(glossary_of)
    assert "cervical means" not in summaries.of(_record("K99.2", "Cervical ulceration", 11))["en"].text
    # "special" ends as adjectives do but is no jargon; a qualifier's second sense after ";" is dropped
    text = summaries.of(_record("K99.3", "Secondary special ulceration", 11))["en"].text
    assert "special means" not in text and "secondary means caused by another disease;" not in text
    # "birth canal" is the rewrite's lay word, not the title's: it is not explained
    assert "birth canal means" not in summaries.of(_record("K99.4", "Vaginalization", 11))["en"].text


def test_fetus_character_is_said(glossary: Glossary) -> None:
    seven = [SevenChr("0", "not applicable or unspecified"), SevenChr("2", "fetus 2")]
    record = _record("O99.00X2", "Maternal care for the injury, fetus 2", 15, seven=seven)
    text = _summaries(glossary).of(record)["en"].text
    assert "fetus 2," not in text and text.endswith("for the second baby of a multiple pregnancy (fetus 2).")


def test_no_lay_word_inside_a_name_or_a_list(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    extra = [
        ("sudden-ish", "en", "Fixture qualifier.", "abrupt", "qualifier", ""),
        ("thorax", "en", "The part of the body between the neck and the belly.", "", "anatomy", ""),
        ("thoracic", "en", "Of the thorax.", "", "anatomy", ""),
        ("syndrome", "en", "A group of signs that occur together.", "", "condition", ""),
        ("sensorineural hearing loss", "en", "Hearing loss from the inner ear or its nerve.", "nerve deafness", "condition", ""),
    ]
    summaries = _summaries(glossary_of([*ENTRIES, *extra]))
    # a body part naming a syndrome: the qualifier before it stays as written
    assert summaries.of(_record("D99.1", "Sudden-ish thorax syndrome", 3))["en"].text.startswith("Sudden-ish thorax syndrome")
    # before an adjective of a body part, it takes its lay word
    assert summaries.of(_record("D99.2", "Sudden-ish thoracic syndrome", 3))["en"].text.startswith("Abrupt thoracic syndrome")
    text = summaries.of(_record("H99.6", "Mixed conductive and sensorineural hearing loss", 8))["en"].text
    assert text.startswith("Mixed conductive and sensorineural hearing loss")


def test_other_is_not_said_twice_beside_nec(glossary: Glossary) -> None:
    text = _summaries(glossary).of(_record("K83.09", "Other cholangitis, not elsewhere classified", 11))["en"].text
    assert "another named kind" not in text and "no more precise code exists" in text


def test_french_group_fallback_names_the_codes_own_terms_through_the_pairs(glossary: Glossary) -> None:
    group = Item(8, "A00", "category", "Cholera", False, (), 1)
    record = _record("A00.81", "Cholera with calculus of acetabulum", 1, fr=("Choléra", "ancestor", "A00"), group=group)
    text = _summaries(glossary).of(record)["fr"].text
    # the paired French term and its short definition, not the group's own word again; the English
    # title stays, since the pairs cannot say it all ("calculus" has no French pair)
    assert f"le titre anglais nomme{NBSP}: acétabulum (la cavité de l'os de la hanche où s'emboîte le fémur)" in text
    assert "« Cholera with calculus of acetabulum »" in text
    assert "choléra (" not in text


def test_french_site_subdivision_said_as_a_place(glossary: Glossary) -> None:
    record = _record("A00.01", "Cholera of left shoulder", 1, fr=("Choléra - Région scapulaire", "exact", "A00.0"))
    text = _summaries(glossary).of(record)["fr"].text
    assert text.startswith("Choléra à l'épaule") and " - " not in text


def test_french_other_title_keeps_the_codes_not_elsewhere_classified(glossary: Glossary) -> None:
    group = Item(8, "A00", "category", "Other cholera", False, (), 1)
    record = _record("A00.8", "Other cholera, not elsewhere classified", 1, fr=("Autres choléras", "ancestor", "A00"), group=group)
    text = _summaries(glossary).of(record)["fr"].text
    assert "aucun code plus précis n'existe" in text and "il s'agit d'une forme nommée" not in text


def test_a_lay_word_derived_from_the_head_follows_the_term(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    # "broken bone" is the lay word of "fracture" only: it follows "transverse fracture" instead
    # of taking "transverse" out of the plain part
    entries = [*ENTRIES, ("transverse fracture", "en", "A break that goes straight across a bone.", "", "condition", ""),
               ("transverse", "en", "Going straight across.", "", "qualifier", "")]
    text = _summaries(glossary_of(entries)).of(_record("S52.322D", "Transverse fracture of shaft of clavicle", 19))["en"].text
    assert text.startswith("Transverse fracture (broken bone) of shaft of the collarbone (clavicle)")


def test_a_sided_body_part_said_as_a_place_keeps_its_side_word(glossary: Glossary) -> None:
    # ", left knee" reads "in the left knee", with no separate side clause saying it again
    text = _summaries(glossary).of(_record("M25.462", "Effusion, left knee", 13))["en"].text
    assert text.startswith("Effusion, in the left knee") and "left side" not in text


def test_a_segment_that_is_a_sentence_follows_the_separator(glossary: Glossary) -> None:
    # "the illness is calmer …" is a clause of its own: after "; ", not glued on with a comma
    text = _summaries(glossary).of(_record("F17.291", "Nicotine dependence, other tobacco product, in remission", 5))["en"].text
    assert "; the illness is calmer or gone for now (in remission)" in text


def test_a_group_title_said_by_its_own_clauses_is_not_followed_by_the_same_convention_again(glossary: Glossary) -> None:
    group = Item(8, "K83.0", "code", "Other cholangitis, not elsewhere classified", False, (), 11)
    record = _record("K83.09X", "Other cholangitis, not elsewhere classified, left side", 11,
                     fr=("Autres angiocholites, non classées ailleurs", "ancestor", "K83.0"), group=group)
    text = _summaries(glossary).of(record)["fr"].text
    assert text.count("aucun code plus précis") <= 1


def test_french_title_loses_its_dagger_asterisk_reference(glossary: Glossary) -> None:
    record = _record("A00.8", "Cholera meningitis", 1, fr=("Choléra (G01*)", "exact", "A00.8"))
    text = _summaries(glossary).of(record)["fr"].text
    assert "G01" not in text and text.startswith("Choléra")


def test_french_says_which_baby(glossary: Glossary) -> None:
    seven = [SevenChr("0", "not applicable or unspecified"), SevenChr("3", "fetus 3")]
    record = _record("O99.00X3", "Maternal care for the injury, fetus 3", 15, fr=("Soins maternels", "ancestor", "O99"), seven=seven)
    assert "pour le troisième bébé d'une grossesse multiple" in _summaries(glossary).of(record)["fr"].text


def test_a_lay_word_follows_the_plural_of_the_titles_word(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    extra = [("injection", "en", "Putting a medicine into the body with a needle.", "shot", "procedure", ""),
             ("anomaly", "en", "Something unusual in how a body part formed.", "abnormality", "condition", "")]
    summaries = _summaries(glossary_of([*ENTRIES, *extra]))
    assert summaries.of(_record("F40.2", "Fear of injections", 5))["en"].text.startswith("Fear of shots (injections)")
    assert summaries.of(_record("Q99.8", "Other anomalies", 17))["en"].text.startswith("Abnormalities (anomalies)")


def test_a_condition_named_with_a_latin_word_keeps_its_name(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    extra = [("erythema", "en", "Redness of the skin from widened small blood vessels.", "redness", "condition", "")]
    summaries = _summaries(glossary_of([*ENTRIES, *extra]))
    assert summaries.of(_record("L53.2", "Erythema marginatum", 12))["en"].text.startswith("Erythema marginatum")
    assert summaries.of(_record("L53.9", "Erythema, unspecified", 12))["en"].text.startswith("Redness (erythema)")


def test_a_status_code_says_what_status_means(glossary: Glossary) -> None:
    text = _summaries(glossary).of(_record("Z94.4", "Liver transplant status", 21))["en"].text
    assert text.endswith("“status” here means a lasting state the person lives with, such as a past operation, a device in place or a missed vaccination.")
    assert "“status” here" not in _summaries(glossary).of(_record("G40.9", "Epilepsy with status epilepticus", 6))["en"].text


def test_an_intent_the_title_gives_without_its_comma_is_said_as_a_clause(glossary: Glossary) -> None:
    text = _summaries(glossary).of(_record("T43.652", "Poisoning by methamphetamines intentional self-harm", 19))["en"].text
    assert text.startswith("Poisoning by methamphetamines, taken or done on purpose to cause self-harm")


def test_two_body_parts_joined_by_and_are_one_place(glossary_of: Callable[[list[tuple[str, str, str, str, str, str]]], Glossary]) -> None:
    extra = [("ankle", "en", "The joint between the foot and the leg.", "", "anatomy", ""),
             ("foot", "en", "The part of the leg below the ankle.", "", "anatomy", "")]
    text = _summaries(glossary_of([*ENTRIES, *extra])).of(_record("M70.871", "Other soft tissue disorders, right ankle and foot", 13))["en"].text
    assert "in the right ankle and foot" in text
