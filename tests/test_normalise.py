"""normalise: the matching form of Arabic text; the original is never rewritten."""

from __future__ import annotations

import pytest

from kg.normalise import bare, key, norm


@pytest.mark.parametrize(
    "text,expected",
    [
        ("أكّد", "اكد"),  # diacritics, hamza on alef
        ("إيران", "ايران"),
        ("حلـــب", "حلب"),  # tatweel
        ("مستشفى", "مستشفي"),  # alef maksura
        ("المدینة", "المدينه"),  # Farsi yeh, teh marbuta
        ("حسین", "حسين"),
    ],
)
def test_normalise_norm_unifies_spellings(text, expected):
    assert norm(text) == expected


@pytest.mark.parametrize(
    "a,b",
    [("ستافان دي ميستورا", "ستافان دي  ميستورا،"), ("“الجيش السوري”", "الجيش السوري")],
)
def test_normalise_key_ignores_punctuation_and_spacing(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize(
    "word,expected",
    [("والجيش", "جيش"), ("لحلب", "حلب"), ("وبالقوات", "قوات"), ("للأمم", "امم"), ("ولد", "ولد")],
)
def test_normalise_bare_strips_proclitics(word, expected):
    assert bare(norm(word)) == expected
