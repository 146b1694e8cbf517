"""Helpers shared by test modules (as rdflib's test/utils): snippet checking."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from kg.extract import extract
from kg.normalise import key
from kg.types import Article

SNIPPETS = Path(__file__).parent / "data" / "snippets"


def snippet_paths(relation: str) -> list[Path]:
    return sorted((SNIPPETS / relation).glob("*.json"))


def _same_entity(found: str, wanted: str) -> bool:
    a, b = key(found).split(), key(wanted).split()
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return n > 0 and any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


def _same_claim(found: str, wanted: str) -> bool:
    a, b = Counter(key(found).split()), Counter(key(wanted).split())
    common = sum((a & b).values())
    return common > 0 and 2 * common / (sum(a.values()) + sum(b.values())) >= 0.8


def check_snippet(path: Path, relation: str) -> None:
    """Every expected relation is found, and nothing else of that relation."""
    case = json.loads(path.read_text(encoding="utf-8"))
    article = Article(id=path.stem, text=case["text"])
    found = [r for r in extract(article) if r.relation == relation]
    same_object = _same_claim if relation == "said" else _same_entity
    missing, matched = [], set()
    for want in case["expect"]:
        for n, rel in enumerate(found):
            subject, obj = rel.subject.name, rel.object.name or rel.object.text
            pairs = [(subject, obj)] + ([(obj, subject)] if relation == "met" else [])
            if n not in matched and any(
                _same_entity(s, want["subject"]) and same_object(o, want["object"])
                for s, o in pairs
            ):
                matched.add(n)
                break
        else:
            missing.append(want)
    extra = [
        (r.subject.name, r.object.name or r.object.text, r.rule)
        for n, r in enumerate(found)
        if n not in matched
    ]
    assert not missing and not extra, f"{case['rule']}\nmissing: {missing}\nextra: {extra}"
