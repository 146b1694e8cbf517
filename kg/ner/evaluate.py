"""Scoring: gold and predicted BIO tag sequences -> exact-span entity P/R/F1.

An entity counts as found only when its type, first token and last token all
match a gold entity (CoNLL-2003 scoring). Tags are read leniently, as
conlleval does: an I- tag after O, or after a tag of another type, opens a
new entity, so `O I-LOC` holds one LOC entity rather than none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

Span = tuple[str, int, int]  # (type, first token, last token)


def read_spans(tags: Sequence[str]) -> set[Span]:
    """The entities of one sentence: ["B-PERS", "I-PERS", "O"] -> {("PERS", 0, 1)}."""
    spans: set[Span] = set()
    kind, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind is not None and not continues:
            spans.add((kind, start, i - 1))
            kind = None
        if prefix in ("B", "I") and not continues:
            kind, start = label, i
    return spans


def entity_f1(
    gold: list[list[str]],
    pred: list[list[str]],
    types: Iterable[str] = ("PERS", "LOC", "ORG"),
) -> dict[str, dict[str, float]]:
    """Exact-span precision, recall and F1 per type and micro-averaged over `types`.

    Returns {"PERS": {"p", "r", "f1", "gold", "pred", "correct"}, ..., "micro": {...}}.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold sentences but {len(pred)} predicted")
    types = tuple(types)
    counts = {t: Counter() for t in types}
    for n, (g_tags, p_tags) in enumerate(zip(gold, pred, strict=True)):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"sentence {n}: {len(g_tags)} gold tags but {len(p_tags)} predicted")
        g_spans, p_spans = read_spans(g_tags), read_spans(p_tags)
        for t in types:
            g = {s for s in g_spans if s[0] == t}
            p = {s for s in p_spans if s[0] == t}
            counts[t].update(gold=len(g), pred=len(p), correct=len(g & p))
    counts["micro"] = sum(counts.values(), Counter())
    return {name: _score(c) for name, c in counts.items()}


def _score(c: Counter) -> dict[str, float]:
    p = c["correct"] / c["pred"] if c["pred"] else 0.0
    r = c["correct"] / c["gold"] if c["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "gold": c["gold"], "pred": c["pred"], "correct": c["correct"]}


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file as (tokens, tags); see parse_conll."""
    with open(path, encoding="utf-8") as lines:
        return parse_conll(lines)


def parse_conll(lines: Iterable[str]) -> list[tuple[list[str], list[str]]]:
    """Sentences of CoNLL lines as (tokens, tags): first column token, last column tag.

    Sentences are separated by blank lines; a line with one column is a token tagged O.
    """
    sentences: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in lines:
        cols = line.split()
        if not cols:
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(cols[0])
        tags.append(cols[-1] if len(cols) > 1 else "O")
    if tokens:
        sentences.append((tokens, tags))
    return sentences
