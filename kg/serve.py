"""Serve: a build's store as a read-only SPARQL 1.1 Protocol endpoint at /sparql.

Takes a build folder (its store, else graph.trig: see kg.store.find_source),
opened read-only; answers GET /sparql?query=…, POST form-encoded (query=…)
and POST application/sparql-query as kg/protocol.py says, refuses updates
(and PUT, DELETE) with 405, and gives a small query form at / for a browser.
Standard library http.server, threaded, on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import html
import ipaddress
import os
import socket
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

import pyoxigraph as ox

from kg.errors import (
    KgError,
    RemoteHostError,
    ServeAddressError,
    UnknownPageError,
    UnsupportedBodyError,
    UpdateRefusedError,
)
from kg.protocol import run_request
from kg.store import open_quads
from kg.vocab import PREFIXES

_FORM = """<!doctype html><html lang="en"><meta charset="utf-8"><title>kg SPARQL</title>
<h1>kg SPARQL endpoint</h1><form action="/sparql" method="get">
<textarea name="query" rows="14" cols="100" dir="auto">{query}</textarea><br>
<label>results <select name="format">{options}</select></label> <button>Run</button></form>
<p>Prefixes {prefixes} are declared. Canned queries:</p><ul>{canned}</ul></html>"""


def render_form(query: str = "") -> str:
    """The page at /: a query box, a results format, and the canned queries as links."""
    from kg.query import QUERY_DIR, list_queries

    options = "".join(f"<option>{name}</option>" for name in ("json", "csv", "tsv", "xml"))
    canned = "".join(
        f'<li><a href="/?query={quote((QUERY_DIR / f"{name}.rq").read_text("utf-8"))}">'
        f"{html.escape(name)}</a>: {html.escape(help_)}</li>"
        for name, help_ in list_queries().items()
    )
    prefixes = ", ".join(f"{p}:" for p in PREFIXES)
    return _FORM.format(query=html.escape(query), options=options, prefixes=prefixes, canned=canned)


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-serve"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query)
        if url.path == "/":
            page = render_form(params.get("query", [""])[0]).encode("utf-8")
            return self._send(200, "text/html; charset=utf-8", page)
        self._answer(url.path, lambda: params)

    def do_POST(self) -> None:
        url = urlsplit(self.path)

        def params() -> dict[str, list[str]]:
            kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
            if kind == "application/x-www-form-urlencoded":
                return parse_qs(body)
            if kind == "application/sparql-query":
                return {**parse_qs(url.query), "query": [body]}
            if kind == "application/sparql-update":
                raise UpdateRefusedError()
            raise UnsupportedBodyError(kind)

        self._answer(url.path, params)

    def _refuse(self) -> None:
        error = UpdateRefusedError()
        self._send(error.status, "text/plain; charset=utf-8", f"{error}\n".encode())

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _answer(self, path: str, params: Callable[[], dict[str, list[str]]]) -> None:
        try:
            if path != "/sparql":
                raise UnknownPageError(path)
            kind, body = run_request(self.server.store, params(), self.headers.get("Accept", ""))
        except KgError as error:  # the request's fault: a RequestError, or a syntax error
            status = getattr(error, "status", 400)
            return self._send(status, "text/plain; charset=utf-8", f"{error}\n".encode())
        except Exception as error:  # the engine's own failures: report, keep serving
            return self._send(500, "text/plain; charset=utf-8", f"{error}\n".encode())
        self._send(200, kind, body)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if status == 405:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: ox.Store):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.store = store
        super().__init__(address, _Handler)


def is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def make_server(
    folder: str | os.PathLike, host: str = "127.0.0.1", port: int = 7879, allow_remote=False
) -> ThreadingHTTPServer:
    """The endpoint over `folder`'s store, bound and not yet serving (port 0: any free port)."""
    if not (allow_remote or is_loopback(host)):
        raise RemoteHostError(host)
    store = open_quads(folder)
    try:
        return _Server((host, port), store)
    except OSError as error:
        raise ServeAddressError(host, port, error.strerror or str(error)) from None


def endpoint_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/sparql"


def serve(
    folder: str | os.PathLike,
    host: str = "127.0.0.1",
    port: int = 7879,
    allow_remote: bool = False,
    on_ready: Callable[[str], None] = lambda url: None,
) -> None:
    """Answer SPARQL queries over `folder`'s store until interrupted (Ctrl-C)."""
    server = make_server(folder, host, port, allow_remote)
    on_ready(endpoint_url(server))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
