"""What the network page says about a node or an edge: its tooltip and details.

A tip is `[heading, [[key, value], ...]]` of plain strings; kg/page/page.js
turns it into elements with textContent, never into HTML. Text from articles
is cleaned for display: bidi embeddings, overrides and isolates are dropped
(an RLO in a name must not reverse the text around it), controls become
spaces. The graph keeps the text as written; only the page cleans it.
"""

from __future__ import annotations

import re

import networkx as nx

REPORTS_SHOWN = 5
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]+")

KIND_NAMES = {
    "person": "شخص · person",
    "organization": "منظمة · organisation",
    "armed-force": "قوة مسلحة · armed force",
    "place": "مكان · place",
    "source": "مصدر غير مسمى · unnamed source",
    "actor": "فاعل · actor",
}


def clean(text: str | None) -> str:
    """`text` for display: U+202E (RLO) and the other bidi controls dropped, spaces collapsed."""
    return _SPACE.sub(" ", _BIDI.sub("", text or "")).strip()


def short(text: str | None, width: int) -> str:
    text = clean(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def names(net: nx.Graph, nodes, most: int = 6) -> str:
    labels = sorted({short(net.nodes[n]["label"], 40) for n in nodes})
    more = f" (+{len(labels) - most})" if len(labels) > most else ""
    return "، ".join(labels[:most]) + more


def _rows(pairs) -> list[list[str]]:
    return [[key, clean(str(value))] for key, value in pairs if value]


def _neighbours(net: nx.MultiDiGraph, node: str, relation: str, outgoing: bool) -> list[str]:
    if outgoing:
        return [v for _, v, r in net.out_edges(node, data="relation") if r == relation]
    return [u for u, _, r in net.in_edges(node, data="relation") if r == relation]


def node_tip(net: nx.MultiDiGraph, node: str) -> list:
    d = net.nodes[node]
    kind = d["kind"]
    if kind == "claim":
        article = net.graph.get("articles", {}).get(d.get("article"), {})
        return [
            short(d["text"], 500),
            _rows(
                [
                    ("المتحدث", names(net, _neighbours(net, node, "said", False))),
                    ("الشاهد", d.get("evidence")),
                    ("المقال", article.get("headline") or d.get("article")),
                    ("التاريخ", d.get("date")),
                    ("القاعدة", d.get("rule")),
                ]
            ),
        ]
    if kind == "article":
        return [
            short(d.get("headline") or d["label"], 300),
            _rows(
                [
                    ("التاريخ", d.get("date")),
                    ("الناشر", d.get("publisher")),
                    ("الرابط", d.get("url")),
                    ("المعرّف", d.get("identifier")),
                ]
            ),
        ]
    said = _neighbours(net, node, "said", True)
    met = _neighbours(net, node, "met", True) + _neighbours(net, node, "met", False)
    return [
        short(d["label"], 120),
        _rows(
            [
                ("النوع", KIND_NAMES[kind]),
                ("أسماء أخرى", "، ".join(clean(a) for a in d["aliases"][:8])),
                ("تصريحات", len(said)),
                ("سيطر على", names(net, _neighbours(net, node, "captured", True))),
                ("سيطر عليه", names(net, _neighbours(net, node, "captured", False))),
                ("التقى", names(net, met)),
                ("المعرّف", node),
            ]
        ),
    ]


def edge_tip(net: nx.MultiDiGraph, u: str, v: str, d: dict, articles: dict) -> list | None:
    """Captures and meetings: who, whom, and the sentences that report it."""
    if d["relation"] not in ("captured", "met"):
        return None  # a said or article edge repeats its claim's tip
    verb = {"captured": "سيطر على", "met": "التقى"}[d["relation"]]
    heading = f"{short(net.nodes[u]['label'], 60)} {verb} {short(net.nodes[v]['label'], 60)}"
    rows = []
    for report in d["reports"][:REPORTS_SHOWN]:
        article = articles.get(report["article"], {})
        source = article.get("headline") or report["article"]
        rows += _rows(
            [
                ("الشاهد", report["evidence"]),
                ("المقال", f"{source} ({report['date']})" if source and report["date"] else source),
            ]
        )
    if len(d["reports"]) > REPORTS_SHOWN:
        rows.append(["…", f"{len(d['reports']) - REPORTS_SHOWN} تقارير أخرى · more reports"])
    return [heading, rows or [["الشاهد", "لا شاهد مسجل · no evidence recorded"]]]
