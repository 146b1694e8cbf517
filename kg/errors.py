"""Errors a user can meet, and all their wording.

Library code raises these; the CLI prints `Error: <message>` and exits 1.
A message says what went wrong, where (file and line), what exists and what
to do.
"""

from __future__ import annotations

from collections.abc import Iterable


class KgError(Exception):
    """An expected failure, reported to the user in one line."""


class InputError(KgError):
    """An input file or record that cannot be read."""

    def __init__(self, origin: str, problem: str):
        super().__init__(f"{origin}: {problem}")
        self.origin = origin


class UnknownQueryError(KgError):
    def __init__(self, name: str, available: Iterable[str]):
        names = ", ".join(sorted(available)) or "none"
        super().__init__(f"no query '{name}'. Available: {names}")


class QuerySyntaxError(KgError):
    def __init__(self, where: str, problem: str):
        super().__init__(f"invalid SPARQL in {where}: {problem}")


class MissingBuildError(KgError):
    def __init__(self, folder: str, wanted: str):
        super().__init__(
            f"no {wanted} in {folder}: run `kg build INPUT --out {folder}` first, "
            "or pass --graph FILE"
        )


class EndpointError(KgError):
    """A triplestore refused, failed or could not be reached."""


class QueryParameterError(KgError):
    def __init__(self, name: str, where: str, available: Iterable[str]):
        names = ", ".join(sorted(available)) or "none"
        super().__init__(f"{where} has no parameter '{name}'. Parameters: {names}")


class UnknownEntityError(KgError):
    def __init__(self, name: str, closest: Iterable[str]):
        hint = ", ".join(closest)
        super().__init__(
            f"no entity '{name}' in the graph (names match a label or alias, ignoring "
            f"diacritics)." + (f" Closest: {hint}" if hint else " Try `kg query` to list entities.")
        )


class OptionError(KgError):
    """A library option with a value that cannot work, e.g. a date that is no date."""

    def __init__(self, option: str, value: object, expected: str):
        super().__init__(f"{option} {value!r}: expected {expected}")


# Loading into a triplestore (kg/load.py) and serving a build (kg/serve.py).

GRAPH_STORES = (
    "http://localhost:7878/store (Oxigraph), http://localhost:3030/ds/data (Fuseki), "
    "http://localhost:7200/repositories/REPO/rdf-graphs/service (GraphDB)"
)


class NotABuildError(KgError):
    def __init__(self, path: str):
        super().__init__(
            f"{path} is neither a build folder (with store/ or graph.trig) nor a .trig or .nq "
            f"file: run `kg build INPUT --out {path}` first, or pass a build's folder"
        )


class NoNamedGraphsError(KgError):
    def __init__(self, path: str, default_triples: int):
        extra = (
            f" (its {default_triples} triples are in the default graph)" if default_triples else ""
        )
        super().__init__(
            f"{path} has no named graphs{extra}: kg load sends one named graph per article; "
            "pass a build's folder, graph.trig or an N-Quads file"
        )


class MissingPasswordError(KgError):
    def __init__(self, user: str, variable: str):
        super().__init__(
            f"--user {user} needs a password: set the environment variable {variable} "
            "(a password is never taken on the command line)"
        )


class TwoLoginsError(KgError):
    def __init__(self):
        super().__init__(
            "give --user NAME (password in KG_PASSWORD) or --token TOKEN (or KG_TOKEN), not both"
        )


def _hint(status: int | None, location: str) -> str:
    if status is None:
        return "check that the triplestore is running there and that --endpoint is right"
    if 300 <= status < 400:
        return f"the server redirects to {location or 'another address'}: pass that as --endpoint"
    if status in (401, 403, 407):
        return "check --user and KG_PASSWORD, or --token / KG_TOKEN"
    if status in (404, 405, 501):
        return f"--endpoint must be the server's Graph Store endpoint, e.g. {GRAPH_STORES}"
    if status == 413:
        return "the server limits the size of a request: raise its limit"
    if status >= 500:
        return "the server failed: see its log"
    return "the server refused the data: see its message"


def _names(graphs: list[str], shown: int = 2) -> str:
    names = ", ".join(f"<{g}>" for g in graphs[:shown])
    return names + (f" and {len(graphs) - shown} more" if len(graphs) > shown else "")


class LoadError(EndpointError):
    """Named graphs that did not reach the triplestore: which landed, which did not, and why.

    `landed` and `missed` hold every graph name, for callers that retry or report.
    """

    def __init__(
        self,
        endpoint: str,
        graph: str,
        status: int | None,
        reason: str,
        detail: str = "",
        landed: list[str] | None = None,
        missed: list[str] | None = None,
        location: str = "",
    ):
        self.endpoint, self.graph, self.status = endpoint, graph, status
        self.landed, self.missed = list(landed or []), list(missed or [graph])
        total = len(self.landed) + len(self.missed)
        answer = f"{status} {reason}" if status is not None else reason
        if detail:
            answer += f' ("{detail}")'
        if status is None and not self.landed:
            head = f"cannot reach {endpoint}: {answer}; nothing was loaded (0 of {total} graphs)"
        else:
            head = (
                f"loaded {len(self.landed)} of {total} graphs into {endpoint}; "
                f"first failure <{graph}>: {answer}; not loaded: {_names(self.missed)}"
            )
        again = ". Loading again is safe: each graph is replaced, never doubled" if landed else ""
        super().__init__(f"{head}. Hint: {_hint(status, location)}{again}")


class RequestError(KgError):
    """A request `kg serve` answers with an HTTP error: `status` and a one-line reason."""

    status = 400


class MissingQueryError(RequestError):
    def __init__(self):
        super().__init__(
            "no query: send GET /sparql?query=..., a POST form with query=..., or a POST "
            "with Content-Type application/sparql-query"
        )


class UpdateRefusedError(RequestError):
    status = 405

    def __init__(self):
        super().__init__(
            "this endpoint is read-only: SPARQL updates are refused. Change the graph with "
            "`kg build` and restart `kg serve`, or load it into a triplestore with `kg load`"
        )


class UnsupportedBodyError(RequestError):
    status = 415

    def __init__(self, content_type: str):
        super().__init__(
            f"cannot read a POST body of type {content_type or 'none'}: send "
            "application/x-www-form-urlencoded (query=...) or application/sparql-query"
        )


class NotAcceptableError(RequestError):
    status = 406

    def __init__(self, accept: str, offered: list[str]):
        super().__init__(f"no result format for Accept: {accept}. Offered: {', '.join(offered)}")


class UnknownPageError(RequestError):
    status = 404

    def __init__(self, path: str):
        super().__init__(f"no page {path}: the SPARQL endpoint is /sparql, a query form is at /")


class ServeAddressError(KgError):
    def __init__(self, host: str, port: int, problem: str):
        super().__init__(
            f"cannot serve on {host}:{port}: {problem}. Pick another with --port N (or --host H)"
        )


def remote_warning(host: str) -> str:
    return (
        f"{host} is not a loopback address: anyone who can reach it can query the graph "
        "(the endpoint is read-only)"
    )


class RemoteHostError(KgError):
    def __init__(self, host: str):
        super().__init__(
            f"refusing to serve on {host}: {remote_warning(host)}. "
            "Pass --host explicitly to allow it"
        )
