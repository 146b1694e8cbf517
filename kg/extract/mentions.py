"""Mentions: who and what a sentence names, and who a title or surname means.

Takes a Doc whose `ents` hold the statistical tagger's PERS/ORG/LOC spans and
adds what the gazetteers know (lexicon/forces.txt, organisations.txt,
sources.txt, titles.txt) as FORCE, ORG, SOURCE and TITLE spans. `Actors`
then reads an article's entities once and resolves each mention to the name
the article gives in full (guidelines: "where the article gives the full name
anywhere, the full name"; titles and pronouns resolve to the named actor).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.gazetteer import gazetteer_spans, is_stop
from kg.extract.names import LIKELY_NAME, join_names, name_after, relabel, surnames

TYPE_OF_LABEL = {
    "PERS": "Person",
    "ORG": "Organization",
    "FORCE": "ArmedForce",
    "LOC": "Place",
    "SOURCE": "Source",
    "TITLE": "Person",
}


@Language.component("kg_entities")
def add_gazetteer_entities(doc: Doc) -> Doc:
    """Merge gazetteer spans with the tagger's: a gazetteer FORCE or SOURCE wins
    over a tagged ORG; a tagged PERS wins over a TITLE; a title's complements
    (إلى سوريا) stay in the title; the words after a title are a name."""
    tagged = [part for ent in doc.ents for part in _tidy(ent)]
    gazetteer = list(gazetteer_spans(doc))
    keep = []
    for span in gazetteer:
        clash = [e for e in tagged if e.start < span.end and span.start < e.end]
        if span.label_ == "TITLE" and any(e.label_ == "PERS" for e in clash):
            continue
        if span.label_ == "ORG" and any(e.label_ == "PERS" for e in clash):
            continue
        keep.append(span)
    names = [name_after(doc, t, tagged) for t in keep if t.label_ == "TITLE"]
    keep += [n for n in names if n is not None]
    chosen = filter_spans(keep + [relabel(e) for e in tagged if not _covered(e, keep)])
    chosen += surnames(doc, chosen)
    doc.ents = join_names(sorted(chosen, key=lambda s: s.start))
    return doc


def _tidy(span: Span) -> list[Span]:
    """A tagged span's parts between punctuation and quotes, without function words
    at either end (الخارجية" في الاتحاد الأوروبي لكن " -> الخارجية، الاتحاد الأوروبي)."""
    parts, start = [], span.start
    for i in range(span.start, span.end + 1):
        if i == span.end or not (span.doc[i].is_alpha or span.doc[i].like_num):
            s, e = start, i
            while s < e and is_stop(span.doc[s]) and span.doc[s]._.person < LIKELY_NAME:
                s += 1
            while e > s and is_stop(span.doc[e - 1]) and span.doc[e - 1]._.person < LIKELY_NAME:
                e -= 1
            if e > s:
                parts.append(Span(span.doc, s, e, label=span.label_))
            start = i + 1
    return parts


def _covered(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)
