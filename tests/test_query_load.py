"""kg/query.py: finding a query by name, path or text, and saying what went wrong."""

from __future__ import annotations

import pytest

from kg.errors import QueryParameterError, QuerySyntaxError, UnknownQueryError
from kg.query import load_query, run_query


@pytest.mark.parametrize("name", ["claims_by_actr", "nothing", "missing.rq"])
def test_query_load_unknown_name_lists_available(name):
    with pytest.raises(UnknownQueryError) as error:
        load_query(name)
    message = str(error.value)
    assert f"no query '{name}'" in message
    assert "claims_by_actor" in message and "captures" in message and "meetings" in message


@pytest.mark.parametrize("text", ["SELECT ?s WHERE { ?s ?p ?o }", "ASK { ?s kg:said ?c }"])
def test_query_load_inline(text):
    assert load_query(text) == ("inline query", text)


@pytest.mark.parametrize("name", ["q.rq", "sub/other.rq"])
def test_query_load_path(tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("# mine\nSELECT ?s WHERE { ?s a kg:Claim }\n", "utf-8")
    label, text = load_query(str(path))
    assert label == str(path) and "kg:Claim" in text


@pytest.mark.parametrize(
    "text",
    [
        "SELEC ?s WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o ",
        "SELECT ?s WHERE { ?s nope:thing ?o }",
    ],
)
def test_query_load_invalid_sparql(text):
    with pytest.raises(QuerySyntaxError) as error:
        load_query(text)
    message = str(error.value)
    assert message.startswith("invalid SPARQL in inline query: ")
    assert "\n" not in message


@pytest.mark.parametrize("text", ["SELECT ?s WHERE { ?s ?p ?o ", "SELEC ?x {}"])
def test_query_load_invalid_file(tmp_path, text):
    path = tmp_path / "broken.rq"
    path.write_text(text, "utf-8")
    with pytest.raises(QuerySyntaxError, match=f"invalid SPARQL in {path}"):
        load_query(str(path))


@pytest.mark.parametrize(("name", "parameter"), [("claims_by_actor", "actor"), ("meetings", "x")])
def test_query_unknown_parameter_lists_parameters(seed_dataset, name, parameter):
    label, text = load_query(name)
    with pytest.raises(QueryParameterError) as error:
        run_query(seed_dataset, text, {parameter: "دي ميستورا"}, label)
    assert f"{name} has no parameter '{parameter}'" in str(error.value)
    assert "name" in str(error.value)
