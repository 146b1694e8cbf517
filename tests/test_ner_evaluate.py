"""ner.evaluate: exact-span entity scores (type, first and last token must all match)."""

from __future__ import annotations

import pytest

from kg.ner.evaluate import entity_f1, read_conll, read_spans


@pytest.mark.parametrize(
    "tags,spans",
    [
        (["B-PERS", "I-PERS", "O", "B-LOC"], {("PERS", 0, 1), ("LOC", 3, 3)}),
        (["O", "I-LOC", "I-LOC"], {("LOC", 1, 2)}),  # I- after O opens an entity
        (["B-ORG", "I-LOC"], {("ORG", 0, 0), ("LOC", 1, 1)}),  # type change ends it
        (["B-PERS", "B-PERS"], {("PERS", 0, 0), ("PERS", 1, 1)}),
        (["O", "O"], set()),
    ],
)
def test_ner_evaluate_reads_spans_like_conlleval(tags, spans):
    assert read_spans(tags) == spans


@pytest.mark.parametrize(
    "gold,pred,correct",
    [
        # الرئيس بشار الأسد: a span one token short is wrong, not half right.
        (["O", "B-PERS", "I-PERS"], ["O", "B-PERS", "O"], 0),
        (["O", "B-PERS", "I-PERS"], ["B-PERS", "I-PERS", "I-PERS"], 0),
        (["O", "B-PERS", "I-PERS"], ["O", "B-ORG", "I-ORG"], 0),  # right span, wrong type
        (["O", "B-PERS", "I-PERS"], ["O", "I-PERS", "I-PERS"], 1),
        (["O", "B-PERS", "I-PERS"], ["O", "B-PERS", "I-PERS"], 1),
    ],
)
def test_ner_evaluate_entity_f1_counts_exact_spans_only(gold, pred, correct):
    scores = entity_f1([gold], [pred])
    assert scores["PERS"]["gold"] == 1
    assert scores["PERS"]["correct"] == correct
    assert scores["micro"]["correct"] == correct


@pytest.mark.parametrize("types", [("PERS", "LOC", "ORG")])
def test_ner_evaluate_micro_pools_the_chosen_types(types):
    gold = [["B-PERS", "O", "B-LOC", "B-MISC"], ["B-ORG", "I-ORG"]]
    pred = [["B-PERS", "O", "B-ORG", "B-MISC"], ["B-ORG", "I-ORG"]]
    scores = entity_f1(gold, pred, types)
    assert set(scores) == {*types, "micro"}  # MISC is left out
    micro = scores["micro"]
    assert (micro["gold"], micro["pred"], micro["correct"]) == (3, 3, 2)
    assert micro["p"] == micro["r"] == micro["f1"] == pytest.approx(2 / 3)
    assert scores["LOC"]["f1"] == 0.0


@pytest.mark.parametrize("gold,pred", [([["O"]], [["O"], ["O"]]), ([["O", "O"]], [["O"]])])
def test_ner_evaluate_entity_f1_refuses_misaligned_input(gold, pred):
    with pytest.raises(ValueError):
        entity_f1(gold, pred)


@pytest.mark.parametrize(
    "text,sentences",
    [
        (
            "قال O\nبشار\tB-PERS\nالأسد I-PERS\n\n\nفي O\nحلب B-LOC\n",
            [
                (["قال", "بشار", "الأسد"], ["O", "B-PERS", "I-PERS"]),
                (["في", "حلب"], ["O", "B-LOC"]),
            ],
        ),
        ("حلب\n", [(["حلب"], ["O"])]),  # an untagged token counts as O
    ],
)
def test_ner_evaluate_read_conll_splits_on_blank_lines(tmp_path, text, sentences):
    path = tmp_path / "gold.conll"
    path.write_text(text, encoding="utf-8")
    assert read_conll(path) == sentences
