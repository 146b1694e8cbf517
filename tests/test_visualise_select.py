"""What `kg viz` options put on the page: --relation, --entity/--hops, --top,
--since/--until, parallel facts folded into one edge, and the cap."""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS, XSD

from kg.errors import OptionError, UnknownEntityError
from kg.network import read_network
from kg.subgraph import aggregate_edges, cap_network, select_subgraph
from kg.visualise import render_html
from kg.vocab import ID, KG, SCHEMA

CLASSES = {"person": KG.Person, "armed-force": KG.ArmedForce, "place": KG.Place}


def entity(g, name: str, kind: str):
    node = ID[f"{kind}/{name.replace(' ', '_')}"]
    g.add((node, RDF.type, CLASSES[kind]))
    g.add((node, RDFS.label, Literal(name, lang="ar")))
    return node


def news(*facts: tuple[str, str, str, str | None]) -> Dataset:
    """A graph of (relation, subject, object, date) facts, one article each.

    Names are labels; a said object is the claim text. Capturers are armed
    forces, captured sites places, everyone else a person.
    """
    ds = Dataset()
    for i, (relation, subject, obj, date) in enumerate(facts):
        article = ID[f"article/a{i}"]
        g = ds.graph(article)
        g.add((article, RDF.type, KG.Article))
        g.add((article, SCHEMA.headline, Literal(f"مقال {i}", lang="ar")))
        event = ID[f"event/a{i}"]
        g.add((event, KG.article, article))
        g.add((event, KG.evidence, Literal(f"{subject} {relation} {obj}", lang="ar")))
        if date:
            g.add((event, KG.date, Literal(date, datatype=XSD.date)))

        if relation == "said":
            speaker = entity(g, subject, "person")
            g.add((speaker, KG.said, event))
            g.add((event, RDF.type, KG.Claim))
            g.add((event, KG.claimText, Literal(obj, lang="ar")))
        elif relation == "captured":
            force, site = entity(g, subject, "armed-force"), entity(g, obj, "place")
            g.add((force, KG.captured, site))
            g.add((event, RDF.type, KG.Capture))
            g.add((event, KG.agent, force))
            g.add((event, KG.site, site))
        else:
            a, b = entity(g, subject, "person"), entity(g, obj, "person")
            g.add((a, KG.met, b))
            g.add((b, KG.met, a))
            g.add((event, RDF.type, KG.Meeting))
            g.add((event, KG.participant, a))
            g.add((event, KG.participant, b))
    return ds


def labels(net, kinds=("person", "armed-force", "place")) -> set[str]:
    return {d["label"] for _, d in net.nodes(data=True) if d["kind"] in kinds}


# عمر meets three people, سعاد two; عمر also speaks.
CIRCLE = news(
    ("met", "عمر", "سعاد", "2016-01-10"),
    ("met", "عمر", "خالد", "2016-02-10"),
    ("met", "عمر", "ليلى", "2016-03-10"),
    ("met", "سعاد", "خالد", "2016-04-10"),
    ("said", "عمر", "الهدنة صامدة", "2016-05-10"),
    ("said", "ليلى", "الطريق مقطوع", None),
    ("captured", "الجيش السوري", "المعهد الرياضي", "2016-06-10"),
)
# A chain: أ - ب - ج - د
CHAIN = news(
    ("met", "أحمد", "باسم", None),
    ("met", "باسم", "جميل", None),
    ("met", "جميل", "داود", None),
    ("said", "داود", "لا تعليق", None),
)


@pytest.mark.parametrize(
    "top, expected",
    [(1, {"عمر"}), (2, {"عمر", "خالد"}), (3, {"عمر", "خالد", "سعاد"})],
)
def test_visualise_top_keeps_the_most_connected_entities(top, expected):
    chosen = select_subgraph(read_network(CIRCLE), top=top)
    assert labels(chosen) == expected
    if "عمر" in expected:  # a kept speaker brings its claim
        assert labels(chosen, ("claim",)) == {"الهدنة صامدة"}


