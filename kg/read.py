"""Reading: .txt articles, folders of them and .jsonl corpora -> Article.

Streams one article at a time, so a corpus of any size reads in bounded
memory. A `.txt` article's id is its file stem and its first line its title;
the text is the rest. A JSONL record needs `id` and `text` and may carry
`title`, `date`, `source` and `url`.

A bad file or record does not stop the stream: it comes out as an
InputError in its place, so the caller reports it and goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.types import Article

SUFFIXES = (".txt", ".jsonl")


def read_articles(inputs: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article of every input, in order; failures as InputError values."""
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not files:
                yield InputError(str(path), "folder holds no .txt or .jsonl files")
            for file in files:
                yield from _read_file(file)
        elif path.is_file():
            yield from _read_file(path)
        elif path.exists():
            yield InputError(str(path), "not a file or folder")
        else:
            yield InputError(str(path), "no such file or folder")


def _read_file(path: Path) -> Iterator[Article | InputError]:
    if path.suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif path.suffix == ".txt":
        yield _read_txt(path)
    else:
        yield InputError(str(path), "not a .txt article or a .jsonl corpus")


def _read_txt(path: Path) -> Article | InputError:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        return InputError(str(path), f"not UTF-8 text ({err.reason} at byte {err.start})")
    except OSError as err:
        return InputError(str(path), err.strerror or str(err))
    title, _, text = raw.partition("\n")
    if not text.strip():
        text, title = raw, ""
    if not text.strip():
        return InputError(str(path), "empty article")
    return Article(id=path.stem, text=text, title=title.strip(), origin=str(path))


def _read_jsonl(path: Path) -> Iterator[Article | InputError]:
    try:
        stream = path.open(encoding="utf-8-sig", errors="strict")
    except OSError as err:
        yield InputError(str(path), err.strerror or str(err))
        return
    with stream:
        number = 0
        while True:
            number += 1
            where = f"{path}:{number}"
            try:
                line = stream.readline()
            except UnicodeDecodeError as err:
                yield InputError(where, f"not UTF-8 text ({err.reason}); file skipped from here")
                return
            if not line:
                return
            if line.strip():
                yield _record(line, where)


def _record(line: str, where: str) -> Article | InputError:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as err:
        return InputError(where, f"not a JSON object ({err.msg} at column {err.colno})")
    if not isinstance(row, dict):
        return InputError(where, "not a JSON object")
    ident = row.get("id")
    label = f"record '{ident}'" if ident not in (None, "") else "record"
    if ident in (None, ""):
        return InputError(where, 'record has no "id" field')
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(where, f'{label} has no "text" field')

    def field(name: str) -> str | None:
        value = row.get(name)
        return str(value) if value not in (None, "") else None

    return Article(
        id=str(ident),
        text=text,
        title=field("title") or "",
        date=field("date"),
        source=field("source"),
        url=field("url"),
        origin=where,
    )
