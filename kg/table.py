"""A plain aligned text table of query rows, for people at a terminal.

Cells are the terms' text, IRIs shortened with the build's prefixes
(person:ستافان_دي_ميستورا); long cells are cut to MAX_CELL display columns
(csv and json are never cut). Widths count display columns, so Arabic with
harakat lines up; the text is left as it is, right-to-left included.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rdflib import URIRef
from rdflib.term import Identifier

from kg.iri import short_iri

MAX_CELL = 60


def render_table(header: list[str], rows: Sequence[Sequence[Identifier | None]]) -> str:
    """The table, then a `(N rows)` line. Columns unbound in every row are left out."""
    cells = [[_cell(term) for term in row] for row in rows]
    keep = [i for i in range(len(header)) if any(row[i] for row in cells)] or range(len(header))
    header = [header[i] for i in keep]
    cells = [[_cut(row[i]) for i in keep] for row in cells]
    widths = [max([_width(h)] + [_width(row[i]) for row in cells]) for i, h in enumerate(header)]

    def line(texts: list[str]) -> str:
        padded = (t + " " * (w - _width(t)) for t, w in zip(texts, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(row) for row in cells]
    out.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(out) + "\n"


def _cell(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef) and (short := short_iri(term)):
        return short
    return " ".join(str(term).split())


def _width(text: str) -> int:
    """Display columns: combining marks (Arabic harakat) take none, wide CJK two."""
    return sum(
        0
        if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf"
        else 2
        if unicodedata.east_asian_width(ch) in "WF"
        else 1
        for ch in text
    )


def _cut(text: str) -> str:
    if _width(text) <= MAX_CELL:
        return text
    while _width(text) > MAX_CELL - 1:
        text = text[:-1]
    return text + "…"
