"""Normalisation: original Arabic text -> norm keys for matching and IRIs.

Wraps camel-tools (dediacritisation; alef, alef-maksura and teh-marbuta
unification) and adds what it leaves alone: tatweel, the Farsi yeh and keheh
that Persian-sourced copy carries (حسین), and the hamza seats the scorer folds.
A norm is for matching only; labels are always slices of the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

_LETTERS = str.maketrans(
    {
        "\u0640": "",  # tatweel: حلـــب -> حلب
        "ی": "ي",  # Farsi yeh
        "ک": "ك",  # keheh
        "ئ": "ي",
        "ؤ": "و",
        "ٱ": "ا",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
    }
)
_NON_WORD = re.compile(r"[^\w]+")

# Proclitics a lexicon word may carry: و ف ب ل ك and the article ال (لل for ل+ال).
_PROCLITICS = re.compile(r"^[وف]?(?:لل|[بكل]?ال|[بلك])?")


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    """The matching form of `text`: أكّد -> اكد, المدینة -> المدينه."""
    text = dediac_ar(text).translate(_LETTERS)
    return normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))


def key(text: str) -> str:
    """A name's key: norm with punctuation dropped and spaces collapsed."""
    return " ".join(_NON_WORD.sub(" ", norm(text)).split())


@lru_cache(maxsize=200_000)
def bare(word_norm: str) -> str:
    """Strip proclitics from one normed word: والجيش -> جيش, لحلب -> حلب, للامم -> امم.

    A lookup aid, not a morphological analysis: the rest must keep 3 letters.
    """
    stripped = _PROCLITICS.sub("", word_norm, count=1)
    return stripped if len(stripped) >= 3 else word_norm
