"""Training: ANERcorp's training portion (+ unlabelled news) -> model.crfsuite, clusters.tsv.

    python -m kg.ner.train --data /work/shared/data

rebuilds both files in kg/ner/ deterministically (same data, same bytes) in a
few minutes on two cores. It reads

- ner_anercorp/ANERCorp minus its last 25,008 tokens, which are the CAMeL Lab
  test split (ner_anercorp/ANERCorp_CamelLab_test.txt); the test split is
  only read to check that alignment and is never trained or tuned on;
- ner_wojood_sample/{train,val}.txt (outer PERS/ORG/GPE/LOC mentions), extra
  training data;
- */*.jsonl (`text`), unlabelled news for the word clusters.

The last 10% of the training portion's sentences is the dev set: a model
trained on the rest is scored there (exact-span F1, printed), then the shipped
model is refitted on the whole training portion with the same settings.
Progress goes to stderr, the dev scores to stdout.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pycrfsuite

from kg.ner.clusters import build_clusters, read_texts, write_clusters
from kg.ner.evaluate import entity_f1, read_spans
from kg.ner.features import Clusters, extract_features

HERE = Path(__file__).parent
TEST_TOKENS = 25_008
ENDS = {".", "!", "?", "؟"}
# Tuned on the dev set (see --c1/--c2); c1 (L1) also prunes the model.
C1, C2, MAX_ITER = 0.05, 0.01, 200
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
    test = [
        line.split()[0]
        for line in open(data / "ner_anercorp" / "ANERCorp_CamelLab_test.txt", encoding="utf-8")
        if line.strip()
    ]
    tail = [token for token, _ in rows[-TEST_TOKENS:]]
    same = sum(a == b for a, b in zip(tail, test))
    # The CAMeL file's sentence-first tokens are copied from the corpus start
    # (a conversion slip), about 4% of tokens; everything else must line up.
    if len(test) != TEST_TOKENS or same < 0.95 * TEST_TOKENS:
        raise ValueError(f"ANERCorp's last {TEST_TOKENS} tokens are not the CAMeL test split")
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


def train_model(
    sentences: list[Sentence],
    clusters: Clusters,
    path: Path,
    c1: float = C1,
    c2: float = C2,
    max_iter: int = MAX_ITER,
) -> None:
    """Fit a CRF (L-BFGS, L1 + L2) and write it to `path`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in sentences:
        trainer.append(extract_features(tokens, clusters), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iter,
            "feature.possible_transitions": True,
        }
    )
    tmp = path.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(path)


def score_model(path: Path, sentences: list[Sentence], clusters: Clusters) -> dict:
    """Exact-span scores of the model at `path` on `sentences`."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    pred = [tagger.tag(extract_features(tokens, clusters)) for tokens, _ in sentences]
    return entity_f1([tags for _, tags in sentences], pred)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kg.ner.train", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=HERE, help="where to write the model files")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--max-iter", type=int, default=MAX_ITER)
    ap.add_argument("--no-wojood", action="store_true", help="ANERcorp only")
    args = ap.parse_args(argv)
    start = time.time()

    _log("building word clusters from unlabelled news ...")
    clusters = build_clusters(read_texts(sorted(args.data.glob("*/*.jsonl"))))
    write_clusters(clusters, args.out / "clusters.tsv")

    anercorp = read_training(args.data)
    extra = (
        []
        if args.no_wojood
        else [
            s
            for name in ("train.txt", "val.txt")
            for s in read_wojood(args.data / "ner_wojood_sample" / name)
        ]
    )
    cut = int(len(anercorp) * 0.9)
    train, dev = anercorp[:cut], anercorp[cut:]
    params = {"c1": args.c1, "c2": args.c2, "max_iter": args.max_iter}
    model = args.out / "model.crfsuite"
    _log(f"training on {len(train)} + {len(extra)} sentences, dev {len(dev)} ...")
    train_model(train + extra, clusters, model, **params)
    scores = score_model(model, dev, clusters)
    for name, s in scores.items():
        print(f"dev {name:5} P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f}")
    _log("refitting on the whole training portion ...")
    train_model(anercorp + extra, clusters, model, **params)
    size = model.stat().st_size / 1e6
    _log(f"wrote {model} ({size:.1f} MB) in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
