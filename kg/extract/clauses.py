"""Clauses: where a reported claim or a list of sites starts and ends.

Shared by the extractors: a content clause runs from its connective (إنّ،
أنّ، بأنّ) or opening quotation mark to the end of its sentence, a closing
quotation mark, or the next coordinated clause (…، وأنّ …) or participial
continuation (…، مشيراً إلى …), which the guidelines make claims of their own.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract import lexicon
from kg.normalise import bare, key

OPEN_QUOTES = {'"', "“", "«", "„", "'"}
CLOSE_OF = {'"': '"', "“": "”", "«": "»", "„": "“", "'": "'", "”": "”"}
COMMAS = {"،", ",", ";", "؛"}
# After a comma, these end a claim: attribution tails (guidelines: وفق ما أعلن X).
ATTRIBUTION = frozenset(key(w) for w in "وفق وفقا حسب بحسب نقلا طبقا استنادا".split())
_AND_CONNECTIVE = frozenset("و" + c for c in lexicon.connectives())


def opens_quote(doc: Doc, j: int) -> bool:
    """Whether token j opens a quotation: “ and « unless glued to a preposition
    (لـ«…» is a name); a straight " or ' only where it stands apart from the word
    before it (قال "…" yes, …آخر". no)."""
    text = doc[j].text
    if text not in OPEN_QUOTES:
        return False
    before = doc[j - 1] if j > 0 else None
    if before is not None and not before.whitespace_ and before.text.rstrip("ـ") in ("ل", "ب"):
        return False  # الأمين العام لـ«المجلس الإسلامي»: a name after a preposition
    if text in ("“", "«", "„"):
        return True
    return before is None or bool(before.whitespace_) or not (before.is_alpha or before.like_num)


def is_connective(token) -> bool:
    return token.norm_ in lexicon.connectives()


def is_coordinated_connective(token) -> bool:
    return token.norm_ in _AND_CONNECTIVE


def speech_cue(token):
    return lexicon.cue_of(lexicon.speech_verbs(), token)


# Active participles of the فاعل pattern; the مُفعِل ones all start with م.
_FAAIL = frozenset(key(w) for w in "قائلا قائلة داعيا داعية لافتا لافتة نافيا نافية كاشفا".split())


def is_participle(token) -> bool:
    """مشيراً، مؤكدةً، قائلاً: a continuation that keeps the sentence's speaker."""
    n = token.norm_[1:] if token.norm_[:1] in ("و", "ف") else token.norm_
    return n in _FAAIL or (n.startswith("م") and len(n) >= 4)


def is_speech_participle(token) -> bool:
    return speech_cue(token) is not None and is_participle(token)


def quote_end(doc: Doc, i: int) -> int:
    """Index of the token closing the quotation opened at token i (paragraph-bounded)."""
    closer = CLOSE_OF.get(doc[i].text, doc[i].text)
    for j in range(i + 1, len(doc)):
        if doc[j].text in (closer, "”", "»") or doc[j].text == '"':
            return j
        if "\n" in doc[j].text:
            return j
    return len(doc)


def open_quote(doc: Doc, i: int) -> int | None:
    """The quotation mark still open at token i within its paragraph, if any."""
    j, opened = i - 1, None
    while j >= 0 and "\n" not in doc[j].text:
        j -= 1
    for k in range(j + 1, i):
        text = doc[k].text
        if opened is None and text in OPEN_QUOTES:
            opened = k
        elif opened is not None and (text == CLOSE_OF.get(doc[opened].text) or text in '"”»'):
            opened = None
    return opened


_BUT = frozenset(key(w) for w in "لكنه لكنها ولكنه ولكنها لكن ولكن".split())
_CONTRAST = frozenset(key(w) for w in "مقابل بينما فيما".split())


def clause_end(doc: Doc, start: int) -> int:
    """Exclusive end of the clause starting at token `start`; a clause that starts
    inside a quotation ends with it at the latest."""
    if start >= len(doc):
        return len(doc)
    sent_end = doc[start].sent.end
    opened = open_quote(doc, start)
    if opened is not None:
        sent_end = quote_end(doc, opened)
    j = start
    while j < sent_end:
        token = doc[j]
        if token.text in OPEN_QUOTES:
            j = max(quote_end(doc, j), j) + 1
            if j >= sent_end:
                return min(j, len(doc))
            continue
        if "\n" in token.text or token.text in {".", "!", "?", "؟"}:
            return j
        if is_coordinated_connective(token) and j > start + 2:
            return j
        if j > start + 2 and speech_cue(token) is not None:
            if token.norm_.startswith("و") or doc[j - 1].norm_ in _BUT:
                return j  # … وقال إن …، لكنها توقعت أن …: a new speech act, with its own claim
        if token.text in COMMAS and j + 1 < sent_end:
            nxt = doc[j + 1]
            if is_coordinated_connective(nxt) or is_speech_participle(nxt):
                return j
            if nxt.norm_ in ATTRIBUTION or bare(nxt.norm_) in ATTRIBUTION:
                return j
            if nxt.norm_ in ("كما", "وكما") and j + 2 < sent_end:
                return j
            if nxt.norm_ in _CONTRAST:  # …، مقابل تأكيد الوفد …: the other side's
                return j
        j += 1
    return sent_end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop punctuation and quotation marks at both ends of a token range."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def is_prep(token, prep: str) -> bool:
    """The preposition itself, with و, or as a clitic on a common noun (بالإفراج،
    بضرورة for ب), never the first letter of a name (بشار)."""
    n = token.norm_
    if n == prep or n == "و" + prep:
        return True
    clitic = len(prep) == 1 and n.startswith(prep) and len(n) > 3 and not token.ent_type_
    return clitic and (n[1:].startswith("ال") or len(n) > 4)
