import random
import time

import pytest

from sources.excerpts import find_excerpt

TEXT = (
    "Council approves new bridge budget\n"
    "“We cannot keep asking residents to take a twenty\u2011minute detour,” said "
    "coun\u00adcillor Anna\u00a0Berg, who chairs the infra\u200bstructure committee.\n\n"
    "Councillor Tom Reed said the city’s own engineers had warned of overruns — up to "
    "30 percent… The Bergen delegation did not comment."
)


def found(excerpt, text=TEXT):
    span = find_excerpt(excerpt, text)
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize(
    ("excerpt", "expected"),
    [
        ('"We cannot keep asking residents', "“We cannot keep asking residents"),
        ("twenty-minute detour,\" said councillor Anna Berg",
         "twenty\u2011minute detour,” said coun\u00adcillor Anna\u00a0Berg"),
        ("WHO CHAIRS THE INFRASTRUCTURE COMMITTEE.", "who chairs the infra\u200bstructure committee."),
        ("committee.   Councillor Tom", "committee.\n\nCouncillor Tom"),
        ("the city's own engineers", "the city’s own engineers"),
        ("overruns - up to 30 percent...", "overruns — up to 30 percent…"),
        ("  bridge budget \n", "bridge budget"),
        ("Berg", "Berg"),
        ("ergen delegation", "ergen delegation"),
    ],
)
def test_tolerant_matching_returns_original_offsets(excerpt, expected):
    assert found(excerpt) == expected


@pytest.mark.parametrize("excerpt", ["", "   ", "\u00ad\u200b", "Anna Bergman", "warned of overruns of up to"])
def test_not_found(excerpt):
    assert find_excerpt(excerpt, TEXT) is None


def test_first_occurrence_and_exact_offsets():
    text = "a said x. b said x."
    assert find_excerpt("said x", text) == (2, 8)


def test_regex_characters_in_excerpt_are_literal():
    text = "Revenue rose (by 3.5%) [est.] to $4*10^6?"
    assert found("(by 3.5%) [est.] to $4*10^6?", text) == "(by 3.5%) [est.] to $4*10^6?"
    assert find_excerpt("by 3x5%", text) is None


def test_five_megabyte_text_is_fast():
    rng = random.Random(42)
    words = "the of and to in a is that for it as was with be by on not he this are".split()
    haystack = " ".join(rng.choice(words) for _ in range(1_500_000))
    assert len(haystack) > 5_000_000
    haystack += " " + TEXT
    started = time.monotonic()
    span = find_excerpt("said councillor Anna Berg, who chairs", haystack)
    missing = find_excerpt("the of and to in a is that for it as was nowhere", haystack)
    assert time.monotonic() - started < 2.0
    assert haystack[span[0] : span[1]].startswith("said coun\u00adcillor")
    assert missing is None
