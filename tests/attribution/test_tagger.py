"""The learned sequence tagger: packing, decoding, candidates, the pipeline's use of it."""
import json
import sys

from verify.attribution import extract
from verify.attribution.tagger import (
    B, BIAS, FIELD, I, LABELS, O, Q, S, TEMPLATES, WEIGHTS, Tagger, candidates, merged, pack,
    runs, tokens, unpack)

from .helpers import span

PIPELINE = sys.modules["verify.attribution.extract"]  # the package exports the function

TEXT = "Ruiz craves a new bridge."  # "craves" is no cue of the rules


def toy(threshold=0.0, filter_weights=None):
    """A hand-weighted tagger: ``craves`` is a cue, the word before it the source, what
    follows it the content, up to the full stop."""
    states = [[0] * len(LABELS) for _ in range(len(LABELS) * 4)]
    for cue_seen in (0, 1):
        for con_seen in (0, 1):
            states[Q * 4 + cue_seen * 2 + con_seen][B] = 100  # content opens after the cue
            for prev in (B, I):
                states[prev * 4 + cue_seen * 2 + con_seen][I] = 100  # and goes on
    data = {
        "cue_words": {"craves": "H"},
        "states": [pack(ws) for ws in states],
        "weights": {"w": {"craves": pack([0, 0, 500, 0, 0]), ".": pack([400, 0, 0, 0, 0])},
                    "n1": {"craves": pack([0, 200, 0, 0, 0])}},
        "filter": filter_weights or {},
        "threshold": threshold,
    }
    return Tagger.from_data(data)


def test_packed_weights_sum_to_each_label_score():
    a, b = pack([3, -2, 0, 7, -5]), pack([1, 1, 1, 1, -1])
    assert unpack(a) == [3, -2, 0, 7, -5]
    total = a + b
    fields = [((total >> (FIELD * k)) & ((1 << FIELD) - 1)) - 2 * BIAS for k in range(5)]
    assert fields == [4, -1, 1, 8, -6]
    assert unpack(pack([BIAS - 1, 1 - BIAS, 0, 0, 0])) == [BIAS - 1, 1 - BIAS, 0, 0, 0]


def test_tokens_keep_offsets_and_join_abbreviations_and_possessives():
    text = "Sen. Ruiz's aide said no."
    assert [w for _, _, w in tokens(text, 0, len(text))] == \
        ["Sen", ".", "Ruiz's", "aide", "said", "no", "."]
    assert all(text[s:e] == w for s, e, w in tokens(text, 0, len(text)))


def test_runs_and_a_b_label_opening_a_new_content():
    labels = [O, S, Q, B, I, I, B, I, O, I]
    assert runs(labels, {B, I}) == [(3, 5), (6, 7), (9, 9)]
    assert runs(labels, {Q}) == [(2, 2)]
    # content pieces are joined across gaps holding no cue or source
    assert merged([(3, 5), (9, 9)], labels, 100) == [(3, 9)]
    assert merged([(3, 5), (9, 9)], labels, 2) == [(3, 5), (9, 9)]
    assert merged([(0, 0), (3, 5)], labels, 100) == [(0, 0), (3, 5)]  # a cue between


def test_tag_labels_source_cue_and_content_with_margins():
    toks = tokens(TEXT, 0, len(TEXT))
    labels, margins = toy().tag(toks, [])
    assert [LABELS[k] for k in labels] == ["S", "Q", "B", "I", "I", "O"]
    assert margins == [200, 500, 100, 100, 100, 300]


def test_candidates_need_a_cue_word_and_enough_tokens():
    tagger = toy()
    tagger.min_tokens = 3
    (cand,) = candidates(TEXT, [(0, len(TEXT), [])], tagger)
    assert (cand.start, cand.end) == span(TEXT, "a new bridge")
    assert (cand.cue_start, cand.cue_end) == span(TEXT, "craves")
    assert cand.source == span(TEXT, "Ruiz")
    assert (cand.n_tokens, cand.to_end, cand.mean_margin, cand.min_margin) == (3, True, 100, 100)
    tagger.min_tokens = 4
    assert list(candidates(TEXT, [(0, len(TEXT), [])], tagger)) == []
    other = "Ruiz likes a new bridge."  # no word the corpus used as a cue: not tagged
    tagger.min_tokens = 1
    assert list(candidates(other, [(0, len(other), [])], tagger)) == []


def test_pipeline_adds_what_the_rules_miss_with_the_filter_probability(monkeypatch):
    tagger = toy(threshold=0.5, filter_weights={"cue=craves": 1.0})
    tagger.min_tokens = 3
    monkeypatch.setattr(PIPELINE, "_tagger", lambda: tagger)
    assert extract(TEXT, learned=False) == []  # the rules propose nothing here
    (st,) = extract(TEXT)
    assert (st.start, st.end, st.kind) == (*span(TEXT, "a new bridge"), "indirect")
    assert (st.speaker, st.speaker_kind, st.cue) == ("Ruiz", "named_person", "craves")
    assert (st.speaker_start, st.speaker_end) == span(TEXT, "Ruiz")
    assert st.confidence == 0.73  # the filter's probability: 1 / (1 + e^-1)
    strict = toy(threshold=0.9, filter_weights={"cue=craves": 1.0})
    strict.min_tokens = 3
    monkeypatch.setattr(PIPELINE, "_tagger", lambda: strict)
    assert extract(TEXT) == []


def test_pipeline_leaves_sentences_the_rules_cover_to_the_rules(monkeypatch):
    text = "Ruiz said a new bridge craves paint."
    tagger = toy()
    tagger.min_tokens = 1
    monkeypatch.setattr(PIPELINE, "_tagger", lambda: tagger)
    assert [(st.cue, st.text) for st in extract(text)] == [("said", "a new bridge craves paint")]


def test_tagger_is_deterministic():
    text = ("The governor wants lawmakers to approve the budget by June. The senator, "
            "citing a new audit, called for a review of the contract.")
    assert [st.to_json() for st in extract(text)] == [st.to_json() for st in extract(text)]


def test_shipped_weights_hold_words_and_integers_not_sentences():
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert set(data["weights"]) <= set(TEMPLATES)
    for table in data["weights"].values():
        for value, packed in table.items():
            assert len(value.split()) <= 2 and isinstance(packed, int)
            assert packed == pack(unpack(packed))  # five weights, each within its field
    assert 0 < data["threshold"] < 1
    assert WEIGHTS.stat().st_size < 4_000_000


def test_shipped_tagger_finds_a_belief_the_rules_miss():
    text = "The pier is closed. The coach hopes that his team will make the playoffs this season."
    assert extract(text, tagged=False) == []  # "hopes" is in no word list of the rules
    (st,) = extract(text)
    assert (st.start, st.end) == span(text, "that his team will make the playoffs this season")
    assert (st.cue, st.speaker, st.speaker_kind, st.kind) == \
        ("hopes", "The coach", "anonymous_person", "indirect")
    assert (st.speaker_start, st.speaker_end) == span(text, "The coach")
    assert Tagger.load().threshold <= st.confidence < 1  # the filter's probability


def test_shipped_tagger_leaves_plain_facts_alone():
    text = ("The bridge opened in 1931. It carries about 40,000 cars a day. Its towers were "
            "painted red in 1990.")
    assert extract(text) == []
