"""The closed kg: vocabulary, mirroring ontology/kg.ttl, and the other namespaces.

`KG` fails on a term the ontology does not define (`KG.sayd` raises
AttributeError), so a typo cannot mint a new IRI; tests/test_vocab.py keeps
its terms equal to the ontology's. `ID` is where instances live: articles,
entities, claims and events (see kg/graph.py for the IRI scheme).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

ID = Namespace("https://w3id.org/kg-ar/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")  # kg:wikidata wd:Q7747
GEONAMES = Namespace("https://sws.geonames.org/")  # kg:geonames <https://sws.geonames.org/170063/>
SCHEMA = SDO


class KG(DefinedNamespace):
    """kg: https://w3id.org/kg-ar/ontology#"""

    _NS = Namespace("https://w3id.org/kg-ar/ontology#")
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    ArmedForce: URIRef
    Source: URIRef
    Place: URIRef
    Site: URIRef
    Article: URIRef
    Claim: URIRef
    Meeting: URIRef
    Capture: URIRef
    # direct relations
    said: URIRef
    captured: URIRef
    met: URIRef
    # event nodes
    speaker: URIRef
    claimText: URIRef
    agent: URIRef
    site: URIRef
    participant: URIRef
    # provenance
    article: URIRef
    evidence: URIRef
    start: URIRef
    end: URIRef
    rule: URIRef
    date: URIRef
    # entities
    alias: URIRef
    sourceOf: URIRef
    wikidata: URIRef
    geonames: URIRef


# The prefixes of written files and of queries (`id:` is the ID namespace).
PREFIXES: dict[str, Namespace] = {
    prefix: Namespace(str(namespace))
    for prefix, namespace in [
        ("kg", KG),
        ("id", ID),
        ("schema", SCHEMA),
        ("prov", PROV),
        ("sem", SEM),
        ("geo", GEO),
        ("wd", WD),
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("owl", OWL),
        ("skos", SKOS),
        ("xsd", XSD),
    ]
}
