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
from kg.extract.actors import Actors, make_mention
from kg.extract.mentions import STOP
from kg.extract.registry import register
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
CAPTURE_NOUNS = frozenset(key(w) for w in "استعادة السيطرة سيطرة بسط إحكام تحرير".split())
SITE_LIMIT = 6
# Quantities and parts are not sites: استعادت القوات سلسلة من المدن.
NOT_SITES = frozenset(
    key(w) for w in "سلسلة عدد عدة عشرات مئات بعض أجزاء جزء معظم أغلب كل جميع مساحات مناطق".split()
)


def _capture_cue(token):
    table = lexicon.capture_verbs()
    n = token.norm_
    return table.get(n) or (table.get(n[1:]) if n[:1] in ("و", "ف") else None)


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
        elif token.norm_ in RESULT and i + 2 < len(doc) and doc[i + 1].norm_ == "عن":
            k = _noun_capture(doc, i + 2)
            force = _force_in_sentence(doc, i, actors) or last_force
            if k is not None and force is not None:
                yield from _captures(doc, article, force, k, "captured.result", actors, i)


def _intended(doc: Doc, i: int) -> bool:
    window = doc[max(doc[i].sent.start, i - 3) : i]
    return any(t.norm_ in INTENT or bare(t.norm_) in INTENT for t in window)


def _force_after(doc: Doc, i: int, actors: Actors) -> tuple[Mention | None, int]:
    j = i + 1
    ent = actors.at(j) if j < len(doc) else None
    if ent is not None and ent.start == j and ent.label_ == "FORCE":
        return actors.mention(ent), ent.end
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


def _site_start(doc: Doc, j: int, needs: str) -> int | None:
    """The first token of the site list after the verb and its force."""
    if j >= len(doc):
        return None
    n = doc[j].norm_
    if needs == "سيطره":
        if bare(n).startswith("سيطر") and j + 1 < len(doc) and doc[j + 1].norm_ == "علي":
            return j + 2
        return None
    if needs == "علي":
        return j + 1 if n == "علي" else None
    # direct object: حرر الجيش مدينة …، دخلت القوات البلدة
    return j if doc[j].is_alpha and n not in STOP else None


def _noun_capture(doc: Doc, k: int) -> int | None:
    """استعادة السيطرة على / السيطرة على / تحرير: the site list's first token."""
    j = k
    while j < min(len(doc), k + 3) and bare(doc[j].norm_) in {bare(w) for w in CAPTURE_NOUNS}:
        j += 1
    if j > k and j < len(doc) and doc[j].norm_ == "علي":
        return j + 1
    if j > k and doc[k].norm_ == key("تحرير"):
        return j
    return None


def _captures(doc, article, force, k, rule, actors, cue_i) -> Iterator[Relation]:
    sentence = doc[cue_i].sent
    for start, end in _sites(doc, k):
        span = doc[start:end]
        if doc[start].norm_ in NOT_SITES or bare(doc[start].norm_) in NOT_SITES:
            continue
        ent = actors.at(start)
        kind_name = (
            ent.text if ent is not None and ent.start == start and ent.end == end else span.text
        )
        skip = 1 if _is_and(doc[start], start, start - 1) else 0
        site = make_mention(span, "Place", kind_name, skip)
        yield Relation(
            doc=article.id,
            relation="captured",
            subject=force,
            object=site,
            rule=rule,
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
        )


def _sites(doc: Doc, k: int) -> Iterator[tuple[int, int]]:
    """Coordinated sites: المعهد الرياضي وسكن المعهد ومدرسة العلماء الصغار."""
    end_of_sentence = doc[k].sent.end
    start = k
    j = k
    while j <= end_of_sentence:
        token = doc[j] if j < end_of_sentence else None
        boundary = (
            token is None or not (token.is_alpha or token.like_num) or _stops_site(token, j - start)
        )
        split = token is not None and token.text in ("،", ",") or _is_and(token, j, start)
        if boundary and not split or j - start >= SITE_LIMIT:
            if j > start:
                yield start, j
            return
        if split:
            if j > start:
                yield start, j
            start = j + 1 if token.text in ("،", ",") else j
            if token.text not in ("،", ","):
                j += 1
                continue
        j += 1


def _stops_site(token, length: int) -> bool:
    n = token.norm_
    return n in STOP or (length > 0 and bare(n) in {"مدينه", "منطقه", "ريف", "محافظه"} and False)


def _is_and(token, j: int, start: int) -> bool:
    """و opening a new conjunct (وسكن، ومدرسة), not a word that starts with و (وادي)."""
    if token is None or j == start or not token.norm_.startswith("و") or len(token.norm_) < 4:
        return False
    return token.norm_[1:] not in STOP and not token.norm_.startswith(("وادي", "وسط", "وزار"))
