"""captured: an armed force takes or retakes control of a site, stated as done.

Guidelines (../shared/eval/README.md, "captured"): استعاد السيطرة على، سيطر
على، بسط سيطرته على، حرر، استولى على، دخل (when it means taking the place);
each coordinated site is its own relation; an attempt, a plan or a claim of
intent (تحاول … استعادة) is not a capture; a withdrawal is not a capture by
the other side.

Rules:
  captured.verb    capture verb with a force as its subject (VSO or SVO)
  captured.result  a capture noun reported as a result (أسفرت عن استعادة السيطرة على)
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import lexicon
from kg.extract.actors import Actors, make_mention, make_relation
from kg.extract.gazetteer import TIME_WORDS
from kg.extract.registry import register
from kg.extract.sites import NOT_SITES, is_and, is_place, site_spans
from kg.normalise import bare, key
from kg.types import Article, Mention, Relation

# Words that make what follows an attempt, a plan or a negation, not a done capture.
INTENT = frozenset(
    key(w)
    for w in """تحاول يحاول تحاولان محاولة محاولات لمحاولة تسعى يسعى سعي بهدف لأجل أجل تريد يريد
    تعتزم يعتزم تستعد يستعد تخطط يخطط خطة هدف تأمل يأمل بغية لم لن لا تعمل يعمل تواصل يواصل
    هجوم هجوما معركة معارك عملية لاستعادة لاستعاده للسيطرة""".split()
)
# Nouns that report a capture as a result: أسفرت عن استعادة السيطرة على …
RESULT = frozenset(key(w) for w in "أسفرت أسفر أسفرا تمكنت تمكن تمكنوا نجحت نجح نجحوا".split())
DONE = frozenset(key(w) for w in "بعد عقب إثر اثر".split())
# Capture nouns, bare (no article): استعادة (السيطرة)، سيطرة، سيطرته، تحرير، دخول.
CAPTURE_NOUNS = frozenset(
    bare(key(w)) for w in "استعادة سيطرة بسط إحكام تحرير دخول استيلاء".split()
)
DIRECT = frozenset(bare(key(w)) for w in "استعادة تحرير دخول".split())
SPANS = frozenset(key(w) for w in "ساعات ساعة أيام يوم يومين أسابيع أسبوع أشهر شهر".split())
FULL = frozenset(key(w) for w in "التامة الكاملة الكامل التام".split())


def _capture_cue(token):
    return lexicon.cue_of(lexicon.capture_verbs(), token)


@register("captured")
def extract_captured(doc: Doc, article: Article) -> Iterator[Relation]:
    actors = Actors(doc)
    last_force: Mention | None = None
    for i, token in enumerate(doc):
        if token.ent_type_ == "FORCE":
            ent = actors.at(i)
            if ent is not None and ent.start == i:
                last_force = actors.mention(ent)
        cues = _capture_cue(token)
        if cues and not _intended(doc, i):
            force, j = _force_after(doc, i, actors)
            if force is None:
                force = _force_before(doc, i, actors)
            for cue in cues:
                k = _site_start(doc, j, cue.arg)
                if k is None or force is None:
                    continue
                yield from _captures(doc, article, force, k, "captured.verb", actors, i)
                break
        elif (found := _done_capture(doc, i, actors)) is not None:
            k, force = found
            force = force or _force_in_sentence(doc, i, actors) or last_force
            if force is not None:
                yield from _captures(doc, article, force, k, "captured.result", actors, i)


def _intended(doc: Doc, i: int) -> bool:
    window = doc[max(doc[i].sent.start, i - 3) : i]
    return any(t.norm_ in INTENT or bare(t.norm_) in INTENT for t in window)


def _force_after(doc: Doc, i: int, actors: Actors) -> tuple[Mention | None, int]:
    j = i + 1
    ent = actors.at(j) if j < len(doc) else None
    if ent is not None and ent.start == j and ent.label_ == "FORCE":
        end = ent.end
        while end < len(doc) and doc[end].norm_ in TIME_WORDS:  # … الشهر الماضي على
            end += 1
        return actors.mention(ent), end
    return None, j


def _force_before(doc: Doc, i: int, actors: Actors) -> Mention | None:
    j = i - 1
    while j >= doc[i].sent.start and doc[j].norm_ in ("قد", "لقد", "وقد"):
        j -= 1
    ent = actors.at(j) if j >= 0 else None
    if ent is not None and ent.label_ == "FORCE" and ent.end == j + 1:
        return actors.mention(ent)
    return None


def _force_in_sentence(doc: Doc, i: int, actors: Actors) -> Mention | None:
    for ent in actors.ents:
        if ent.label_ == "FORCE" and doc[i].sent.start <= ent.start < i:
            return actors.mention(ent)
    return None


_ADVERBS = frozenset(key(w) for w in "بالكامل كاملا تماما مجددا مجدداً فعليا أيضا".split())


def _site_start(doc: Doc, j: int, needs: str) -> int | None:
    """The first token of the site list after the verb and its force."""
    for _ in range(2):  # سيطرت بالكامل على، استعادت مجددا السيطرة على
        if j < len(doc) and (doc[j].norm_ in _ADVERBS or doc[j].norm_ in TIME_WORDS):
            j += 1
    if j >= len(doc):
        return None
    n = doc[j].norm_
    if needs == "سيطره":
        if bare(n).startswith("سيطر") and j + 1 < len(doc) and doc[j + 1].norm_ == "علي":
            return j + 2
        return None
    if needs == "علي":
        return j + 1 if n == "علي" else None
    # direct object: حرر الجيش مدينة …، دخلت القوات البلدة — a place, not حرر محضراً
    return j if is_place(doc[j]) else None


def _done_capture(doc: Doc, i: int, actors: Actors) -> tuple[int, Mention | None] | None:
    """A capture noun reported as done: بعد سيطرة قوات النظام على …، أسفرت عن استعادة
    السيطرة على …، تمكن تنظيم داعش (من) دخول …. Gives the site list's first token and
    the force named in the phrase, if any."""
    n = token_norm = doc[i].norm_
    n = n[1:] if n.startswith("و") and n[1:] in DONE else n
    if n in DONE:
        k = i + 1
        # بعد ساعات على سيطرة …: a span of time may stand between
        if k + 2 < len(doc) and doc[k].norm_ in SPANS and doc[k + 1].norm_ in ("علي", "من"):
            k += 2
    elif n in RESULT or bare(token_norm) in RESULT:
        k = i + 1
    else:
        return None
    force = None
    ent = actors.at(k) if k < len(doc) else None
    if n not in DONE and ent is not None and ent.start == k and ent.label_ == "FORCE":
        force, k = actors.mention(ent), ent.end  # تمكن تنظيم داعش …
    if k < len(doc) and doc[k].norm_ in ("عن", "من", "في"):
        k += 1
    return _noun_capture(doc, k, actors, force)


def _noun_capture(doc: Doc, k: int, actors: Actors, force) -> tuple[int, Mention | None] | None:
    j = k
    while j < min(len(doc), k + 3) and _capture_noun(doc[j].norm_):
        j += 1
    if j == k:
        return None
    ent = actors.at(j) if j < len(doc) else None
    if ent is not None and ent.start == j and ent.label_ == "FORCE":
        force, j = actors.mention(ent), ent.end  # بعد سيطرة قوات النظام على …
    if j < len(doc) and doc[j].norm_ in FULL:
        j += 1  # سيطرته التامة عليها
    if j < len(doc) and doc[j].norm_ == "علي":
        return j + 1, force
    if bare(doc[k].norm_) in DIRECT and j < len(doc) and is_place(doc[j]):
        return j, force
    return None


def _capture_noun(n: str) -> bool:
    """سيطرة, السيطرة and سيطرته alike (teh marbuta turns ت before a pronoun)."""
    word = bare(n)
    if word in CAPTURE_NOUNS:
        return True
    for end in ("ه", "ها", "هم"):
        stem = word[: -len(end)]
        if word.endswith(end) and stem.endswith("ت") and stem[:-1] + "ه" in CAPTURE_NOUNS:
            return True
    return False


def _captures(doc, article, force, k, rule, actors, cue_i) -> Iterator[Relation]:
    sentence = doc[cue_i].sent
    for start, end in site_spans(doc, k):
        span = doc[start:end]
        first = doc[start].norm_
        if first in NOT_SITES or bare(first) in NOT_SITES or first.startswith("لل"):
            continue
        if start > k and _clause(doc, start, end, actors):
            continue  # … على منطقة عفرين وطردت قوات حماية الشعب: a new clause, not a site
        ent = actors.at(start)
        kind_name = (
            ent.text if ent is not None and ent.start == start and ent.end == end else span.text
        )
        skip = 1 if start > k and is_and(doc[start], start, start - 1) else 0
        site = make_mention(span, "Place", kind_name, skip)
        yield make_relation(article, "captured", force, site, rule, sentence)


def _clause(doc: Doc, start: int, end: int, actors: Actors) -> bool:
    """A conjunct that is a verb and its subject (وطردت قوات …): a word that is no
    place followed by an armed force or a person."""
    if end - start < 2 or is_place(doc[start]):
        return False
    ent = actors.at(start + 1)
    return ent is not None and ent.start == start + 1 and ent.label_ in ("FORCE", "PERS")
