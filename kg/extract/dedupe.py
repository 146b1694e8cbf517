"""Dedupe: one relation per fact per article.

Guidelines: a relation stated twice in one article (a lead repeated in the
body) is one relation; `met` is unordered, one per pair per meeting. Two
claims of one speaker are the same when one's words mostly cover the other's;
the longer (fuller) wording is kept.
"""

from __future__ import annotations

from collections import Counter

from kg.normalise import key
from kg.types import Relation

SAME_CLAIM = 0.8


def _words(text: str) -> Counter:
    return Counter(key(text).split())


def _overlap(a: Counter, b: Counter) -> float:
    common = sum((a & b).values())
    return common / max(min(sum(a.values()), sum(b.values())), 1)


def dedupe(relations: list[Relation]) -> list[Relation]:
    kept: list[Relation] = []
    seen: set[tuple] = set()
    claims: list[tuple[Relation, Counter]] = []
    for rel in relations:
        if rel.relation == "said":
            words = _words(rel.object.text)
            twin = next(
                (
                    n
                    for n, (other, w) in enumerate(claims)
                    if other.subject.key == rel.subject.key and _overlap(words, w) >= SAME_CLAIM
                ),
                None,
            )
            if twin is None:
                claims.append((rel, words))
            elif sum(words.values()) > sum(claims[twin][1].values()):
                claims[twin] = (rel, words)
            continue
        ends = (rel.subject.key, rel.object.key)
        ident = (rel.relation, *(sorted(ends) if rel.relation == "met" else ends))
        if ident not in seen and rel.subject.key != rel.object.key:
            seen.add(ident)
            kept.append(rel)
    merged = [rel for rel, _ in claims] + kept
    return sorted(merged, key=lambda r: (r.sentence_start, r.object.start))
