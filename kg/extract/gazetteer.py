"""Gazetteer: the lexicon's phrases found in a Doc, and how far a phrase runs.

Matches the gazetteers of lexicon/ (armed forces, organisations, unnamed
sources, office titles) on token norms, the first word with or without its
proclitics (والجيش، لوكالة), and runs each head over its modifiers (الجيش +
السوري، قوات + سوريا الديمقراطية، المبعوث الأممي + إلى سوريا).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Span

from kg.extract import lexicon
from kg.link.actors import person_names
from kg.normalise import bare, key

# Words a name or title phrase never runs over.
STOP = lexicon.words("function_words.txt")
_PARTITIVE = frozenset(key(w) for w in "وحدات عناصر مجموعة مجموعات بعض".split())


def is_stop(token) -> bool:
    n = token.norm_
    return (
        n in STOP
        or not token.is_alpha
        or n in lexicon.connectives()
        or bare(n) in lexicon.speech_verbs()
        or n in lexicon.speech_verbs()
    )


def match_at(doc: Doc, i: int, table: frozenset[tuple[str, ...]]) -> int:
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


# Time words after a name are the sentence's adverb (قوات تركية الشهر الماضي).
TIME_WORDS = frozenset(
    key(w) for w in "اليوم أمس الشهر الأسبوع الماضي الماضية الجاري المقبل المقبلة".split()
)


def extent(doc: Doc, start: int, end: int, bare_words: int = 1, limit: int = 5) -> int:
    """Run a head phrase over its modifiers: الجيش + السوري، قوات + سوريا الديمقراطية;
    up to `bare_words` words without the article may follow the head (وكالة أنباء فارس)."""
    sent_end = doc[start].sent.end
    while end < min(sent_end, start + limit):
        token = doc[end]
        if (
            is_stop(token)
            or token.norm_ in TIME_WORDS
            or token.norm_.startswith("و")
            and end > start + 1
        ):
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


# Prepositions whose norm is a title's (وإلى and والي are both والي once normalised).
_PREPOSITIONS_LIKE_TITLES = frozenset("وإلى وإلي فإلى".split())


def gazetteer_spans(doc: Doc) -> Iterator[Span]:
    tables = [
        ("PERS", (person_names(), frozenset())),
        ("FORCE", lexicon.phrases("forces.txt")),
        ("SOURCE", (frozenset(), lexicon.phrases("sources.txt")[0])),
        ("ORG", lexicon.phrases("organisations.txt")),
        ("TITLE", (frozenset(), lexicon.titles())),
    ]
    i = 0
    while i < len(doc):
        found = None
        for label, (whole, heads) in tables:
            n = match_at(doc, i, whole)
            if n:
                found = Span(doc, i, i + n, label=label)
                break
            n = match_at(doc, i, heads)
            if n:
                end = i + n
                if label == "FORCE" and doc[i].norm_ in _PARTITIVE and end < len(doc) - 1:
                    if doc[end].norm_ == "من":  # وحدات من الجيش
                        end += 1
                        end += match_at(doc, end, heads | whole) or 1
                if label == "TITLE" and doc[i].text in _PREPOSITIONS_LIKE_TITLES:
                    continue  # وإلى لندن (and to London), not والي (a governor)
                if label == "TITLE":
                    found = Span(doc, i, _titleextent(doc, i, end), label=label)
                elif label == "ORG" and (quoted := _quoted_name(doc, end)):
                    found = Span(doc, i, quoted, label=label)  # صحيفة "وول ستريت جورنال"
                else:
                    found = Span(
                        doc, i, extent(doc, i, end, 2 if label == "ORG" else 1), label=label
                    )
                break
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


# The marks a name can stand between, each with its closer (صحيفة "التايمز"، (التايمز)).
NAME_MARKS = {'"': '"', "“": "”", "«": "»", "(": ")"}


def _quoted_name(doc: Doc, i: int, longest: int = 4) -> int:
    """End (past the closing mark) of a short name in quotes or brackets at token i,
    as a paper or channel is named after its head word (جريدة "ليكيب"، صحيفة
    (التايمز)); 0 if there is none."""
    if i >= len(doc) or doc[i].text not in NAME_MARKS:
        return 0
    if not doc[i - 1].whitespace_ and doc[i - 1].norm_ not in ("ل", "ب"):
        return 0  # an opening mark stands apart from the word before it, or ends لـ«
    closer = NAME_MARKS[doc[i].text]
    for j in range(i + 2, min(len(doc), i + longest + 2)):
        if doc[j].text in (closer, "”", "»", '"'):
            return j + 1
        if not doc[j].is_alpha:
            return 0
    return 0


_ORG_NAMES = lexicon.phrases("organisations.txt")[0] | lexicon.phrases("organisations.txt")[1]
FORCES = lexicon.phrases("forces.txt")[0] | lexicon.phrases("forces.txt")[1]
BODIES = _ORG_NAMES | FORCES
_IN = frozenset(key(w) for w in "إلى في لدى ل لشؤون".split())


_SPOKESMEN = frozenset(key(w) for w in "المتحدث المتحدثة الناطق الناطقة متحدث ناطق".split())


def _titleextent(doc: Doc, start: int, end: int) -> int:
    """A title runs over its complements: المبعوث الأممي إلى سوريا، مبعوث الأمم
    المتحدة الخاص، مساعد وزير الخارجية الإيراني للشؤون العربية والأفريقية."""
    sent_end = doc[start].sent.end
    while end < min(sent_end, start + 9):
        token, n = doc[end], doc[end].norm_
        if token.ent_type_ == "PERS" or not token.is_alpha or match_at(doc, end, person_names()):
            break
        if token.ent_type_ in ("LOC", "ORG"):
            end += 1
        elif n in _IN and end + 1 < sent_end and doc[end + 1].ent_type_ in ("LOC", "ORG"):
            end += 2
        elif (n == "باسم" or n == "عن" and doc[end - 1].norm_ in _SPOKESMEN) and end + 1 < sent_end:
            # المتحدث باسم الجيش، باسم الحكومة، المتحدث عن البيت الأبيض
            end = _quoted_name(doc, end + 1, 9) or end + 2  # باسم "غرفة العمليات …"
        elif n in ("ل", "ب") and (quoted := _quoted_name(doc, end + 1, 9)):
            end = quoted  # الأمين العام لـ«المجلس الإسلامي في بريطانيا»
        elif (
            n.startswith(("ال", "لل"))
            and not is_stop(token)
            or n.startswith("وال")
            and end > start + 1
        ):
            end += 1
        elif (n,) in lexicon.titles() or ("ال" + n,) in lexicon.titles():
            end += 1  # مساعد وزير …
        elif org := match_at(doc, end, _ORG_NAMES):  # رئيسة جمعية القضاة التونسيين
            end = extent(doc, end, end + org, 2)
        else:
            break
    return end
