"""ner.corpus: ANERcorp's training portion, never the CAMeL test split."""

from __future__ import annotations

import pytest

from kg.ner.corpus import TEST_TOKENS, read_anercorp, read_training, split_sentences


@pytest.mark.parametrize(
    "rows,sentences",
    [
        (
            [("قال", "O"), (".", "O"), ("في", "O"), ("حلب", "B-LOC"), ("؟", "O"), ("و", "O")],
            [(["قال", "."], ["O", "O"]), (["في", "حلب", "؟"], ["O", "B-LOC", "O"]), (["و"], ["O"])],
        ),
        ([("الصالحية ونايفة", "B-LOC"), ("", "O")], [(["الصالحية", "ونايفة"], ["B-LOC", "I-LOC"])]),
    ],
)
def test_ner_corpus_splits_sentences_on_end_marks(rows, sentences):
    assert split_sentences(rows) == sentences


@pytest.mark.needs_shared
@pytest.mark.parametrize("name", ["ANERCorp"])
def test_ner_corpus_training_portion_stops_before_the_test_split(shared_data, name):
    rows = read_anercorp(shared_data / "ner_anercorp" / name)
    tokens = [t for sentence, _ in read_training(shared_data) for t in sentence]
    expected = [part for token, _ in rows[:-TEST_TOKENS] for part in token.split()]
    assert tokens == expected
