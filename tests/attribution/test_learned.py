"""The learned layer: the scorer's keep rule, the boundary ranker, the shipped weights."""
import json
import sys
from dataclasses import replace

from verify.attribution import extract
from verify.attribution.boundaries import candidates, choose
from verify.attribution.extract import rescore
from verify.attribution.learned import DIRECT_FLOOR, WEIGHTS, Scorer, features, generic
from verify.attribution.model import Statement

from .helpers import span

PIPELINE = sys.modules["verify.attribution.extract"]  # the package exports the function

TEXT = "Ruiz said the bridge is unsafe, while the council disagreed."


def statement(text, piece, cue="said", kind="indirect", speaker="Ruiz"):
    start, end = span(text, piece)
    c0, c1 = span(text, cue)
    s0, s1 = span(text, speaker)
    return Statement(start, end, piece, speaker, s0, s1, "named_person", cue, c0, c1, kind,
                     0.7)


def test_candidate_ends_are_the_clause_breaks_and_the_rules_end():
    st = statement(TEXT, "the bridge is unsafe, while the council disagreed")
    ends = [(TEXT[st.start:end], label) for end, label in candidates(TEXT, st)]
    assert ends == [("the bridge is unsafe, while the council disagreed", "orig"),
                    ("the bridge is unsafe", ","),
                    ("the bridge is unsafe,", "while")]


def test_ranker_picks_the_end_its_weights_prefer():
    st = statement(TEXT, "the bridge is unsafe, while the council disagreed")
    assert choose(TEXT, st, {"b=,": 1.0}) == span(TEXT, "the bridge is unsafe")[1]
    assert choose(TEXT, st, {"b=orig": 1.0}) == st.end
    direct = statement('"The bridge is unsafe, while we wait," Ruiz said.',
                       '"The bridge is unsafe, while we wait,"', kind="direct")
    assert choose('"The bridge is unsafe, while we wait," Ruiz said.', direct,
                  {"b=,": 1.0}) == direct.end  # quotations keep their marks


def test_keep_rule_spares_direct_quotes_only():
    scorer = Scorer({}, threshold=0.9)  # every probability is 0.5 here
    indirect = statement(TEXT, "the bridge is unsafe")
    direct = statement(TEXT, "the bridge is unsafe", kind="direct")
    assert not scorer.keeps(indirect, ["cueclass=speech"], 0.5)
    assert scorer.keeps(direct, ["cueclass=speech"], 0.5)
    # a quotation without a cue is dropped when very unlikely (a quoted title)
    bare = replace(direct, cue=None, cue_start=None, cue_end=None)
    assert scorer.keeps(bare, [], DIRECT_FLOOR)
    assert not scorer.keeps(bare, [], DIRECT_FLOOR - 0.01)
    assert scorer.keeps(direct, [], DIRECT_FLOOR - 0.01)  # a cue keeps it
    # nested speech is judged like any other: its outer statement carries it
    assert not scorer.keeps(indirect, ["cueclass=speech", "overlap=inside"], 0.5)
    assert Scorer({}, threshold=0.4).keeps(indirect, [], 0.5)


def test_rescore_sets_confidence_to_the_probability_and_drops_the_unlikely(monkeypatch):
    st = statement(TEXT, "the bridge is unsafe")
    feats = features(TEXT, st, 0)
    weights = {"cue=say": 2.0}
    monkeypatch.setattr(PIPELINE, "_scorer", lambda: Scorer(weights, 0.5))
    (kept,) = rescore(TEXT, [0], [st])
    assert kept.confidence == round(Scorer(weights, 0.5).probability(feats), 2) == 0.88
    monkeypatch.setattr(PIPELINE, "_scorer", lambda: Scorer({"cue=say": -2.0}, 0.5))
    assert rescore(TEXT, [0], [st]) == []


def test_features_hold_shapes_not_names():
    st = statement(TEXT, "the bridge is unsafe")
    feats = features(TEXT, st, 0)
    assert "spfirst=<cap>" in feats and "cueprev=<cap>" in feats
    assert not any("ruiz" in f.lower() for f in feats)
    assert generic("The") == "the" and generic("Council") == "<cap>"


def test_shipped_weights_are_generic_and_used():
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert 0 < data["threshold"] < 1 and data["weights"] and data["boundary"]
    assert data["start"]
    for name in list(data["weights"]) + list(data["boundary"]) + list(data["start"]):
        for value in name.partition("=")[2].split("*"):
            assert len(value.split()) <= 2, name  # nothing longer than two words
            # capitalised words are mapped to <cap>; True/False are flags
            assert value in ("True", "False") or value == value.lower(), name
    learned = extract(TEXT)
    assert learned and all(0 < st.confidence < 1 for st in learned)
    assert [st.confidence for st in extract(TEXT)] == [st.confidence for st in learned]


def test_candidate_ends_reach_past_the_rules_end_to_the_sentence_end():
    text = "Ruiz said the ferry will close in March, even though the council objected."
    st = statement(text, "the ferry will close in March")
    ends = [(text[st.start:end], label) for end, label in candidates(text, st)]
    assert ends == [("the ferry will close in March", "orig"),
                    ("the ferry will close", "in"),  # a trailing prepositional phrase
                    ("the ferry will close in March,", "xeven"),
                    ("the ferry will close in March, even", "xthough"),
                    ("the ferry will close in March, even though the council objected",
                     "xend")]
    assert choose(text, st, {"b=xend": 1.0}) == span(text, "objected")[1]


def test_candidate_ends_stop_at_a_dash_and_stay_out_of_quotations():
    text = 'Ruiz said the pier is "safe, in her view" - for now.'
    st = statement(text, 'the pier is "safe, in her view" - for now')
    ends = [(text[st.start:end], label) for end, label in candidates(text, st)]
    assert ends == [('the pier is "safe, in her view" - for now', "orig"),
                    ('the pier is "safe, in her view"', "-"),
                    ('the pier is "safe, in her view" -', "for")]
