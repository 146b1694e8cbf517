"""The cue words of the annotation guidelines, loaded from lexicon/.

Lexicons are written once in natural spelling (lexicon/*.tsv, *.txt) and
normalised here at load, so أكّد in a file and اكد in a rule are one entry.
Every lookup is on norms; a word with proclitics (وأكد، والجيش) is looked up
after kg.normalise.bare strips them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from kg.normalise import key


@dataclass(frozen=True)
class Cue:
    """One inflected form of a cue verb or noun and how it takes its complement."""

    lemma: str  # the first form listed, normalised: the rule's name
    prep: str  # normalised preposition before an NP complement, or ""
    arg: str  # speech: claim | topic | none; capture: علي | سيطره | -


def _lines(name: str) -> list[list[str]]:
    text = files("kg.extract").joinpath(f"lexicon/{name}").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _cues(name: str) -> dict[str, list[Cue]]:
    table: dict[str, list[Cue]] = {}
    for row in _lines(name):
        forms = [key(f) for f in row[0].split()]
        prep = key(row[1]) if len(row) > 1 and row[1] != "-" else ""
        arg = row[2] if len(row) > 2 else (key(row[1]) if len(row) > 1 else "")
        cue = Cue(lemma=forms[0], prep=prep, arg=arg)
        for form in forms:
            table.setdefault(form, []).append(cue)
    return table


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, Cue]:
    return {form: cues[0] for form, cues in _cues("speech.tsv").items()}


@lru_cache(maxsize=1)
def capture_verbs() -> dict[str, list[Cue]]:
    table: dict[str, list[Cue]] = {}
    for row in _lines("capture.tsv"):
        forms = [key(f) for f in row[0].split()]
        needs = key(row[1]) if row[1] != "-" else "-"
        for form in forms:
            table.setdefault(form, []).append(Cue(lemma=forms[0], prep="", arg=needs))
    return table


@lru_cache(maxsize=1)
def meeting_cues() -> dict[str, Cue]:
    return {form: cues[0] for form, cues in _cues("meeting.tsv").items()}


@lru_cache(maxsize=1)
def connectives() -> frozenset[str]:
    return frozenset(key(w) for row in _lines("connectives.tsv") for w in row[0].split())


def _phrases(name: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """(whole names, head phrases that open a longer name) as norm-token tuples."""
    whole, heads = set(), set()
    for row in _lines(name):
        text = row[0].strip()
        if text.endswith("*"):
            heads.add(tuple(key(text[:-1]).split()))
        else:
            whole.add(tuple(key(text).split()))
    return frozenset(whole), frozenset(heads)


@cache
def phrases(name: str) -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    return _phrases(name)


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-per-line list, normalised."""
    return frozenset(key(row[0]) for row in _lines(name))


def titles() -> frozenset[tuple[str, ...]]:
    return phrases("titles.txt")[0]


def opens_with_title(words: tuple[str, ...]) -> bool:
    """Whether a name's word keys begin with an office title (الرئيس الروسي …)."""
    return any(words[:n] in titles() for n in (1, 2, 3))


def cue_of(table: dict, token):
    """The table's entry for a token, looked up with and without the conjunction و/ف."""
    n = token.norm_
    return table.get(n) or (table.get(n[1:]) if n[:1] in ("و", "ف") else None)
