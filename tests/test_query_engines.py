"""The embedded store (Oxigraph) and rdflib's engine give the same rows, bindings included.

Rows are compared as sets, since ORDER BY leaves ties in either order.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.graph import read_graph
from kg.query import list_queries, load_query, run_query

CASES = [(name, {}) for name in sorted(list_queries())] + [
    ("claims_by_actor", {"name": "دي ميستورا"}),
    ("claims_by_actor", {"name": "المبعوث الأممي"}),  # an alias
    ("claims_by_actor", {"name": "nobody"}),
    ("claims_about_place", {"place": "حلب"}),
    ("captures", {"name": "الجيش"}),
    ("captures", {"place": "المعهد"}),
    ("meetings", {"name": "أنصاري"}),
    ("article_facts", {"article": "002_a8cdf252e180f95f"}),
    ("article_facts", {"article": "https://w3id.org/kg-ar/id/article/000_3c14a0ab08de09f5"}),
    ("cooccurring_actors", {"min": "2"}),
    ("entities", {"name": "دي"}),
]


def _rows(result, canonical) -> set[tuple]:
    return {tuple(canonical(term) for term in row) for row in result}


@pytest.mark.parametrize(("name", "bindings"), CASES)
def test_query_engines_agree(seed_store, seed_dataset, canonical, name, bindings):
    label, text = load_query(name)
    from_store = _rows(run_query(seed_store, text, bindings, label), canonical)
    in_memory = _rows(run_query(seed_dataset, text, bindings, label), canonical)
    assert from_store == in_memory


@pytest.mark.parametrize(
    ("name", "bindings", "column", "expected"),
    [
        ("claims_by_actor", {"name": "دي ميستورا"}, "speaker", {"ستافان دي ميستورا"}),
        ("claims_by_actor", {"name": "مساعد وزير"}, "speaker", {"حسين جابري أنصاري"}),
        ("claims_by_actor", {"name": "nobody"}, "speaker", set()),
        ("captures", {"place": "المعهد"}, "site", {"المعهد الرياضي", "سكن المعهد"}),
        ("meetings", {"name": "ميستورا"}, "actor1", {"حسين جابري أنصاري"}),
        ("article_facts", {"article": "002_a8cdf252e180f95f"}, "relation", {"said", "met"}),
        ("claims_about_place", {}, "mentioned", {"مؤسسة المياه"}),
        (
            "claims_about_place",
            {"place": "حلب"},
            "speaker",
            {"ستافان دي ميستورا", "حسين جابري أنصاري"},
        ),
        ("cooccurring_actors", {"min": "2"}, "actor1", set()),
        ("most_quoted", {}, "claims", {2, 1}),
    ],
)
def test_query_bindings_select_rows(seed_store, name, bindings, column, expected):
    label, text = load_query(name)
    result = run_query(seed_store, text, bindings, label)
    got = {row[column].toPython() for row in result if row[column] is not None}
    assert got == expected


@pytest.mark.parametrize("name", ["claims_by_actor"])
def test_query_sees_every_named_graph(seed_store, seed_dataset, name):
    _, text = load_query(name)
    articles = {row["article"] for row in run_query(seed_store, text, {})}
    assert len(articles) == 2
    # The caller's Dataset is left as it was.
    assert seed_dataset.default_union is False


COUNTS = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?label }",
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
]


@pytest.mark.parametrize("text", COUNTS)
def test_query_counts_each_triple_once(seed_build, rdflib_count, text):
    """A triple two articles hold is one triple of the default graph, as in rdflib's union."""
    in_memory = read_graph(seed_build / "graph.trig")
    quads = len(list(in_memory.quads((None, None, None, None))))
    assert quads > len(set(in_memory.triples((None, None, None))))  # the seeds share triples
    result = CliRunner().invoke(main, ["query", text, "--out", str(seed_build), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["n", str(rdflib_count(text))]
