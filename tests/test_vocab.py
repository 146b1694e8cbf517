"""kg/vocab.py mirrors ontology/kg.ttl exactly, and the shapes use only its terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.vocab import KG

ONTOLOGY = Path(__file__).parents[1] / "ontology"
NS = str(KG._NS)


def _kg_terms(graph: Graph) -> set[str]:
    """Every kg: IRI the file mentions, in any position."""
    return {
        str(term)[len(NS) :]
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(NS)
    }


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kg.ttl", format="turtle")


def test_vocab_terms_equal_ontology(ontology):
    declared = {
        str(s)[len(NS) :]
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in ontology.subjects(RDF.type, kind)
        if str(s).startswith(NS)
    }
    assert declared == set(KG.__annotations__)
    assert _kg_terms(ontology) == declared, "a kg: term is used but not declared"


@pytest.mark.parametrize("shapes", ["shapes.ttl"])
def test_vocab_shapes_use_declared_terms(shapes):
    used = _kg_terms(Graph().parse(ONTOLOGY / shapes, format="turtle"))
    assert used <= set(KG.__annotations__), used - set(KG.__annotations__)


@pytest.mark.parametrize("term", ["sayd", "Persons", "captures"])
def test_vocab_unknown_term_fails(term):
    with pytest.raises(AttributeError):
        getattr(KG, term)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_vocab_every_term_labelled(ontology, lang):
    for name in KG.__annotations__:
        labels = [o for o in ontology.objects(KG[name], RDFS.label) if o.language == lang]
        assert labels, f"kg:{name} has no @{lang} label"
        assert list(ontology.objects(KG[name], RDFS.comment)), f"kg:{name} has no comment"
