"""Actors: one article's entities, each mention resolved to its fullest name.

Built once per article from the Doc's entities. A surname (دي ميستورا) resolves
to the full name the article gives (ستافان دي ميستورا); a title (المبعوث الأممي)
to the person the article named with it; a bare force head (الجيش) to the
force named in full before (الجيش السوري). Spelling variants (دي مستورا) are
matched by consonant skeleton, so long vowels written or not do not split a
person in two.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract import lexicon
from kg.extract.gazetteer import BODIES, FORCES, NAME_MARKS, extent, match_at
from kg.extract.mentions import TYPE_OF_LABEL
from kg.link.actors import person_names
from kg.normalise import bare, key
from kg.types import Mention, Relation

_VOWELS = re.compile(r"(?<=.)[اوي](?=.)")
ACTOR_LABELS = ("PERS", "ORG", "FORCE", "SOURCE", "TITLE")
# First words of every gazetteer phrase and known person: what a word left after
# a clitic must be for the clitic to be one (لوكالة، بالجيش، ومصادر).
_GAZETTEER_FIRST_WORDS = frozenset(
    words[0]
    for table in (
        *(
            t
            for name in ("forces.txt", "organisations.txt", "sources.txt", "titles.txt")
            for t in lexicon.phrases(name)
        ),
        person_names(),
    )
    for words in table
)


def skeleton(text: str) -> tuple[str, ...]:
    """Consonant skeleton of a name: ميستورا and مستورا, استيفان and ستافان agree."""
    words = []
    for word in key(text).split():
        word = bare(word) if word.startswith(("ال", "و")) else word
        word = word[1:] if len(word) > 4 and word.startswith("ا") else word
        words.append(_VOWELS.sub("", word))
    return tuple(words)


def _stems(word_norm: str) -> tuple[str, ...]:
    """A word as written and with its proclitics stripped: a root و or ب is not
    always a clitic (وزير, بوزير -> وزير, زير), so both readings are kept."""
    return (word_norm, bare(word_norm))


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(x in b for x in a)


def _akin(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two title words of one stem: اممي and امم, الخارجيه and خارجيه."""
    return any(
        x == y or min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x))
        for x in a[1:]
        for y in b[1:]
    ) or _same(a, b)


# Prepositions between a source and its body: مصدر في الجيش، مسؤول من الوزارة.
_OF = frozenset(key(w) for w in "في من لدى داخل".split())


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


