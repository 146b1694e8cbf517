"""The SPARQL 1.1 Protocol over a store: a request's parameters -> (Content-Type, body).

What `kg serve` answers at /sparql. Takes `query` (with `default-graph-uri`,
`named-graph-uri`) and the client's Accept header or a `format=` name; runs
the query read-only on the store's default graph, which holds the merged
graph of the articles (unless default-graph-uri says otherwise; GRAPH reads
the article graphs), with kg's prefixes predeclared, as `kg query` does.
SELECT and ASK give SPARQL JSON (default), CSV, TSV or XML; CONSTRUCT and
DESCRIBE give Turtle (default), N-Triples, RDF/XML or JSON-LD.
An update, in any form, is refused (UpdateRefusedError, HTTP 405).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.errors import MissingQueryError, NotAcceptableError, QuerySyntaxError, UpdateRefusedError
from kg.iri import OUTPUT_PREFIXES
from kg.store import reads_union
from kg.vocab import PREFIXES

# What each kind of answer can be written as, the default first; pyoxigraph
# maps media types (and their aliases) and short names (csv, ttl) to these.
_R, _G = ox.QueryResultsFormat, ox.RdfFormat
RESULTS = (_R.JSON, _R.CSV, _R.TSV, _R.XML)  # SELECT and ASK
GRAPHS = (_G.TURTLE, _G.N_TRIPLES, _G.RDF_XML, _G.JSON_LD)  # CONSTRUCT and DESCRIBE
_Q = re.compile(r"\bq=(\d(?:\.\d*)?)")
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def _preferred(accept: str) -> list[str]:
    """The media ranges of an Accept header, most wanted first, without q=0 ones."""
    ranked = []
    for n, item in enumerate(accept.split(",")):
        media, _, params = item.partition(";")
        q = _Q.search(params)
        weight = float(q.group(1)) if q else 1.0
        if weight > 0:
            ranked.append((-weight, n, media.strip()))
    return [media for *_, media in sorted(ranked)]


def choose_format(accept: str, offered: tuple) -> ox.QueryResultsFormat | ox.RdfFormat:
    """The format of `offered` that `accept` prefers: an Accept header, or a name (csv, ttl)."""
    kind, accept = type(offered[0]), accept.strip().lower()
    if not accept:
        return offered[0]
    if "/" not in accept and kind.from_extension(accept) in offered:
        return kind.from_extension(accept)
    for media in _preferred(accept):
        if media in ("*/*", "*"):
            return offered[0]
        for fmt in offered:
            if fmt == kind.from_media_type(media) or (
                media.endswith("/*") and fmt.media_type.startswith(media[:-1])
            ):
                return fmt
    raise NotAcceptableError(accept, [fmt.media_type.split(";")[0] for fmt in offered])


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # pyparsing raises many kinds; not an update either way
        return False
    return True


def run_request(store: ox.Store, params: dict[str, list[str]], accept: str) -> tuple[str, bytes]:
    """(Content-Type, body) answering SPARQL Protocol `params`; RequestError otherwise."""
    if "update" in params:
        raise UpdateRefusedError()
    if not params.get("query"):
        raise MissingQueryError()
    text = params["query"][0]
    try:
        graphs = [ox.NamedNode(g) for g in params.get("default-graph-uri", [])]
        named = [ox.NamedNode(g) for g in params.get("named-graph-uri", [])]
        result = store.query(
            text,
            prefixes=_PREFIXES,
            use_default_graph_as_union=not graphs and reads_union(store),
            default_graph=graphs or None,
            named_graphs=named or None,
        )
    except (SyntaxError, ValueError) as error:  # ValueError: a graph IRI that is no IRI
        if _is_update(text):
            raise UpdateRefusedError() from None
        raise QuerySyntaxError("the query", " ".join(str(error).split())) from None
    asked = params.get("format", [accept])[0]
    if isinstance(result, ox.QueryTriples):
        fmt = choose_format(asked, GRAPHS)
        body = ox.serialize(result, None, fmt, prefixes=OUTPUT_PREFIXES)
    else:
        fmt = choose_format(asked, RESULTS)
        body = result.serialize(format=fmt)
    media = fmt.media_type.split(";")[0]
    return media + ("" if media.endswith("json") else "; charset=utf-8"), body