@pytest.mark.parametrize(
    "entity, hops, expected",
    [
        ("أحمد", 0, {"أحمد"}),
        ("أحمد", 1, {"أحمد", "باسم"}),
        ("احمد", 2, {"أحمد", "باسم", "جميل"}),  # no hamza: the same name
        ("جميل", 1, {"باسم", "جميل", "داود"}),
    ],
)
def test_visualise_entity_hops_is_a_neighbourhood(entity, hops, expected):
    chosen = select_subgraph(read_network(CHAIN), entity=entity, hops=hops)
    assert labels(chosen) == expected
    assert bool(labels(chosen, ("claim",))) == ("داود" in expected)


@pytest.mark.parametrize(
    "since, until, expected",
    [
        ("2016-03-01", None, {"عمر", "ليلى", "سعاد", "خالد", "الجيش السوري", "المعهد الرياضي"}),
        (None, "2016-01-31", {"عمر", "سعاد"}),
        ("2016-05-01", "2016-05-31", {"عمر"}),  # undated (ليلى's claim) is out of any range
    ],
)
def test_visualise_since_until_keep_facts_in_range(since, until, expected):
    chosen = select_subgraph(read_network(CIRCLE), since=since, until=until)
    assert labels(chosen) == expected


@pytest.mark.parametrize(
    "relations, expected",
    [(["captured"], {"الجيش السوري", "المعهد الرياضي"}), (["said"], {"عمر", "ليلى"})],
)
def test_visualise_relation_keeps_those_facts(relations, expected):
    chosen = select_subgraph(read_network(CIRCLE), relations=relations)
    assert labels(chosen) == expected
    assert {r for *_, r in chosen.edges(data="relation")} <= {*relations, "article"}


@pytest.mark.parametrize("name, closest", [("عمرو", "عمر"), ("Omar", None)])
def test_visualise_unknown_entity_says_what_exists(name, closest):
    with pytest.raises(UnknownEntityError, match=f"no entity '{name}'") as error:
        render_html(CIRCLE, entity=name)
    assert (closest or "kg query") in str(error.value)


@pytest.mark.parametrize(
    "option, value",
    [("since", "10/05/2016"), ("until", "2016-13-01"), ("relations", ["sayd"]), ("limit", 0)],
)
def test_visualise_bad_options_are_reported(option, value):
    shown = "sayd" if option == "relations" else value
    with pytest.raises(OptionError, match=re.escape(repr(shown))):
        render_html(CIRCLE, **{option: value})


@pytest.mark.parametrize("times", [3])
def test_visualise_parallel_facts_fold_into_one_edge(times):
    graph = news(*[("captured", "الجيش السوري", "حلب", f"2016-0{i + 1}-01") for i in range(times)])
    folded = aggregate_edges(read_network(graph))
    [(_, _, edge)] = folded.edges(data=True)
    assert edge["count"] == times and len(edge["dates"]) == times and len(edge["reports"]) == times
    page = render_html(graph)
    assert f"سيطر على ×{times}" in page


@pytest.mark.parametrize("limit", [5, 12])
def test_visualise_cap_says_what_was_left_out(limit):
    graph = news(*[("said", f"متحدث {i % 10}", f"تصريح {i}", "2016-01-01") for i in range(40)])
    full = aggregate_edges(read_network(graph))  # 10 speakers, 40 claims, 40 articles
    shown, note = cap_network(full, limit)
    assert shown.number_of_nodes() <= limit
    assert note.startswith(f"Showing {shown.number_of_nodes()} of 90 nodes")
    assert "--entity NAME --hops N" in note and "--limit N" in note
    heard = []
    data = render_html(graph, limit=limit, on_note=heard.append)
    assert heard == [note]
    assert json.dumps(note, ensure_ascii=False)[1:-1] in data


@pytest.mark.parametrize("limit", [1000])
def test_visualise_no_note_under_the_cap(limit):
    heard = []
    render_html(CIRCLE, limit=limit, on_note=heard.append)
    assert heard == []


@pytest.mark.parametrize(
    "options, says",
    [
        ({"since": "2030-01-01"}, "Nothing to show for --since 2030-01-01"),
        ({"relations": ["captured"], "entity": "عمر"}, "Nothing to show for --relation captured"),
    ],
)
def test_visualise_empty_selection_says_so(options, says):
    heard = []
    render_html(CIRCLE, on_note=heard.append, **options)
    assert heard and heard[0].startswith(says)
