"""kg/load.py against real servers: a real Oxigraph server, and a small recording server."""

from __future__ import annotations

import base64
import io
import re
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import LoadError, MissingPasswordError, NotABuildError, TwoLoginsError
from kg.load import load_graphs, make_auth
from kg.store import named_quads, open_quads, write_nquads

ARTICLES = [
    "https://w3id.org/kg-ar/id/article/000_3c14a0ab08de09f5",
    "https://w3id.org/kg-ar/id/article/002_a8cdf252e180f95f",
]
G0, G1 = (re.escape(f"<{iri}>") for iri in ARTICLES)


def server_quads(url: str) -> list[ox.Quad]:
    request = urllib.request.Request(url + "/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(request) as response:
        return list(ox.parse(response.read(), ox.RdfFormat.N_QUADS))


def build_quads(path) -> set[ox.Quad]:
    """The quads of the build's article graphs (its store's default graph is their merge)."""
    return set(named_quads(open_quads(path)))


@pytest.mark.parametrize("source", ["", "store", "graph.trig"])
def test_load_twice_leaves_the_build_quads(oxigraph_server, seed_build, source):
    path = seed_build / source
    for _ in range(2):
        assert load_graphs(path, oxigraph_server + "/store") == len(ARTICLES)
    held = server_quads(oxigraph_server)
    assert len(held) == len(build_quads(seed_build))
    assert set(held) == build_quads(seed_build)
    assert {q.graph_name.value for q in held} == set(ARTICLES)


@pytest.mark.parametrize("path", ["/store"])
def test_load_refused_connection(seed_build, unused_port, path):
    endpoint = f"http://127.0.0.1:{unused_port}{path}"
    with pytest.raises(LoadError, match=r"cannot reach .*: Connection refused; nothing was loaded"):
        load_graphs(seed_build, endpoint)


@pytest.mark.parametrize("path", ["/nowhere", "/query"])
def test_load_rejected_names_the_graph(oxigraph_server, seed_build, path):
    with pytest.raises(LoadError) as caught:
        load_graphs(seed_build, oxigraph_server + path)
    message = str(caught.value)
    assert message.startswith(f"loaded 0 of 2 graphs into {oxigraph_server}{path}; ")
    assert f"first failure <{ARTICLES[0]}>: 4" in message
    assert "Graph Store endpoint" in message
    assert caught.value.missed == ARTICLES


class Recorder(BaseHTTPRequestHandler):
    """Answers each PUT with the next of server.statuses, and keeps what it was sent."""

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.seen.append((self.path, dict(self.headers), body))
        status = self.server.statuses.pop(0) if self.server.statuses else 204
        message = b"<html><b>nope</b>: go away</html>" if status >= 400 else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(message)))
        self.end_headers()
        self.wfile.write(message)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.seen, server.statuses = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(
    ("user", "token", "environ", "header"),
    [
        ("analyst", None, {"KG_PASSWORD": "s3cret:كلمة"}, "Basic "),
        (None, "abc.def", {}, "Bearer abc.def"),
        (None, None, {"KG_TOKEN": "from-env"}, "Bearer from-env"),
        (None, None, {}, None),
    ],
)
def test_load_sends_credentials(recorder, seed_build, user, token, environ, header):
    auth = make_auth(user, token, environ)
    endpoint = f"http://127.0.0.1:{recorder.server_port}/ds/data"
    assert load_graphs(seed_build, endpoint, auth) == 2
    (path, headers, body), _ = recorder.seen
    assert path == "/ds/data?graph=" + quote(ARTICLES[0], safe="")
    assert headers["Content-Type"] == "application/n-triples"
    assert headers.get("Authorization", None) == (
        header
        if not user
        else "Basic " + base64.b64encode(b"analyst:s3cret:" + "كلمة".encode()).decode()
    )
    triples = list(ox.parse(body, ox.RdfFormat.N_TRIPLES))
    assert len(triples) == len(
        list(open_quads(seed_build).quads_for_pattern(None, None, None, ox.NamedNode(ARTICLES[0])))
    )


