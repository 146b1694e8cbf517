"""said: an actor states, affirms, denies, calls for or reports a claim.

Guidelines (../shared/eval/README.md, "said"): one claim per content clause,
the text after إنّ / أنّ / بأنّ, a quotation, or the object of دعا إلى /
طالب بـ / أعرب عن; coordinated clauses (…، وأنّ …) are claims of their own;
participial continuations (مشيراً إلى أنّ، مضيفاً) keep the speaker of their
sentence; pronouns and titles resolve to the named actor; attribution with a
speech verb (وفق ما أعلن X) counts.

Rules (the `rule` field of each Relation):
  said.clause      speech verb + subject + connective + clause
  said.quote       speech verb + subject + quotation
  said.object      speech verb + preposition/object noun phrase (دعا إلى …)
  said.coordinated a further clause joined by وأنّ
  said.attribution a clause followed by وفق ما / كما + speech verb + subject
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import lexicon
from kg.extract.actors import Actors, make_relation
from kg.extract.clauses import (
    ATTRIBUTION,
    COMMAS,
    OPEN_QUOTES,
    clause_end,
    is_connective,
    is_coordinated_connective,
    is_participle,
    is_prep,
    opens_quote,
    quote_end,
    speech_cue,
    trim,
)
from kg.extract.gazetteer import STOP
from kg.extract.registry import register
from kg.extract.speakers import kana_subject, sentence_subject, subject_after, subject_before
from kg.normalise import bare, key
from kg.types import Article, Mention, Relation

COMPLEMENT_WINDOW = 25
# A negated verb reports no claim; ما is left out: وفق ما أعلن is an attribution.
_NEGATION = frozenset(key(w) for w in "لم لن لا".split())


@register("said")
def extract_said(doc: Doc, article: Article) -> Iterator[Relation]:
    actors = Actors(doc)
    last: Mention | None = None
    named: Mention | None = None  # the last speaker known by name, not by a title alone
    last_sentence = -1
    claimed: list[tuple[int, int]] = []
    covered_until = -1
    for i, token in enumerate(doc):
        cue = speech_cue(token)
        if cue is None or i < covered_until and not _nested_report(doc, i, actors):
            continue
        if i > 0 and doc[i - 1].norm_ in _NEGATION:
            continue
        if cue.arg == "strict" and not _clause_initial(doc, i):
            continue  # وأصبح نقل السكان مألوفا: the noun نقل, not the verb
        speaker, j = None, i + 1
        if not is_participle(token):
            # وكانت ماي قد صرحت …: after قد the subject stands before the verb
            if i > 0 and doc[i - 1].norm_ in ("قد", "فقد", "لقد", "وقد"):
                speaker = subject_before(doc, i, actors)
            found_after, j = subject_after(doc, i, actors, cue)
            speaker = speaker or found_after
            if speaker is None:
                speaker = subject_before(doc, i, actors) or kana_subject(doc, i, actors)
        if speaker is None and bare(token.norm_) in _IMPERSONAL:
            continue  # يذكر أن …: the reporter's aside, no one's claim
        if speaker is None and is_participle(token):
            # …، مضيفاً: the speaker of this sentence's claim, else its subject.
            spoke_here = last is not None and last_sentence == token.sent.start
            speaker = last if spoke_here else sentence_subject(doc, i, actors, claimed) or last
        elif speaker is None and token.norm_.startswith("و") and i > token.sent.start:
            # … قد التقى مع ترامب وقال إنه …: a verb joined to the sentence's first
            speaker = sentence_subject(doc, i, actors, claimed) or last
        elif speaker is None:
            # وأضاف أن …، وردا على سؤال … قالت: the speaker so far goes on
            speaker = last or sentence_subject(doc, i, actors, claimed)
        if speaker is not None and named is not None and _same_as_before(doc, speaker):
            speaker = named  # وأكد المصدر ذاته، ونفى محدثنا: the one named before
        found = _complement(doc, j, cue, is_participle(token), after_subject=j > i + 1)
        if found is None:
            claim = _attributed_clause(doc, i)
            if claim is None or speaker is None:
                continue
            found = (*claim, "said.attribution")
        start, end, rule = found
        if speaker is None:
            continue
        last, last_sentence = speaker, token.sent.start
        if (
            speaker.name != speaker.text
            or speaker.type != "Person"
            or not lexicon.opens_with_title(tuple(key(speaker.name).split()))
        ):
            named = speaker  # known by name, not by a title alone
        sentence = doc[i].sent
        while True:
            s, e = trim(doc, start, end)
            if e - s >= 2:
                yield _relation(doc, article, speaker, s, e, rule, sentence)
            covered_until = max(covered_until, end)
            claimed.append((start, end))
            # …، وأنّ … : the next coordinated clause has the same speaker.
            k = end + 1 if end < len(doc) and doc[end].text in COMMAS else end
            if k < len(doc) and is_coordinated_connective(doc[k]):
                start, rule = k + 1, "said.coordinated"
                end = clause_end(doc, start)
                continue
            break


def _complement(
    doc: Doc, j: int, cue, participle: bool, after_subject: bool = False
) -> tuple[int, int, str] | None:
    """Where the claim starts and ends after the subject, and by which rule."""
    if j >= len(doc):
        return None
    sent_end = doc[j - 1].sent.end if j > 0 else len(doc)
    first = j
    limit = first + (2 if cue.arg == "strict" else COMPLEMENT_WINDOW)
    while j < min(len(doc), limit):
        token = doc[j]
        if j >= sent_end or "\n" in token.text:
            return None
        if is_connective(token):
            return j + 1, clause_end(doc, j + 1), "said.clause"
        if token.text in _THAT_NOT:  # توقعت ألا يؤثر …: the negation stays in the claim
            return j, clause_end(doc, j + 1), "said.clause"
        if opens_quote(doc, j):
            end = quote_end(doc, j)
            if end - j > 4 and not _colon_follows(doc, end + 1):
                return j + 1, end, "said.quote"
            j = end + 1
            continue
        if token.text == ":":
            if j + 1 < len(doc) and doc[j + 1].text in OPEN_QUOTES:
                return j + 2, quote_end(doc, j + 1), "said.quote"
            return j + 1, clause_end(doc, j + 1), "said.quote"
        if cue.arg in ("claim", "topic", "prep") and cue.prep and is_prep(token, cue.prep):
            if j + 1 < len(doc) and is_connective(doc[j + 1]):
                return j + 2, clause_end(doc, j + 2), "said.clause"
            start = j + 1 if token.norm_ in (cue.prep, "و" + cue.prep) else j
            return start, clause_end(doc, start), "said.object"
        direct = token.is_alpha and token.norm_ not in STOP and cue.arg == "claim"
        direct = direct and not (cue.prep and is_prep(token, cue.prep))
        # مؤكداً سعي الأمانة العامة …; أدان الوزير الهجوم …; نفى محدثنا تفوه المتهم …
        definite = token.norm_.startswith("ال")
        # a construct-state noun (استعداد سلطات بلده), not an adjective or a phrase
        construct = after_subject and not definite and token.norm_[:1] not in "بلف"
        construct = construct and not _clause_ahead(doc, j, sent_end)  # أعلن بوتين عقب … أن
        bare_object = construct or not cue.prep and definite
        if j == first and direct and (participle or bare_object):
            return j, clause_end(doc, j), "said.object"
        if speech_cue(token) is not None:
            return None
        j += 1
    return None


_BEFORE_VERB = frozenset(
    key(w) for w in "كما وكما قد وقد فقد لقد ما كان وكان كانت وكانت الذي التي حيث".split()
)


def _clause_initial(doc: Doc, i: int) -> bool:
    """Whether token i opens a clause, as a verb whose form is also a noun must
    (ذكر، نقل، بين): first in its sentence, after و/ف or a mark, or after قد/كما."""
    token = doc[i]
    if i == token.sent.start or token.norm_[:1] in ("و", "ف"):
        return True
    prev = doc[i - 1]
    return not prev.is_alpha or prev.norm_ in _BEFORE_VERB


def _nested_report(doc: Doc, i: int, actors: Actors) -> bool:
    """A report inside a claim, with its own subject right after the connective
    (… أن إيران أكدت له أن …): a claim of its own, besides the outer one."""
    ent = actors.at(i - 1) if i > 0 else None
    return (
        ent is not None
        and ent.end == i
        and ent.start > 0
        and is_connective(doc[ent.start - 1])
        and ent.label_ in ("PERS", "ORG", "LOC", "FORCE")
    )


def _clause_ahead(doc: Doc, j: int, sent_end: int) -> bool:
    """A connective or a quotation further on: the claim is there, and the words
    before it are an adverb (عقب محادثات أجراها مع نتنياهو، أن …)."""
    ahead = doc[j + 1 : min(sent_end, j + COMPLEMENT_WINDOW)]
    return any(is_connective(t) or t.text in OPEN_QUOTES or t.text == ":" for t in ahead)


def _colon_follows(doc: Doc, k: int) -> bool:
    """A colon a few words on: the quotation just closed was a name (الخبير في مجموعة
    "سي إن أي كورب" للبحوث: "…"), and the words are still to come."""
    return any(t.text == ":" for t in doc[k : min(len(doc), k + 4)])


def _attributed_clause(doc: Doc, i: int) -> tuple[int, int] | None:
    """… ، وفق ما أعلن X : the clause before the attribution is X's claim."""
    k = i - 1
    if k >= 0 and doc[k].norm_ == "ما":
        k -= 1
    if k < 0 or not (doc[k].norm_ in ATTRIBUTION or bare(doc[k].norm_) in ATTRIBUTION):
        return None
    end = k - 1 if k > 0 and doc[k - 1].text in COMMAS else k
    start = doc[i].sent.start
    if any(speech_cue(t) is not None for t in doc[start:end]):
        return None  # فقد أكد الوزير …، حسب ما ذكرت الوكالة: the minister's words, reported
    return (start, end) if end - start >= 3 else None


# أن + لا, written as one word; إلا (except) has its hamza below.
_THAT_NOT = frozenset("ألا بألا وألا".split())
_IMPERSONAL = frozenset(key(w) for w in "يذكر يقال".split())
_SAME = frozenset(key(w) for w in "ذاته ذاتها نفسه نفسها".split())
_INTERLOCUTOR = frozenset(key(w) for w in "محدثنا محدثتنا ومحدثنا".split())


def _same_as_before(doc: Doc, speaker: Mention) -> bool:
    """A mention that points back to the last speaker: المصدر ذاته، المتحدث نفسه، نفس
    المصدر, or the reporter's محدثنا (our interlocutor)."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None:
        return False
    after = doc[span.end].norm_ if span.end < len(doc) else ""
    before = doc[span.start - 1].norm_ if span.start > 0 else ""
    return after in _SAME or before in ("نفس", "ونفس") or span[0].norm_ in _INTERLOCUTOR


def _relation(doc, article, speaker, start, end, rule, sentence) -> Relation:
    span = doc[start:end]
    claim = Mention(text=span.text, start=span.start_char, end=span.end_char, type="Claim")
    return make_relation(article, "said", speaker, claim, rule, sentence)
