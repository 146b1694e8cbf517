"""Relations -> RDF: one named graph per article, named by the article's IRI.

Takes an Article and the Relations extracted from it; gives the triples of
ontology/kg.ttl, with IRIs from kg/iri.py. Each relation is written as a
direct triple (`?p kg:said ?claim`, `?force kg:captured ?site`, `?a kg:met ?b`
and `?b kg:met ?a`) and as a node (kg:Claim, kg:Capture, kg:Meeting) carrying
its provenance: kg:article and prov:wasDerivedFrom, kg:evidence (the
sentence), kg:start and kg:end (its offsets in Article.text), kg:rule, kg:date.
Labels (rdfs:label, kg:alias, kg:claimText, kg:evidence) are slices of the
original text, tagged @ar, except the canonical name of a linked entity;
entities are never blank nodes.

Entities are linked first (kg/link): an actor of the gazetteer is keyed on its
canonical name, labelled with it, and gets its Wikidata item (kg:wikidata); a
place found in GeoNames is keyed and labelled on the place's Arabic name and
gets kg:geonames, geo:lat and geo:long (xsd:decimal), the countries the
article names deciding between places of one name. Either way the article's
own spellings stay as kg:alias, so every spelling in every article is one node.

`dump_graph` and `read_graph` write and read TriG, Turtle and N-Quads.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.errors import InputError
from kg.iri import article_iri, entity_iri, event_iri
from kg.link import Actor, Place, context_countries, link_place, resolve_actor
from kg.terms import FORMATS, SUFFIXES, oxigraph_quads, rdf_format, rdflib_quads, write_rdf
from kg.types import Article, Mention, Relation
from kg.vocab import GEO, GEONAMES, KG, PREFIXES, SCHEMA, WD

CLASSES = {
    "Person": KG.Person,
    "Organization": KG.Organization,
    "ArmedForce": KG.ArmedForce,
    "Place": KG.Place,
    "Source": KG.Source,
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date(value: str | None) -> Literal | None:
    """xsd:date from a YYYY-MM-DD prefix (2016-10-08, 2016-10-08T09:00Z), else None."""
    if not value or not _DATE.match(value):
        return None
    try:
        datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return Literal(value[:10], datatype=XSD.date)


def _add_article(g: Graph, article: Article) -> URIRef:
    node = article_iri(article.id)
    g.add((node, RDF.type, KG.Article))
    g.add((node, SCHEMA.identifier, Literal(article.id)))
    title = article.title.strip()
    g.add((node, RDFS.label, Literal(title, lang="ar") if title else Literal(article.id)))
    if title:
        g.add((node, SCHEMA.headline, Literal(title, lang="ar")))
    if article.date:
        g.add((node, SCHEMA.datePublished, _date(article.date) or Literal(article.date)))
    if article.source:
        g.add((node, SCHEMA.publisher, Literal(article.source)))
    if article.url:
        g.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    return node


def _link(mention: Mention, countries: frozenset[str]) -> tuple[Mention, str, Actor | Place | None]:
    """The mention keyed (and typed) as what it names, the label to write, and
    the gazetteer actor or GeoNames place it names, if any."""
    name = (mention.name or mention.text).strip()
    if mention.type == "Place":
        place = link_place(name, countries)
        if place is not None:
            return replace(mention, key=place.key), place.label, place
    elif (actor := resolve_actor(name, mention.type)) is not None:
        return replace(mention, key=actor.key, type=actor.type), actor.label, actor
    return mention, name, None


def _add_entity(g: Graph, mention: Mention, countries: frozenset[str]) -> URIRef:
    linked, label, found = _link(mention, countries)
    node = entity_iri(linked)
    g.add((node, RDF.type, CLASSES[linked.type]))
    g.add((node, RDFS.label, Literal(label, lang="ar")))
    for alias in ((mention.name or mention.text).strip(), mention.text.strip()):
        if alias and alias != label:
            g.add((node, KG.alias, Literal(alias, lang="ar")))
    if mention.of is not None:  # an unnamed source's organisation
        g.add((node, KG.sourceOf, _add_entity(g, mention.of, countries)))
    if isinstance(found, Actor) and found.qid:
        g.add((node, KG.wikidata, WD[found.qid]))
    elif isinstance(found, Place):
        g.add((node, KG.geonames, GEONAMES[f"{found.geonameid}/"]))
        g.add((node, GEO.lat, Literal(f"{found.latitude:.5f}", datatype=XSD.decimal)))
        g.add((node, GEO.long, Literal(f"{found.longitude:.5f}", datatype=XSD.decimal)))
    return node


def _add_provenance(g: Graph, node: URIRef, relation: Relation, article: Article) -> None:
    start, end = relation.sentence_start, relation.sentence_end
    if not 0 <= start <= end <= len(article.text):
        raise ValueError(
            f"{article.id}: relation {relation.relation} ({relation.rule}) has sentence "
            f"offsets {start}:{end} outside the article's {len(article.text)} characters"
        )
    source = article_iri(article.id)
    g.add((node, KG.article, source))
    g.add((node, PROV.wasDerivedFrom, source))
    g.add((node, KG.evidence, Literal(article.text[start:end], lang="ar")))
    g.add((node, KG.start, Literal(start)))
    g.add((node, KG.end, Literal(end)))
    g.add((node, KG.rule, Literal(relation.rule)))
    date = _date(article.date)
    if date is not None:
        g.add((node, KG.date, date))


def _add_relation(
    g: Graph, relation: Relation, article: Article, countries: frozenset[str]
) -> None:
    subject = _add_entity(g, relation.subject, countries)
    node = event_iri(relation)
    if relation.relation == "said":
        g.add((subject, KG.said, node))
        g.add((node, RDF.type, KG.Claim))
        g.add((node, KG.speaker, subject))
        g.add((node, KG.claimText, Literal(relation.object.text.strip(), lang="ar")))
    elif relation.relation == "captured":
        site = _add_entity(g, relation.object, countries)
        g.add((site, RDF.type, KG.Site))
        g.add((subject, KG.captured, site))
        g.add((node, RDF.type, KG.Capture))
        g.add((node, KG.agent, subject))
        g.add((node, KG.site, site))
    else:  # met
        other = _add_entity(g, relation.object, countries)
        g.add((subject, KG.met, other))
        g.add((other, KG.met, subject))
        g.add((node, RDF.type, KG.Meeting))
        g.add((node, KG.participant, subject))
        g.add((node, KG.participant, other))
    _add_provenance(g, node, relation, article)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the kg prefixes (kg, id, schema, prov, sem, ...) for readable output."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def graph_article(article: Article, relations: list[Relation]) -> Graph:
    """The content of one article's named graph.

    Places are linked in the context of the countries the article names
    (kg.link.context_countries). A meeting of an entity with itself (both
    ends one IRI, however spelt) is left out: it is extractor noise, and
    kg:Meeting needs two participants.
    """
    g = bind_prefixes(Graph(identifier=article_iri(article.id)))
    _add_article(g, article)
    places = [
        m.name or m.text for r in relations for m in (r.subject, r.object) if m.type == "Place"
    ]
    countries = context_countries(places, article.text) if places else frozenset()
    for relation in relations:
        if relation.relation == "met" and _one_entity(relation.subject, relation.object):
            continue
        _add_relation(g, relation, article, countries)
    return g


def _one_entity(a: Mention, b: Mention) -> bool:
    return entity_iri(_link(a, frozenset())[0]) == entity_iri(_link(b, frozenset())[0])


def build_dataset(pairs: Iterable[tuple[Article, list[Relation]]]) -> Dataset:
    """One named graph per article, named by the article's IRI."""
    dataset = bind_prefixes(Dataset())
    for article, relations in pairs:
        g = graph_article(article, relations)
        dataset.addN((s, p, o, g.identifier) for s, p, o in g)
    return dataset


