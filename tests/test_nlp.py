"""nlp: sentences on full stops and line breaks, norms beside the original text."""

from __future__ import annotations

import pytest

from kg.nlp import make_nlp


def test_nlp_norm_is_set_and_text_kept():
    doc = make_nlp()("وأكّد المبعوث")
    assert [(t.text, t.norm_) for t in doc] == [("وأكّد", "واكد"), ("المبعوث", "المبعوث")]


def test_nlp_line_break_ends_a_sentence():
    doc = make_nlp()("عنوان بلا نقطة\nقال الوزير إن الوضع صعب. وأضاف أنه متفائل.")
    texts = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert texts == ["عنوان بلا نقطة", "قال الوزير إن الوضع صعب.", "وأضاف أنه متفائل."]


@pytest.mark.parametrize(
    "text,tokens",
    [
        ('إلى واشنطن". وكانت', ["إلى", "واشنطن", '"', ".", "وكانت"]),
        ("عام 2012. وقال", ["عام", "2012", ".", "وقال"]),
        ("لـ”كافة أشكال”،", ["لـ", "”", "كافة", "أشكال", "”", "،"]),
        ("بي.بي.سي", ["بي.بي.سي"]),
    ],
)
def test_nlp_quotes_and_stops_are_tokens_of_their_own(text, tokens):
    assert [t.text for t in make_nlp()(text)] == tokens


def test_nlp_person_probability_is_high_on_a_name_and_low_on_a_verb():
    doc = make_nlp()("وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده تؤدي دورها.")
    person = {t.text: t._.person for t in doc}
    assert all(0.0 <= p <= 1.0 for p in person.values())
    assert person["ماكرون"] > 0.5
    assert person["تؤدي"] < 0.1
