"""ner.document: a name tagged in one sentence of a document is tagged where it recurs."""

from __future__ import annotations

import pytest

from kg.ner.document import propagate


def _tagged(*pairs: str) -> tuple[list[list[str]], list[list[str]]]:
    rows = [[w.rsplit("/", 1) for w in pair.split()] for pair in pairs]
    return [[w for w, _ in row] for row in rows], [[t for _, t in row] for row in rows]


@pytest.mark.parametrize(
    "before,after",
    [
        # A recurrence the network missed gets the name's type.
        (
            ("قال/O بشار/B-PERS الأسد/I-PERS", "وأكد/O بشار/O الأسد/O"),
            ("قال/O بشار/B-PERS الأسد/I-PERS", "وأكد/O بشار/B-PERS الأسد/I-PERS"),
        ),
        # One-token names do not spread.
        (("في/O حلب/B-LOC", "حلب/O"), ("في/O حلب/B-LOC", "حلب/O")),
        # A recurrence inside another entity is left as it is.
        (
            ("منظمة/B-ORG الصحة/I-ORG العالمية/I-ORG", "الصحة/B-LOC العالمية/I-LOC"),
            ("منظمة/B-ORG الصحة/I-ORG العالمية/I-ORG", "الصحة/B-LOC العالمية/I-LOC"),
        ),
        (
            ("الصحة/B-ORG العالمية/I-ORG", "منظمة/B-ORG الصحة/O العالمية/O"),
            ("الصحة/B-ORG العالمية/I-ORG", "منظمة/B-ORG الصحة/B-ORG العالمية/I-ORG"),
        ),
        # The most frequent type wins.
        (
            (
                "جون/B-PERS كيري/I-PERS",
                "جون/B-PERS كيري/I-PERS",
                "جون/B-ORG كيري/I-ORG",
                "جون/O كيري/O",
            ),
            (
                "جون/B-PERS كيري/I-PERS",
                "جون/B-PERS كيري/I-PERS",
                "جون/B-ORG كيري/I-ORG",
                "جون/B-PERS كيري/I-PERS",
            ),
        ),
    ],
)
def test_ner_document_propagates_names_of_two_or_more_tokens(before, after):
    sentences, tags = _tagged(*before)
    assert propagate(sentences, tags) == _tagged(*after)[1]


def test_ner_document_leaves_the_input_tags_unchanged():
    sentences, tags = _tagged("قال/O بشار/B-PERS الأسد/I-PERS", "بشار/O الأسد/O")
    propagate(sentences, tags)
    assert tags[1] == ["O", "O"]
