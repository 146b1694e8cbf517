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
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract import lexicon
from kg.normalise import bare, key

TYPE_OF_LABEL = {
    "PERS": "Person",
    "ORG": "Organization",
    "FORCE": "ArmedForce",
    "LOC": "Place",
    "SOURCE": "Source",
    "TITLE": "Person",
}

# Words a name or title phrase never runs over.
STOP = lexicon.words("function_words.txt")
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
    """Length of the longest entry of `table` starting at token i (0 if none); the
    first word may carry proclitics (والجيش، لوكالة)."""
    norms = _norms(doc)
    lengths = _index(table)
    best = 0
    word = norms[i]
    for first in {word, bare(word), "ال" + bare(word)}:
        for n in lengths.get(first, ()):
            if n > best and i + n <= len(norms) and (first, *norms[i + 1 : i + n]) in table:
                best = n
    return best


def _norms(doc: Doc) -> list[str]:
    """The tokens' norms as a plain list, made once per Doc (lookups are hot)."""
    if "kg_norms" not in doc.user_data:
        doc.user_data["kg_norms"] = [t.norm_ for t in doc]
    return doc.user_data["kg_norms"]


@cache
def _index(table: frozenset[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word -> the lengths of the entries that start with it."""
    lengths: dict[str, set[int]] = {}
    for words in table:
        lengths.setdefault(words[0], set()).add(len(words))
    return {first: tuple(sorted(n)) for first, n in lengths.items()}


def _extent(doc: Doc, start: int, end: int, bare_words: int = 1, limit: int = 5) -> int:
    """Run a head phrase over its modifiers: الجيش + السوري، قوات + سوريا الديمقراطية;
    up to `bare_words` words without the article may follow the head (وكالة أنباء فارس)."""
    sent_end = doc[start].sent.end
    while end < min(sent_end, start + limit):
        token = doc[end]
        if _is_stop(token) or token.norm_.startswith("و") and end > start + 1:
            break
        # A word without the article continues only a construct chain whose words
        # so far lack it too (وكالة أنباء فارس), never an ال-phrase (البنك العالمي مؤخرا).
        construct = end < start + 1 + bare_words and not doc[end - 1].norm_.startswith(
            ("ال", "وال")
        )
        if not token.norm_.startswith("ال") and not construct and not token.ent_type_:
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
                if label == "TITLE":
                    found = Span(doc, i, _title_extent(doc, i, end), label=label)
                else:
                    found = Span(
                        doc, i, _extent(doc, i, end, 2 if label == "ORG" else 1), label=label
                    )
                break
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


_ORG_NAMES = lexicon.phrases("organisations.txt")[0] | lexicon.phrases("organisations.txt")[1]
_BODIES = _ORG_NAMES | lexicon.phrases("forces.txt")[0] | lexicon.phrases("forces.txt")[1]
_IN = frozenset(key(w) for w in "إلى في لدى ل لشؤون".split())


def _title_extent(doc: Doc, start: int, end: int) -> int:
    """A title runs over its complements: المبعوث الأممي إلى سوريا، مبعوث الأمم
    المتحدة الخاص، مساعد وزير الخارجية الإيراني للشؤون العربية والأفريقية."""
    sent_end = doc[start].sent.end
    while end < min(sent_end, start + 9):
        token, n = doc[end], doc[end].norm_
        if token.ent_type_ == "PERS" or not token.is_alpha:
            break
        if token.ent_type_ in ("LOC", "ORG"):
            end += 1
        elif n in _IN and end + 1 < sent_end and doc[end + 1].ent_type_ in ("LOC", "ORG"):
            end += 2
        elif n == "باسم" and end + 1 < sent_end:  # المتحدث باسم الجيش، باسم الحكومة
            end += 2
        elif (
            n.startswith(("ال", "لل"))
            and not _is_stop(token)
            or n.startswith("وال")
            and end > start + 1
        ):
            end += 1
        elif (n,) in lexicon.titles() or ("ال" + n,) in lexicon.titles():
            end += 1  # مساعد وزير …
        elif org := _match_at(doc, end, _ORG_NAMES):  # رئيسة جمعية القضاة التونسيين
            end = _extent(doc, end, end + org, 2)
        else:
            break
    return end


def _name_after(doc: Doc, title: Span, ents: list[Span]) -> Span | None:
    """The name right after a title (الرئيس الأوغندي يوري موسيفيني), tagged or not:
    up to three words that are not function words, then any tagged name run-on."""
    i = title.end + (1 if title.end < len(doc) and doc[title.end].text in "،," else 0)
    start, sent_end = i, doc[title.start].sent.end
    while i < min(sent_end, start + 3):
        token = doc[i]
        if token.ent_type_ == "PERS" or any(e.start == i for e in ents if e.label_ == "PERS"):
            break
        if _is_stop(token) or token.ent_type_ or (i == start and token.norm_.startswith("ال")):
            break
        if _is_cue(token):
            break
        if i > start and token.norm_.startswith(("بال", "وال", "لل", "و")):
            break
        i += 1
    after = next((e for e in ents if e.label_ == "PERS" and e.start == i), None)
    end = after.end if after is not None else i
    return Span(doc, start, end, label="PERS") if end > start else None


@Language.component("kg_entities")
def add_gazetteer_entities(doc: Doc) -> Doc:
    """Merge gazetteer spans with the tagger's: a gazetteer FORCE or SOURCE wins
    over a tagged ORG; a tagged PERS wins over a TITLE; a title's complements
    (إلى سوريا) stay in the title; the words after a title are a name."""
    tagged = list(doc.ents)
    gazetteer = list(_gazetteer_spans(doc))
    keep = []
    for span in gazetteer:
        clash = [e for e in tagged if e.start < span.end and span.start < e.end]
        if span.label_ == "TITLE" and any(e.label_ == "PERS" for e in clash):
            continue
        if span.label_ == "ORG" and any(e.label_ == "PERS" for e in clash):
            continue
        keep.append(span)
    names = [_name_after(doc, t, tagged) for t in keep if t.label_ == "TITLE"]
    keep += [n for n in names if n is not None]
    chosen = filter_spans(keep + [_relabel(e) for e in tagged if not _covered(e, keep)])
    chosen += _surnames(doc, chosen)
    doc.ents = _join_names(sorted(chosen, key=lambda s: s.start))
    return doc


def _join_names(spans: list[Span]) -> list[Span]:
    """Two parts of one name split by a missed word are one name (الباجي قائد السبسي)."""
    joined: list[Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if (
            span.label_ == "PERS"
            and len(joined) >= 2
            and last.label_ == "TITLE"
            and len(last) == 1
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
            and all(t.is_alpha and not _is_stop(t) for t in span.doc[last.end : span.start])
        ):
            joined[-1] = Span(span.doc, last.start, span.end, label="PERS")
        elif last is not None and last.end > span.start:
            continue
        else:
            joined.append(span)
    return joined


def _relabel(span: Span) -> Span:
    """A tagged 'name' made only of title words (رئيس وزراء) is a title; one that
    runs on into a title (شون سبايسر المتحدث باسم …) stops before it."""
    if span.label_ != "PERS":
        return span
    doc = span.doc
    titled = [t.i for t in span if _match_at(doc, t.i, lexicon.titles())]
    if len(titled) == len(span):
        return Span(doc, span.start, span.end, label="TITLE")
    # …, and never over a verb (تيريزا ماي التقت) or a named body (عراقجي لبي بي سي)
    ends = [t.i for t in span if t.i > span.start and (_is_cue(t) or _match_at(doc, t.i, _BODIES))]
    cut = min([i for i in titled if i >= span.start + 2] + ends, default=None)
    return Span(doc, span.start, cut, label="PERS") if cut else span


def _is_cue(token) -> bool:
    from kg.extract.clauses import speech_cue

    n = token.norm_
    return (
        speech_cue(token) is not None
        or n in lexicon.meeting_cues()
        or n in lexicon.capture_verbs()
        or n in lexicon.connectives()
    )


def _surnames(doc: Doc, spans: list[Span]) -> list[Span]:
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


def _covered(span: Span, others: list[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)
