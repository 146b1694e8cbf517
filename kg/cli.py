"""The command line: the only module that imports click.

Each command parses its options and calls one library function; library
code raises KgError subclasses, which become one `Error: …` line and exit 1.
Usage errors exit 2 (click's own). Progress and counts go to stderr, so
stdout stays clean for pipes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.errors import KgError


class KgGroup(click.Group):
    """Turns KgError into click's one-line error with exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgError as err:
            raise click.ClickException(str(err)) from None


def _warn(message: str) -> None:
    click.echo(f"Error: {message}", err=True)


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main() -> None:
    """Turn Arabic news into a knowledge graph: who said what, who captured where, who met whom."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1))
def build(inputs, out, workers):
    """Build the graph, page and store in OUT from .txt, folders and .jsonl INPUTS."""
    from kg.build import build as run_build

    summary = run_build(inputs, Path(out), workers, on_error=_warn)
    click.echo(f"Built {out}/: {summary.line()}", err=True)
    if summary.failures:
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "ttl"]), default="jsonl", show_default=True
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1))
def extract(inputs, fmt, workers):
    """Print the relations found in INPUTS (jsonl: the scorer's format)."""
    from kg.build import extract_all

    failures = []

    def fail(message):
        failures.append(message)
        _warn(message)

    out = sys.stdout
    pairs = extract_all(inputs, workers, fail)
    if fmt == "jsonl":
        for _, relations in pairs:
            for rel in relations:
                out.write(json.dumps(rel.to_json(), ensure_ascii=False) + "\n")
    else:
        from kg.graph import build_dataset, dump_graph

        dump_graph(build_dataset(pairs), sys.stdout.buffer, "ttl")
    if failures:
        sys.exit(1)


_SOURCE = [
    click.option(
        "--out",
        "out",
        default="out",
        show_default=True,
        type=click.Path(file_okay=False),
        help="a build's folder (uses its embedded store)",
    ),
    click.option(
        "--graph",
        "graph",
        type=click.Path(dir_okay=False),
        help="an RDF file instead (TriG, Turtle, N-Quads …)",
    ),
]


def _source(func):
    for option in reversed(_SOURCE):
        func = option(func)
    return func


def _open(out: str, graph: str | None):
    from kg.store import open_graph

    return open_graph(Path(out), Path(graph) if graph else None)


@main.command()
@click.argument("query")
@_source
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@click.option(
    "-p",
    "--param",
    "params",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="bind ?NAME to VALUE (repeatable)",
)
def query(query, out, graph, fmt, params):
    """Run QUERY: a name from queries/, a .rq file or inline SPARQL."""
    from kg.query import format_result, load_query, run_query

    label, text = load_query(query)
    result = run_query(_open(out, graph), text, dict(params), label)
    click.echo(format_result(result, fmt), nl=False)


@main.command()
@_source
@click.option(
    "-o",
    "page",
    default=None,
    type=click.Path(dir_okay=False),
    help="where to write the page (default: graph.html in OUT)",
)
@click.option(
    "--relation",
    "relations",
    multiple=True,
    type=click.Choice(["said", "captured", "met"]),
    help="only these relations (repeatable)",
)
@click.option(
    "--entity", default=None, help="only this entity (a name, alias or IRI) and its neighbours"
)
@click.option(
    "--hops",
    default=1,
    show_default=True,
    type=click.IntRange(0),
    help="how far from --entity to go",
)
@click.option(
    "--top", default=None, type=click.IntRange(1), help="only the N most connected entities"
)
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="only facts dated on or after")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="only facts dated on or before")
@click.option(
    "--limit",
    default=None,
    type=click.IntRange(1),
    help="most nodes on the page (default 1000); what is left out is reported",
)
def viz(out, graph, page, relations, entity, hops, top, since, until, limit):
    """Write the interactive network page (one offline HTML file)."""
    from kg.visualise import DEFAULT_LIMIT, render_html

    target = Path(page) if page else Path(out) / "graph.html"
    html = render_html(
        _open(out, graph),
        relations=relations or None,
        entity=entity,
        hops=hops,
        top=top,
        since=since,
        until=until,
        limit=limit or DEFAULT_LIMIT,
        on_note=lambda message: click.echo(message, err=True),
    )
    _write_atomic(target, html)
    click.echo(f"Wrote {target}", err=True)


@main.command()
@_source
def validate(out, graph):
    """Check a build against the ontology's SHACL shapes (exit 1 on violations)."""
    from kg.shapes import validate_graph

    conforms, report = validate_graph(_open(out, graph))
    click.echo(report)
    if not conforms:
        sys.exit(1)


@main.command()
@click.option(
    "--conll",
    "conll",
    required=True,
    type=click.File("r", encoding="utf-8"),
    help="CoNLL file: a token (and tag) per line, a blank line between sentences",
)
@click.option(
    "--tagger",
    type=click.Choice(["ensemble", "crf"]),
    default="ensemble",
    show_default=True,
    help="ensemble: encoder and CRF together, the more accurate; crf: faster, "
    "the one extraction uses",
)
def ner(conll, tagger):
    """Tag a CoNLL file: token<TAB>BIO-tag per line (PERS, LOC, ORG, MISC)."""
    from kg.ner.tagger import tag_conll

    out = sys.stdout
    for line in tag_conll(conll, tagger):
        out.write(line + "\n")


def _write_atomic(target: Path, text: str) -> None:
    import os
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(tmp, target)


@main.command()
@click.argument("path", type=click.Path(exists=True))
@click.option(
    "--endpoint", metavar="URL", help="the Graph Store endpoint, e.g. http://localhost:7878/store"
)
@click.option("--user", metavar="NAME", help="log in as NAME, with the password in KG_PASSWORD")
@click.option("--token", metavar="TOKEN", help="log in with a bearer token (default: KG_TOKEN)")
@click.option(
    "--format", "fmt", type=click.Choice(["nquads"]), help="write N-Quads instead of loading"
)
@click.option(
    "-o", "output", default="-", type=click.Path(dir_okay=False), help="N-Quads to FILE, not stdout"
)
def load(path, endpoint, user, token, fmt, output):
    """Load PATH (a build folder, .trig or .nq) into a triplestore, one PUT per named graph."""
    from kg.load import load_graphs, make_auth, show_progress
    from kg.store import write_nquads

    if fmt:
        with click.open_file(output, "wb", atomic=output != "-") as stream:
            write_nquads(path, stream)
        return
    if not endpoint:
        raise click.UsageError("give --endpoint URL, or --format nquads to write N-Quads")
    count = load_graphs(path, endpoint, make_auth(user, token), show_progress())
    click.echo(f"Loaded {count} graphs into {endpoint}", err=True)


@main.command()
@click.option("--out", default="out", show_default=True, type=click.Path(file_okay=False))
@click.option("--port", default=7879, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", metavar="H", help="address to listen on  [default: 127.0.0.1]")
def serve(out, port, host):
    """Serve OUT's store as a read-only SPARQL endpoint at /sparql (Ctrl-C to stop)."""
    from kg.errors import remote_warning
    from kg.serve import is_loopback
    from kg.serve import serve as run_serve

    if host and not is_loopback(host):
        click.echo(f"Warning: {remote_warning(host)}", err=True)
    ready = lambda url: click.echo(f"Serving {out} at {url}", err=True)  # noqa: E731
    run_serve(Path(out), host or "127.0.0.1", port, host is not None, ready)
