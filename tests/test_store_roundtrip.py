"""kg/store.py: write_store then open_store gives back the same quads; replacing is atomic."""

from __future__ import annotations

import io
import signal
import subprocess
import sys

import pytest
from rdflib import Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS

from kg.errors import MissingBuildError
from kg.graph import dump_graph, read_graph
from kg.store import STORE_NAME, dump_store, open_graph, open_store, replace_folder, write_store


@pytest.fixture
def triples_of(canonical):
    """Every triple of a Dataset, whichever graph holds it."""

    def triples(dataset) -> set[tuple]:
        return {tuple(map(canonical, q[:3])) for q in dataset.quads((None, None, None, None))}

    return triples


@pytest.fixture
def quads_of(canonical):
    """The quads of a Dataset's named graphs (a store's default graph holds their merge)."""

    def quads(dataset) -> set[tuple]:
        return {
            tuple(map(canonical, q))
            for q in dataset.quads((None, None, None, None))
            if q[3] not in (None, DATASET_DEFAULT_GRAPH_ID)
        }

    return quads


@pytest.mark.parametrize("via", ["dataset", "quads", "trig", "nquads"])
def test_store_round_trips_quads(tmp_path, seed_dataset, via, quads_of):
    if via == "dataset":
        source = seed_dataset
    elif via == "quads":
        source = list(seed_dataset.quads((None, None, None, None)))
    else:
        source = tmp_path / f"graph.{'trig' if via == 'trig' else 'nq'}"
        with source.open("wb") as stream:
            dump_graph(seed_dataset, stream, via)
    store = tmp_path / "out" / STORE_NAME
    assert write_store(source, store) == store
    assert quads_of(open_store(store)) == quads_of(seed_dataset)


def _quads(*triples_in_graphs) -> list[tuple]:
    return [(s, p, o, URIRef(f"https://x/{g}")) for s, p, o, g in triples_in_graphs]


LABEL = (URIRef("https://x/aleppo"), RDFS.label, Literal("حلب", lang="ar"))


@pytest.mark.parametrize(
    "quads",
    [
        _quads((*LABEL, "a"), (*LABEL, "b")),  # one triple in two article graphs
        _quads((*LABEL, "a"), (*LABEL, "b"), (URIRef("https://x/s"), RDFS.label, Literal(1), "b")),
    ],
)
def test_store_default_graph_holds_each_triple_once(tmp_path, quads, canonical):
    store = open_store(write_store(quads, tmp_path / STORE_NAME))
    merged = {tuple(map(canonical, t)) for t in store.triples((None, None, None))}
    assert store.default_union is False
    assert merged == {q[:3] for q in quads}
    assert len(list(store.triples((None, None, None)))) == len(merged)
    named = {g for *_, g in store.quads((None, None, None, None))} - {DATASET_DEFAULT_GRAPH_ID}
    assert named == {q[3] for q in quads}


@pytest.mark.parametrize("where", ["out", "out/store"])
def test_store_opens_from_build_or_store_folder(tmp_path, seed_dataset, where, quads_of):
    write_store(seed_dataset, tmp_path / "out" / STORE_NAME)
    assert quads_of(open_store(tmp_path / where)) == quads_of(seed_dataset)


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_store_missing_build_error(tmp_path, folder):
    (tmp_path / "empty").mkdir()
    with pytest.raises(MissingBuildError, match=f"no embedded store in .*{folder}: run `kg build"):
        open_store(tmp_path / folder)


@pytest.mark.parametrize("graph_file", [None, "graph.trig", "graph.nq", "graph.ttl"])
def test_store_open_graph(tmp_path, seed_dataset, quads_of, triples_of, graph_file):
    write_store(seed_dataset, tmp_path / STORE_NAME)
    if graph_file is None:
        assert quads_of(open_graph(tmp_path)) == quads_of(seed_dataset)
        return
    path = tmp_path / graph_file
    with path.open("wb") as stream:
        dump_graph(seed_dataset, stream, path.suffix[1:])
    assert triples_of(open_graph(tmp_path, path)) == triples_of(seed_dataset)


