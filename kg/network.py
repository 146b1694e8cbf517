"""RDF -> networkx: the graph the network page draws.

Takes the triples of ontology/kg.ttl (a Graph, or a Dataset read as the union
of its named graphs) and gives a `nx.MultiDiGraph` with one node per entity,
claim and article and one edge per reported fact:

    actor  -said->      claim      one per kg:said
    claim  -article->   article    where the claim was reported
    force  -captured->  site       one per kg:Capture (or bare kg:captured)
    a      -met->       b          one per kg:Meeting (a < b; kg:met is symmetric)

Nodes carry `kind` (person, organization, armed-force, place, source, actor,
claim, article), `label` and `aliases`; claims also `text`, `evidence`,
`article`, `date`, `rule`. Edges carry `relation`, `date`, `article`,
`evidence`, `rule`. Article details live in `net.graph["articles"]`, so a
capture can name its article without drawing it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
from rdflib import BNode, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS

from kg.vocab import KG, SCHEMA

# Most specific class first: an ArmedForce is also an Organization, a Site a Place.
KIND_OF_CLASS = [
    (KG.ArmedForce, "armed-force"),
    (KG.Person, "person"),
    (KG.Source, "source"),
    (KG.Organization, "organization"),
    (KG.Site, "place"),
    (KG.Place, "place"),
    (KG.Actor, "actor"),
]
WANTED = {
    RDF.type,
    RDFS.label,
    KG.alias,
    KG.said,
    KG.speaker,
    KG.claimText,
    SCHEMA.text,
    KG.evidence,
    KG.article,
    KG.date,
    KG.rule,
    KG.captured,
    KG.agent,
    KG.site,
    KG.met,
    KG.participant,
    SCHEMA.headline,
    SCHEMA.datePublished,
    SCHEMA.publisher,
    SCHEMA.url,
    SCHEMA.identifier,
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def node_id(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def iter_triples(graph: Graph):
    """Every triple of `graph`; for a Dataset, of each of its named graphs (duplicates
    kept), or of its default graph when it has none. (A build's store also keeps
    every triple once in its default graph: that copy is not counted again.)"""
    if not getattr(graph, "context_aware", False):
        yield from graph.triples((None, None, None))
        return
    named = False
    for s, p, o, g in graph.quads((None, None, None, None)):
        if g is not None and g != DATASET_DEFAULT_GRAPH_ID:
            named = True
            yield s, p, o
    if not named:
        yield from graph.triples((None, None, None))


def collect_facts(graph: Graph) -> dict:
    """subject -> predicate -> Counter of objects (counted over named graphs)."""
    facts: dict = defaultdict(lambda: defaultdict(Counter))
    for s, p, o in iter_triples(graph):
        if p in WANTED:
            facts[s][p][o] += 1
    return facts


def _text(values: Counter) -> str:
    """The most used literal, Arabic first: labels repeat once per article."""
    if not values:
        return ""
    best = max(
        values.items(),
        key=lambda kv: (
            getattr(kv[0], "language", None) == "ar",
            kv[1],
            -len(str(kv[0])),
            str(kv[0]),
        ),
    )
    return str(best[0]).strip()


def _date(values: Counter) -> str | None:
    dates = sorted(str(v)[:10] for v in values if _DATE.match(str(v)))
    return dates[0] if dates else None


def _one(values: Counter):
    return min(values, key=str) if values else None


def _entity(net: nx.MultiDiGraph, facts: dict, term, kind: str = "actor") -> str:
    key = node_id(term)
    if key in net:
        return key
    props = facts.get(term, {})
    types = props.get(RDF.type, {})
    kind = next((k for cls, k in KIND_OF_CLASS if cls in types), kind)
    labels = props.get(RDFS.label, Counter())
    label = _text(labels) or str(term).rsplit("/", 1)[-1].replace("_", " ")
    names = {str(v).strip() for v in (*labels, *props.get(KG.alias, ()))}
    net.add_node(key, kind=kind, label=label, aliases=sorted(names - {label, ""}))
    return key


def _article(facts: dict, term) -> dict:
    props = facts.get(term, {})
    return {
        "headline": _text(props.get(SCHEMA.headline) or props.get(RDFS.label) or Counter()),
        "date": _date(props.get(SCHEMA.datePublished, Counter())),
        "publisher": _text(props.get(SCHEMA.publisher, Counter())),
        "url": _text(props.get(SCHEMA.url, Counter())),
        "identifier": _text(props.get(SCHEMA.identifier, Counter())),
    }


def _provenance(facts: dict, event) -> dict:
    props = facts.get(event, {})
    article = _one(props.get(KG.article, Counter()))
    return {
        "article": node_id(article) if article is not None else None,
        "evidence": _text(props.get(KG.evidence, Counter())) or None,
        "date": _date(props.get(KG.date, Counter())),
        "rule": _text(props.get(KG.rule, Counter())) or None,
    }


def _add_claims(net: nx.MultiDiGraph, facts: dict) -> None:
    speakers = defaultdict(set)
    for s, props in facts.items():
        for claim in props.get(KG.said, ()):
            speakers[claim].add(s)
        if KG.Claim in props.get(RDF.type, ()):
            speakers[s].update(props.get(KG.speaker, ()))
    for claim, who in speakers.items():
        props = facts.get(claim, {})
        text = _text(props.get(KG.claimText) or props.get(SCHEMA.text) or Counter())
        prov = _provenance(facts, claim)
        cid = node_id(claim)
        net.add_node(cid, kind="claim", label=text, aliases=[], text=text, **prov)
        for speaker in sorted(who, key=str):
            net.add_edge(_entity(net, facts, speaker), cid, relation="said", **prov)
        if prov["article"]:
            article = net.graph["articles"].get(prov["article"], {})
            net.add_node(
                prov["article"],
                kind="article",
                aliases=[],
                label=article.get("headline") or prov["article"],
                **article,
            )
            net.add_edge(cid, prov["article"], relation="article", **prov)


def _add_events(net: nx.MultiDiGraph, facts: dict) -> None:
    done = set()
    for event, props in facts.items():
        types = props.get(RDF.type, ())
        if KG.Capture in types:
            pairs = [(a, s) for a in props.get(KG.agent, ()) for s in props.get(KG.site, ())]
            relation = "captured"
        elif KG.Meeting in types:
            pairs = list(combinations(sorted(props.get(KG.participant, ()), key=str), 2))
            relation = "met"
        else:
            continue
        prov = _provenance(facts, event)
        for a, b in pairs:
            ends = sorted((a, b), key=str) if relation == "met" else (a, b)
            done.add((relation, *ends))
            kinds = ("armed-force", "place") if relation == "captured" else ("actor", "actor")
            u, v = _entity(net, facts, a, kinds[0]), _entity(net, facts, b, kinds[1])
            net.add_edge(u, v, relation=relation, **prov)
    # Bare direct triples, written without an event node: no provenance to show.
    none = {"article": None, "evidence": None, "date": None, "rule": None}
    for s, props in list(facts.items()):
        for relation, pred in (("captured", KG.captured), ("met", KG.met)):
            for o in props.get(pred, ()):
                a, b = sorted((s, o), key=str) if relation == "met" else (s, o)
                if (relation, a, b) in done or a == b:
                    continue
                done.add((relation, a, b))
                kinds = ("armed-force", "place") if relation == "captured" else ("actor", "actor")
                u, v = _entity(net, facts, a, kinds[0]), _entity(net, facts, b, kinds[1])
                net.add_edge(u, v, relation=relation, **none)


def read_network(graph: Graph) -> nx.MultiDiGraph:
    """The entities, claims and articles of `graph` and the facts between them."""
    facts = collect_facts(graph)
    net = nx.MultiDiGraph()
    net.graph["articles"] = {
        node_id(s): _article(facts, s)
        for s, props in facts.items()
        if KG.Article in props.get(RDF.type, ())
    }
    _add_claims(net, facts)
    _add_events(net, facts)
    for s, props in facts.items():
        if any(cls in props.get(RDF.type, ()) for cls, _ in KIND_OF_CLASS):
            _entity(net, facts, s)  # an entity in no relation: selection drops it
    return net
