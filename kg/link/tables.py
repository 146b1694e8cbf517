"""What the linkers share: reading kg/data tables, peeling proclitics off a word."""

from __future__ import annotations

from importlib.resources import files


def read_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of kg/data/<name>, comment lines (#) left out."""
    text = files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def peel_proclitics(word: str) -> list[str]:
    """A normed word, then the same without its proclitics, least peeled first:
    وبالرقه -> بالرقه -> الرقه; للرقه -> الرقه; لحلب -> حلب; ودي -> دي. Two
    letters stay, and a word that only looks like a proclitic and a stem (بغداد)
    is tried whole first."""
    out = [word]
    if word[:1] in ("و", "ف") and len(word) > 2:
        word = word[1:]
        out.append(word)
    if word.startswith("لل") and len(word) > 3:
        out.append("ال" + word[2:])
    elif word[:1] in ("ب", "ل", "ك") and len(word) > 2:
        out.append(word[1:])
    return out
