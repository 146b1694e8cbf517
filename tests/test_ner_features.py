"""ner.features and ner.gazetteer: what the CRF sees of each token."""

from __future__ import annotations

import pytest

from kg.ner.features import Lexicon, extract_features, stem_word
from kg.ner.gazetteer import build_gazetteer, match_gazetteer

# A hand-made clusters table: only the frequency class matters to stem_word.
CLUSTERS = {
    w: {"freq": f, "c1024": "7"}
    for w, f in [("افغانستان", "6"), ("العراق", "9"), ("فيصل", "7"), ("يصل", "8"), ("حلب", "7")]
}


@pytest.mark.parametrize(
    "word,stem",
    [
        ("بافغانستان", "افغانستان"),
        ("وبافغانستان", "افغانستان"),
        ("للعراق", "العراق"),  # ل + ال with the alef dropped
        ("فيصل", "فيصل"),  # a frequent word is not ف + يصل
        ("وحلب", "حلب"),
        ("وكاتماندو", "وكاتماندو"),  # nothing known to strip down to
    ],
)
def test_ner_features_stem_word_drops_clitics_only_towards_known_words(word, stem):
    assert stem_word(word, CLUSTERS) == stem


@pytest.mark.parametrize(
    "tokens,i,feature,value",
    [
        (["قال", "الرئيس", "بشار"], 2, "-1:trig", "TITLE"),
        (["في", "مدينة", "حلب"], 2, "-1:trig", "LOCN"),
        (["بشار", "قال"], 0, "1:trig", "SAY"),
        (["في", "بحلب"], 1, "c1024", "7"),  # the class of the stem
        (["علي"], 0, "raw", None),  # no raw spelling when it equals the norm
        (["على"], 0, "raw", "على"),  # ى kept apart from ي
    ],
)
def test_ner_features_sees_triggers_classes_and_spelling(tokens, i, feature, value):
    feats = extract_features(tokens, Lexicon(CLUSTERS, {}))
    assert len(feats) == len(tokens)
    assert feats[i].get(feature) == value


@pytest.mark.parametrize("tokens", [["في", "بحلب", "وحلب", "بحلب", "قال", "الرئيس", "بحلب"]])
def test_ner_features_memo_gives_what_a_fresh_lexicon_computes(tokens):
    lexicon = Lexicon(CLUSTERS, {})
    first = extract_features(tokens, lexicon)
    assert len(lexicon.memo) == len(set(tokens))
    fresh = extract_features(tokens, Lexicon(CLUSTERS, {}))
    assert extract_features(tokens, lexicon) == first == fresh


@pytest.mark.parametrize(
    "stems,marks",
    [
        (["في", "الامم", "المتحده", "اليوم"], ["O", "B-ORG", "I-ORG", "O"]),
        (["الامم", "حلب"], ["O", "B-LOC"]),  # الامم alone was never a name
    ],
)
def test_ner_features_gazetteer_keeps_names_mostly_annotated_and_matches_longest(stems, marks):
    training = [
        (["الامم", "المتحده", "في", "حلب"], ["B-ORG", "I-ORG", "O", "B-LOC"]),
        (["الامم", "الافريقيه"], ["O", "O"]),
    ]
    assert match_gazetteer(stems, build_gazetteer(training)) == marks
