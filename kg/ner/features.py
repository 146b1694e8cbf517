"""Features: one sentence's tokens -> one feature dict per token, for CRFsuite.

Shared by training and tagging so the two cannot drift. Arabic has no
capitals, so a name shows itself through its spelling (a foreign name's
affixes: -يا, -ستان, -وف), its company (a title before it: الرئيس, السيد;
a place noun before it: مدينة, محافظة; a speech verb after it: قال) and the
words that share its contexts in unlabelled news (clusters.py); names the
training text annotated are looked up too (gazetteer.py). Clitics stay on the
token, as spaCy's Arabic tokenizer leaves them, so each word is also seen
stemmed (بأفغانستان -> افغانستان) and bare (والرياض -> رياض).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from camel_tools.utils.dediac import dediac_ar

from kg.ner.gazetteer import Gazetteer, match_gazetteer
from kg.normalise import bare, norm

Clusters = Mapping[str, Mapping[str, str]]


# Spellings whose own features are kept; past this the memo starts afresh.
MEMO_SIZE = 200_000


@dataclass(frozen=True)
class Lexicon:
    """What the features look words up in: clusters.tsv and gazetteer.tsv.

    `memo` keeps each spelling's own features (words repeat: the extractor
    tags millions of sentences, and norms, stems and affixes are the slow part).
    """

    clusters: Clusters
    gazetteer: Gazetteer
    memo: dict[str, dict[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def token_features(self, token: str) -> dict[str, str]:
        """The token's own features (shared, not to be changed by the caller)."""
        f = self.memo.get(token)
        if f is None:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            f = self.memo[token] = _token_features(token, self.clusters)
        return f


# Written in natural spelling, normalised once at import.
_TRIGGERS = {
    "TITLE": """الرئيس رئيس الوزير وزير وزيرة السيد السيدة الشيخ الملك الملكة الأمير
        الأميرة الدكتور د المستشار المستشارة النائب العقيد اللواء العميد الفريق المشير
        الجنرال المتحدث الناطق المبعوث الأمين السفير نائب زعيم الزعيم القائد قائد المدرب
        اللاعب الفنان الفنانة الكاتب الكاتبة الشاعر المخرج الممثل الممثلة الإمام البابا
        المطرب المطربة الرئيسة المرشح السيناتور المحامي الصحفي البروفسور الحاج الأستاذ
        الراحل الشهيد الخليفة المفتي القاضي الجنرال مساعد المدير مدير الشقيق شقيق نجل ابن
        بن بنت أبو أبي المهاجم الحارس المدافع اللاعبين الأسقف الكاردينال المغني""",
    "LOCN": """مدينة المدينة ولاية محافظة منطقة إقليم جزيرة جزر بلدة قرية عاصمة العاصمة
        دولة جمهورية مملكة إمارة بحر نهر جبل جبال مقاطعة حي مطار ميناء قضاء ريف مخيم
        صحراء خليج شبه بحيرة وادي سهل ساحل شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي
        أنحاء عاصمتها عاصمته سواحل حدود""",
    "ORGN": """شركة منظمة حزب حركة وكالة جامعة مجلس وزارة جمعية اتحاد هيئة بنك مصرف مؤسسة
        صحيفة جريدة مجلة نادي لجنة جبهة جيش مركز معهد قناة مجموعة منتخب فريق محكمة
        برنامج صندوق مكتب إذاعة تلفزيون شبكة كلية أكاديمية مستشفى بورصة سوق رابطة
        تحالف تنظيم ائتلاف مفوضية دائرة إدارة قوات""",
    "SAY": """قال قالت أكد أكدت أضاف أضافت أعلن أعلنت صرح صرحت ذكر ذكرت أوضح أوضحت
        أشار أشارت يقول تقول نفى نفت اعتبر اعتبرت أفاد أفادت دعا دعت طالب طالبت""",
}
TRIGGERS = {bare(norm(w)): kind for kind, words in _TRIGGERS.items() for w in words.split()}


def _shape(token: str) -> str:
    if any(c.isdigit() for c in token):
        return "digit"
    if token.isascii() and token.isalpha():
        return "latin"
    if not any(c.isalpha() for c in token):
        return "punct"
    return "arabic"


