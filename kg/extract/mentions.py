"""Mentions: who and what a sentence names, and who a title or surname means.

Takes a Doc whose `ents` hold the statistical tagger's PERS/ORG/LOC spans and
adds what the gazetteers know (lexicon/forces.txt, organisations.txt,
sources.txt, titles.txt) as FORCE, ORG, SOURCE and TITLE spans. `Actors`
then reads an article's entities once and resolves each mention to the name
the article gives in full (guidelines: "where the article gives the full name
anywhere, the full name"; titles and pronouns resolve to the named actor).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import lexicon
from kg.normalise import bare, key
from kg.types import Mention

TYPE_OF_LABEL = {
    "PERS": "Person",
    "ORG": "Organization",
    "FORCE": "ArmedForce",
    "LOC": "Place",
    "SOURCE": "Source",
    "TITLE": "Person",
}

# Words a name or title phrase never runs over.
STOP = frozenset(
    key(w)
    for w in """في من إلى الى على عن مع حتى منذ بعد قبل خلال ضد عبر لدى حول نحو أمام وراء
    التي الذي الذين اللذين اللتين اللواتي حيث كما لكن بل ثم أو أم إذ إذا لأن لان قد لقد لم لن لا ما
    هذا هذه ذلك تلك هناك هنا هو هي هم نحن أنا كان كانت يكون تكون اليوم أمس غدا الأحد الاثنين
    الثلاثاء الأربعاء الخميس الجمعة السبت صباح مساء ليلة عشية السيطرة سيطرة سيطرته سيطرتها
    يوم أيضا جدا فقط نفسه نفسها وقال وأضاف وأكد وتابع""".split()
)
_PARTITIVE = frozenset(key(w) for w in "وحدات عناصر مجموعة مجموعات بعض".split())


def _is_stop(token) -> bool:
    n = token.norm_
    return (
        n in STOP
        or not token.is_alpha
        or n in lexicon.connectives()
        or bare(n) in lexicon.speech_verbs()
        or n in lexicon.speech_verbs()
    )


def _match_at(doc: Doc, i: int, table: frozenset[tuple[str, ...]]) -> int:
    """Length of the longest entry of `table` starting at token i (0 if none)."""
    best = 0
    for n in range(1, 5):
        if i + n > len(doc):
            break
        words = [t.norm_ for t in doc[i : i + n]]
        for first in {words[0], bare(words[0]), "ال" + bare(words[0])}:
            if tuple([first, *words[1:]]) in table:
                best = n
    return best


def _extent(doc: Doc, start: int, end: int, limit: int = 5) -> int:
    """Run a head phrase over its modifiers: الجيش + السوري، قوات + سوريا الديمقراطية."""
    sent_end = doc[start].sent.end
    while end < min(sent_end, start + limit):
        token = doc[end]
        if _is_stop(token) or token.norm_.startswith("و") and end > start + 1:
            break
        if not token.norm_.startswith("ال") and end > start + 1 and not token.ent_type_:
            break
        end += 1
    return end


def _gazetteer_spans(doc: Doc) -> Iterator[Span]:
    tables = [
        ("FORCE", lexicon.phrases("forces.txt")),
        ("SOURCE", (frozenset(), lexicon.phrases("sources.txt")[0])),
        ("ORG", lexicon.phrases("organisations.txt")),
        ("TITLE", (frozenset(), lexicon.titles())),
    ]
    i = 0
    while i < len(doc):
        found = None
        for label, (whole, heads) in tables:
            n = _match_at(doc, i, whole)
            if n:
                found = Span(doc, i, i + n, label=label)
                break
            n = _match_at(doc, i, heads)
            if n:
                end = i + n
                if label == "FORCE" and doc[i].norm_ in _PARTITIVE and end < len(doc) - 1:
                    if doc[end].norm_ == "من":  # وحدات من الجيش
                        end += 1
                        end += _match_at(doc, end, heads | whole) or 1
                found = Span(doc, i, _extent(doc, i, end), label=label)
                break
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


@Language.component("kg_entities")
def add_gazetteer_entities(doc: Doc) -> Doc:
    """Merge gazetteer spans with the tagger's: a gazetteer FORCE or SOURCE wins
    over a tagged ORG; a tagged PERS wins over a TITLE."""
    tagged = list(doc.ents)
    gazetteer = list(_gazetteer_spans(doc))
    keep = []
    for span in gazetteer:
        clash = [e for e in tagged if e.start < span.end and span.start < e.end]
        if span.label_ == "TITLE" and any(e.label_ in ("PERS", "ORG") for e in clash):
            continue
        if span.label_ == "ORG" and any(e.label_ == "PERS" for e in clash):
            continue
        keep.append(span)
    chosen = filter_spans(keep + [e for e in tagged if not _covered(e, keep)])
    doc.ents = sorted(chosen, key=lambda s: s.start)
    return doc


def _covered(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)
