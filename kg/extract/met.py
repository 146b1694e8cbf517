"""met: two actors meet or hold talks.

Guidelines (../shared/eval/README.md, "met"): التقى، اجتمع مع، استقبل، بحث مع،
خلال لقائه; unordered; one relation per pair per meeting, however often the
article mentions that meeting (kg.extract.dedupe keeps one per pair).

Rules:
  met.verb   meeting verb with its subject and the other party (VSO or SVO)
  met.dual   a dual verb over a coordinated subject (التقيا، بحثا: X و Y)
  met.noun   خلال لقائه Y / لدى استقباله Y: the sentence's actor meets Y
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg.extract import lexicon
from kg.extract.actors import Actors, make_relation
from kg.extract.clauses import OPEN_QUOTES, speech_cue
from kg.extract.names import is_cue
from kg.extract.registry import register
from kg.extract.sites import PLACE_NOUNS
from kg.link import link_place
from kg.normalise import bare, key
from kg.types import Article, Mention, Relation

PARTY_LABELS = ("PERS", "TITLE", "ORG")
WINDOW = 12
_BEFORE_VERB = frozenset(key(w) for w in "قد لقد وقد كان وكان كانت وكانت".split())
_DUAL = ("ا", "تا")
_NOUNS = frozenset(key(w) for w in "لقائه اجتماعه محادثات استقباله".split())


def _coordinated(doc: Doc, parties: list[Span]) -> list[Span]:
    """The first party and those joined to it by و (الملك عبد الله الثاني والأمين العام …)."""
    chosen = parties[:1]
    for party in parties[1:]:
        k = chosen[-1].end + (1 if doc[chosen[-1].end].text in "،," else 0)
        if k < party.start + 1 and doc[k].norm_.startswith("و"):
            chosen.append(party)
        else:
            break
    return chosen


def _cue(token):
    return lexicon.cue_of(lexicon.meeting_cues(), token)


@register("met")
def extract_met(doc: Doc, article: Article) -> Iterator[Relation]:
    actors = Actors(doc)
    for i, token in enumerate(doc):
        cue = _cue(token)
        if cue is None:
            continue
        is_noun = cue.lemma in _NOUNS
        if is_noun and _unowned(token) and not _joined(doc, i):
            continue  # في لقاء قد يحدد مستقبل …: a meeting, but of whom the noun does not say
        parties = _parties_after(doc, i, actors)
        if is_noun:
            subject = _actor_before(doc, i, actors)
            pairs = [(subject, p) for p in _coordinated(doc, parties)] if subject else []
            if not subject and len(parties) >= 2 and _brought_together(doc, i):
                pairs = [(parties[0], parties[1])]  # اللقاء الذي جمع X بـ Y
            rule = "met.noun"
        else:
            subject = _actor_before(doc, i, actors, adjacent=True)
            if subject is not None:
                pairs, rule = [(subject, p) for p in parties[:2]], "met.verb"
            elif len(parties) >= 2:
                pairs, rule = [(parties[0], p) for p in parties[1:3]], "met.verb"
            elif parties and (subject := _actor_before(doc, i, actors)) is not None:
                # وكان حيدر العبادي رئيس وزراء العراق قد التقى مع ترامب
                pairs, rule = [(subject, parties[0])], "met.verb"
            else:
                pairs, rule = [], ""
            if not pairs and token.norm_.endswith(_DUAL):
                pair = _coordinated_before(doc, i, actors)
                pairs, rule = ([pair], "met.dual") if pair else ([], "")
        if cue.prep == key("مع") and not is_noun and not _has_prep_after(doc, i, cue.prep):
            if cue.lemma == key("بحث"):
                continue
        sentence = doc[i].sent
        for a, b in pairs:
            ma, mb = actors.mention(a), actors.mention(b)
            if ma.key and mb.key and ma.key != mb.key:
                yield _relation(article, ma, mb, rule, sentence)


# A meeting noun without a possessive suffix names its parties only through
# مع / بين (اجتماع في طهران مع الوزير، محادثات بين الطرفين) or جمع (لقاء جمعه بـ Y).
_UNOWNED = frozenset(key(w) for w in "لقاء اجتماع محادثات مباحثات".split())
_JOINING = frozenset(key(w) for w in "مع ومع بين".split())


def _unowned(token) -> bool:
    n = token.norm_
    return n in _UNOWNED or n[:1] in "وبل" and n[1:] in _UNOWNED or n.startswith("ال")


def _joined(doc: Doc, i: int) -> bool:
    following = doc[i + 1 : min(doc[i].sent.end, i + 5)]
    return any(t.norm_ in _JOINING or t.norm_.startswith("جمع") for t in following)


def _brought_together(doc: Doc, i: int) -> bool:
    """اللقاء الذي جمع X بـ Y: جمع without a pronoun names both parties after it."""
    following = doc[i + 1 : min(doc[i].sent.end, i + 3)]
    return any(t.norm_ in ("جمع", "جمعت") for t in following)


def _parties_after(doc: Doc, i: int, actors: Actors) -> list[Span]:
    """Actors after the cue, in order, within the clause."""
    found: list[Span] = []
    end = min(doc[i].sent.end, i + WINDOW)
    j = i + 1
    while j < end:
        if doc[j].text in (".", "\n") or (doc[j].text == "،" and len(found) >= 2):
            break
        if doc[j].norm_ in ("حيث", "فيما", "بينما") or speech_cue(doc[j]) is not None:
            break
        if doc[j].text in OPEN_QUOTES and doc[j - 1].whitespace_:
            break  # a quotation begins: its names are what was said, not who met
        if _joined_verb(doc[j]) and actors.at(j) is None:
            break  # … السيسي واتفقا على تشكيل لجنة: a new verb, and its own objects
        ent = actors.at(j)
        if ent is not None and ent.start == j:
            if ent.label_ in PARTY_LABELS and _standalone(doc, ent) and not actors.governed(ent):
                after_title = found and found[-1].label_ == "TITLE" and found[-1].end >= j - 1
                after_name = found and found[-1].label_ == "PERS" and found[-1].end >= j - 1
                after_name = after_name and not doc[j].norm_.startswith("و")
                if after_title and ent.label_ in ("PERS", "TITLE"):
                    found[-1] = ent  # the name after a title is the party
                elif after_name and ent.label_ == "TITLE":
                    pass  # محمد بن سلمان ولي العهد: the name's own title, not a party
                else:
                    found.append(ent)
            j = ent.end
            end = min(doc[i].sent.end, max(end, j + 4))
            continue
        j += 1
    return found


_AT = frozenset(key(w) for w in "في من إلى داخل".split())


_AND_ADVERBS = frozenset(key(w) for w in "وأيضا وحاليا ولاحقا وسابقا وحديثا ومؤخرا وغدا".split())


def _joined_verb(token) -> bool:
    """و + a dual or plural verb (واتفقا، وبحثوا) or + any cue: a new clause."""
    n = token.norm_
    if not n.startswith("و") or len(n) < 5 or n in _AND_ADVERBS:
        return False
    return n.endswith(("ا", "وا")) and not n.endswith("يا") or is_cue(token)


def _standalone(doc: Doc, ent: Span) -> bool:
    """A name inside a place phrase (بقصر الحكومة، بقصر باردو، في البيت الأبيض), or an
    ORG that is really a place (a town the tagger took for one), is not a party."""
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if ent.label_ == "PERS" and prev is not None and bare(prev.norm_) in PLACE_NOUNS:
        return False
    if ent.label_ != "ORG":
        return True
    if link_place(ent.text) is not None:
        return False
    if prev is not None and prev.norm_ in _AT:
        return False  # استقبل ترامب في البيت الأبيض ميركل: where, not whom
    return not (
        prev is not None and prev.is_alpha and prev.norm_.startswith("ب") and prev.norm_ != "ب"
    )


def _actor_before(doc: Doc, i: int, actors: Actors, adjacent: bool = False) -> Span | None:
    """The subject before the cue: right before it (SVO), or the sentence's last actor."""
    start = doc[i].sent.start
    j = i - 1
    while j >= start and doc[j].norm_ in _BEFORE_VERB | {"خلال", "لدي", "عقب", "اثناء"}:
        j -= 1
    if adjacent:
        ent = actors.at(j) if j >= start else None
        return ent if ent is not None and ent.label_ in PARTY_LABELS and ent.end == j + 1 else None
    before = [e for e in actors.ents if start <= e.start and e.end <= i and not actors.governed(e)]
    for label in ("PERS", "TITLE"):
        named = [e for e in before if e.label_ == label]
        if named:
            return named[-1]
    if start > 0:  # وقد كان في استقباله …: the previous sentence's actor
        previous = doc[start - 1].sent.start
        named = [e for e in actors.ents if previous <= e.start < start and e.label_ == "PERS"]
        return named[-1] if named else None
    return None


def _coordinated_before(doc: Doc, i: int, actors: Actors) -> tuple[Span, Span] | None:
    """X و Y right before a dual verb: أنصاري ودي ميستورا بحثا."""
    ents = [e for e in actors.ents if doc[i].sent.start <= e.start and e.end <= i]
    if len(ents) >= 2 and ents[-1].end == i and ents[-1].label_ in PARTY_LABELS:
        a, b = ents[-2], ents[-1]
        if a.label_ in PARTY_LABELS and b.start - a.end <= 1:
            return a, b
    return None


def _has_prep_after(doc: Doc, i: int, prep: str) -> bool:
    return any(t.norm_ in (prep, "و" + prep) for t in doc[i + 1 : min(len(doc), i + WINDOW)])


def _relation(article: Article, a: Mention, b: Mention, rule: str, sentence) -> Relation:
    return make_relation(article, "met", a, b, rule, sentence)