@pytest.mark.parametrize(
    ("statuses", "requests", "expected"),
    [
        (
            [204, 500],
            2,
            f"loaded 1 of 2 graphs .*; first failure {G1}: 500 .*nope : go away",
        ),
        (
            [503, 204],
            2,
            f"loaded 1 of 2 graphs .*; first failure {G0}: 503 .*not loaded: {G0}\\.",
        ),
        (
            [401],
            1,
            f"loaded 0 of 2 graphs .*: 401 .*not loaded: {G0}, {G1}.*KG_PASSWORD",
        ),
    ],
)
def test_load_partial_load_says_what_landed(recorder, seed_build, statuses, requests, expected):
    recorder.statuses = statuses
    with pytest.raises(LoadError, match=expected) as caught:
        load_graphs(seed_build, f"http://127.0.0.1:{recorder.server_port}/store")
    assert len(recorder.seen) == requests  # a 401 is the same for every graph: stop at once
    assert sorted(caught.value.landed + caught.value.missed) == ARTICLES


@pytest.mark.parametrize(
    ("user", "token", "environ", "error"),
    [
        ("analyst", None, {}, MissingPasswordError),
        ("analyst", "t", {"KG_PASSWORD": "p"}, TwoLoginsError),
    ],
)
def test_load_credentials_errors(user, token, environ, error):
    with pytest.raises(error, match="KG_PASSWORD"):
        make_auth(user, token, environ)


@pytest.mark.parametrize("source", ["", "graph.trig"])
def test_load_write_nquads(seed_build, source):
    stream = io.BytesIO()
    write_nquads(seed_build / source, stream)
    assert set(ox.parse(stream.getvalue(), ox.RdfFormat.N_QUADS)) == build_quads(seed_build)


@pytest.mark.parametrize("name", ["empty", "graph.ttl"])
def test_load_not_a_build(tmp_path, name):
    (tmp_path / "empty").mkdir()
    (tmp_path / "graph.ttl").write_text("")
    with pytest.raises(NotABuildError, match="is neither a build folder"):
        load_graphs(tmp_path / name, "http://127.0.0.1:1/store")


@pytest.mark.parametrize("runs", [2])
def test_load_cli(oxigraph_server, seed_build, tmp_path, runs):
    runner = CliRunner()
    for _ in range(runs):
        result = runner.invoke(
            main, ["load", str(seed_build), "--endpoint", oxigraph_server + "/store"]
        )
        assert result.exit_code == 0, result.output
        assert "Loaded 2 graphs into" in result.stderr
    target = tmp_path / "bulk.nq"
    result = runner.invoke(main, ["load", str(seed_build), "--format", "nquads", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert set(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS)) == set(
        server_quads(oxigraph_server)
    )


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--endpoint", "http://127.0.0.1:{port}/store"], 1, "Error: cannot reach"),
        (["--endpoint", "ftp://x/store"], 1, "expected an http:// or https:// URL"),
        (["--endpoint", "http://me:pw@x/store"], 1, "without user:password@"),
        ([], 2, "give --endpoint URL"),
        (
            ["--endpoint", "http://x/store", "--user", "me"],
            1,
            "set the environment variable KG_PASSWORD",
        ),
    ],
)
def test_load_cli_errors(seed_build, unused_port, args, status, message):
    args = [a.format(port=unused_port) for a in args]
    result = CliRunner(env={"KG_PASSWORD": None}).invoke(main, ["load", str(seed_build), *args])
    assert result.exit_code == status
    assert message in result.stderr
    assert "pw" not in result.stderr


@pytest.mark.parametrize(("graphs", "requests"), [(15, 10)])
def test_load_stops_after_failures_in_a_row(recorder, tmp_path, graphs, requests):
    source = tmp_path / "many.nq"
    source.write_text(
        "".join(f"<urn:s> <urn:p> <urn:o> <urn:g{n:02}> .\n" for n in range(graphs)), "utf-8"
    )
    recorder.statuses = [500] * graphs
    with pytest.raises(LoadError, match=f"loaded 0 of {graphs} graphs .*: 500 .* and 13 more"):
        load_graphs(source, f"http://127.0.0.1:{recorder.server_port}/store")
    assert len(recorder.seen) == requests


@pytest.mark.parametrize("graphs", [2])
def test_load_reports_progress(recorder, seed_build, graphs):
    calls = []
    endpoint = f"http://127.0.0.1:{recorder.server_port}/store"
    load_graphs(seed_build, endpoint, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, graphs) for n in range(1, graphs + 1)]
