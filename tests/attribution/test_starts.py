"""The learned start ranker: candidate starts, the choice with hand-set weights, and
how the pipeline applies it."""
from verify.attribution.extract import restart
from verify.attribution.starts import candidates, choose, features, sentence_start

from .helpers import span
from .test_learned import statement


def starts_of(text, st):
    return [(text[start:st.end], label) for start, label in candidates(text, st)]


def test_later_starts_follow_the_clause_breaks_inside_the_content():
    text = "Ruiz said that the council, in her view, had to act."
    st = statement(text, "that the council, in her view, had to act")
    assert starts_of(text, st) == [("that the council, in her view, had to act", "orig"),
                                   ("the council, in her view, had to act", "in:that"),
                                   ("in her view, had to act", "in:,"),
                                   ("her view, had to act", "in:in"),
                                   ("had to act", "in:,")]


def test_content_before_the_cue_may_start_at_the_sentence_start_or_a_break():
    text = "The vote is over. By June, after the vote, the ferry will close, Ruiz said."
    st = statement(text, "the ferry will close")
    assert starts_of(text, st) == [("the ferry will close", "orig"),
                                   ("By June, after the vote, the ferry will close", "sent"),
                                   ("after the vote, the ferry will close", "pre:,"),
                                   ("the vote, the ferry will close", "pre:after")]


def test_content_after_the_cue_may_start_right_after_it_never_before():
    text = "Ruiz told reporters on Monday that the pier was unsafe."
    st = statement(text, "the pier was unsafe", cue="told")
    assert starts_of(text, st) == [("the pier was unsafe", "orig"),
                                   ("reporters on Monday that the pier was unsafe", "cue"),
                                   ("Monday that the pier was unsafe", "pre:on")]


def test_no_start_inside_a_quotation_or_leaving_one_word():
    text = 'Ruiz said the plan is "bad, in a word, for us" and must go.'
    st = statement(text, 'the plan is "bad, in a word, for us" and must go')
    assert starts_of(text, st) == [('the plan is "bad, in a word, for us" and must go',
                                    "orig"),
                                   ("must go", "in:and")]


def test_sentence_start_skips_abbreviations():
    text = "The vote came late. Mr. Ruiz said it was close."
    assert sentence_start(text, text.index("it was")) == text.index("Mr.")
    assert sentence_start(text, text.index("came")) == 0


def test_ranker_picks_the_start_its_weights_prefer():
    text = "The vote is over. By June, after the vote, the ferry will close, Ruiz said."
    st = statement(text, "the ferry will close")
    assert choose(text, st, {}) == st.start  # ties keep the rules' start
    assert choose(text, st, {"s=sent": 1.0}) == span(text, "By June")[0]
    assert choose(text, st, {"s*at=pre:,*after": 1.0}) == span(text, "after the")[0]
    # a quotation keeps its marks, an interrupted content its pieces
    quoted = statement('"The ferry will close," Ruiz said.', '"The ferry will close,"',
                       kind="direct")
    assert choose('"The ferry will close," Ruiz said.', quoted, {"s=in:,": 1.0}) == 0


def test_features_say_what_the_moved_words_hold():
    text = "Ruiz told reporters on Monday that the pier was unsafe."
    st = statement(text, "the pier was unsafe", cue="told")
    (_, (start, label), _) = candidates(text, st)
    feats = features(text, st, start, label, 1)
    assert "s*holds=cue*plain" in feats and "s*where=cue*before" in feats
    assert "s*at=cue*reporters" in feats and "s*rules=cue*that" in feats
    before = statement(text, "told reporters on Monday that the pier was unsafe",
                       cue="told")
    assert "s*holds=in:that*cue" in features(text, before, span(text, "the pier")[0],
                                             "in:that", 1)


def test_restart_moves_the_start_and_reads_the_kind_again():
    text = 'Ruiz said the plan, in his words, "is a disgrace."'
    st = statement(text, 'the plan, in his words, "is a disgrace."', kind="mixed")
    assert restart(text, st, {}) is st
    moved = restart(text, st, {"s=in:,": 1.0, "s*at=in:,*in": -1.0})
    assert (moved.start, moved.text, moved.kind) == \
        (span(text, '"is')[0], '"is a disgrace."', "direct")
