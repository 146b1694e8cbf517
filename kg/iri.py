"""The IRI scheme: articles, entities and events under ID = https://w3id.org/kg-ar/id/.

Every IRI is a pure function of its inputs, so reruns, workers and other
articles mint the same ones, and an entity is merged across articles by its
type and normalised key:

    article/<doc>
    person/<key>  organization/<key>  armed-force/<key>  place/<key>  source/<key>
    claim/<doc>/<h>  capture/<doc>/<h>  meeting/<doc>/<h>

<key> is Mention.key (the normalised canonical name, ستافان دي ميستورا) with
spaces as `_`; <h> is 12 hex digits of a SHA-1 over the relation, its ends and
their offsets. Arabic stays Arabic (IRIs, not URIs: nothing is
percent-encoded); characters an IRI cannot hold are dropped or become `_`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.normalise import key as norm_key
from kg.types import Mention, Relation
from kg.vocab import ID, PREFIXES

SLUGS = {
    "Person": "person",
    "Organization": "organization",
    "ArmedForce": "armed-force",
    "Place": "place",
    "Source": "source",
}

# Written files use the query prefixes plus one per kind of node, so an IRI
# reads as person:ستافان_دي_ميستورا.
OUTPUT_PREFIXES = {
    **{prefix: str(ns) for prefix, ns in PREFIXES.items() if prefix != "id"},
    "article": str(ID["article/"]),
    **{slug: str(ID[slug + "/"]) for slug in SLUGS.values()},
}

# Not allowed in an IRI path segment, or meaningful in one (/ ? # %).
_UNSAFE = set(" <>\"'{}|\\^`/?#%[]")
_RUNS = re.compile(r"_+")


def mint_segment(text: str) -> str:
    """`text` as one IRI path segment: ستافان دي ميستورا -> ستافان_دي_ميستورا.

    Drops control and format characters (the bidi marks RFC 3987 forbids,
    zero-width joiners) and turns spaces and IRI delimiters into `_`.
    """
    chars = []
    for ch in text:
        if ch.isspace() or ch in _UNSAFE:
            chars.append("_")
        elif unicodedata.category(ch)[0] != "C":
            chars.append(ch)
    segment = _RUNS.sub("_", "".join(chars)).strip("_")
    if segment.strip("."):
        return segment
    # Nothing usable left: still a stable, legal segment.
    return "_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def article_iri(doc: str) -> URIRef:
    """The article's node and the name of its graph: ID/article/<doc>."""
    return ID["article/" + mint_segment(doc)]


def _key(mention: Mention) -> str:
    return mention.key or norm_key(mention.name or mention.text)


def entity_iri(mention: Mention) -> URIRef:
    """ID/<slug>/<key>: the same type and key give the same IRI everywhere."""
    if mention.type not in SLUGS:
        raise ValueError(
            f"mention {mention.text!r} has type {mention.type!r}, not one of {list(SLUGS)}"
        )
    return ID[f"{SLUGS[mention.type]}/{mint_segment(_key(mention))}"]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def event_iri(relation: Relation) -> URIRef:
    """claim/<doc>/<h>, capture/<doc>/<h> or meeting/<doc>/<h> for one relation."""
    doc = mint_segment(relation.doc)
    subject, obj = relation.subject, relation.object
    if relation.relation == "said":
        h = _digest("said", _key(subject), obj.text, obj.start, obj.end)
        return ID[f"claim/{doc}/{h}"]
    ends = [(_key(m), m.start, m.end) for m in (subject, obj)]
    if relation.relation == "met":  # unordered: (a, b) and (b, a) are one meeting
        return ID[f"meeting/{doc}/{_digest('met', *sorted(ends))}"]
    if relation.relation == "captured":
        return ID[f"capture/{doc}/{_digest('captured', *ends)}"]
    raise ValueError(f"unknown relation {relation.relation!r}")


_BY_LENGTH = sorted({**OUTPUT_PREFIXES, "id": str(ID)}.items(), key=lambda item: -len(item[1]))


def short_iri(iri: str) -> str | None:
    """person:ستافان_دي_ميستورا for an IRI under a known namespace, else None."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return None
