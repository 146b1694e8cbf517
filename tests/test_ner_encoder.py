"""ner.encoder and ner.finetune: chunking, BIO decoding, fine-tuning, saving and loading
(on a one-layer packed model made here; the shipped encoder is tested in test_ner_tagger)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from kg.ner import encoder, finetune, pretrained
from kg.ner.evaluate import read_spans
from tests.test_ner_pretrained import pack


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("encoder") / "small.bin"
    pack(path)
    return pretrained.load.__wrapped__(path)


@pytest.mark.parametrize("seed", range(20))
def test_ner_encoder_decode_gives_valid_bio_whatever_the_scores(seed):
    rng = np.random.default_rng(seed)
    tags = encoder.decode(np.log(rng.dirichlet(np.ones(len(encoder.LABELS)), size=12)))
    assert len(tags) == 12
    for before, tag in zip(["O", *tags], tags, strict=False):
        if tag.startswith("I-"):
            assert before[2:] == tag[2:]


def test_ner_encoder_decode_follows_clear_scores():
    want = ["O", "B-PERS", "I-PERS", "O", "B-LOC"]
    scores = np.full((len(want), len(encoder.LABELS)), np.log(0.01))
    for i, tag in enumerate(want):
        scores[i, encoder.LABELS.index(tag)] = np.log(0.9)
    assert encoder.decode(scores) == want


@pytest.mark.parametrize("n", [1, 40, 200])
def test_ner_encoder_chunks_keep_words_whole_and_in_order(small, n):
    tokens = ["قال", "الرئيس", "xyz"] * n
    chunks = encoder.chunks(0, tokens, small)
    assert all(len(c.ids) <= min(encoder.CHUNK, small.max_positions - 2) + 2 for c in chunks)
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
    assert sum(len(c.firsts) for c in chunks) == len(tokens)
    for c in chunks:
        assert c.ids[0] == small.begin and c.ids[-1] == small.end
        words = tokens[c.start : c.start + len(c.firsts)]
        for first, word in zip(c.firsts, words, strict=True):
            assert c.ids[first] == small.pieces.word(word)[0]


SENTENCES = [
    (["قال", "الرئيس", "ال", "."], ["O", "O", "B-PERS", "O"]),
    (["الرئيس", "قال", "."], ["O", "O", "O"]),
    (["ال", "رئيس", "قال"], ["B-LOC", "I-LOC", "O"]),
] * 8


def test_ner_finetune_learns_a_small_set_and_saved_model_tags_the_same(small, tmp_path):
    tuned = finetune.fit(SENTENCES, small, epochs=150, log=lambda message: None)
    tokens = [t for t, _ in SENTENCES[:3]]
    tagged = encoder.tag_sentences(tuned, tokens)
    gold = [tag for _, tags in SENTENCES[:3] for tag in tags]
    right = sum(a == b for a, b in zip(gold, sum(tagged, []), strict=True))
    assert right >= 8  # of 10 tokens
    path = tmp_path / "encoder.pt"
    encoder.save(tuned, path)
    assert path.stat().st_size < 1_000_000
    loaded = encoder.load(path, small)
    assert encoder.tag_sentences(loaded, tokens) == tagged
    for tags in tagged:
        assert all(kind in ("PERS", "LOC", "ORG", "MISC") for kind, _, _ in read_spans(tags))


def test_ner_encoder_tags_every_token_of_empty_short_and_long_sentences(small):
    net = encoder.Encoder(small).eval()
    sentences = [[], ["قال"], ["قال", "الرئيس"] * 300]
    with torch.no_grad():
        tagged = encoder.tag_sentences(net, sentences)
    assert [len(t) for t in tagged] == [0, 1, 600]
