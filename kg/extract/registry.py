"""The extractor registry: relation name -> extractor.

An extractor is a callable `(doc, article) -> Iterator[Relation]`, registered
under the relation it produces. This module imports no extractor, so there are
no import cycles; kg/extract/__init__.py imports each one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Protocol

from spacy.tokens import Doc

from kg.types import Article, Relation


class Extractor(Protocol):
    def __call__(self, doc: Doc, article: Article) -> Iterator[Relation]: ...


EXTRACTORS: dict[str, Extractor] = {}


def register(relation: str) -> Callable[[Extractor], Extractor]:
    def add(func: Extractor) -> Extractor:
        EXTRACTORS[relation] = func
        return func

    return add
