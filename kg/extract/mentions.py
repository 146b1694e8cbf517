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

from kg.extract.gazetteer import gazetteer_spans
from kg.extract.names import join_names, name_after, relabel, surnames

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
    tagged = list(doc.ents)
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


def _covered(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)