class Actors:
    """The named actors of one article and how its mentions resolve to them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents = list(doc.ents)
        self.persons = [e for e in self.ents if e.label_ == "PERS"]
        self._first_words = {e[0].norm_ for e in self.ents} | _GAZETTEER_FIRST_WORDS
        self._title_of: list[tuple[list[tuple[str, ...]], Span]] = []
        for ent in self.persons:
            for title in (self._title_before(ent), self._title_after(ent)):
                if title is not None:
                    self._title_of.append(([_stems(t.norm_) for t in title], ent))

    def _title_before(self, ent: Span) -> Span | None:
        """The TITLE span right before a name, over an optional comma: الرئيس X، المبعوث، X."""
        i = ent.start - 1
        if i >= 0 and self.doc[i].text in "،,":
            i -= 1
        for other in self.ents:
            if other.label_ == "TITLE" and other.end == i + 1:
                return other
        return None

    def _title_after(self, ent: Span) -> Span | None:
        """A TITLE in apposition after a name: قيس السلطاني، الناطق الرسمي …، قال; not
        one that opens the next name (X، وزير الخارجية Y)."""
        i = ent.end
        if i >= len(self.doc) or self.doc[i].text not in "،,":
            return None
        title = next((o for o in self.ents if o.label_ == "TITLE" and o.start == i + 1), None)
        if title is None:
            return None
        k = title.end + (1 if title.end < len(self.doc) and self.doc[title.end].text in "،," else 0)
        opens_name = any(o.start == k and o.label_ == "PERS" for o in self.ents)
        return None if opens_name else title

    def full_name(self, ent: Span) -> Span:
        """The longest PERS span in the article that this one is part of."""
        if ent.label_ not in ("PERS", "ORG", "FORCE"):
            return ent
        mine = skeleton(ent.text)
        best = ent
        for other in self.ents:
            if other.label_ != ent.label_ or len(other) <= len(best) or len(other) > 4:
                continue
            theirs = skeleton(other.text)
            if _contains(theirs, mine) and (ent.label_ == "PERS" or theirs[0] == mine[0]):
                if not self._runs_into_another(theirs, mine):
                    best = other
        return best

    def _runs_into_another(self, theirs: tuple[str, ...], mine: tuple[str, ...]) -> bool:
        """A longer 'name' holding another person's surname is two names run together
        (ميستورا حسين جابري أنصاري, from a line of keywords), not a fuller one."""
        surnames = {skeleton(p.text)[-1] for p in self.persons if len(p) >= 2}
        return any(word in surnames for word in theirs if word not in mine)

    def resolve_title(self, title: Span) -> Span | None:
        """The person this article named with a title like this one."""
        head, *qualifiers = (_stems(t.norm_) for t in title)
        best, best_score = None, 0.0
        for known, person in self._title_of:
            if not _same(known[0], head):
                continue
            # المبعوث الأممي is the مبعوث الأمم المتحدة; الرئيس الأميركي is not الرئيس السوري
            shared = sum(any(_akin(q, w) for w in known[1:]) for q in qualifiers)
            score = shared / len(qualifiers) if qualifiers else 1.0
            if score >= best_score and score >= 0.5:
                best, best_score = person, score
        return self.full_name(best) if best is not None else None

    def mention(self, span: Span) -> Mention:
        """The Mention for an entity span: its text, type and the name it resolves to."""
        named = span
        if span.label_ == "TITLE":
            named = self.resolve_title(span) or span
        else:
            named = self.full_name(span)
        kind = TYPE_OF_LABEL.get(named.label_, "Organization")
        skip = self._clitic(span, "وف") if span.label_ != "PERS" else 0  # ومصادر
        mention = make_mention(span, kind, _inner_name(named), skip=skip)
        if span.label_ == "SOURCE" and (body := self._body_of(span)) is not None:
            # named with its body (مسؤول في وزارة الخارجية), so one node per body
            whole = self.doc[span.start : max(span.end, body.end)]
            of = self.mention(body)
            if self._clitic(body, "بل"):
                of = make_mention(body, of.type, of.name, skip=1)  # بالجيش -> الجيش
            mention = replace(make_mention(whole, kind, whole.text), of=of)
        return mention

    def _clitic(self, span: Span, letters: str) -> int:
        """1 where the span's first word is one of `letters` glued to a known word."""
        first = span[0].norm_
        return int(first[:1] in letters and first[1:] in self._first_words)

    def _body_of(self, source: Span) -> Span | None:
        """The organisation or force an unnamed source belongs to, named inside its
        phrase or right after it: مصادر بالجيش التركي، مسؤول في وزارة الخارجية."""
        doc, end = self.doc, min(source.end + 2, source.sent.end)
        for k in range(source.start + 1, end):
            ent = self.at(k)
            if ent is not None and ent.start == k and ent.label_ in ("ORG", "FORCE"):
                return ent
            if ent is not None and ent is not source:
                return None
            n = match_at(doc, k, BODIES)
            if n:
                label = "FORCE" if match_at(doc, k, FORCES) else "ORG"
                return Span(doc, k, extent(doc, k, k + n), label=label)
            if doc[k].norm_ not in _OF and k >= source.end:
                return None
        return None

    def governed(self, ent: Span) -> bool:
        """Whether the entity carries a preposition (لوكالة، لبشار): then it is an
        object of that preposition, never the subject of a verb."""
        first = ent[0].norm_
        if len(first) < 4 or first[0] not in "لب":
            return False
        rest = first[2:] if first.startswith("لل") else first[1:]
        return rest in self._first_words or ("ال" + rest) in self._first_words

    def at(self, i: int) -> Span | None:
        for ent in self.ents:
            if ent.start <= i < ent.end:
                return ent
        return None


def _inner_name(span: Span) -> str:
    """The name a paper or channel goes by: what its quotes hold (صحيفة "التايمز")."""
    marks = [t.i for t in span if t.text in NAME_MARKS or t.text in NAME_MARKS.values()]
    if span.label_ == "ORG" and len(marks) == 2 and marks[1] - marks[0] >= 2:
        return span.doc[marks[0] + 1 : marks[1]].text
    return span.text


def make_mention(span: Span, kind: str, name: str, skip: int = 0) -> Mention:
    """A Mention of `span`; `skip` drops leading characters (the conjunction و)."""
    text = span.text[skip:]
    name = name[skip:] if name == span.text else name
    return Mention(
        text=text,
        start=span.start_char + skip,
        end=span.end_char,
        type=kind,
        name=name.strip(" ،,\"'“”«»"),
        key=" ".join(skeleton(name)) if kind == "Person" else key(name),
    )


def make_relation(article, relation: str, subject: Mention, obj: Mention, rule: str, sentence):
    """A Relation of this article, with its evidence sentence's offsets."""
    return Relation(
        doc=article.id,
        relation=relation,
        subject=subject,
        object=obj,
        rule=rule,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
    )
