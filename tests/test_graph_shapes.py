"""ontology/shapes.ttl: the built graph conforms; each kind of damage is caught."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph import merge_graph
from kg.shapes import validate_graph
from kg.vocab import ID, KG

CLAIM = "claim/000_3c14a0ab08de09f5"
MISTURA = ID["person/ستافان_دي_ميستورا"]
ARMY = ID["armed-force/الجيش_السوري"]


def test_graph_shapes_built_graph_conforms(seed_dataset):
    conforms, report = validate_graph(seed_dataset)
    assert conforms, report


def _claim(graph):
    return next(s for s in graph.subjects(RDF.type, KG.Claim) if CLAIM in s)


def _drop(predicate):
    def damage(graph):
        node = _claim(graph)
        graph.remove((node, predicate, None))

    return damage


def _add(predicate, value):
    def damage(graph):
        graph.add((_claim(graph), predicate, value))

    return damage


def _untype_speaker(graph):
    graph.remove((MISTURA, RDF.type, None))


def _unlabel(graph):
    graph.remove((ARMY, RDFS.label, None))


def _one_way_meeting(graph):
    for a, b in list(graph.subject_objects(KG.met)):
        if str(a) < str(b):
            graph.remove((a, KG.met, b))


def _capture_a_claim(graph):
    graph.add((ARMY, KG.captured, _claim(graph)))


def _blank_entity(graph):
    from rdflib import BNode

    node = BNode()
    graph.add((node, RDF.type, KG.Person))
    graph.add((node, RDFS.label, Literal("زيد", lang="ar")))


@pytest.mark.parametrize(
    ("damage", "component"),
    [
        (_drop(KG.claimText), "MinCount"),
        (_add(KG.claimText, Literal("نص آخر", lang="ar")), "MaxCount"),
        (_drop(KG.article), "MinCount"),
        (_drop(KG.start), "MinCount"),
        (_add(KG.start, Literal("60")), "Datatype"),
        (_drop(KG.rule), "MinCount"),
        (_add(KG.rule, Literal("guess")), "Pattern"),
        (_add(KG.date, Literal("yesterday")), "Datatype"),
        (_untype_speaker, "Class"),
        (_unlabel, "MinCount"),
        (_one_way_meeting, "MinCount"),
        (_capture_a_claim, "Class"),
        (_blank_entity, "NodeKind"),
        (_add(KG.speaker, URIRef(ID["person/غيره"])), "MaxCount"),
    ],
)
def test_graph_shapes_broken_graph_violates(seed_dataset, damage, component):
    graph = merge_graph(seed_dataset)
    damage(graph)
    conforms, report = validate_graph(graph)
    assert not conforms
    assert f"{component}ConstraintComponent" in report, report
