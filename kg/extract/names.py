"""Names: person names the tagger half-found, completed from the article.

The words after a title are a name (الرئيس الأوغندي يوري موسيفيني); a tagged
name never runs over a title, a verb or a named body; a name split by one
missed word is joined (الباجي قائد السبسي); a person's surname alone later in
the article is that person (وأوضحت القرافي).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.extract import lexicon
from kg.extract.gazetteer import BODIES, is_stop, match_at

# Below this person probability (kg_ner's token._.person) an untagged word is
# not read as a name even right after a title (وزير الخارجية المصري يؤدي زيارة).
UNLIKELY_NAME = 0.1


# At or above this, a word the model tags as a name stays in it even when it is
# also a function word (عبد الأحد اسطيفو: الأحد is Sunday too).
LIKELY_NAME = 0.5


def name_after(doc: Doc, title: Span, ents: list[Span]) -> Span | None:
    """The name right after a title (الرئيس الأوغندي يوري موسيفيني), tagged or not:
    up to three words that are not function words and that the NER model finds
    at least barely likely in a name, then any tagged name run-on."""
    i = title.end + (1 if title.end < len(doc) and doc[title.end].text in "،," else 0)
    start, sent_end = i, doc[title.start].sent.end
    while i < min(sent_end, start + 3):
        token = doc[i]
        if token.ent_type_ == "PERS" or any(e.start == i for e in ents if e.label_ == "PERS"):
            break
        if is_stop(token) or token.ent_type_ or (i == start and token.norm_.startswith("ال")):
            break
        if is_cue(token) or token._.person < UNLIKELY_NAME:
            break
        if i > start and token.norm_.startswith(("بال", "وال", "لل", "و")):
            break
        i += 1
    after = next((e for e in ents if e.label_ == "PERS" and e.start == i), None)
    end = after.end if after is not None else i
    return Span(doc, start, end, label="PERS") if end > start else None


def join_names(spans: list[Span]) -> list[Span]:
    """Two parts of one name split by a missed word are one name (الباجي قائد السبسي)."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            span.label_ == "PERS"
            and len(joined) >= 2
            and last.label_ == "TITLE"
            and len(last) == 1
            and not last[0].norm_.startswith(("ال", "بال", "لل", "وال", "فال"))  # not بالرئيس
            and joined[-2].label_ == "PERS"
            and len(joined[-2]) == 1  # الباجي قائد السبسي, not كوشنر مستشار ترامب
            and joined[-2].end == last.start
            and last.end == span.start
        ):
            joined[-2:] = [Span(span.doc, joined[-2].start, span.end, label="PERS")]
            continue
        if (
            last is not None
            and span.label_ == "PERS"
            and last.label_ == "PERS"
            and span.start - last.end <= 1
            and all(t.is_alpha and not is_stop(t) for t in span.doc[last.end : span.start])
        ):
            joined[-1] = Span(span.doc, last.start, span.end, label="PERS")
        elif last is not None and last.end > span.start:
            continue
        else:
            joined.append(span)
    return joined


def relabel(span: Span) -> Span:
    """A tagged 'name' made only of title words (رئيس وزراء) is a title; one that
    runs on into a title (شون سبايسر المتحدث باسم …) stops before it."""
    if span.label_ != "PERS":
        return span
    doc = span.doc
    titled = [t.i for t in span if match_at(doc, t.i, lexicon.titles())]
    if len(titled) == len(span):
        return Span(doc, span.start, span.end, label="TITLE")
    # …, and never over a verb (تيريزا ماي التقت), a named body (عراقجي لبي بي سي)
    # or a word with ل + the article (بيرس للصحفيين)
    ends = [
        t.i
        for t in span
        if t.i > span.start
        and (
            is_cue(t)
            or (is_stop(t) or t.norm_.startswith("لل"))
            and t._.person < LIKELY_NAME
            or match_at(doc, t.i, BODIES)
        )
    ]
    # a title with a clitic (لودريان بالرئيس السيسي) starts a phrase of its own
    ends += [i for i in titled if i > span.start and doc[i].norm_[:1] in "بل"]
    cut = min([i for i in titled if i >= span.start + 2] + ends, default=None)
    return Span(doc, span.start, cut, label="PERS") if cut else span


def is_cue(token) -> bool:
    from kg.extract.clauses import speech_cue

    n = token.norm_
    return (
        speech_cue(token) is not None
        or n in lexicon.meeting_cues()
        or n in lexicon.capture_verbs()
        or n in lexicon.connectives()
    )


def surnames(doc: Doc, spans: list[Span]) -> list[Span]:
    """A person's surname alone later in the article is that person (وأوضحت القرافي)."""
    known = {s[-1].norm_: s for s in spans if s.label_ == "PERS" and len(s) >= 2}
    taken = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for token in doc:
        n = token.norm_
        n = n[1:] if n.startswith("و") and n[1:] in known else n
        if token.i not in taken and n in known and len(n) >= 3:
            found.append(Span(doc, token.i, token.i + 1, label="PERS"))
    return found
