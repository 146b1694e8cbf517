"""Gazetteer: labelled sentences -> names seen as entities, for gazetteer.tsv beside the model.

A name is kept when at least half of its occurrences in the training text are
annotated with its majority type (مصر: LOC every time; العربية: mostly not a
name, dropped). Keys are token stems (features.stem_word), so بمصر and لمصر
match مصر. Up to five tokens.

Training uses jackknifed gazetteers (each tenth of the sentences sees the names
of the other nine): a gazetteer built from a sentence's own labels would
always be right there, and the model would learn to trust it blindly.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from kg.ner.evaluate import read_spans

Gazetteer = dict[tuple[str, ...], str]
MAX_TOKENS = 5
MIN_SHARE = 0.5


def build_gazetteer(sentences: Sequence[tuple[list[str], list[str]]]) -> Gazetteer:
    """Stemmed names -> type, from (stems, tags) sentences."""
    named: defaultdict[tuple[str, ...], Counter] = defaultdict(Counter)
    for stems, tags in sentences:
        for kind, a, b in read_spans(tags):
            if b - a < MAX_TOKENS:
                named[tuple(stems[a : b + 1])][kind] += 1
    seen: Counter = Counter()
    for stems, _ in sentences:
        for key in _windows(stems):
            if key in named:
                seen[key] += 1
    gazetteer = {}
    for key, kinds in named.items():
        # Ties go to the first type alphabetically, so the table never depends
        # on hash order.
        kind, n = min(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= MIN_SHARE * seen[key]:
            gazetteer[key] = kind
    return gazetteer


def jackknife_gazetteers(
    sentences: Sequence[tuple[list[str], list[str]]], folds: int = 10
) -> list[Gazetteer]:
    """For each sentence, the gazetteer of the other folds (contiguous, so an article's
    names rarely vouch for themselves)."""
    bounds = [len(sentences) * k // folds for k in range(folds + 1)]
    out: list[Gazetteer] = []
    for k in range(folds):
        others = [*sentences[: bounds[k]], *sentences[bounds[k + 1] :]]
        out += [build_gazetteer(others)] * (bounds[k + 1] - bounds[k])
    return out


def match_gazetteer(stems: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """BIO-like marks per token for the longest names found, left to right."""
    marks = ["O"] * len(stems)
    i = 0
    while i < len(stems):
        for n in range(min(MAX_TOKENS, len(stems) - i), 0, -1):
            kind = gazetteer.get(tuple(stems[i : i + n]))
            if kind:
                marks[i : i + n] = [f"B-{kind}"] + [f"I-{kind}"] * (n - 1)
                i += n
                break
        else:
            i += 1
    return marks


def _windows(stems: Sequence[str]):
    for i in range(len(stems)):
        for n in range(1, min(MAX_TOKENS, len(stems) - i) + 1):
            yield tuple(stems[i : i + n])


def write_gazetteer(gazetteer: Gazetteer, path: Path) -> None:
    """One `TYPE<TAB>stem stem ...` line per name, sorted."""
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        for kind, name in sorted((kind, " ".join(key)) for key, kind in gazetteer.items()):
            out.write(f"{kind}\t{name}\n")
    tmp.replace(path)


def read_gazetteer(path: Path) -> Gazetteer:
    """The table written by write_gazetteer."""
    with open(path, encoding="utf-8") as lines:
        rows = (line.rstrip("\n").split("\t") for line in lines)
        return {tuple(name.split(" ")): kind for kind, name in rows}
