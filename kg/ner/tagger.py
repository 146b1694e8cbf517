"""Tagging: tokens -> BIO tags (PERS, LOC, ORG, MISC) with one of the two shipped taggers.

The CRF (`tag`, `tag_with_person`: kg/ner/model.crfsuite, clusters.tsv and
gazetteer.tsv) is the extractors' tagger: fast, and its person probabilities
are what their rules are calibrated on. The ensemble (`tag_ensemble`)
averages each token's label probabilities from the fine-tuned encoder
(encoder.py, kg/ner/encoder.pt) and from the CRF, then decodes valid BIO:
the more accurate, and some 25 times slower; `tag_conll` uses it unless told
"crf". Each model loads once per process.

`tag_conll(lines)` reads a CoNLL file's lines (the token is the first column;
blank lines separate sentences) and yields `token<TAB>tag` lines in the same
order, blank lines kept, names made consistent across each run of DOCUMENT
sentences (document.py). Tokens are expected as spaCy's Arabic tokenizer
gives them: punctuation split off, clitics left on (والرئيس).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy as np
import pycrfsuite

from kg.errors import InputError
from kg.ner.clusters import read_clusters
from kg.ner.document import propagate
from kg.ner.features import Lexicon, extract_features
from kg.ner.gazetteer import read_gazetteer

HERE = Path(__file__).parent
REBUILD = "missing; rebuild with `python -m kg.ner.train --data ../shared/data`"
# A CoNLL file has no article breaks: names are made consistent within each run
# of this many sentences (dev F1 0.740 -> 0.748 at 16 to 128).
DOCUMENT = 64
TAGGERS = ("ensemble", "crf")
# The CRF's share of the ensemble's probabilities, chosen on the dev set (micro
# F1 with document consistency; CRF alone 0.743). Shipped encoder alone 0.756,
# with shares 0.3 / 0.4: 0.768 / 0.774; an earlier run of the same recipe,
# shares 0 / 0.2 / 0.3 / 0.4 / 0.5: 0.772 / 0.777 / 0.782 / 0.783 / 0.769.
CRF_SHARE = 0.4


@lru_cache(maxsize=1)
def _model() -> tuple[pycrfsuite.Tagger, Lexicon]:
    paths = [HERE / name for name in ("model.crfsuite", "clusters.tsv", "gazetteer.tsv")]
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), REBUILD)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(paths[0]))
    return tagger, Lexicon(read_clusters(paths[1]), read_gazetteer(paths[2]))


@lru_cache(maxsize=1)
def _encoder():
    # torch loads here, not at import: extraction runs the CRF alone.
    from kg.ner import encoder, pretrained

    path = HERE / "encoder.pt"
    if not path.is_file():
        raise InputError(str(path), REBUILD)
    return encoder.load(path, pretrained.load())


def tag(tokens: list[str]) -> list[str]:
    """BIO tags for one sentence's tokens: ["قال", "الرئيس", "بشار", "الأسد"] ->
    ["O", "O", "B-PERS", "I-PERS"]."""
    if not tokens:
        return []
    tagger, lexicon = _model()
    return list(tagger.tag(extract_features(tokens, lexicon)))


@lru_cache(maxsize=1)
def _person_labels() -> tuple[str, ...]:
    labels = set(_model()[0].labels())
    return tuple(label for label in ("B-PERS", "I-PERS") if label in labels)


def tag_with_person(tokens: list[str]) -> tuple[list[str], list[float]]:
    """`tag(tokens)` and, per token, the model's probability that it is part of
    a person's name (B-PERS or I-PERS), whatever tag won."""
    tags = tag(tokens)  # also leaves the tagger on this sentence for its marginals
    tagger = _model()[0]
    person = _person_labels()
    return tags, [sum(tagger.marginal(y, t) for y in person) for t in range(len(tokens))]


def _crf_probabilities(tokens: list[str], labels: tuple[str, ...]) -> np.ndarray:
    """The CRF's marginal probability of each label at each token."""
    tagger, lexicon = _model()
    tagger.set(extract_features(tokens, lexicon))
    known = set(tagger.labels())
    return np.array(
        [[tagger.marginal(y, t) if y in known else 0.0 for y in labels] for t in range(len(tokens))]
    )


def tag_ensemble(sentences: list[list[str]]) -> list[list[str]]:
    """BIO tags for each sentence from the encoder's and the CRF's averaged probabilities."""
    from kg.ner import encoder

    out = []
    for tokens, log_probs in zip(sentences, encoder.log_probs(_encoder(), sentences), strict=True):
        if not tokens:
            out.append([])
            continue
        mixed = CRF_SHARE * _crf_probabilities(tokens, encoder.LABELS) + (1 - CRF_SHARE) * np.exp(
            log_probs
        )
        out.append(encoder.decode(np.log(mixed + 1e-12)))
    return out


def tag_conll(lines: Iterable[str], tagger: str = "ensemble") -> Iterator[str]:
    """`token<TAB>tag` for every token line; blank lines stay where they were."""
    if tagger not in TAGGERS:
        raise ValueError(f"unknown tagger {tagger!r}: one of {', '.join(TAGGERS)}")
    blocks = _blocks(lines)
    while chunk := list(islice(blocks, DOCUMENT)):
        sentences = [tokens for tokens, _ in chunk]
        if tagger == "ensemble":
            tags = tag_ensemble(sentences)
        else:
            tags = [tag(tokens) for tokens in sentences]
        tagged = propagate(sentences, tags)
        for (tokens, blanks), tags in zip(chunk, tagged, strict=True):
            yield from (f"{token}\t{bio}" for token, bio in zip(tokens, tags, strict=True))
            yield from [""] * blanks


def _blocks(lines: Iterable[str]) -> Iterator[tuple[list[str], int]]:
    """(a sentence's tokens, the blank lines after it); a file may start with blanks."""
    tokens: list[str] = []
    blanks = 0
    for line in lines:
        fields = line.split()
        if fields:
            if blanks:
                yield tokens, blanks
                tokens, blanks = [], 0
            tokens.append(fields[0])
        else:
            blanks += 1
    yield tokens, blanks
