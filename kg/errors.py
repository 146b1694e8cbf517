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
