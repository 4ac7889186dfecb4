"""Indirect and mixed reported speech, one construction per test."""
import pytest

from .helpers import content, only, span, speaker


@pytest.mark.parametrize("cue", ["said", "asserted", "revealed", "claimed", "warned",
                                 "insisted", "suggested", "argued", "noted"])
def test_speaker_cue_that_clause(cue):
    text = f"The treasurer {cue} that the bond sale would cover the deficit."
    st = only(text)
    assert content(st) == span(text, "that the bond sale would cover the deficit")
    assert speaker(st) == span(text, "The treasurer")
    assert (st.cue, st.kind) == (cue, "indirect")


def test_said_without_that():
    text = "Kim Osei said the bond sale would cover the deficit."
    st = only(text)
    assert content(st) == span(text, "the bond sale would cover the deficit")
    assert st.speaker == "Kim Osei"


def test_content_before_frame():
    text = "The bond sale will cover the deficit, the treasurer said on Tuesday."
    st = only(text)
    assert content(st) == span(text, "The bond sale will cover the deficit")
    assert st.speaker == "the treasurer"


def test_frame_interrupting_content():
    text = "The bond sale, the treasurer said, will not cover the deficit."
    st = only(text)
    assert st.spans == [span(text, "The bond sale"), span(text, "will not cover the deficit")]


def test_told_skips_the_listener():
    text = "Osei told reporters that the vote was rigged."
    st = only(text)
    assert content(st) == span(text, "that the vote was rigged")
    assert st.cue == "told"


def test_denied():
    text = "The company denied that it had dumped waste in the river."
    st = only(text)
    assert content(st) == span(text, "that it had dumped waste in the river")
    assert st.speaker_kind == "organization"


def test_accused_of():
    text = "Osei accused the council of hiding the audit from voters."
    st = only(text)
    assert content(st) == span(text, "the council of hiding the audit from voters")


def test_according_to_first():
    text = "According to the audit, the fund lost half its value."
    st = only(text)
    assert content(st) == span(text, "the fund lost half its value")
    assert (st.speaker, st.speaker_kind, st.cue) == ("the audit", "document", "According to")


def test_according_to_last():
    text = "The fund lost half its value, according to two former trustees."
    st = only(text)
    assert content(st) == span(text, "The fund lost half its value")
    assert st.speaker == "two former trustees" and st.speaker_kind == "group"


def test_possessive_claim_that():
    text = "Nobody checked Osei's claim that the ballots were burned."
    st = only(text)
    assert content(st) == span(text, "the ballots were burned")
    assert (st.speaker, st.cue) == ("Osei", "claim")


def test_claim_by_speaker_that():
    text = "The allegations by local residents that the water was unsafe were ignored."
    st = only(text)
    assert st.speaker == "local residents" and st.cue == "allegations"
    assert content(st) == span(text, "the water was unsafe were ignored")


def test_adding_that_continues_the_speaker():
    text = "Osei said the vote was fair, adding that the count took too long."
    first, second = only_two(text)
    assert content(first) == span(text, "the vote was fair")
    assert content(second) == span(text, "that the count took too long")
    assert second.speaker == "Osei"


def test_mixed_quote():
    text = 'Osei said the audit was "a complete whitewash" and should be redone.'
    st = only(text)
    assert content(st) == span(text, 'the audit was "a complete whitewash" and should be redone')
    assert st.kind == "mixed"


def test_belief_verb_needs_a_clause():
    assert only_or_none("Most voters believe that the tax is unfair.").cue == "believe"
    assert only_or_none("Most voters believe the mayor.") is None


def only_two(text):
    from verify.attribution import extract
    found = extract(text)
    assert len(found) == 2, [(st.text, st.speaker) for st in found]
    return found


def only_or_none(text):
    from verify.attribution import extract
    found = extract(text)
    assert len(found) <= 1
    return found[0] if found else None


def test_when_asked_question_has_no_speaker():
    from verify.attribution import extract
    text = "When asked whether the city should pay, he said the council must decide."
    question, answer = extract(text)
    assert content(question) == span(text, "whether the city should pay")
    assert question.speaker is None and question.cue == "asked"
    assert content(answer) == span(text, "the council must decide")


def test_referring_to_takes_the_clause_subject():
    from verify.attribution import extract
    text = "The mayor defended the plan, referring to the flood last spring."
    defended, referring = extract(text)
    assert content(defended) == span(text, "the plan")
    assert content(referring) == span(text, "the flood last spring")
    assert referring.speaker == "The mayor"


def test_coordinated_cue_verbs_share_the_subject():
    from verify.attribution import extract
    text = "The minister denounced the report and rejected calls for an inquiry."
    first, second = extract(text)
    assert (first.cue, first.speaker) == ("denounced", "The minister")
    assert (second.cue, second.speaker) == ("rejected", "The minister")
    assert content(second) == span(text, "calls for an inquiry")


def test_plural_subject_opening_a_sentence():
    text = "Polls show the race is tied in three states."
    st = only(text)
    assert (st.speaker, st.cue) == ("Polls", "show")
    assert content(st) == span(text, "the race is tied in three states")


def test_stance_inside_reported_content_is_not_a_statement():
    text = "Ruiz said the mayor opposes the bridge because it costs too much."
    st = only(text)
    assert st.cue == "said"
    assert content(st) == span(text, "the mayor opposes the bridge because it costs too much")


def test_speech_inside_reported_content_is_kept():
    from verify.attribution import extract
    text = "Ruiz said that the mayor told reporters the bridge was unsafe."
    assert [st.cue for st in extract(text)] == ["said", "told"]


def test_naming_call_is_not_a_cue():
    from verify.attribution import extract
    assert extract("She founded a group called Rise Up in the spring of that year.") == []
    text = "Critics called the plan a giveaway to developers."
    assert only(text).cue == "called"


def test_stance_needs_someone_to_hold_it():
    from verify.attribution import extract
    assert extract("The flooding threatens to close the bridge for a month.") == []
    assert only("The mayor threatens to close the bridge for a month.").speaker == "The mayor"


def test_according_to_covers_an_earlier_frame():
    from verify.attribution import extract
    text = "The publisher declined to renew the contract, according to two agents."
    according = [st for st in extract(text) if st.cue == "according to"][0]
    assert content(according) == span(text, "The publisher declined to renew the contract")
