"""Sites: the places a capture takes, as coordinated noun phrases.

Guidelines (captured): each coordinated site is its own relation. A site list
runs from after على (or the verb) over و-conjuncts (وسكن المعهد ومدرسة العلماء)
and over commas only in a list that goes on with و; quantities, parts and
events (سلسلة من المدن، انسحاب المقاتلين) are not sites.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract.clauses import COMMAS
from kg.extract.gazetteer import STOP
from kg.normalise import bare, key

SITE_LIMIT = 6
# Words that begin with the letter و itself, not the conjunction.
WAW_WORDS = tuple(
    key(w) for w in "وادي وسط وزار وقت وجه وطن وضع وفق وفد وحد ولاي ورا وصل وجود".split()
)
# Words for places: the object of حرر / دخل / استعاد must be one, or a named place.
PLACE_NOUNS = frozenset(
    bare(key(w))
    for w in """مدينة مدن بلدة بلدات قرية قرى حي أحياء منطقة مناطق محافظة ولاية ريف مطار مطارات
    قاعدة معبر سد جبل تلة تل مبنى مباني مدرسة معهد مؤسسة معمل معامل مستشفى سجن طريق جسر
    ميناء مرفأ حقل حقول مخيم مركز مقر ثكنة كتيبة نقطة حاجز مدخل أطراف محيط شارع ساحة جزيرة
    وادي سهل بادية عاصمة ضاحية قصر""".split()
)
# Quantities, parts and events are not sites: استعادت القوات سلسلة من المدن؛ سيطرتها
# على الحي وانسحاب المقاتلين منه.
NOT_SITES = frozenset(
    key(w)
    for w in """سلسلة عدد عدة العديد عشرات مئات بعض أجزاء جزء معظم أغلب كل جميع مساحات
    انسحاب خروج مقتل إصابة تدمير سقوط فرار هروب أسر اعتقال طرد أكثر نحو حوالي""".split()
)


def is_place(token) -> bool:
    """A named place (tagged LOC) or a word for one (مدينة، قرية، مطار …)."""
    return token.ent_type_ == "LOC" or bare(token.norm_) in PLACE_NOUNS


def site_spans(doc: Doc, k: int) -> Iterator[tuple[int, int]]:
    """Coordinated sites: المعهد الرياضي وسكن المعهد ومدرسة العلماء الصغار. A comma
    joins sites only in a list that goes on with و (أ، ب وج); else what follows it
    is an apposition (مدينة سرت، مسقط رأس القذافي), not another site."""
    end = doc[k].sent.end
    start = j = k
    while True:
        token = doc[j] if j < end else None
        if token is not None and token.text in COMMAS and _list_goes_on(doc, j + 1, end):
            if j > start:
                yield start, j
            start = j = j + 1
            continue
        if token is not None and is_and(token, j, start):
            yield start, j
            start, j = j, j + 1
            continue
        if token is None or not (token.is_alpha or token.like_num) or token.norm_ in STOP:
            break
        if j - start >= SITE_LIMIT:
            break
        j += 1
    if j > start:
        yield start, j


def _list_goes_on(doc: Doc, k: int, end: int) -> bool:
    for j in range(k, min(end, k + SITE_LIMIT)):
        token = doc[j]
        if not token.is_alpha or token.norm_ in STOP:
            return False
        if is_and(token, j, k):
            # أ، ب وج: the conjunct is a noun with its own words (وسكن المعهد), not a
            # participle opening a clause (والواقعة على بعد …)
            return j + 1 < end and doc[j + 1].is_alpha and doc[j + 1].norm_ not in STOP
    return False


def is_and(token, j: int, start: int) -> bool:
    """و opening a new conjunct (وسكن، وسد، ومدرسة), not a word that starts with و
    (وادي، وقت، وزارة)."""
    n = token.norm_ if token is not None else ""
    if j == start or not n.startswith("و") or len(n) < 3 or n[1:] in STOP:
        return False
    return not n.startswith(WAW_WORDS)