@pytest.mark.parametrize("fmt", ["trig", "nq", "ttl"])
@pytest.mark.parametrize("binary", [True, False])
def test_store_dump_store_equals_dump_graph(
    tmp_path, seed_dataset, quads_of, triples_of, fmt, binary
):
    store = write_store(seed_dataset, tmp_path / STORE_NAME)
    stream = io.BytesIO() if binary else io.StringIO()
    dump_store(store, stream, fmt)
    data = stream.getvalue()
    back = read_graph(data if binary else data.encode("utf-8"), fmt)
    if fmt == "ttl":
        assert triples_of(back) == triples_of(seed_dataset)
    else:  # the named graphs only, not the merged default graph
        assert quads_of(back) == quads_of(seed_dataset)
        assert len(list(back.quads((None, None, None, None)))) == len(quads_of(seed_dataset))


def test_store_replace_leaves_one_store(tmp_path, seed_dataset, quads_of):
    store = tmp_path / STORE_NAME
    write_store(seed_dataset, store)
    smaller = list(seed_dataset.quads((None, None, None, None)))[:5]
    write_store(smaller, store)
    assert quads_of(open_store(store)) == set(smaller)
    assert [p.name for p in tmp_path.iterdir()] == [STORE_NAME]  # no old or staged copies


@pytest.mark.parametrize("exists", [True, False])
def test_store_replace_folder(tmp_path, exists):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "mark").write_text("new")
    if exists:
        (tmp_path / "target").mkdir()
        (tmp_path / "target" / "mark").write_text("old")
    replace_folder(tmp_path / "new", tmp_path / "target")
    assert (tmp_path / "target" / "mark").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["target"]


class Boom(RuntimeError):
    pass


def _failing_quads(dataset, after: int):
    for n, quad in enumerate(dataset.quads((None, None, None, None))):
        if n == after:
            raise Boom("failed mid-build")
        yield quad


@pytest.mark.parametrize("after", [0, 10])
def test_store_failed_write_keeps_previous(tmp_path, seed_dataset, quads_of, after):
    store = tmp_path / STORE_NAME
    write_store(seed_dataset, store)
    with pytest.raises(Boom):
        write_store(_failing_quads(seed_dataset, after), store)
    assert [p.name for p in tmp_path.iterdir()] == [STORE_NAME]
    assert quads_of(open_store(store)) == quads_of(seed_dataset)


_SLOW_BUILD = """
import sys, time
from kg.store import write_store
from rdflib import Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDFS

def quads():
    for n in range(10**6):
        if n == 100:
            print("loading", flush=True)
            time.sleep(60)
        yield (URIRef(f"https://x/{n}"), URIRef("https://x/p"), Literal(n), URIRef("https://x/g"))

write_store(quads(), sys.argv[1])
"""


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
def test_store_killed_build_keeps_previous(tmp_path, seed_dataset, quads_of, signal_name):
    store = tmp_path / STORE_NAME
    write_store(seed_dataset, store)
    build = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, str(store)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert build.stdout.readline().strip() == "loading"
        assert len(list(tmp_path.glob(f".{STORE_NAME}.new-*"))) == 1
    finally:
        build.send_signal(getattr(signal, signal_name))
        build.wait()
        build.stdout.close()
    assert quads_of(open_store(store)) == quads_of(seed_dataset)
    write_store(seed_dataset, store)  # the next build clears the leftover
    assert [p.name for p in tmp_path.iterdir()] == [STORE_NAME]


@pytest.mark.parametrize("readers", [2])
def test_store_many_readers(tmp_path, seed_dataset, readers):
    write_store(seed_dataset, tmp_path / STORE_NAME)
    stores = [open_store(tmp_path) for _ in range(readers)]
    subject = URIRef("https://w3id.org/kg-ar/id/article/000_3c14a0ab08de09f5")
    for store in stores:
        assert (subject, None, Literal("000_3c14a0ab08de09f5")) in store
