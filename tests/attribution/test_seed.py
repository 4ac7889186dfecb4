"""Regression on the hand-curated seed article and its sidecar of statements."""
import json
from pathlib import Path

import pytest

from verify.attribution import extract

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXT = (SEEDS / "pakistan-taliban-talks-collapse.txt").read_text(encoding="utf-8")
SIDECAR = json.loads((SEEDS / "pakistan-taliban-talks-collapse.claims.json")
                     .read_text(encoding="utf-8"))["statements"]
FOUND = extract(TEXT)


def _overlap(a0, a1, b0, b1):
    return max(0, min(a1, b1) - max(a0, b0))


def _speaker_matches(st, gold):
    """The speaker mention (or, for a pronoun, the mention it resolves to) overlaps the
    curated mention and has its kind."""
    g0, g1 = gold["mention_start"], gold["mention_end"]
    for mention in (st.mention, st.resolved_speaker):
        if mention and _overlap(mention.start, mention.end, g0, g1) and \
                mention.kind == gold["kind"]:
            return True
    return False


@pytest.mark.parametrize("gold", SIDECAR, ids=[g["quote"][:30] for g in SIDECAR])
def test_sidecar_statement_is_found(gold):
    q0, q1 = gold["quote_start"], gold["quote_end"]
    assert TEXT[q0:q1] == gold["quote"]
    candidates = [st for st in FOUND
                  if _overlap(st.start, st.end, q0, q1) >= 0.5 * (q1 - q0)]
    assert candidates, f"no statement covers {gold['quote']!r}"
    assert any(_speaker_matches(st, gold["speaker"]) for st in candidates), \
        [(st.speaker, st.speaker_kind, st.resolved_speaker) for st in candidates]


def test_continuation_quote_inherits_the_official():
    cont = next(st for st in FOUND if TEXT[st.start:st.end].startswith('"We came'))
    assert cont.continues
    assert cont.speaker == "a senior Pakistani official involved in the negotiations"
