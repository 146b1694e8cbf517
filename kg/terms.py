"""RDF terms between rdflib and pyoxigraph, and the written formats.

rdflib holds graphs in memory and runs the library code; pyoxigraph parses,
writes and stores them fast. Both hold the same RDF 1.1 terms: a plain
literal and an xsd:string literal are one term, kept plain on the rdflib side.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.iri import OUTPUT_PREFIXES

# Format names (and their usual short names) -> pyoxigraph formats.
FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nt": ox.RdfFormat.N_TRIPLES,
}
SUFFIXES = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".nt": "ntriples"}
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


def rdf_format(fmt: str) -> ox.RdfFormat:
    """The pyoxigraph format for a name; ValueError listing the names otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def _ox_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = ox.NamedNode(str(term.datatype)) if term.datatype else None
        return ox.Literal(str(term), datatype=datatype)
    raise TypeError(f"not an RDF term: {term!r}")


def _ox_graph(context: object) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    identifier = getattr(context, "identifier", context)
    if identifier is None or identifier == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return _ox_term(identifier)


def oxigraph_quads(source: Graph | Iterable[tuple]) -> Iterator[ox.Quad]:
    """pyoxigraph quads from an rdflib Dataset or Graph, or (s, p, o, g) tuples.

    A Graph's triples go to its named graph, or the default graph when it has
    a blank identifier (a plain `Graph()`).
    """
    if isinstance(source, Dataset):
        source = source.quads((None, None, None, None))
    elif isinstance(source, Graph):
        name = None if isinstance(source.identifier, BNode) else source.identifier
        source = ((s, p, o, name) for s, p, o in source)
    for quad in source:
        if isinstance(quad, ox.Quad):
            yield quad
        else:
            s, p, o, g = quad
            yield ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), _ox_graph(g))


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdflib_quads(quads: Iterable[ox.Quad]) -> Iterator[tuple]:
    """(s, p, o, g) rdflib tuples from pyoxigraph quads; g is None for the default graph."""
    for quad in quads:
        graph = quad.graph_name
        yield (
            _rdflib_term(quad.subject),
            _rdflib_term(quad.predicate),
            _rdflib_term(quad.object),
            None if isinstance(graph, ox.DefaultGraph) else _rdflib_term(graph),
        )


def write_rdf(
    items: Iterable[ox.Quad] | Iterable[ox.Triple], stream: IO[bytes] | IO[str], fmt: str
) -> None:
    """Serialise pyoxigraph quads or triples to a binary or text stream, with our prefixes."""
    rdf = rdf_format(fmt)
    prefixes = OUTPUT_PREFIXES if rdf in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE) else None
    if isinstance(stream, io.TextIOBase):
        stream.write(ox.serialize(items, None, rdf, prefixes=prefixes).decode("utf-8"))
    else:
        ox.serialize(items, stream, rdf, prefixes=prefixes)
