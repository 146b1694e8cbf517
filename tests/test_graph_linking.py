"""kg/graph.py with kg/link: one node per real actor or place, however spelt."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.graph import build_dataset, graph_article
from kg.shapes import validate_graph
from kg.types import Article, Mention, Relation
from kg.vocab import GEO, KG, WD


def _mention(article: Article, text: str, type_: str, name: str = "") -> Mention:
    start = article.text.index(text)
    return Mention(text, start, start + len(text), type_, name or text)


def _relation(article: Article, relation: str, subject: Mention, obj: Mention) -> Relation:
    rule = {"said": "said.inna_clause", "captured": "captured.sayt", "met": "met.iltaqa"}
    return Relation(article.id, relation, subject, obj, rule[relation], 0, len(article.text))


def _capture(doc: str, text: str, force: str, site: str) -> tuple[Article, list[Relation]]:
    article = Article(doc, text)
    army, place = _mention(article, force, "ArmedForce"), _mention(article, site, "Place")
    return article, [_relation(article, "captured", army, place)]


def _said(doc: str, text: str, speaker: str, claim: str) -> tuple[Article, list[Relation]]:
    article = Article(doc, text)
    person, said = _mention(article, speaker, "Person"), _mention(article, claim, "Claim")
    return article, [_relation(article, "said", person, said)]


@pytest.mark.parametrize(
    ("first", "second", "label", "qid"),
    [
        (
            _said(
                "a", "قال ستافان دي ميستورا إن الهدنة صامدة.", "ستافان دي ميستورا", "الهدنة صامدة"
            ),
            _said("b", "وقال دي مستورا إن المحادثات ستستأنف.", "دي مستورا", "المحادثات ستستأنف"),
            "ستافان دي ميستورا",
            None,
        ),
        (
            _said("a", "قال الرئيس الروسي إن القوات باقية.", "الرئيس الروسي", "القوات باقية"),
            _said("b", "وقال فلاديمير بوتن إن الحل سياسي.", "فلاديمير بوتن", "الحل سياسي"),
            "فلاديمير بوتين",
            "Q7747",
        ),
    ],
)
def test_graph_linking_two_spellings_one_person(first, second, label, qid):
    dataset = build_dataset([first, second])
    speakers = {s for s, _, _, _ in dataset.quads((None, KG.said, None, None))}
    assert len(speakers) == 1
    speaker = speakers.pop()
    assert {o for _, _, o, _ in dataset.quads((speaker, RDFS.label, None, None))} == {
        Literal(label, lang="ar")
    }
    aliases = {str(o) for _, _, o, _ in dataset.quads((speaker, KG.alias, None, None))}
    spellings = {r.subject.text for _, relations in (first, second) for r in relations}
    assert spellings - {label} <= aliases
    wikidata = {o for _, _, o, _ in dataset.quads((speaker, KG.wikidata, None, None))}
    assert wikidata == ({WD[qid]} if qid else set())


@pytest.mark.parametrize(
    ("pair", "geonameid"),
    [
        # تدمر is small: the country the article names (السوري) lets it link.
        (_capture("a", "استعاد الجيش السوري السيطرة على مدينة تدمر.", "الجيش السوري", "مدينة تدمر"),
         163808),
        (_capture("b", "سيطرت قوات الجيش اللبناني على طرابلس في لبنان.", "قوات الجيش اللبناني",
                  "طرابلس"), 266826),
        (_capture("c", "سيطرت قوات حفتر على طرابلس الليبية.", "قوات حفتر", "طرابلس"), 2210247),
    ],
)  # fmt: skip
def test_graph_linking_captured_site_has_geonames(pair, geonameid):
    article, relations = pair
    g = graph_article(article, relations)
    site = next(g.objects(None, KG.captured))
    assert g.value(site, KG.geonames) == URIRef(f"https://sws.geonames.org/{geonameid}/")
    lat, long = g.value(site, GEO.lat), g.value(site, GEO.long)
    assert lat.datatype == long.datatype == XSD.decimal
    assert -90 <= lat.toPython() <= 90 and -180 <= long.toPython() <= 180
    assert (site, RDF.type, KG.Site) in g


@pytest.mark.parametrize(("first", "second"), [("مدينة حلب", "حلب"), ("الرقة", "للرقة")])
def test_graph_linking_one_site_across_articles(first, second):
    pairs = [
        _capture("a", f"سيطر الجيش السوري على {first}.", "الجيش السوري", first),
        _capture("b", f"قوات النظام السوري تسيطر على {second}.", "قوات النظام السوري", second),
    ]
    dataset = build_dataset(pairs)
    assert len({(s, o) for s, _, o, _ in dataset.quads((None, KG.captured, None, None))}) == 1


@pytest.mark.parametrize(("a", "b"), [("بوتين", "الرئيس الروسي")])
def test_graph_linking_self_meeting_left_out(a, b):
    article = Article("x", f"التقى {a} {b}.")
    met = _relation(article, "met", _mention(article, a, "Person"), _mention(article, b, "Person"))
    assert not list(graph_article(article, [met]).triples((None, KG.met, None)))


@pytest.mark.parametrize("extra", ["حلب", "سوريا", "مدينة تدمر"])
def test_graph_linking_shapes_conform(seed_pairs, extra):
    pairs = [
        *seed_pairs,
        _capture("z", f"سيطر الجيش السوري على {extra}.", "الجيش السوري", extra),
        _said("y", "قال بوتين إن الحل سياسي.", "بوتين", "الحل سياسي"),
    ]
    conforms, report = validate_graph(build_dataset(pairs))
    assert conforms, report