def merge_graph(dataset: Graph) -> Graph:
    """All triples of all graphs in one graph, for tools without quads."""
    if not isinstance(dataset, Dataset):
        return dataset
    merged = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _sort_key(quad: tuple) -> tuple:
    s, p, o, g = quad
    # Group by graph and subject, rdf:type first: the way a person writes Turtle.
    return (str(g or ""), str(s), p != RDF.type, str(p), str(o))


def dump_graph(dataset: Graph, stream: IO[bytes] | IO[str], fmt: str = "trig") -> None:
    """Write `dataset` to `stream` as trig, nquads or turtle (all graphs merged).

    Sorted by graph and subject, so two builds of the same input give the
    same bytes. `fmt` also takes the short names ttl and nq.
    """
    if rdf_format(fmt) in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        quads = [(s, p, o, None) for s, p, o in merge_graph(dataset)]
    elif isinstance(dataset, Dataset):
        quads = list(dataset.quads((None, None, None, None)))
    else:
        quads = [(s, p, o, dataset.identifier) for s, p, o in dataset]
    quads.sort(key=_sort_key)
    write_rdf(oxigraph_quads(quads), stream, fmt)


def read_graph(source: str | os.PathLike | bytes, fmt: str | None = None) -> Dataset:
    """A written graph (graph.trig, graph.ttl, graph.nq) back as a Dataset.

    `source` is a path, or the data itself with `fmt`. Parsed by pyoxigraph
    (fast, and clear of rdflib's Dataset deprecations); the Dataset's default
    graph is the union, so `.triples()` sees every article.
    """
    if isinstance(source, bytes):
        where, given = "data", {"input": source}
    else:
        where, given = str(source), {"path": str(source)}
        fmt = fmt or SUFFIXES.get(Path(source).suffix.lower())
    if fmt not in FORMATS:
        raise InputError(where, f"unknown RDF format; use a file ending {', '.join(SUFFIXES)}")
    dataset = bind_prefixes(Dataset(default_union=True))
    try:
        quads = ox.parse(format=rdf_format(fmt), **given)
        dataset.addN(
            (s, p, o, g if g is not None else DATASET_DEFAULT_GRAPH_ID)
            for s, p, o, g in rdflib_quads(quads)
        )
    except (SyntaxError, OSError) as error:
        raise InputError(where, " ".join(str(error).split())) from None
    return dataset
