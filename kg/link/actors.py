"""Actor names -> the curated gazetteer kg/data/actors.tsv: one node per actor.

A row is an actor's canonical name, its type, its Wikidata item where known
and the aliases the news writes it with: full names in other spellings
(استيفان دي ميستورا), surnames (دي مستورا) and titles (الرئيس الروسي), the
last two only where the row lists them. A name resolves when its key (or the
key of the name without its proclitics: لداعش) is one of a row's, and the
row's type fits the mention's: a person is never an organisation, while the
tagger's ORG may be a row's ArmedForce (حزب الله).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.link.tables import peel_proclitics, read_rows
from kg.normalise import key

# Which types one actor may come in: an Organization mention may name an ArmedForce.
_KINDS = {"Person": "person", "Organization": "group", "ArmedForce": "group"}


@dataclass(frozen=True)
class Actor:
    """A gazetteer row: the canonical key and label, the type, the Wikidata item ("" if none)."""

    key: str
    label: str
    type: str
    qid: str


@lru_cache(maxsize=1)
def load_actors() -> dict[str, tuple[Actor, ...]]:
    """Alias key -> the actors bearing it. Built once per process."""
    index: dict[str, list[Actor]] = {}
    for canonical, type_, qid, aliases in read_rows("actors.tsv"):
        actor = Actor(key(canonical), canonical, type_, "" if qid == "-" else qid)
        for name in {actor.key, *(key(a) for a in aliases.split("|") if a)}:
            index.setdefault(name, []).append(actor)
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def person_names() -> frozenset[tuple[str, ...]]:
    """The gazetteer's persons as the news writes them, without a title: word-key
    tuples for finding them in text (الباجي قائد السبسي, whose قائد alone would read
    as a title; ميركل). A one-word name counts unless it opens with the article
    (الأسد is also the lion)."""
    from kg.extract import lexicon  # kg.extract imports this module

    names = set()
    for canonical, type_, _, aliases in read_rows("actors.tsv"):
        if type_ != "Person":
            continue
        for name in [canonical, *(a for a in aliases.split("|") if a)]:
            words = tuple(key(name).split())
            if len(words) == 1 and words[0].startswith("ال"):
                continue
            if words and not lexicon.opens_with_title(words):
                names.add(words)
    return frozenset(names)


def resolve_actor(name: str, type: str) -> Actor | None:
    """The gazetteer actor `name` names, if one of `type`'s kind does:
    resolve_actor("دي مستورا", "Person").label == "ستافان دي ميستورا"."""
    words = key(name).split()
    if not words or type not in _KINDS:
        return None
    actors = load_actors()
    for first in peel_proclitics(words[0]):
        bearing = actors.get(" ".join([first, *words[1:]]), ())
        found = [a for a in bearing if _KINDS[a.type] == _KINDS[type]]
        if found:
            return found[0] if len(found) == 1 else None
    return None
