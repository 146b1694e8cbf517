"""ner.tagger: BIO tags from the shipped CRF and ensemble, for token lists and CoNLL files."""

from __future__ import annotations

import pytest

from kg.ner import tag
from kg.ner.corpus import read_training
from kg.ner.evaluate import entity_f1, read_spans
from kg.ner.tagger import TAGGERS, tag_conll


def _names(sentence: str, tagger: str) -> set[tuple[str, str]]:
    tokens = sentence.split()
    tags = [line.split("\t")[1] for line in tag_conll([t + "\n" for t in tokens], tagger)]
    return {(kind, " ".join(tokens[a : b + 1])) for kind, a, b in read_spans(tags)}


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("قال الرئيس السوري بشار الأسد إن الحرب لن تنتهي .", "بشار الأسد"),
        ("وقال السيد محمد العبدالله إن الاتفاق سيوقع غدا .", "محمد العبدالله"),
        ("التقى وزير الخارجية الروسي سيرغي لافروف نظيره في جنيف .", "سيرغي لافروف"),
    ],
)
@pytest.mark.parametrize("tagger", TAGGERS)
def test_ner_tagger_tags_a_person_after_a_title(sentence, name, tagger):
    assert ("PERS", name) in _names(sentence, tagger)


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("سيطر الجيش على مدينة حلب أمس .", "حلب"),
        ("وصل الوفد إلى محافظة درعا أمس .", "درعا"),
        ("ستستأنف المحادثات في جنيف الأسبوع المقبل .", "جنيف"),
    ],
)
@pytest.mark.parametrize("tagger", TAGGERS)
def test_ner_tagger_tags_a_place_after_a_locative_noun_or_preposition(sentence, name, tagger):
    assert ("LOC", name) in _names(sentence, tagger)


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("أصدر مجلس الأمن الدولي قرارا جديدا .", "مجلس الأمن الدولي"),
        ("أعلنت منظمة الصحة العالمية عن حالات جديدة .", "منظمة الصحة العالمية"),
    ],
)
@pytest.mark.parametrize("tagger", TAGGERS)
def test_ner_tagger_tags_an_organisation_with_its_head_noun(sentence, name, tagger):
    assert ("ORG", name) in _names(sentence, tagger)


@pytest.mark.parametrize(
    "tokens", [[], ["."], ["قال", "الوزير", "،", "2015", "UN", "؟"], ["حلب"] * 300]
)
def test_ner_tagger_gives_one_bio_tag_per_token(tokens):
    tags = tag(tokens)
    assert len(tags) == len(tokens)
    assert all(
        t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PERS", "LOC", "ORG", "MISC") for t in tags
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["\n", "قال O\n", "بشار\tB-PERS\n", "الأسد\n", "\n", "\n", "في O\n", "حلب O\n"],
        ["حلب\n", "  \n", "دمشق B-LOC extra columns\n", "\n"],
    ],
)
@pytest.mark.parametrize("tagger", TAGGERS)
def test_ner_tagger_keeps_blank_lines_and_order_in_tag_conll(lines, tagger):
    out = list(tag_conll(lines, tagger))
    assert len(out) == len(lines)
    for line, tagged in zip(lines, out, strict=True):
        if line.split():
            token, bio = tagged.split("\t")
            assert token == line.split()[0]
            assert bio == "O" or bio[:2] in ("B-", "I-")
        else:
            assert tagged == ""


@pytest.mark.parametrize("lines", [["قال O\n", "بشار B-PERS\n"], ["قال\n", "بشار\n"]])
def test_ner_tagger_tag_conll_ignores_the_gold_column(lines):
    assert [line.split("\t")[1] for line in tag_conll(lines, "crf")] == tag(["قال", "بشار"])


def test_ner_tagger_refuses_an_unknown_tagger():
    with pytest.raises(ValueError, match="ensemble, crf"):
        list(tag_conll(["حلب\n"], "bert"))


@pytest.mark.needs_shared
@pytest.mark.parametrize("floor", [0.85])
def test_ner_tagger_model_matches_the_features_it_was_trained_with(shared_data, floor):
    # The shipped model saw these sentences; a low score means features.py or
    # the lexicon files changed without `python -m kg.ner.train`.
    sentences = read_training(shared_data)[-300:]
    pred = [tag(tokens) for tokens, _ in sentences]
    assert entity_f1([tags for _, tags in sentences], pred)["micro"]["f1"] >= floor


@pytest.mark.needs_shared
def test_ner_tagger_ensemble_matches_the_code_it_was_trained_with(shared_data):
    # Both models saw these sentences (the encoder the first nine tenths); a low
    # score means pretrained.py, encoder.py or encoder.pt changed apart.
    sentences = read_training(shared_data)[:200]
    lines = [line for tokens, _ in sentences for line in [*(t + "\n" for t in tokens), "\n"]]
    tags = [line.split("\t")[1] for line in tag_conll(lines, "ensemble") if line]
    gold = [tag for _, tags_ in sentences for tag in tags_]
    assert entity_f1([gold], [tags])["micro"]["f1"] >= 0.85
