"""Graph -> the network page: one self-contained, script-safe HTML string.

Takes the RDF of a build (kg/network.py reads it), chooses what to show
(kg/subgraph.py: `--relation`, `--entity`/`--hops`, `--top`, `--since`/`--until`,
then the cap), models nodes and edges with pyvis's Node and Edge, and fills
kg/page/page.html with vis-network's script (inlined from the pyvis package),
kg/page/page.css, kg/page/page.js and the data. Nothing is fetched when the
page opens: no CDN, no `lib/` folder, no fonts but the system's.

Safety: article text reaches the page only inside one JSON block, escaped so
it cannot end the script element (`<`, `>`, `&`, U+2028/9 as \\uXXXX), and
page.js sets it with textContent only. A Content-Security-Policy allows the
page's two scripts by hash and nothing else: no requests, no injected script.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import math
import re
from collections.abc import Callable, Iterable
from importlib import resources

from pyvis.edge import Edge
from pyvis.node import Node

from kg.errors import OptionError
from kg.network import read_network
from kg.style import KINDS, LINKS, vis_options
from kg.subgraph import NOT_ENTITIES, aggregate_edges, cap_network, select_subgraph
from kg.tips import clean, edge_tip, node_tip, short
from kg.types import RELATIONS

DEFAULT_LIMIT = 1000  # nodes: vis-network settles in seconds and stays fluid up to about this
VIS = ("pyvis", "lib", "vis-9.1.2", "vis-network.min.js")
_ENDS_SCRIPT = re.compile(r"</script|<!--", re.IGNORECASE)
_SCRIPT_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(data) -> str:
    """JSON that can sit inside <script> and still be read with JSON.parse."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def read_asset(package: str, *parts: str) -> str:
    text = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    # A source-map comment would make devtools ask for a file that is not there.
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", text)


def script_hash(code: str) -> str:
    """The CSP source that allows this inline script, and only it."""
    if _ENDS_SCRIPT.search(code):
        raise ValueError("script text would end its <script> element early")
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def iso_date(option: str, value) -> str | None:
    if value is None or isinstance(value, datetime.date):
        return value.isoformat()[:10] if value else None
    try:
        return datetime.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise OptionError(option, value, "a date as YYYY-MM-DD, e.g. 2016-10-05") from None


def check_options(relations, hops, top, limit) -> None:
    unknown = sorted(set(relations or ()) - set(RELATIONS))
    if unknown:
        raise OptionError("--relation", unknown[0], "one of " + ", ".join(RELATIONS))
    for option, value, least in (("--hops", hops, 0), ("--top", top, 0), ("--limit", limit, 1)):
        if value is not None and (not isinstance(value, int) or value < least):
            raise OptionError(option, value, f"a whole number from {least}")


def model_items(net) -> tuple[list[dict], list[dict]]:
    """vis items for the nodes and edges of `net`, via pyvis's Node and Edge."""
    nodes = []  # sorted, so the same graph gives the same page and the same layout
    for node, d in sorted(net.nodes(data=True)):
        kind = d["kind"]
        degree = len(set(net.successors(node)) | set(net.predecessors(node)))
        size = min(10 + {"claim": 1.5, "article": 2.5}.get(kind, 5) * math.sqrt(degree), 44)
        label = short(d["label"], 28 if kind in NOT_ENTITIES else 40)
        find = [clean(x) for x in (d["label"], *d["aliases"])]
        item = Node(
            node,
            KINDS[kind][2],
            label,
            color=KINDS[kind][3],
            size=round(size, 1),
            kind=kind,
            date=d.get("date"),
            find=find,
            tip=node_tip(net, node),
        )
        nodes.append(item.options)
    edges = []
    articles = net.graph.get("articles", {})
    ordered = sorted(net.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))
    for i, (u, v, d) in enumerate(ordered):
        relation, count = d["relation"], d["count"]
        label = "" if relation == "article" else LINKS[relation][0]
        item = Edge(
            u,
            v,
            directed=relation != "met",
            id=f"e{i}",
            rel=relation,
            label=label + (f" ×{count}" if count > 1 else ""),
            color=LINKS[relation][2],
            base=LINKS[relation][2],
            width=round(1 + 1.5 * math.log2(count), 1),
            dates=d["dates"],
            dashes=relation == "article",
            tip=edge_tip(net, u, v, d, articles),
        )
        edges.append(item.options)
    return nodes, edges


def render_html(
    graph,
    *,
    relations: Iterable[str] | None = None,
    entity: str | None = None,
    hops: int = 1,
    top: int | None = None,
    since: str | datetime.date | None = None,
    until: str | datetime.date | None = None,
    limit: int = DEFAULT_LIMIT,
    on_note: Callable[[str], None] | None = None,
) -> str:
    """The network page of `graph`: an rdflib Graph, or a Dataset read as the
    union of its named graphs. `relations` are kg.types.RELATIONS; `entity` a
    label, alias or IRI, with its `hops`-step neighbourhood; `top` the most
    connected entities; `since`/`until` YYYY-MM-DD. If the rest exceeds `limit`
    nodes, the page says what it left out, and so does `on_note(message)`
    (which also hears when nothing is left to show)."""
    relations = list(relations) if relations else None
    check_options(relations, hops, top, limit)
    since, until = iso_date("--since", since), iso_date("--until", until)
    chosen = select_subgraph(
        read_network(graph),
        relations=relations,
        entity=entity,
        hops=hops,
        top=top,
        since=since,
        until=until,
    )
    shown, note = cap_network(aggregate_edges(chosen), limit)
    asked = [
        ("--relation", ",".join(relations or ())),
        ("--entity", entity),
        ("--hops", entity and hops),
        ("--top", top),
        ("--since", since),
        ("--until", until),
    ]
    selection = " ".join(f"{k} {v}" for k, v in asked if v)
    if not shown:
        note = (
            f"Nothing to show for {selection}: widen the options."
            if selection
            else ("Nothing to show: the graph has no said, captured or met facts.")
        )
    if note and on_note:
        on_note(note)
    nodes, edges = model_items(shown)
    dates = sorted(date for e in edges for date in e["dates"])
    return fill_page(
        {
            "meta": {
                "note": note,
                "selection": selection,
                "dates": [dates[0], dates[-1]] if dates else None,
            },
            "kinds": {k: v for k, v in KINDS.items() if any(n["kind"] == k for n in nodes)},
            "relations": {k: v for k, v in LINKS.items() if any(e["rel"] == k for e in edges)},
            "nodes": nodes,
            "edges": edges,
            "options": vis_options(len(nodes)),
        }
    )


def fill_page(data: dict) -> str:
    vis, js = read_asset(*VIS), read_asset("kg", "page", "page.js")
    csp = (
        f"default-src 'none'; script-src {script_hash(vis)} {script_hash(js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
        "form-action 'none'"
    )
    parts = {
        "csp": csp,
        "css": read_asset("kg", "page", "page.css"),
        "vis": vis,
        "js": js,
        "data": script_json(data),
    }
    page = read_asset("kg", "page", "page.html")
    # One pass, so text inside a part is never taken for a placeholder.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], page)
