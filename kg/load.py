"""Load: a build's named graphs -> any triplestore, by the SPARQL 1.1 Graph Store Protocol.

Takes a build folder (its store, else its graph.trig) or a .trig / .nq file;
sends each named graph with one HTTP PUT to ENDPOINT?graph=<article IRI>, as
N-Triples. PUT replaces a graph, so loading twice leaves the same quads and an
interrupted load is finished by running it again. ENDPOINT is the server's
Graph Store endpoint:

    Oxigraph   http://localhost:7878/store
    Fuseki     http://localhost:3030/ds/data
    GraphDB    http://localhost:7200/repositories/REPO/rdf-graphs/service

A connection that fails, a server that refuses a graph (4xx/5xx, or a
redirect) and a partial load raise LoadError, naming the graphs that landed
and those that did not. (kg.store.write_nquads gives the same quads as N-Quads,
for bulk loaders.) Standard library only: http.client, one kept-alive connection.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from typing import IO
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from kg.errors import (
    LoadError,
    MissingPasswordError,
    NoNamedGraphsError,
    OptionError,
    TwoLoginsError,
)
from kg.store import open_quads

PASSWORD_VARIABLE = "KG_PASSWORD"
TOKEN_VARIABLE = "KG_TOKEN"
MEDIA_TYPE = "application/n-triples"
# The server is wrong for every graph, not just this one: stop at once.
_FATAL = {301, 302, 303, 307, 308, 401, 403, 404, 405, 407, 501}
IN_A_ROW = 10  # failures in a row after which the server is taken to be down
_TAGS = re.compile(r"<[^>]*>")


def make_auth(
    user: str | None = None, token: str | None = None, environ: Mapping[str, str] = os.environ
) -> str | None:
    """The Authorization header: Basic for `user` (password from KG_PASSWORD), else Bearer.

    The token is `token`, else KG_TOKEN; None when there is neither user nor token.
    """
    if user and token:
        raise TwoLoginsError()
    if user:
        password = environ.get(PASSWORD_VARIABLE)
        if password is None:
            raise MissingPasswordError(user, PASSWORD_VARIABLE)
        pair = f"{user}:{password}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    token = token or environ.get(TOKEN_VARIABLE)
    return f"Bearer {token}" if token else None


class _Client:
    """PUTs over one kept-alive connection, opened again once if the server dropped it."""

    def __init__(self, endpoint: str, timeout: float):
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise OptionError("--endpoint", endpoint, "an http:// or https:// URL")
        if "@" in parts.netloc:  # never echo a password
            hidden = endpoint.replace(parts.netloc.rpartition("@")[0], "…")
            raise OptionError("--endpoint", hidden, "a URL without user:password@ (use --user)")
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        self.connect = lambda: kind(parts.hostname, parts.port, timeout=timeout)
        self.path = (parts.path or "/") + ("?" + parts.query + "&" if parts.query else "?")
        self.connection = None

    def put(self, graph: str, body: bytes, headers: dict) -> tuple[int, str, bytes, str]:
        """(status, reason, body, Location) of the server's answer."""
        target = self.path + "graph=" + quote(graph, safe="")
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = self.connect()
            try:
                self.connection.request("PUT", target, body, headers)
                response = self.connection.getresponse()
                data = response.read()  # before the next request on this connection
                return response.status, response.reason, data, response.getheader("Location", "")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt == 2:
                    raise
            except BaseException:
                self.close()
                raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _short(data: bytes) -> str:
    """The server's message on one line: tags stripped, first 160 characters."""
    text = " ".join(_TAGS.sub(" ", data.decode("utf-8", "replace")).split())
    return text if len(text) <= 160 else text[:159] + "…"


def _bodies(store: ox.Store, names: list[str]) -> Iterator[tuple[str, bytes]]:
    for name in names:
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(name))
        yield name, ox.serialize((q.triple for q in quads), None, ox.RdfFormat.N_TRIPLES)


def load_graphs(
    path: str | os.PathLike,
    endpoint: str,
    auth: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: float = 120.0,
) -> int:
    """PUT each named graph of `path` to the Graph Store `endpoint`; the number loaded.

    `auth` is an Authorization header (make_auth); `progress(done, total)` is
    called after each graph. Raises LoadError at once for a refused connection,
    a server-wide refusal (_FATAL) or IN_A_ROW failures in a row; otherwise after
    the last graph, when some graphs failed.
    """
    store = open_quads(path)
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    if not names:
        raise NoNamedGraphsError(str(path), len(store))
    headers = {"Content-Type": MEDIA_TYPE}
    if auth:
        headers["Authorization"] = auth
    client, landed, failures, streak = _Client(endpoint, timeout), [], [], 0
    try:
        for graph, body in _bodies(store, names):
            try:
                status, reason, data, location = client.put(graph, body, headers)
            except (OSError, http.client.HTTPException) as error:
                reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
                failures.append((graph, None, reason, "", ""))
                break
            if 200 <= status < 300:
                landed.append(graph)
                streak = 0
            else:
                failures.append((graph, status, reason, _short(data), location))
                streak += 1
                if status in _FATAL or streak >= IN_A_ROW:
                    break
            if progress is not None:
                progress(len(landed) + len(failures), len(names))
    finally:
        client.close()
    if failures:
        graph, status, reason, detail, location = failures[0]
        done = set(landed)
        missed = [g for g in names if g not in done]
        raise LoadError(endpoint, graph, status, reason, detail, landed, missed, location)
    return len(landed)


def show_progress(stream: IO[str] = sys.stderr) -> Callable[[int, int], None]:
    """A progress(done, total) that redraws a line on a terminal, or writes one every 10 s."""
    tty = stream.isatty()
    started = last = time.monotonic()

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done < total and now - last < (0.2 if tty else 10.0):
            return
        last = now
        rate = done / max(now - started, 1e-9)
        text = f"loaded {done} of {total} graphs, {rate:.0f} graphs/s"
        if tty:
            stream.write("\r" + text + ("\n" if done == total else ""))
        elif done < total or now - started >= 10.0:
            stream.write(text + "\n")
        stream.flush()

    return progress
