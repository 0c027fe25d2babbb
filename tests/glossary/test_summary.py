"""Plain summaries on hand-made records, one per code shape: site + side, 7th-character encounter,
stage, unspecified, "other"; in English and French, with the notice."""

from __future__ import annotations

from nosology.glossary.reader import Glossary
from nosology.glossary.summary import PlainSummary, Summaries, load_phrases
from nosology.languages import default_languages
from nosology.models import CodeRecord, Item, LocalTitle, SevenChr


def _record(code: str, title: str, chapter: int, *, fr: tuple[str, str, str] | None = None, parent: Item | None = None,
            seven: list[SevenChr] | None = None) -> CodeRecord:
    titles = (LocalTitle("fr", fr[0], fr[1], fr[2]),) if fr else ()
    item = Item(10, code, "code", title, True, titles, chapter, seventh=bool(seven))
    return CodeRecord(item, [parent] if parent else [], [], [], seven or [], None, [], {}, None)


def _summaries(glossary: Glossary) -> Summaries:
    return Summaries(glossary, default_languages())


def test_site_and_side(toy_glossary: Glossary) -> None:
    record = _record("M25.561", "Pain in right knee", 13, fr=("Douleur articulaire", "ancestor", "M25.5"))
    out = _summaries(toy_glossary).of(record)
    assert out["en"].text == "Pain in right knee."
    # the French title is the broader code's: the side the CM code adds is said, and that it is broader
    # a broader code's title is named as the group the code is in, never as the code's own
    assert out["fr"].text == ("Ce code fait partie du groupe « Douleur articulaire » de la CIM-10\u00a0; côté droit\u00a0; "
                              "le code américain précise davantage (voir son titre anglais).")


def test_seventh_character_encounter_and_lay_words(toy_glossary: Glossary) -> None:
    parent = Item(9, "S42.031", "code", "Displaced fracture of lateral end of right clavicle", False, (), 19)
    seven = [SevenChr("A", "initial encounter for closed fracture"), SevenChr("G", "subsequent encounter for fracture with delayed healing")]
    record = _record("S42.031G", "Displaced fracture of lateral end of right clavicle, subsequent encounter for fracture with delayed healing",
                     19, fr=("Fracture de la clavicule", "ancestor", "S42.0"), parent=parent, seven=seven)
    out = _summaries(toy_glossary).of(record)
    assert out["en"].text == ("Displaced fracture (broken bone) of lateral end (outer end) of right clavicle (collarbone); "
                              "this code is for a follow-up visit because the bone is healing more slowly than expected.")
    assert out["fr"].text.startswith("Ce code fait partie du groupe « Fracture (os cassé) de la clavicule » de la CIM-10\u00a0; côté droit\u00a0; "
                                     "ce code sert à une visite de suivi quand l'os met plus de temps que prévu à se consolider")


def test_stage(toy_glossary: Glossary) -> None:
    record = _record("N18.31", "Chronic kidney disease, stage 3a", 14, fr=("Maladie rénale chronique, stade 3", "ancestor", "N18.3"))
    out = _summaries(toy_glossary).of(record)
    assert out["en"].text == "Chronic kidney disease (CKD), stage 3a."


def test_unspecified(toy_glossary: Glossary) -> None:
    record = _record("A00.9", "Cholera, unspecified", 1, fr=("Choléra, sans précision", "exact", "A00.9"))
    out = _summaries(toy_glossary).of(record)
    assert out["en"].text == "Cholera, unspecified; “unspecified” means the record does not give that detail."
    assert out["fr"].text == "Choléra, sans précision\u00a0; « sans précision » veut dire que le dossier ne donne pas ce détail."


def test_other_and_other_specified(toy_glossary: Glossary) -> None:
    summaries = _summaries(toy_glossary)
    other = summaries.of(_record("M61.28", "Paralytic calcification and ossification of muscle, other site", 13))
    assert other["en"].text == "Paralytic calcification and ossification of muscle, other site."  # "other" qualifies a site here
    leading = summaries.of(_record("K63.89", "Other specified diseases of intestine", 11))
    assert leading["en"].text == ("Other specified diseases of intestine; “other specified” means the record names something more "
                                  "precise that has no code of its own.")  # one clause, not "other" and "other specified" both
    plain = summaries.of(_record("E13.9", "Other specified diabetes mellitus without complications", 4))
    assert plain["en"].text.count("“other") == 1
    first = summaries.of(_record("K59.8", "Other functional intestinal disorders", 11))
    assert first["en"].text.endswith("; “other” means a named form that has no code of its own here.")


def test_no_french_title_says_so_in_french(toy_glossary: Glossary) -> None:
    out = _summaries(toy_glossary).of(_record("U07.1", "COVID-19", 22))
    assert out["fr"].text == "Ce code n’a pas de titre français ; son titre anglais dit « COVID-19 »."


def test_unspecified_side_says_which_detail_is_missing(toy_glossary: Glossary) -> None:
    out = _summaries(toy_glossary).of(_record("M25.569", "Pain in unspecified knee", 13))
    assert out["en"].text == "Pain in unspecified knee; the record does not say which side."


def test_no_lay_word_inside_the_titles_own_brackets(toy_glossary: Glossary) -> None:
    out = _summaries(toy_glossary).of(_record("S42.00", "Avulsion injury (chip fracture) of clavicle", 19))
    assert out["en"].text == "Avulsion injury (chip fracture) of clavicle (collarbone)."


def test_only_billable_codes_and_the_notice(toy_glossary: Glossary) -> None:
    header = CodeRecord(Item(3, "S42", "category", "Fracture of shoulder and upper arm", False, (), 19), [], [], [], [], None, [], {}, None)
    assert _summaries(toy_glossary).of(header) == {}
    summary = _summaries(toy_glossary).compose(_record("A00.9", "Cholera, unspecified", 1), "en")
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
