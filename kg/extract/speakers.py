"""Speakers: who says a claim, read around its speech verb.

Guidelines (said): the speaker is the verb's subject, after it (قال المبعوث
…) or before it (دي ميستورا قال، وكانت ماي قد صرحت); a title or surname
resolves to the named person (kg.extract.actors); a verb with no subject of
its own has the sentence's first actor, and a participle (مشيراً) the speaker
of its sentence. What follows a preposition (صرحت لصحيفة …) is never the
subject; نقل X عن Y gives Y.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.actors import ACTOR_LABELS, Actors
from kg.extract.clauses import COMMAS, OPEN_QUOTES, is_connective, is_prep
from kg.extract.names import is_cue
from kg.normalise import key
from kg.types import Mention

SUBJECT_WINDOW = 14
RELAYED = frozenset(key(w) for w in "نقلت نقل نقلوا".split())


def subject_after(doc: Doc, i: int, actors: Actors, cue) -> tuple[Mention | None, int]:
    """The subject right after a verb (VSO): the first actor before the complement."""
    sent_end = doc[i].sent.end
    found = None
    j = i + 1
    while j < min(sent_end, i + SUBJECT_WINDOW):
        token = doc[j]
        if is_connective(token) or token.text in OPEN_QUOTES or token.text == ":":
            break
        if cue.prep and found is not None and is_prep(token, cue.prep):
            break
        if cue.arg == "strict" and found is None and j > i + 3:
            break  # بيّن X أنّ, never بين الوحدتين … X
        ent = actors.at(j)
        if found is None and (ent is None or ent.start != j) and _opens_phrase(token, cue):
            break  # صرحت في مقابلة مع صحيفة …: what follows a preposition is not the subject
        if ent is not None and ent.start == j:
            usable = ent.label_ in ACTOR_LABELS or (ent.label_ == "LOC" and j == i + 1)
            usable = usable and not actors.governed(ent)
            if usable and (found is None or _better(ent, found)):
                found = ent
                if ent.label_ != "TITLE":
                    j = ent.end
                    if cue.lemma in RELAYED:
                        continue
                    break
            j = ent.end
            continue
        if found is not None and token.text in COMMAS:
            nxt = actors.at(j + 1)
            if nxt is None or nxt.label_ != "PERS":
                break
        j += 1
    if found is None:
        return None, i + 1
    return actors.mention(found), max(j, found.end)


_PREPOSITIONS = frozenset(key(w) for w in "في من إلى على عن مع خلال لدى أمام حول عبر ضد".split())


def _opens_phrase(token, cue) -> bool:
    """A preposition, or a word carrying one (لراديو، بمقر)."""
    n = token.norm_
    if n == "عن" and cue.lemma in RELAYED:
        return False  # نقلت الوكالة عن المصدر: the relayed speaker follows عن
    return n in _PREPOSITIONS or (len(n) >= 4 and n[0] in "لب" and token.is_alpha)


def _better(ent, found) -> bool:
    """A name after a title and its complements (الخبير في الشؤون الليبية في معهد …
    ماتييا توالدو) is the subject, not the title; one past a meeting or another
    cue (مساعد الوزير خلال لقائه دي مستورا) is not."""
    between = ent.doc[found.end : ent.start]
    return found.label_ == "TITLE" and ent.label_ == "PERS" and not any(map(is_cue, between))


_RELATIVE = frozenset(key(w) for w in "الذي التي الذين اللذين اللتين".split())


def subject_before(doc: Doc, i: int, actors: Actors) -> Mention | None:
    """SVO: an actor that opens the clause just before the verb (دي ميستورا قال …),
    or the antecedent of a relative pronoun (… نور الدين الطبوبي الذي صرح أن …)."""
    j = i - 1
    while j >= doc[i].sent.start and doc[j].norm_ in ("قد", "لقد", "وقد", "فقد"):
        j -= 1
    if doc[j + 1].norm_ == "فقد" and j > 0 and doc[j].text in COMMAS:
        j -= 1  # أما وزير الخارجية المصري، فقد أكد …
    if j > 0 and (doc[j].norm_ in _RELATIVE or doc[j].norm_[1:] in _RELATIVE):
        j -= 1  # … الباجي قائد السبسي والتي قال فيها إنه …
    ent = actors.at(j) if j >= 0 else None
    if ent is None or ent.end != j + 1 or actors.governed(ent):
        return None  # … المرصد المعارض لبشار الأسد أعلن: a governed name is no subject
    if ent.label_ in ACTOR_LABELS:
        return actors.mention(ent)
    if ent.label_ == "LOC" and ent.start > 0 and is_connective(doc[ent.start - 1]):
        return actors.mention(ent)  # … أن إيران أكدت له أن …: a state speaking
    return None


_KANA = frozenset(key(w) for w in "كان وكان كانت وكانت".split())


def kana_subject(doc: Doc, i: int, actors: Actors) -> Mention | None:
    """وكان المرصد … أعلن أمس أن …: the actor right after a sentence-opening كان is
    the subject of the verb that follows it."""
    k = doc[i].sent.start
    while k < i and not doc[k].is_alpha:
        k += 1
    if k + 1 >= i or doc[k].norm_ not in _KANA:
        return None
    ent = actors.at(k + 1)
    if ent is None or ent.start != k + 1 or ent.label_ not in ACTOR_LABELS:
        return None
    return None if actors.governed(ent) else actors.mention(ent)


def sentence_subject(doc: Doc, i: int, actors: Actors, claimed: list) -> Mention | None:
    """A verb with no subject of its own, later in a sentence (… قد التقى مع ترامب وقال
    إنه …), has the sentence's first actor outside any claim as its subject."""
    sentence = doc[i].sent
    for labels in (("PERS", "TITLE"), ("ORG",)):
        for ent in actors.ents:
            if sentence.start <= ent.start < i and ent.label_ in labels:
                inside = any(s <= ent.start < e for s, e in claimed)
                if not actors.governed(ent) and not inside:
                    return actors.mention(ent)
    return None
