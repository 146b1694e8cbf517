"""kg/graph.py: relations -> one named graph per article, against a golden file.

The golden file is tests/data/golden/<name>.trig; after a deliberate change,
regenerate it with `pytest --update-golden` and review the diff.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDFS

from kg.errors import InputError
from kg.graph import build_dataset, dump_graph, graph_article, read_graph
from kg.iri import article_iri, entity_iri, mint_segment
from kg.link.actors import load_actors
from kg.link.places import load_places
from kg.types import Article, Mention, Relation
from kg.vocab import ID, KG

GOLDEN = Path(__file__).parent / "data" / "golden"


def _graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    return {g.identifier: g for g in dataset.graphs() if len(g)}


def _pairs(dataset: Dataset, predicate: URIRef) -> set[tuple]:
    return {(s, o) for s, _, o, _ in dataset.quads((None, predicate, None, None))}


def _nt(graph: Graph) -> str:
    return "\n".join(sorted(line for line in graph.serialize(format="nt").splitlines() if line))


def assert_same_dataset(got: Dataset, want: Dataset) -> None:
    got_graphs, want_graphs = _graphs(got), _graphs(want)
    assert sorted(got_graphs) == sorted(want_graphs), "named graphs differ"
    for name, graph in got_graphs.items():
        got_iso, want_iso = to_isomorphic(graph), to_isomorphic(want_graphs[name])
        if got_iso != want_iso:
            _, only_got, only_want = graph_diff(got_iso, want_iso)
            pytest.fail(
                f"graph {name} differs from the golden file\n"
                f"--- only in the built graph:\n{_nt(only_got)}\n"
                f"--- only in the golden graph:\n{_nt(only_want)}\n"
                "(run `pytest --update-golden` if the change is intended)"
            )


@pytest.mark.parametrize("name", ["seeds"])
def test_graph_build_matches_golden(name, seed_pairs, update_golden):
    built = build_dataset(seed_pairs)
    path = GOLDEN / f"{name}.trig"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            dump_graph(built, stream, "trig")
    assert path.exists(), f"no golden file {path}: run `pytest --update-golden`"
    assert_same_dataset(built, read_graph(path))


@pytest.mark.parametrize(
    ("text", "segment"),
    [
        ("ستافان دي ميستورا", "ستافان_دي_ميستورا"),
        ('جبهة "النصرة"', "جبهة_النصرة"),
        ("a <b> {c} |d| ^e^ `f`", "a_b_c_d_e_f"),
        ("حي/العامرية?x#y%z", "حي_العامرية_x_y_z"),
        ("\u200fطهران\u200e\u200c", "طهران"),
        ("  tabs\tand\nlines  ", "tabs_and_lines"),
        ("10 كتل أبنية", "10_كتل_أبنية"),
    ],
)
def test_graph_mint_segment_is_iri_safe(text, segment):
    assert mint_segment(text) == segment


@pytest.mark.parametrize("text", ["", "   ", "..", '"<>"'])
def test_graph_mint_segment_never_empty(text):
    segment = mint_segment(text)
    assert segment.strip("._") and segment == mint_segment(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # One key, two spellings and two articles: one IRI.
        (
            Mention("ستافان دي ميستورا", 0, 17, "Person", key="ستافان دي ميستورا"),
            Mention(
                "استيفان دي ميستورا", 40, 58, "Person", "استيفان دي ميستورا", "ستافان دي ميستورا"
            ),
        ),
        # No key: the normalised name is the key, so diacritics do not matter.
        (
            Mention("الجيش السوري", 0, 12, "ArmedForce"),
            Mention("الجَيش السوري", 5, 18, "ArmedForce"),
        ),
    ],
)
def test_graph_entity_iri_stable(a, b):
    assert entity_iri(a) == entity_iri(b)
    assert entity_iri(a).startswith(ID)


@pytest.mark.parametrize(
    ("type_", "slug"),
    [
        ("Person", "person"),
        ("Organization", "organization"),
        ("ArmedForce", "armed-force"),
        ("Place", "place"),
        ("Source", "source"),
    ],
)
def test_graph_entity_iri_slug(type_, slug):
    assert entity_iri(Mention("مصادر ميدانية", 0, 13, type_)) == ID[f"{slug}/مصادر_ميدانيه"]


def test_graph_no_blank_nodes(seed_dataset):
    for quad in seed_dataset.quads((None, None, None, None)):
        assert not any(isinstance(term, BNode) for term in quad[:3]), quad


def test_graph_one_named_graph_per_article(seed_dataset, seed_pairs):
    names = set(_graphs(seed_dataset))
    assert names == {article_iri(article.id) for article, _ in seed_pairs}


def test_graph_labels_are_slices(seed_pairs):
    """Every Arabic label is a slice of the text, or the canonical name of what
    the entity was linked to (kg/link: the gazetteer's or GeoNames' label)."""
    canonical = {a.label for actors in load_actors().values() for a in actors}
    canonical |= {p.label for found in load_places().values() for _, p in found}
    for article, relations in seed_pairs:
        g = graph_article(article, relations)
        for _, p, o in g:
            if isinstance(o, Literal) and o.language == "ar" and p != KG.evidence:
                assert str(o) in article.text or p == RDFS.label and str(o) in canonical, (p, o)
        for node, sentence in g.subject_objects(KG.evidence):
            start, end = g.value(node, KG.start).toPython(), g.value(node, KG.end).toPython()
            assert article.text[start:end] == str(sentence)


@pytest.mark.parametrize("relation", ["met"])
def test_graph_met_both_ways(seed_dataset, relation):
    pairs = _pairs(seed_dataset, KG[relation])
    assert pairs and pairs == {(b, a) for a, b in pairs}
    participants = _pairs(seed_dataset, KG.participant)
    for meeting in {m for m, _ in participants}:
        assert len({p for m, p in participants if m == meeting}) == 2


@pytest.mark.parametrize("relation", ["said", "captured", "met"])
def test_graph_event_iri_stable_between_runs(seed_pairs, relation):
    first, second = build_dataset(seed_pairs), build_dataset(seed_pairs)
    nodes = {s for s, rule in _pairs(first, KG.rule) if rule.startswith(relation)}
    assert nodes and nodes == {
        s for s, rule in _pairs(second, KG.rule) if rule.startswith(relation)
    }


def test_graph_self_meeting_left_out():
    article = Article("x", "التقى الوزير الوزير.")
    minister = Mention("الوزير", 6, 12, "Person")
    again = Mention("الوزير", 13, 19, "Person")
    g = graph_article(article, [Relation("x", "met", minister, again, "met.iltaqa", 0, 20)])
    assert not list(g.triples((None, KG.met, None)))


def test_graph_unnamed_source_is_source_of_its_body():
    text = "وقال مسؤول في وزارة الخارجية إن الحوار مستمر."
    article = Article("x", text)
    army = Mention("وزارة الخارجية", 14, 28, "Organization", "وزارة الخارجية")
    official = Mention(
        "مسؤول في وزارة الخارجية", 5, 28, "Source", "مسؤول في وزارة الخارجية", of=army
    )
    claim = Mention("الحوار مستمر", 32, 44, "Claim")
    g = graph_article(article, [Relation("x", "said", official, claim, "said.clause", 0, 45)])
    [(source, body)] = list(g.subject_objects(KG.sourceOf))
    assert (source, KG.said, None) in g
    assert (body, RDFS.label, Literal("وزارة الخارجية", lang="ar")) in g


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (0, 999), (9, 3)])
def test_graph_bad_offsets_raise(start, end):
    article = Article("x", "قال زيد إن الأمر انتهى.")
    zaid = Mention("زيد", 4, 7, "Person")
    claim = Mention("الأمر انتهى", 11, 22, "Claim")
    with pytest.raises(ValueError, match="offsets"):
        graph_article(article, [Relation("x", "said", zaid, claim, "said.inna_clause", start, end)])


@pytest.mark.parametrize(
    ("date", "lexical"),
    [
        ("2016-10-08", "2016-10-08"),
        ("2016-10-08T09:30:00Z", "2016-10-08"),
        ("8 October", None),
        ("2016-13-45", None),
    ],
)
def test_graph_article_date(date, lexical):
    g = graph_article(Article("x", "نص", date=date), [])
    published = g.value(article_iri("x"), URIRef("https://schema.org/datePublished"))
    assert str(published) == (lexical or date)
    assert (published.datatype is not None) == (lexical is not None)


@pytest.mark.parametrize(("fmt", "parse_as"), [("trig", "trig"), ("nquads", "nquads")])
@pytest.mark.parametrize("binary", [True, False])
def test_graph_dump_round_trips(seed_dataset, fmt, parse_as, binary):
    stream = io.BytesIO() if binary else io.StringIO()
    dump_graph(seed_dataset, stream, fmt)
    data = stream.getvalue()
    back = read_graph(data.encode("utf-8") if isinstance(data, str) else data, parse_as)
    assert_same_dataset(back, seed_dataset)


@pytest.mark.parametrize("fmt", ["turtle"])
def test_graph_dump_turtle_merges(seed_dataset, fmt):
    stream = io.BytesIO()
    dump_graph(seed_dataset, stream, fmt)
    want = {(s, p, o) for s, p, o, _ in seed_dataset.quads((None, None, None, None))}
    merged = Graph().parse(data=stream.getvalue().decode("utf-8"), format=fmt)
    assert set(merged) == want
    back = read_graph(stream.getvalue(), fmt)
    assert {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))} == want


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("graph.ttl", b"<a> <b> .", "graph.ttl"),
        ("graph.trig", b"<https://x/a> <https://x/b> <https://x/c> <https://x/g> .", "graph.trig"),
        ("graph.rdf", b"", "unknown RDF format"),
        ("absent.ttl", None, "absent.ttl"),
    ],
)
def test_graph_read_graph_reports_bad_input(tmp_path, name, data, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_graph(path)
