"""Extraction: Article -> Relations (said, captured, met).

`extract(article)` runs the spaCy pipeline once and every registered
extractor over the Doc, then merges what one article states twice (a lead
repeated in the body; guidelines: "a relation stated twice in one article is
one relation").
"""

from __future__ import annotations

from kg.extract import captured, met, said  # noqa: F401  (registers the extractors)
from kg.extract.dedupe import dedupe
from kg.extract.registry import EXTRACTORS
from kg.nlp import make_nlp
from kg.types import Article, Relation

__all__ = ["EXTRACTORS", "extract"]


def extract(article: Article, relations: tuple[str, ...] | None = None) -> list[Relation]:
    """Every relation the extractors find in one article, duplicates merged."""
    doc = make_nlp()(article.text)
    found: list[Relation] = []
    for name, extractor in EXTRACTORS.items():
        if relations is None or name in relations:
            found.extend(extractor(doc, article))
    return dedupe(found)
