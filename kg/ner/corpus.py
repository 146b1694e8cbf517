"""Corpora: the shared NER files -> sentences of (tokens, BIO tags) for training.

ANERcorp is one `token TAG` per line with no sentence breaks; its last 25,008
tokens are the CAMeL Lab test split (ANERCorp_CamelLab_test.txt), which is
read here only to check that alignment: what is returned never includes it.
Sentences end at . ! ? ؟ tokens. Wojood's nested levels are flattened to the
outermost PERS, ORG or LOC (GPE as LOC) mention, ANERcorp's types.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError
from kg.ner.evaluate import read_spans

TEST_TOKENS = 25_008
ENDS = {".", "!", "?", "؟"}
WOJOOD_TYPES = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

Sentence = tuple[list[str], list[str]]


def read_anercorp(path: Path) -> list[tuple[str, str]]:
    """(token, tag) per line; the empty tokens dropped later, the spaced ones split later."""
    rows = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line:
                token, _, tag = line.rpartition(" ")
                rows.append((token.strip(), tag))
    return rows


def split_sentences(rows: Iterable[tuple[str, str]]) -> list[Sentence]:
    """Sentences ending at . ! ? ؟ tokens; `الصالحية ونايفة` becomes two tokens."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for token, tag in rows:
        for n, part in enumerate(token.split()):
            tokens.append(part)
            tags.append("I" + tag[1:] if n and tag.startswith("B-") else tag)
        if token in ENDS:
            sentences.append((tokens, tags))
            tokens, tags = [], []
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def read_training(data: Path) -> list[Sentence]:
    """ANERcorp's training portion, after checking that its tail is the test split."""
    rows = read_anercorp(data / "ner_anercorp" / "ANERCorp")
    test_path = data / "ner_anercorp" / "ANERCorp_CamelLab_test.txt"
    test = [
        line.split()[0]
        for line in test_path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    tail = [token for token, _ in rows[-TEST_TOKENS:]]
    same = sum(a == b for a, b in zip(tail, test, strict=False))
    # In the CAMeL file each sentence's first token (and tag) is the one at the
    # same index from the corpus start, a slip of its conversion: about 4% of
    # tokens. Everything else must line up.
    if len(test) != TEST_TOKENS or same < 0.95 * TEST_TOKENS:
        raise InputError(str(test_path), f"is not the last {TEST_TOKENS} tokens of ANERCorp")
    return split_sentences(rows[:-TEST_TOKENS])


def read_wojood(path: Path) -> list[Sentence]:
    """Wojood sentences with the outermost PERS/ORG/LOC mention at each token, GPE as LOC."""
    sentences = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        rows = [line.split() for line in block.splitlines() if line.strip()]
        if not rows:
            continue
        depth = max(len(r) for r in rows) - 1
        spans = set()
        for level in range(1, depth + 1):
            tags = [r[level] if len(r) > level else "O" for r in rows]
            spans |= {(WOJOOD_TYPES[t], a, b) for t, a, b in read_spans(tags) if t in WOJOOD_TYPES}
        tags = ["O"] * len(rows)
        for kind, a, b in sorted(spans, key=lambda s: (s[1] - s[2], s[1])):
            if all(t == "O" for t in tags[a : b + 1]):
                tags[a : b + 1] = [f"B-{kind}"] + [f"I-{kind}"] * (b - a)
        sentences.append(([r[0] for r in rows], tags))
    return sentences