_CLITICS = re.compile(r"^([وف]?)([بلك]?)(.+)$")


def stem_word(w: str, clusters: Clusters) -> str:
    """A normed word without the clitics it can lose: بافغانستان -> افغانستان.

    Unlike bare(), a frequent word is left whole (فيصل is not ف + يصل), and a
    clitic is only dropped when what remains is a commoner word in the news.
    """
    known = clusters.get(w)
    if known and int(known["freq"]) >= 4:
        return w
    m = _CLITICS.match(w)
    if not m or not (m.group(1) or m.group(2)):
        return w
    conj, prep, rest = m.groups()
    # لل is ل + ال with the alef dropped: للعراق -> العراق.
    al = "ال" + rest[1:] if prep == "ل" and rest.startswith("ل") else ""
    best, best_freq = w, int(known["freq"]) if known else -1
    for cand in (w[len(conj) :], rest, al):
        row = clusters.get(cand) if len(cand) > 1 else None
        if row and int(row["freq"]) > best_freq:
            best, best_freq = cand, int(row["freq"])
    return best


def stem_tokens(tokens: Sequence[str], clusters: Clusters) -> list[str]:
    """stem_word of each token's norm: the gazetteer's keys."""
    return [stem_word(norm(t), clusters) for t in tokens]


def _token_features(token: str, clusters: Clusters) -> dict[str, str]:
    w = norm(token)
    b = bare(w)
    s = stem_word(w, clusters)
    f = {"w": w, "b": b, "s": s, "shape": _shape(token), "len": str(min(len(b), 8))}
    # norm() folds ى into ي, so the name علي and the preposition على meet;
    # the spelling before that folding tells them apart where the copy does.
    raw = dediac_ar(token).replace("\u0640", "")
    if raw != w:
        f["raw"] = raw
    for n in (1, 2, 3, 4):
        if len(s) > n:
            f[f"p{n}"] = s[:n]
            f[f"s{n}"] = s[-n:]
    if w != s:
        f["clitic"] = w[: len(w) - len(s)]
    if s.startswith("ال"):
        f["al"] = "1"
    f["freq"] = clusters[w]["freq"] if w in clusters else "unk"
    row = clusters.get(s) or clusters.get(w)
    if row:
        f.update((name, value) for name, value in row.items() if name != "freq")
    trig = TRIGGERS.get(b)
    if trig:
        f["trig"] = trig
    return f


# The token features repeated on the neighbours' sets; more of them (affixes,
# coarser classes, the trigger statistics) scored lower on the dev set, and so
# did a ±3 window with the neighbours' gazetteer marks and trigger × class
# conjunctions (0.720 against 0.736). So did, for the token itself, GeoNames
# places (kg/data/places_ar.tsv), per-word gazetteer marks, and how often the
# model tagged the word in the unlabelled news (a self-trained lexicon).
_WINDOW = ("w", "s", "c1024", "trig", "shape")


def extract_features(
    tokens: Sequence[str], lexicon: Lexicon, gazetteer: Gazetteer | None = None
) -> list[dict[str, str]]:
    """Feature dicts for one sentence; CRFsuite makes each `name: value` one feature.

    `gazetteer` overrides the lexicon's (training passes each sentence's jackknifed one).
    """
    own = [lexicon.token_features(t) for t in tokens]
    marks = match_gazetteer(
        [f["s"] for f in own], lexicon.gazetteer if gazetteer is None else gazetteer
    )
    out = []
    for i, f in enumerate(own):
        feats = {"bias": "1", **f}
        if marks[i] != "O":
            feats["gaz"] = marks[i]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(own):
                feats.update((f"{d}:{k}", own[j][k]) for k in _WINDOW if k in own[j])
            else:
                feats[f"{d}:edge"] = "1"
        # Stem bigrams around the token: رييس|بشار, بشار|الاسد.
        if i > 0:
            feats["-1|0"] = f"{own[i - 1]['s']}|{f['s']}"
        if i + 1 < len(own):
            feats["0|+1"] = f"{f['s']}|{own[i + 1]['s']}"
        out.append(feats)
    return out
