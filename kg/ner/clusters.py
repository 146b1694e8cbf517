"""Word classes: unlabelled news (.jsonl, `text` field) -> clusters.tsv beside the model.

ANERcorp's training portion is small (125k tokens), so many names in new text
were never seen with a label. Words used in the same contexts (بغداد and
دمشق after في and before ,) land in the same class, which lets the tagger
generalise to unseen names. Each word (norm, seen 3+ times) gets k-means
classes at three granularities over an SVD of its positive-PMI left/right
neighbour counts; a frequency class (log2 of its count: names are mostly rare
words); and how often it takes ال, follows a title or a place or organisation
noun, or precedes a speech verb (features.TRIGGERS), bucketed.

Building needs numpy, scipy and scikit-learn (all pulled in by camel-tools);
reading needs nothing.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.normalise import bare, norm

SIZES = (64, 256, 1024)
# One column per value after the word; features.py reads them by name.
COLUMNS = ("c64", "c256", "c1024", "freq", "al", "title", "locn", "orgn", "say")
MIN_COUNT = 3
N_CONTEXTS = 4000
N_DIMS = 100


def read_texts(paths: Iterable[Path]) -> Iterator[str]:
    """The `text` of every record in the given .jsonl files."""
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)["text"]


def count_contexts(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """Word counts and (word, side, neighbour) counts over spaCy's Arabic tokens."""
    import spacy

    tokenizer = spacy.blank("ar").tokenizer
    words: Counter = Counter()
    pairs: Counter = Counter()
    for doc in tokenizer.pipe(texts, batch_size=64):
        seq = ["<s>", *(w for t in doc if (w := norm(t.text).strip()) and w.isprintable()), "</s>"]
        words.update(seq[1:-1])
        for left, right in zip(seq, seq[1:], strict=False):
            pairs[right, "L", left] += 1
            pairs[left, "R", right] += 1
    return words, pairs


def build_clusters(texts: Iterable[str]) -> dict[str, dict[str, str]]:
    """word norm -> one value per COLUMNS entry."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds
    from sklearn.cluster import KMeans

    words, pairs = count_contexts(texts)
    # Sort by count then spelling so the vocabulary, and so the classes, never
    # depend on hash order.
    ranked = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))
    vocab = [w for w, c in ranked if c >= MIN_COUNT]
    row = {w: i for i, w in enumerate(vocab)}
    contexts = [w for w, _ in ranked[:N_CONTEXTS]] + ["<s>", "</s>"]
    col = {(side, w): i for i, (side, w) in enumerate((s, w) for s in "LR" for w in contexts)}
    rows, cols, vals = [], [], []
    for (word, side, ctx), n in sorted(pairs.items()):
        if word in row and (side, ctx) in col:
            rows.append(row[word])
            cols.append(col[side, ctx])
            vals.append(n)
    m = coo_matrix((vals, (rows, cols)), shape=(len(vocab), len(col)), dtype=np.float64).tocsr()
    # Positive PMI with context smoothing (alpha 0.75), as in Levy et al. 2015.
    total = m.sum()
    p_word = np.asarray(m.sum(axis=1)).ravel() / total
    ctx_mass = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    p_ctx = ctx_mass / ctx_mass.sum()
    m = m.tocoo()
    pmi = np.log(m.data / total / (p_word[m.row] * p_ctx[m.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    v0 = np.full(min(ppmi.shape), 1.0 / math.sqrt(min(ppmi.shape)))
    u, s, _ = svds(ppmi, k=N_DIMS, v0=v0, random_state=0)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = [KMeans(n_clusters=k, n_init=1, random_state=0).fit_predict(vectors) for k in SIZES]
    stats = _count_company(words, pairs, vocab)
    table = {}
    for i, w in enumerate(vocab):
        values = [*(str(lab[i]) for lab in labels), str(int(math.log2(words[w]))), *stats[w]]
        table[w] = dict(zip(COLUMNS, values, strict=True))
    return table


def _bucket(part: int, whole: int) -> str:
    share = part / whole
    return "0" if share < 0.02 else "1" if share < 0.1 else "2" if share < 0.3 else "3"


def _count_company(words: Counter, pairs: Counter, vocab: list[str]) -> dict[str, tuple]:
    """How often each word takes the article, follows a title or place noun, precedes قال.

    A rough, label-free gazetteer: بشار follows الرئيس, حمص follows مدينة, and
    neither is ever written with ال.
    """
    from kg.ner.features import TRIGGERS

    company: Counter = Counter()
    for (word, side, other), n in pairs.items():
        kind = TRIGGERS.get(bare(other))
        if kind and (side == "L") != (kind == "SAY"):
            company[word, kind] += n
    stats = {}
    for w in vocab:
        plain = w[2:] if w.startswith("ال") else w
        with_al = words["ال" + plain]
        stats[w] = (
            _bucket(with_al, with_al + words[plain]),
            *(_bucket(company[w, kind], words[w]) for kind in ("TITLE", "LOCN", "ORGN", "SAY")),
        )
    return stats


def write_clusters(clusters: dict[str, dict[str, str]], path: Path) -> None:
    """One `word<TAB>class...` line per word, in a stable order."""
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as out:
        out.write("\t".join(("#word", *COLUMNS)) + "\n")
        for word in sorted(clusters):
            out.write("\t".join((word, *(clusters[word][c] for c in COLUMNS))) + "\n")
    tmp.replace(path)


def read_clusters(path: Path) -> dict[str, dict[str, str]]:
    """The table written by write_clusters: word -> {column: value}."""
    with open(path, encoding="utf-8") as lines:
        names = next(lines).rstrip("\n").split("\t")[1:]
        rows = (line.rstrip("\n").split("\t") for line in lines)
        return {w: dict(zip(names, rest, strict=True)) for w, *rest in rows}
