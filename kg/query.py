"""SPARQL over a build: find a query, bind its parameters, run it, format the rows.

A query is a name from queries/ (`claims_by_actor`), a path to a `.rq` file,
or inline SPARQL; the first `# ` line of a file is its help text. Prefixes
come from initNs (kg, id, schema, prov, sem, geo, rdf, rdfs, owl, skos, xsd)
and values from initBindings, never from formatting text into SPARQL. A query
sees every article's named graph without GRAPH clauses: the embedded store
keeps the merged graph (every triple once) as its default graph, and a
Dataset whose default graph is empty (rdflib's, read from graph.trig) is
queried with the union of its named graphs as default graph.

Parameters: `-p NAME VALUE` binds ?NAME. The embedded store (Oxigraph)
substitutes only variables the query projects, and keeps the rows whose
NAME equals VALUE, so the canned queries project their parameters, and an
optional text filter is written

    FILTER(CONTAINS(STR(?label), COALESCE(STR(?name), "")))

which keeps every row while ?name is unbound. (BOUND(?name) does not work:
Oxigraph's substitution leaves it false.) rdflib's engine gives the same rows.

How a VALUE becomes an RDF term:

    <IRI>, http(s)://..., urn:...      the IRI
    kg:Person, id:person/...           the IRI, for a known prefix
    ?article with a bare id            the article's IRI (id:article/<id>)
    -12, 3                             xsd:integer
    2016-10-08                         xsd:date
    anything else                      a plain string (compare with STR())
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier

from kg.errors import QueryParameterError, QuerySyntaxError, UnknownQueryError
from kg.iri import article_iri
from kg.table import render_table
from kg.vocab import PREFIXES

QUERY_DIR = Path(__file__).parent / "queries"
FORMATS = ("table", "csv", "json")

_NAME = re.compile(r"[\w-]+")
_IRI = re.compile(r"(https?|urn|file):\S+")
_CURIE = re.compile(r"([A-Za-z][\w-]*):(\S*)")
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_VARIABLE = re.compile(r"[?$](\w+)")


def list_queries() -> dict[str, str]:
    """name -> help text of every query in queries/."""
    return {path.stem: _help(path.read_text("utf-8")) for path in sorted(QUERY_DIR.glob("*.rq"))}


def _help(text: str) -> str:
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    return first[1:].strip() if first.startswith("#") else ""


def load_query(spec: str) -> tuple[str, str]:
    """(label, text) for a query name, a path to a .rq file, or inline SPARQL.

    Raises UnknownQueryError (listing the names that exist) for an unknown
    name and QuerySyntaxError for text that does not parse.
    """
    path = Path(spec)
    if spec.endswith(".rq") or _NAME.fullmatch(spec):
        if not path.is_file():
            path = QUERY_DIR / f"{spec}.rq"
        if not path.is_file():
            raise UnknownQueryError(spec, list_queries())
        label = path.stem if path.parent == QUERY_DIR else str(path)
        text = path.read_text("utf-8")
    else:
        label, text = "inline query", spec
    check_query(text, label)
    return label, text


def check_query(text: str, where: str = "query") -> None:
    """Raise QuerySyntaxError, with the parser's message on one line, unless `text` parses."""
    try:
        prepareQuery(text, initNs=PREFIXES)
    except Exception as error:  # pyparsing and rdflib raise many kinds
        raise QuerySyntaxError(
            where, " ".join(str(error).split()) or type(error).__name__
        ) from None


def query_parameters(text: str) -> list[str]:
    """The variables `-p` can bind: a SELECT's projection, else every variable."""
    algebra = prepareQuery(text, initNs=PREFIXES).algebra
    projected = algebra.get("PV") if algebra.name == "SelectQuery" else None
    if projected:
        return [str(v) for v in projected]
    return sorted(set(_VARIABLE.findall(text)))


def make_term(name: str, value: str) -> Identifier:
    """The RDF term a `-p NAME VALUE` binding stands for (see the module docstring)."""
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if _IRI.fullmatch(value):
        return URIRef(value)
    curie = _CURIE.fullmatch(value)
    if curie and curie.group(1) in PREFIXES:
        return PREFIXES[curie.group(1)][curie.group(2)]
    if name == "article":
        return article_iri(value)
    if _INTEGER.fullmatch(value):
        return Literal(int(value))
    if _DATE.fullmatch(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _reads_union(source: Graph) -> bool:
    """Whether `source` is a Dataset with an empty default graph, to be read as the union."""
    if not isinstance(source, Dataset):
        return False
    default = Graph(store=source.store, identifier=DATASET_DEFAULT_GRAPH_ID)
    return (None, None, None) not in default


def run_query(
    source: Graph, text: str, bindings: dict[str, str] | None = None, label: str = "the query"
) -> Result:
    """Run `text` on a Graph or Dataset (see the module docstring) with `bindings` bound.

    Rows are read before returning, so engine errors surface here.
    """
    check_query(text, label)
    terms = {}
    if bindings:
        allowed = query_parameters(text)
        for name, value in bindings.items():
            name = name.lstrip("?$")
            if name not in allowed:
                raise QueryParameterError(name, label, allowed)
            terms[name] = make_term(name, value)
    union = getattr(source, "default_union", None)
    if isinstance(source, Dataset):
        source.default_union = _reads_union(source)
    try:
        with warnings.catch_warnings():
            # rdflib's own engine calls its deprecated Dataset.default_context.
            warnings.filterwarnings("ignore", "Dataset.default_context", DeprecationWarning)
            result = source.query(text, initNs=PREFIXES, initBindings=terms)
            if result.type == "SELECT":
                result.bindings  # noqa: B018 - reads the rows
    except SyntaxError as error:  # Oxigraph's parser
        raise QuerySyntaxError(label, " ".join(str(error).split())) from None
    finally:
        if isinstance(source, Dataset):
            source.default_union = union
    return result


def format_result(result: Result, fmt: str = "table") -> str:
    """Rows as an aligned text table, or CSV / SPARQL JSON through Result.serialize."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="json-ld" if fmt == "json" else "turtle")
    if result.type == "ASK" and fmt != "json":
        return "true\n" if result.askAnswer else "false\n"
    if fmt != "table":
        return result.serialize(format=fmt).decode("utf-8")
    return render_table([str(v) for v in result.vars], list(result))
