"""Tagging: tokens -> BIO tags (PERS, LOC, ORG, MISC) with the shipped CRF.

`tag(tokens)` loads kg/ner/model.crfsuite and the word clusters once per
process; `tag_conll(lines)` reads a CoNLL file's lines (the token is the first
column; blank lines separate sentences) and yields `token<TAB>tag` lines in
the same order, blank lines kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from kg.ner.clusters import read_clusters
from kg.ner.features import extract_features

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def _model() -> tuple[pycrfsuite.Tagger, dict]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(HERE / "model.crfsuite"))
    return tagger, read_clusters(HERE / "clusters.tsv")


def tag(tokens: list[str]) -> list[str]:
    """BIO tags for one sentence's tokens."""
    if not tokens:
        return []
    tagger, clusters = _model()
    return list(tagger.tag(extract_features(tokens, clusters)))


def tag_conll(lines: Iterable[str]) -> Iterator[str]:
    """`token<TAB>tag` for every token line; blank lines stay where they were."""
    sentence: list[str] = []
    for line in lines:
        fields = line.split()
        if fields:
            sentence.append(fields[0])
            continue
        yield from _tagged(sentence)
        sentence = []
        yield ""
    yield from _tagged(sentence)


def _tagged(tokens: list[str]) -> Iterator[str]:
    for token, bio in zip(tokens, tag(tokens), strict=True):
        yield f"{token}\t{bio}"
