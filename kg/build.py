"""Build: inputs -> relations.jsonl, graph.trig, graph.ttl, graph.html and the store.

Streams articles through extraction (in `workers` processes when asked),
writing each article's relations and named graph as soon as it is done, so
memory stays bounded by the pipeline, not the corpus. Every output is written
into a temporary folder beside DIR and moved into place only when the build
has finished, so a killed build leaves the previous output whole.
A bad input is reported and skipped; the rest is still built.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from kg.errors import InputError
from kg.read import read_articles
from kg.types import Article, Relation

OUTPUTS = ("relations.jsonl", "graph.trig", "graph.ttl", "graph.html", "store")


@dataclass
class Summary:
    """What a build or extraction did, for the closing line."""

    articles: int = 0
    relations: Counter = field(default_factory=Counter)
    entities: set = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        kinds = ", ".join(f"{k} {self.relations[k]}" for k in ("said", "captured", "met"))
        return (
            f"{self.articles} articles, {sum(self.relations.values())} relations ({kinds}), "
            f"{len(self.entities)} entities, {len(self.failures)} failures, {self.seconds:.1f} s"
        )


def _extract_one(article: Article) -> tuple[Article, list[Relation] | str]:
    from kg.extract import extract

    try:
        return article, extract(article)
    except Exception as err:  # one broken article must not stop a corpus
        return article, f"extraction failed ({type(err).__name__}: {err})"


def _graph_one(article: Article) -> tuple[Article, list[Relation] | str, str]:
    """Extraction and the article's named graph as N-Quads, in the worker."""
    from kg.graph import dump_graph, graph_article

    article, found = _extract_one(article)
    if isinstance(found, str):
        return article, found, ""
    stream = io.StringIO()
    try:
        dump_graph(graph_article(article, found), stream, "nquads")
    except ValueError as err:
        return article, f"graph failed ({err})", ""
    return article, found, stream.getvalue()


def extract_all(
    inputs: Iterable[str | Path],
    workers: int = 1,
    on_error: Callable[[str], None] = lambda message: None,
    task: Callable = _extract_one,
) -> Iterator[tuple]:
    """(article, relations, …) for every readable article; failures go to `on_error`."""

    def articles() -> Iterator[Article]:
        for item in read_articles(inputs):
            if isinstance(item, InputError):
                on_error(str(item))
            else:
                yield item

    if workers <= 1:
        yield from _checked(map(task, articles()), on_error)
        return
    with get_context("spawn").Pool(workers) as pool:
        yield from _checked(pool.imap(task, articles(), chunksize=4), on_error)


def _checked(results, on_error) -> Iterator[tuple]:
    for result in results:
        if isinstance(result[1], str):
            on_error(f"{result[0].origin}: {result[1]}")
        else:
            yield result


class Progress:
    """A progress line on stderr: redrawn on a terminal, every 10 s in a log."""

    def __init__(self, summary: Summary, stream=sys.stderr):
        self.summary, self.stream = summary, stream
        self.tty = stream.isatty()
        self.started = self.last = time.monotonic()

    def tick(self) -> None:
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 10.0):
            return
        self.last = now
        rate = self.summary.articles / max(now - self.started, 1e-9)
        done = sum(self.summary.relations.values())
        text = f"{self.summary.articles} articles, {done} relations, {rate:.1f} articles/s"
        print(
            "\r" + text if self.tty else text,
            end="" if self.tty else "\n",
            file=self.stream,
            flush=True,
        )

    def done(self) -> None:
        if self.tty and self.summary.articles:
            print("\r\033[K", end="", file=self.stream, flush=True)


def build(inputs: Iterable[str | Path], out: Path, workers: int = 1, on_error=None) -> Summary:
    """Run the whole pipeline into `out`; returns the summary."""
    summary = Summary()
    progress = Progress(summary)
    started = time.monotonic()

    def fail(message: str) -> None:
        summary.failures.append(message)
        if on_error is not None:
            on_error(message)

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        quads = work / "graph.nq"
        with (
            open(work / "relations.jsonl", "w", encoding="utf-8") as rel_file,
            open(quads, "w", encoding="utf-8") as nq_file,
        ):
            for _article, relations, quads_text in extract_all(inputs, workers, fail, _graph_one):
                for rel in relations:
                    rel_file.write(json.dumps(rel.to_json(), ensure_ascii=False) + "\n")
                    summary.relations[rel.relation] += 1
                    summary.entities.add((rel.subject.type, rel.subject.key))
                    if rel.relation != "said":
                        summary.entities.add((rel.object.type, rel.object.key))
                nq_file.write(quads_text)
                summary.articles += 1
                progress.tick()
        progress.done()
        _write_graphs(work, quads)
        quads.unlink()
        _replace_outputs(work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary.seconds = time.monotonic() - started
    return summary


def _write_graphs(work: Path, quads: Path) -> None:
    from kg.store import dump_store, open_store, write_store
    from kg.visualise import render_html

    store = write_store(quads, work / "store")
    with open(work / "graph.trig", "wb") as stream:
        dump_store(store, stream, "trig")
    with open(work / "graph.ttl", "wb") as stream:
        dump_store(store, stream, "ttl")
    (work / "graph.html").write_text(render_html(open_store(store)), encoding="utf-8")


def _replace_outputs(work: Path, out: Path) -> None:
    """Move each finished output into place; the old one goes only after."""
    from kg.store import replace_folder

    for name in OUTPUTS:
        new = work / name
        if new.is_dir():
            replace_folder(new, out / name)
        elif new.exists():
            os.replace(new, out / name)
