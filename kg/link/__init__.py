"""Linking: a mention's name -> the real place or actor it names.

`link_place` finds a place in the offline GeoNames index (kg/link/places.py),
`resolve_actor` an actor in the curated gazetteer (kg/link/actors.py);
kg/graph.py keys the entity's IRI on what they give, so every spelling in
every article is one node. `python -m kg.link --rebuild` regenerates the
GeoNames index (kg/link/__main__.py).
"""

from __future__ import annotations

from kg.link.actors import Actor, resolve_actor
from kg.link.places import Place, context_countries, link_place

__all__ = ["Actor", "Place", "context_countries", "link_place", "resolve_actor"]
