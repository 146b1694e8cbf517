"""The embedded store: a build's quads in an on-disk Oxigraph store, for fast queries.

`write_store(source, folder)` bulk-loads a Dataset, (s, p, o, g) tuples or an
RDF file (graph.nq, graph.trig) into the store folder `folder` (out/store):
each article's named graph as it is, and the merged graph (every triple once)
as the store's default graph, which queries read. (Reading the union of the
named graphs instead is slower, and pyoxigraph 0.5.13 repeats a triple there
once per graph that holds it: oxigraph issue #1919.) `open_store(folder)`
gives it back as an rdflib Dataset through oxrdflib's Oxigraph store plugin,
read-only (so `kg query` and `kg serve` can share it), its default graph the
merged graph. `open_graph` is what a command reads: a build's store, or an RDF
file given with --graph. `open_quads` gives `kg load` and `kg serve` a build's
quads as a pyoxigraph Store laid out the same way (its store read-only, or its
graph.trig in memory); `named_quads` and `write_nquads` give the named graphs'
quads only, as `kg build` wrote them (graph.trig, N-Quads for bulk loaders).

A store is loaded into a fresh folder beside `folder` and then swapped in
(`replace_folder`), so a killed or failed build leaves the previous store
whole. Leftovers of killed builds are cleared by the next successful one.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import Dataset, Graph

from kg.errors import MissingBuildError, NotABuildError
from kg.terms import SUFFIXES, oxigraph_quads, rdf_format, write_rdf

STORE_NAME = "store"
QUAD_FILES = (".trig", ".nq")

# The merged graph for graph.ttl, grouped by subject.
_MERGED = """
CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o }
"""


def _with_merge(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and its triple in the default graph (the store keeps each quad once)."""
    for quad in quads:
        yield quad
        yield ox.Quad(quad.subject, quad.predicate, quad.object)


def _parse(path: str | os.PathLike) -> Iterator[ox.Quad]:
    """The quads of an RDF file, its format from its extension (graph.nq, graph.trig)."""
    fmt = SUFFIXES.get(Path(path).suffix.lower())
    return ox.parse(path=str(path), format=rdf_format(fmt) if fmt else None)


def _load(source: Graph | Iterable[tuple] | str | os.PathLike, folder: Path) -> None:
    store = ox.Store(str(folder))
    quads = _parse(source) if isinstance(source, (str, os.PathLike)) else oxigraph_quads(source)
    store.bulk_extend(_with_merge(quads))
    store.flush()
    del store  # closes the database before the folder is published


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE), if the system can."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        at_fdcwd, rename_exchange = -100, 2
        return (
            libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
        )
    except (AttributeError, OSError):  # no renameat2 in this libc
        return False


def replace_folder(new: str | os.PathLike, target: str | os.PathLike) -> None:
    """Put folder `new` at `target`, replacing whatever is there, then delete the old one.

    Atomic where the system can swap two folders; elsewhere the old folder is
    moved aside for the instant between two renames.
    """
    new, target = Path(new), Path(target)
    if not target.exists():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old folder
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, aside / target.name)
    os.rename(new, target)
    shutil.rmtree(aside, ignore_errors=True)


def write_store(
    source: Graph | Iterable[tuple] | str | os.PathLike, folder: str | os.PathLike
) -> Path:
    """Bulk-load `source` into a new store that replaces `folder`; returns `folder`.

    On any failure the previous store is untouched and the half-built one removed.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=folder.parent))
    try:
        _load(source, build)
        replace_folder(build, folder)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    for stale in folder.parent.glob(f".{folder.name}.*"):
        shutil.rmtree(stale, ignore_errors=True)
    return folder


def find_store(folder: str | os.PathLike) -> Path | None:
    """The store in a build folder (out/store), or `folder` itself if it is one."""
    folder = Path(folder)
    for candidate in (folder / STORE_NAME, folder):
        if (candidate / "CURRENT").is_file():
            return candidate
    return None


def _store_of(folder: str | os.PathLike) -> ox.Store:
    path = find_store(folder)
    if path is None:
        raise MissingBuildError(str(folder), "embedded store")
    return ox.Store.read_only(str(path))


def reads_union(store: ox.Store) -> bool:
    """Whether queries on `store` read the union of its named graphs: only when its
    default graph is empty, as in a store that an older kg wrote without the merge."""
    return next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None


def open_store(folder: str | os.PathLike) -> Dataset:
    """A store written by `write_store`, read-only, as an rdflib Dataset over the merged graph.

    `folder` is the store or the build folder holding it. MissingBuildError when absent.
    """
    store = _store_of(folder)
    return Dataset(store=OxigraphStore(store=store), default_union=reads_union(store))


def open_graph(out: str | os.PathLike, graph: str | os.PathLike | None = None) -> Graph:
    """What a command reads: the RDF file `graph` if given, else the store of build `out`."""
    if graph is not None:
        from kg.graph import read_graph

        return read_graph(graph)
    return open_store(out)


def dump_store(
    store: str | os.PathLike | Graph, stream: IO[bytes] | IO[str], fmt: str = "trig"
) -> None:
    """Write a store (its folder, or any Graph) as trig, nquads or merged turtle (ttl)."""
    if isinstance(store, Graph):
        from kg.graph import dump_graph

        dump_graph(store, stream, fmt)
        return
    db = _store_of(store)
    if rdf_format(fmt) in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        write_rdf(db.query(_MERGED, use_default_graph_as_union=reads_union(db)), stream, fmt)
    else:
        write_rdf(named_quads(db), stream, fmt)


def find_source(path: str | os.PathLike) -> tuple[str, Path]:
    """("store", folder) or ("file", path) for a build folder, a store or a .trig / .nq file."""
    path = Path(path)
    if path.is_dir():
        store = find_store(path)
        if store is not None:
            return "store", store
        for name in ("graph.trig", "graph.nq"):
            if (path / name).is_file():
                return "file", path / name
    elif path.is_file() and path.suffix.lower() in QUAD_FILES:
        return "file", path
    raise NotABuildError(str(path))


def open_quads(path: str | os.PathLike) -> ox.Store:
    """`path` (see find_source) as a pyoxigraph Store laid out as `write_store` does:
    its store read-only, or its file in memory with the merged graph added."""
    kind, where = find_source(path)
    if kind == "store":
        return ox.Store.read_only(str(where))
    store = ox.Store()
    store.bulk_extend(_with_merge(_parse(where)))
    return store


def named_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """The quads of the store's named graphs, without the merged default graph."""
    for quad in store.quads_for_pattern(None, None, None):
        if not isinstance(quad.graph_name, ox.DefaultGraph):
            yield quad


def write_nquads(path: str | os.PathLike, stream: IO[bytes] | IO[str]) -> None:
    """The quads of the named graphs of `path` (see find_source) as N-Quads, for bulk loaders."""
    kind, where = find_source(path)
    quads = named_quads(ox.Store.read_only(str(where))) if kind == "store" else _parse(where)
    write_rdf(quads, stream, "nquads")
