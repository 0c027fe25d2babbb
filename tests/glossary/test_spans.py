"""The text spans the rewrite reads: plurals, brackets, hyphens, words and edits."""

from __future__ import annotations

from nosology.glossary.spans import after_space, apply_edits, in_brackets, is_inflection, tokens


def test_plurals_are_inflections_and_other_words_of_the_stem_are_not() -> None:
    assert is_inflection("fractures", "fracture") and is_inflection("bursae", "bursa") and is_inflection("testes", "testis")
    assert is_inflection("injuries", "injury")
    assert not is_inflection("fractured", "fracture") and not is_inflection("intestinal", "intestine")


def test_brackets_nest_and_close() -> None:
    text = "Retained (old [magnetic]) body"
    assert in_brackets(text, text.index("magnetic")) and in_brackets(text, text.index("old"))
    assert not in_brackets(text, text.index("body"))


def test_hyphenated_words_are_one_token_and_edits_apply_in_order() -> None:
    assert [t[2] for t in tokens("Intra-abdominal abscess, left")] == ["Intra-abdominal", "abscess", "left"]
    assert after_space("left knee", 4) == 5
    assert apply_edits("Pain in left knee", [(8, 13, ""), (0, 4, "Ache")]) == "Ache in knee"
