"""kg/link/actors.py: every spelling, surname or title of a gazetteer actor -> one key."""

from __future__ import annotations

import re

import pytest

from kg.link import resolve_actor
from kg.link.actors import load_actors, person_names
from kg.normalise import key
from kg.types import ENTITY_TYPES


@pytest.mark.parametrize(
    ("names", "type_", "label", "qid"),
    [
        (
            ["ستافان دي ميستورا", "استيفان دي ميستورا", "دي مستورا", "دي ميستورا", "ودي ميستورا"],
            "Person",
            "ستافان دي ميستورا",
            "",
        ),
        (
            ["فلاديمير بوتين", "بوتين", "الرئيس الروسي", "الرئيس الروسي فلاديمير بوتين"],
            "Person",
            "فلاديمير بوتين",
            "Q7747",
        ),
        (
            ["داعش", "تنظيم داعش", "لداعش", "الدولة الإسلامية"],
            "ArmedForce",
            "تنظيم الدولة الإسلامية",
            "Q2429253",
        ),
        # The tagger's ORG is the gazetteer's ArmedForce.
        (["حزب الله", "حزب الله اللبناني"], "Organization", "حزب الله", ""),
        (["الجيش العربي السوري", "قوات النظام", "قوات الأسد"], "ArmedForce", "الجيش السوري", ""),
    ],
)
def test_link_actor_spellings_one_key(names, type_, label, qid):
    actors = {resolve_actor(name, type_) for name in names}
    assert len(actors) == 1
    actor = actors.pop()
    assert (actor.label, actor.qid) == (label, qid)


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("زيد بن عمرو", "Person"),  # unknown
        ("حافظ الأسد", "Person"),  # the surname alias is not a prefix match
        ("بوتين", "Organization"),  # a person is not an organisation
        ("داعش", "Person"),
        ("الأسد", "Source"),
        ("حلب", "Place"),
        ("", "Person"),
    ],
)
def test_link_actor_unknown_gives_none(name, type_):
    assert resolve_actor(name, type_) is None


@pytest.mark.parametrize("table", ["actors.tsv"])
def test_link_actor_gazetteer_well_formed(table):
    kinds = {"Person": "person", "Organization": "group", "ArmedForce": "group"}
    for alias, actors in load_actors().items():
        assert len({a.key for a in actors if kinds[a.type] == "person"}) <= 1, alias
        assert len({a.key for a in actors if kinds[a.type] == "group"}) <= 1, alias
        for actor in actors:
            assert actor.type in ENTITY_TYPES and actor.type in kinds, actor
            assert actor.qid == "" or re.fullmatch(r"Q[1-9]\d*", actor.qid), actor


def test_link_actor_person_names_are_names_without_titles():
    names = person_names()
    assert tuple(key("الباجي قائد السبسي").split()) in names
    assert tuple(key("دونالد ترامب").split()) in names
    assert ("ميركل",) in names
    assert (key("الأسد"),) not in names  # also the lion
    assert tuple(key("الرئيس الروسي").split()) not in names  # a title alias of بوتين
