"""Choosing what the network page shows: filters, neighbourhoods and the cap.

Pure functions on the `nx.MultiDiGraph` of kg/network.py. Claims and articles
are not entities: they travel with their speaker. `--hops` counts steps
between entities (captured, met), and `--top` ranks entities only; a kept
speaker brings its claims and the claims bring their articles.

`aggregate_edges` folds parallel facts (the army captured the same site in 40
articles) into one edge with a count; `cap_network` keeps the most connected
entities, with their claims and articles, until the page holds `limit` nodes,
and says what it left out.
"""

from __future__ import annotations

import difflib
from collections import deque

import networkx as nx

from kg.errors import UnknownEntityError
from kg.normalise import key as norm_key

NOT_ENTITIES = ("claim", "article")


def is_entity(net: nx.Graph, node: str) -> bool:
    return net.nodes[node]["kind"] not in NOT_ENTITIES


def in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Undated facts are out of any bounded range: nothing says they fall in it."""
    if since is None and until is None:
        return True
    if date is None:
        return False
    return (since is None or date >= since) and (until is None or date <= until)


def prune(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Drop claims nobody said (and their articles) and nodes left without edges."""
    unsaid = [
        n
        for n, kind in net.nodes(data="kind")
        if kind == "claim" and not any(d == "said" for *_, d in net.in_edges(n, data="relation"))
    ]
    net.remove_nodes_from(unsaid)
    net.remove_nodes_from([n for n in list(net) if net.degree(n) == 0])
    return net


def with_claims(net: nx.MultiDiGraph, entities) -> set[str]:
    """`entities` plus their claims and the claims' articles."""
    keep = set(entities)
    for node in entities:
        for _, claim, relation in net.out_edges(node, data="relation"):
            if relation == "said":
                keep.add(claim)
                keep.update(net.successors(claim))
    return keep


def find_entities(net: nx.MultiDiGraph, name: str) -> list[str]:
    """Entities whose label or alias is `name` (ignoring diacritics, hamza and
    spelling of alef/yeh/teh marbuta); failing that, those containing it."""
    if name in net and is_entity(net, name):
        return [name]
    wanted = norm_key(name)
    names = {
        n: {norm_key(x) for x in (d["label"], *d["aliases"])}
        for n, d in net.nodes(data=True)
        if d["kind"] not in NOT_ENTITIES
    }
    found = sorted(n for n, keys in names.items() if wanted in keys)
    if not found and wanted:
        found = sorted(n for n, keys in names.items() if any(wanted in k for k in keys))
    if not found:
        labels = sorted({net.nodes[n]["label"] for n in names})
        raise UnknownEntityError(name, difflib.get_close_matches(name, labels, n=5, cutoff=0.4))
    return found


def rank_entities(net: nx.Graph) -> list[str]:
    """Entities by number of distinct neighbours (claims count), then by label."""
    entities = [n for n in net if is_entity(net, n)]
    degree = {n: len(set(net.successors(n)) | set(net.predecessors(n))) for n in entities}
    return sorted(entities, key=lambda n: (-degree[n], net.nodes[n]["label"], n))


def select_subgraph(
    net: nx.MultiDiGraph,
    *,
    relations=None,
    entity: str | None = None,
    hops: int = 1,
    top: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> nx.MultiDiGraph:
    """The part of `net` the options ask for, as a new graph (dates are YYYY-MM-DD)."""
    seeds = find_entities(net, entity) if entity else []
    chosen = net.copy()
    relations = (set(relations) | {"article"}) if relations else None
    chosen.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, d in net.edges(keys=True, data=True)
            if (relations and d["relation"] not in relations)
            or not in_range(d["date"], since, until)
        ]
    )
    prune(chosen)
    if entity:
        links = nx.Graph()
        links.add_edges_from(
            (u, v) for u, v, r in chosen.edges(data="relation") if r in ("captured", "met")
        )
        ball = {s for s in seeds if s in chosen}
        frontier = set(ball)
        for _ in range(max(hops, 0)):
            frontier = {m for n in frontier if n in links for m in links[n]} - ball
            ball |= frontier
        chosen = nx.MultiDiGraph(chosen.subgraph(with_claims(chosen, ball)))
    if top is not None:
        chosen = nx.MultiDiGraph(chosen.subgraph(with_claims(chosen, rank_entities(chosen)[:top])))
    chosen.graph.update(net.graph)
    return chosen


def aggregate_edges(net: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One edge per (from, to, relation), keyed by relation, with `count`,
    sorted `dates` and the `reports` (article, evidence, date, rule) behind it."""
    folded = nx.MultiDiGraph()
    folded.add_nodes_from(net.nodes(data=True))
    folded.graph.update(net.graph)
    for u, v, d in net.edges(data=True):
        relation = d["relation"]
        if not folded.has_edge(u, v, key=relation):
            folded.add_edge(u, v, key=relation, relation=relation, count=0, dates=[], reports=[])
        edge = folded.edges[u, v, relation]
        edge["count"] += 1
        if d["date"] and d["date"] not in edge["dates"]:
            edge["dates"] = sorted([*edge["dates"], d["date"]])
        edge["reports"].append({k: d[k] for k in ("article", "evidence", "date", "rule")})
    return folded


def cap_network(net: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, str | None]:
    """At most `limit` nodes, and a note saying what was left out (None if nothing).

    Three fifths of the room go to the most connected entities; the rest to
    their claims (with articles), newest first, one claim per entity per
    round, so one prolific speaker cannot fill the page. Room left over goes
    to further entities.
    """
    if net.number_of_nodes() <= limit:
        return net, None
    ranked = rank_entities(net)
    keep = set(ranked[: max(1, limit * 3 // 5)])
    queues = [deque(claims) for e in ranked if e in keep and (claims := newest_claims(net, e))]
    while queues and len(keep) < limit:
        waiting = []
        for queue in queues:
            claim = queue.popleft()
            extra = {claim, *net.successors(claim)} - keep
            if len(keep) + len(extra) <= limit:
                keep |= extra
            if queue:
                waiting.append(queue)
        queues = waiting
    for entity in ranked:
        if len(keep) >= limit:
            break
        keep.add(entity)
    shown = nx.MultiDiGraph(net.subgraph(keep))
    shown.graph.update(net.graph)
    return shown, cap_note(net, shown)


def newest_claims(net: nx.MultiDiGraph, entity: str) -> list[str]:
    claims = [v for _, v, r in net.out_edges(entity, data="relation") if r == "said"]
    return sorted(set(claims), key=lambda n: (net.nodes[n].get("date") or "", n), reverse=True)


def cap_note(full: nx.MultiDiGraph, shown: nx.MultiDiGraph) -> str:
    left = {"entities": 0, "claims": 0, "articles": 0}
    for node, kind in full.nodes(data="kind"):
        if node not in shown:
            left[kind + "s" if kind in NOT_ENTITIES else "entities"] += 1
    entities = sum(1 for n in shown if is_entity(shown, n))
    most = max((len(newest_claims(shown, n)) for n in shown if is_entity(shown, n)), default=0)
    return (
        f"Showing {shown.number_of_nodes():,} of {full.number_of_nodes():,} nodes and "
        f"{shown.number_of_edges():,} of {full.number_of_edges():,} edges: the {entities:,} "
        f"most connected entities, each with up to {most:,} of its newest claims. Left out: "
        f"{left['entities']:,} entities, {left['claims']:,} claims, {left['articles']:,} articles. "
        "To see them, narrow the page with `kg viz --entity NAME --hops N`, `--relation`, "
        "`--top N` or `--since/--until YYYY-MM-DD`, or raise the cap with `--limit N`."
    )
