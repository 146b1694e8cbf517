"""kg/serve.py: a real server in a thread, asked with real HTTP requests."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

from kg.errors import RemoteHostError, ServeAddressError
from kg.query import load_query, run_query
from kg.serve import make_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@contextmanager
def running(folder):
    """The base URL of a server over `folder`, serving in a thread."""
    server = make_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def endpoint(seed_build):
    with running(seed_build) as url:
        yield url


def ask(url, data=None, headers=None, method=None) -> tuple[int, str, bytes]:
    """(status, Content-Type, body) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def get(endpoint, query, accept=None, **params):
    url = f"{endpoint}/sparql?{urlencode({'query': query, **params})}"
    return ask(url, headers={"Accept": accept} if accept is not None else {})


def triple_count(endpoint) -> int:
    status, _, body = get(endpoint, COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("name", ["claims_by_actor", "most_quoted", "meetings"])
def test_serve_canned_query_as_json(endpoint, seed_dataset, name):
    label, text = load_query(name)
    status, kind, body = get(endpoint, text)
    assert (status, kind) == (200, "application/sparql-results+json")
    answer = json.loads(body)
    expected = run_query(seed_dataset, text, {}, label)
    assert answer["head"]["vars"] == [str(v) for v in expected.vars]
    assert len(answer["results"]["bindings"]) == len(expected) > 0


@pytest.mark.parametrize(
    "query", [COUNT, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"]
)
@pytest.mark.parametrize("source", ["store", "graph.trig"])
def test_serve_counts_each_triple_once(seed_build, tmp_path, rdflib_count, query, source):
    """A triple two articles hold is one triple of the default graph, as in rdflib's union."""
    folder = seed_build
    if source == "graph.trig":  # a build folder without its store
        folder = tmp_path
        shutil.copy(seed_build / source, folder / source)
    with running(folder) as url:
        status, _, body = get(url, query)
    assert status == 200, body
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == rdflib_count(query)


@pytest.mark.parametrize(
    ("accept", "params", "kind"),
    [
        (None, {}, "application/sparql-results+json"),
        ("application/sparql-results+json", {}, "application/sparql-results+json"),
        ("application/json", {}, "application/sparql-results+json"),
        ("text/csv", {}, "text/csv; charset=utf-8"),
        ("text/tab-separated-values", {}, "text/tab-separated-values; charset=utf-8"),
        ("application/sparql-results+xml", {}, "application/sparql-results+xml; charset=utf-8"),
        ("text/csv;q=0.5, application/sparql-results+json", {}, "application/sparql-results+json"),
        ("text/*", {}, "text/csv; charset=utf-8"),
        (BROWSER, {}, "application/sparql-results+xml; charset=utf-8"),
        (BROWSER, {"format": "csv"}, "text/csv; charset=utf-8"),
    ],
)
def test_serve_negotiates_results(endpoint, accept, params, kind):
    status, got, body = get(endpoint, COUNT, accept, **params)
    assert (status, got) == (200, kind), body


@pytest.mark.parametrize("accept", ["text/csv"])
def test_serve_csv_rows(endpoint, seed_dataset, accept):
    label, text = load_query("claims_by_actor")
    status, _, body = get(endpoint, text, accept)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert status == 200
    assert rows[0] == ["speaker", "claim", "date", "article", "name"]
    assert len(rows) - 1 == len(run_query(seed_dataset, text, {}, label))
    assert any("دي ميستورا" in row[0] for row in rows[1:])


@pytest.mark.parametrize(
    ("kind", "encode"),
    [
        ("application/x-www-form-urlencoded", lambda q: urlencode({"query": q}).encode()),
        ("application/sparql-query", lambda q: q.encode("utf-8")),
        ("application/sparql-query; charset=utf-8", lambda q: q.encode("utf-8")),
    ],
)
def test_serve_post(endpoint, kind, encode):
    status, _, body = ask(endpoint + "/sparql", encode(COUNT), {"Content-Type": kind})
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(triple_count(endpoint))


@pytest.mark.parametrize(
    ("query", "accept", "fmt"),
    [
        ("CONSTRUCT WHERE { ?s a kg:Claim }", None, ox.RdfFormat.TURTLE),
        ("CONSTRUCT WHERE { ?s a kg:Claim }", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        (
            "DESCRIBE <https://w3id.org/kg-ar/id/person/ستافان_دي_ميستورا>",
            None,
            ox.RdfFormat.TURTLE,
        ),
    ],
)
def test_serve_graph_results(endpoint, query, accept, fmt):
    status, kind, body = get(endpoint, query, accept)
    assert (status, kind.split(";")[0]) == (200, fmt.media_type)
    assert len(list(ox.parse(body, fmt))) > 0


@pytest.mark.parametrize(
    ("query", "answer"), [("ASK { ?s kg:met ?o }", True), ("ASK { ?s kg:met ?s }", False)]
)
def test_serve_ask(endpoint, query, answer):
    status, _, body = get(endpoint, query)
    assert (status, json.loads(body)["boolean"]) == (200, answer)


UPDATE = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"


@pytest.mark.parametrize(
    ("method", "path", "data", "kind"),
    [
        (
            "POST",
            "/sparql",
            urlencode({"update": UPDATE}).encode(),
            "application/x-www-form-urlencoded",
        ),
        ("POST", "/sparql", UPDATE.encode(), "application/sparql-update"),
        ("GET", "/sparql?" + urlencode({"query": UPDATE}), None, None),
        ("POST", "/sparql", UPDATE.encode(), "application/sparql-query"),
        ("PUT", "/sparql?graph=urn:g", b"<urn:x> <urn:y> <urn:z> .", "application/n-triples"),
        ("DELETE", "/sparql?graph=urn:g", None, None),
    ],
)
def test_serve_refuses_updates(endpoint, method, path, data, kind):
    before = triple_count(endpoint)
    status, _, body = ask(endpoint + path, data, {"Content-Type": kind} if kind else {}, method)
    assert status == 405
    assert b"read-only" in body
    assert triple_count(endpoint) == before


@pytest.mark.parametrize(
    ("url", "headers", "status", "message"),
    [
        ("/sparql?query=" + quote("SELECT ?x WHERE {"), {}, 400, "invalid SPARQL in the query"),
        ("/sparql", {}, 400, "no query: send GET /sparql?query="),
        (
            "/sparql?query=" + quote(COUNT),
            {"Accept": "image/png"},
            406,
            "Offered: application/sparql-results+json",
        ),
        ("/query", {}, 404, "the SPARQL endpoint is /sparql"),
    ],
)
def test_serve_errors(endpoint, url, headers, status, message):
    got, kind, body = ask(endpoint + url, headers=headers)
    assert (got, kind) == (status, "text/plain; charset=utf-8")
    assert message in body.decode("utf-8")


@pytest.mark.parametrize("query", ["", "SELECT * WHERE { ?s ?p ?o }"])
def test_serve_form(endpoint, query):
    status, kind, body = ask(f"{endpoint}/?{urlencode({'query': query})}")
    page = body.decode("utf-8")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert '<form action="/sparql"' in page and "claims_by_actor" in page
    assert f">{query}</textarea>" in page


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "example.org"])
def test_serve_refuses_remote_host(seed_build, host):
    with pytest.raises(RemoteHostError, match=f"refusing to serve on {host}.*--host"):
        make_server(seed_build, host, 0)


@pytest.mark.parametrize("host", ["127.0.0.1"])
def test_serve_port_in_use(seed_build, host):
    first = make_server(seed_build, host, 0)
    try:
        with pytest.raises(ServeAddressError, match="Address already in use. Pick another"):
            make_server(seed_build, host, first.server_address[1])
    finally:
        first.server_close()


@pytest.mark.parametrize("args", [[], ["--host", "127.0.0.1"]])
def test_serve_cli(seed_build, unused_port, args):
    command = [
        sys.executable,
        "-m",
        "kg",
        "serve",
        "--out",
        str(seed_build),
        "--port",
        str(unused_port),
    ]
    server = subprocess.Popen([*command, *args], stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        url = f"http://127.0.0.1:{unused_port}/sparql"
        assert line.strip() == f"Serving {seed_build} at {url}"
        status, _, body = ask(f"{url}?{urlencode({'query': COUNT})}")
        assert status == 200, body
    finally:
        server.terminate()
        server.wait(10)
        server.stderr.close()
