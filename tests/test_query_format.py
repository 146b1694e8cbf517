"""kg/query.py: how -p values become terms, and how rows are written out."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.query import format_result, load_query, make_term, run_query
from kg.table import _width
from kg.vocab import ID, KG


@pytest.mark.parametrize(
    ("name", "value", "term"),
    [
        ("article", "000_3c14a0ab08de09f5", ID["article/000_3c14a0ab08de09f5"]),
        ("article", "<https://example.org/a>", URIRef("https://example.org/a")),
        ("x", "https://w3id.org/kg-ar/id/person/زيد", URIRef(ID["person/زيد"])),
        ("type", "kg:Person", KG.Person),
        ("entity", "id:person/زيد", ID["person/زيد"]),
        ("min", "2", Literal(2)),
        ("date", "2016-10-08", Literal("2016-10-08", datatype=XSD.date)),
        ("name", "دي ميستورا", Literal("دي ميستورا")),
        ("rule", "said.inna_clause", Literal("said.inna_clause")),
        ("name", "unknown:thing", Literal("unknown:thing")),
    ],
)
def test_query_make_term(name, value, term):
    made = make_term(name, value)
    assert made == term and type(made) is type(term)


@pytest.fixture
def claims(seed_store):
    label, text = load_query("claims_by_actor")
    return lambda: run_query(seed_store, text, {"name": "ميستورا"}, label)


@pytest.mark.parametrize("fmt", ["csv"])
def test_query_format_csv(claims, fmt):
    rows = list(csv.DictReader(io.StringIO(format_result(claims(), fmt))))
    assert len(rows) == 2
    assert {row["speaker"] for row in rows} == {"ستافان دي ميستورا"}
    assert {row["name"] for row in rows} == {"ميستورا"}


@pytest.mark.parametrize("fmt", ["json"])
def test_query_format_json(claims, fmt):
    data = json.loads(format_result(claims(), fmt))
    assert data["head"]["vars"] == ["speaker", "claim", "date", "article", "name"]
    assert len(data["results"]["bindings"]) == 2


@pytest.mark.parametrize("fmt", ["table"])
def test_query_format_table(claims, fmt):
    lines = format_result(claims(), fmt).splitlines()
    assert lines[0].split() == ["speaker", "claim", "date", "article", "name"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(2 rows)"
    assert any("article:000_3c14a0ab08de09f5" in line for line in lines)
    # The article column lines up in display columns, whatever the harakat.
    starts = {_width(line[: line.index("article:")]) for line in lines[2:-1]}
    assert len(starts) == 1


@pytest.mark.parametrize(("text", "width"), [("يُعدّ", 3), ("زيد", 3), ("abc", 3), ("‏طهران", 5)])
def test_query_format_display_width(text, width):
    assert _width(text) == width


@pytest.mark.parametrize("name", ["captures"])
def test_query_format_table_drops_unbound_parameter_columns(seed_store, name):
    label, text = load_query(name)
    header = format_result(run_query(seed_store, text, {}, label), "table").splitlines()[0]
    assert header.split() == ["force", "site", "date", "article"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ASK { ?s kg:said ?c }", "true\n"), ("ASK { ?s kg:said kg:Person }", "false\n")],
)
def test_query_format_ask(seed_store, text, expected):
    assert format_result(run_query(seed_store, text), "table") == expected


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_query_format_construct(seed_store, fmt):
    result = run_query(seed_store, "CONSTRUCT { ?a kg:met ?b } WHERE { ?a kg:met ?b }")
    out = format_result(result, fmt)
    assert "met" in out
