"""Indirect and mixed reported speech, one construction per test."""
import pytest

from verify.attribution import extract

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


def test_speech_inside_reported_content_is_proposed_and_judged():
    from verify.attribution import extract
    text = "Ruiz said that the mayor told reporters the bridge was unsafe."
    # the rules propose both; the scorer keeps the nested one only when likely, and
    # here the outer statement carries it, with who reported it
    assert [st.cue for st in extract(text, learned=False)] == ["said", "told"]
    st = only(text)
    assert (st.cue, content(st)) == (
        "said", span(text, "that the mayor told reporters the bridge was unsafe"))


def test_naming_call_is_not_a_cue():
    from verify.attribution import extract
    assert extract("She founded a group called Rise Up in the spring of that year.") == []
    text = "Critics called the plan a giveaway to developers."
    assert only(text).cue == "called"


def test_noun_like_cue_after_a_compound_adjective_is_a_noun():
    from verify.attribution import extract
    # "Norway-mediated" is no one who talks: "talks" is the noun here
    assert extract("With the Norway-mediated talks ending in failure, both sides left.",
                   learned=False) == []


def test_stance_needs_someone_to_hold_it():
    from verify.attribution import extract
    assert extract("The flooding threatens to close the bridge for a month.") == []
    assert only("The mayor threatens to close the bridge for a month.").speaker == "The mayor"


def test_according_to_covers_an_earlier_frame():
    from verify.attribution import extract
    text = "The publisher declined to renew the contract, according to two agents."
    according = [st for st in extract(text) if st.cue == "according to"][0]
    assert content(according) == span(text, "The publisher declined to renew the contract")


@pytest.mark.parametrize("text, piece", [
    ("The senator railed against the new toll at the hearing.", "the new toll"),
    ("Ann Lee talked about her plans for the harbour.", "her plans for the harbour"),
])
def test_preposition_after_a_stance_cue_belongs_to_the_cue(text, piece):
    st = only(text)
    assert content(st) == span(text, piece)


@pytest.mark.parametrize("text, cue, piece", [
    ("The mayor pledged to rebuild the pier, aides said.", "pledged", "to rebuild the pier"),
    ("The union decided to accept the offer.", "decided", "to accept the offer"),
    ("Dana Ruiz congratulated her rival on the result.", "congratulated",
     "her rival on the result"),
])
def test_intention_and_attitude_verbs_are_cues(text, cue, piece):
    st = extract(text)[0]
    assert (st.cue, content(st)) == (cue, span(text, piece))


def test_headline_cue_after_a_capitalised_subject():
    text = "Harbour Chief Says New Pier Will Open In June\n\nThe pier was built in a year."
    st = extract(text)[0]
    assert (st.speaker, st.cue) == ("Harbour Chief", "Says")
    assert content(st) == span(text, "New Pier Will Open In June")


def test_capitalised_place_name_is_not_a_headline_cue():
    assert extract("The United States Reports Office opened in the old mill.") == []


@pytest.mark.parametrize("between", ["doesn't", "didn\u2019t", "can't quite", "won't"])
def test_negated_auxiliary_between_speaker_and_cue(between):
    text = f"The treasurer {between} want to delay the bond sale."
    st = only(text)
    assert speaker(st) == span(text, "The treasurer")
    assert content(st) == span(text, "to delay the bond sale")


def test_passive_with_agent_gives_the_agent_the_stance():
    text = "The toll plan was rejected by the harbour board on Monday."
    st = only(text)
    assert content(st) == span(text, "The toll plan")
    assert speaker(st) == span(text, "the harbour board")


def test_passive_without_agent_is_not_a_statement():
    assert extract("The toll plan was rejected on Monday.") == []


def test_frame_without_content_leaves_its_words_to_the_next_frame():
    text = "The new toll is worrying, Dana Ruiz said."
    st = only(text)
    assert (st.cue, content(st)) == ("said", span(text, "The new toll is worrying"))


@pytest.mark.parametrize("text, first, second", [
    ("It was, she said, one of the worst floods in years.", "It was",
     "one of the worst floods in years"),
    ("Two years ago, the mayor said, the pier was a ruin.", "Two years ago",
     "the pier was a ruin"),
])
def test_frame_interrupting_content_before_a_determiner(text, first, second):
    st = only(text)
    assert st.spans == [span(text, first), span(text, second)]


def test_document_opening_a_headline_finds():
    text = "Survey finds the riders want later buses"
    st = only(text)
    assert (st.speaker, st.speaker_kind, st.cue) == ("Survey", "document", "finds")


@pytest.mark.parametrize("text, who, cue, piece", [
    ("Ruiz's criticism of the toll plan, first heard in May, grew louder.", "Ruiz",
     "criticism of", "the toll plan"),
    ("The union has concerns about the night shifts.", "The union", "concerns about",
     "the night shifts"),
    ("Their calls for a recount were ignored, officials said.", "Their", "calls for",
     "a recount were ignored"),
])
def test_cue_noun_with_a_preposition(text, who, cue, piece):
    # the rules' construction (whether the learned scorer keeps a three-word content
    # moves with each retraining: the first one scores just under its threshold)
    st = extract(text, learned=False)[0]
    assert (st.speaker, st.cue, content(st)) == (who, cue, span(text, piece))


def test_any_cue_participle_after_a_comma_continues_the_subject():
    text = "Ruiz has spoken for an hour, criticizing the toll, calling for a new ferry."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text)]
    assert found == [("Ruiz", "criticizing", span(text, "the toll")),
                     ("Ruiz", "calling for", span(text, "a new ferry"))]


def test_infinitive_cue_takes_the_clause_subject():
    text = "The mayor used her speech to criticize the new toll."
    st = only(text)
    assert (st.speaker, st.cue, content(st)) == ("The mayor", "criticize",
                                                 span(text, "the new toll"))


def test_introduction_holding_a_quoted_title_is_not_content():
    text = 'Speaking on "Morning Edition," Ann Lee said the pier would open in June.'
    st = [st for st in extract(text) if st.cue == "said"][0]
    assert content(st) == span(text, "the pier would open in June")


def test_is_expected_to_is_a_belief_about_the_subject():
    text = "The harbour board is widely expected to approve the new toll."
    st = only(text)
    assert (st.speaker, st.cue) == (None, "expected")
    assert st.spans == [span(text, "The harbour board"), span(text, "to approve the new toll")]


@pytest.mark.parametrize("text, rest", [
    ("The harbour board seems ready to approve the toll.", "ready to approve the toll"),
    ("The pier appeared to be sinking.", "to be sinking"),
])
def test_seem_and_appear_report_an_impression_of_the_subject(text, rest):
    st = only(text)
    assert st.speaker is None
    assert st.spans[1] == span(text, rest)


def test_appearing_somewhere_is_not_an_impression():
    assert extract("The mayor appeared on the radio on Monday.") == []


def test_lowercase_poll_is_a_subject_and_a_time_phrase_may_precede_that():
    text = ("A new harbour poll shows Ruiz well ahead. A second survey found last week that "
            "most riders agree.")
    found = [(st.speaker, st.cue) for st in extract(text)]
    assert found == [("A new harbour poll", "shows"), ("A second survey", "found")]


def test_coordinated_cue_after_an_adverb_shares_the_subject():
    text = "Ann Lee visited the council and officially endorsed the new toll."
    st = only(text)
    assert (st.speaker, st.cue, content(st)) == ("Ann Lee", "endorsed", span(text, "the new toll"))


def test_day_after_the_cue_is_not_content():
    text = "Ruiz said Wednesday she would run again."
    assert content(only(text)) == span(text, "she would run again")


def test_noun_like_cue_after_an_adverb_is_a_verb():
    text = "Ann Lee would reluctantly support the new toll."
    st = only(text)
    assert (st.speaker, st.cue, content(st)) == ("Ann Lee", "support", span(text, "the new toll"))


def test_relative_clause_in_a_speaker_is_a_statement_of_its_own():
    text = "Ann Lee, who said the pier was unsafe, told reporters the ferry would run."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text)]
    assert found == [("who", "said", span(text, "the pier was unsafe")),
                     ("Ann Lee", "told", span(text, "the ferry would run"))]


def test_some_as_a_subject_is_not_a_determiner():
    text = "Some said the ferry would never run again."
    st = only(text)
    assert (st.speaker, content(st)) == ("Some", span(text, "the ferry would never run again"))


def test_reported_speech_in_a_subordinate_clause_ends_at_its_comma():
    text = "While Ruiz has said the pier will reopen, the ferry stays closed."
    st = only(text)
    assert content(st) == span(text, "the pier will reopen")


@pytest.mark.parametrize("text, who, cue", [
    ("Merkel slams new border pact", "Merkel", "slams"),
    ("Ruiz calls on the council to reopen the pier.", "Ruiz", "calls on"),
])
def test_name_opening_a_headline_before_a_noun_like_cue(text, who, cue):
    st = only(text)
    assert (st.speaker, st.cue) == (who, cue)


def test_two_cues_never_share_one_content():
    # Both cues are given "to block the nominee"; only the nearer one keeps it.
    text = "The senator vowed to block the nominee, his aides said."
    st = only(text)
    assert (st.cue, st.speaker, content(st)) == ("vowed", "The senator",
                                                 span(text, "to block the nominee"))


def test_stance_object_keeps_as_phrases_inclusions_and_relative_clauses():
    for text, piece in [
            ("The governor praised the volunteers as heroes of the flood.",
             "the volunteers as heroes of the flood"),
            ("The mayor criticized the budget, including its cuts to schools.",
             "the budget, including its cuts to schools"),
            ("Lee thanked the nurses, who worked through the storm.",
             "the nurses, who worked through the storm")]:
        st = only(text, learned=False)
        assert content(st) == span(text, piece)


@pytest.mark.parametrize("text, piece", [
    ("Okafor's claim that the ferry had \"sailed on time\" is contradicted by the log.",
     'the ferry had "sailed on time"'),
    ("Okafor's claim that he was right and was ready to pay was false.",
     "he was right and was ready to pay"),
])
def test_a_subject_claim_ends_where_the_main_verb_starts(text, piece):
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found == [("Okafor", "claim", span(text, piece))]


@pytest.mark.parametrize("text, cue", [
    ("Greenpeace called for a full inquiry.", "called for"),
    ("The senator railed against the new toll.", "railed against"),
])
def test_the_cue_shows_the_preposition_before_the_content(text, cue):
    st = only(text)
    assert (st.cue, (st.cue_start, st.cue_end)) == (cue, span(text, cue))


def test_a_cue_word_inside_a_hyphenated_compound_is_no_cue():
    text = "Regional counter-terrorism efforts have stalled since the talks collapsed."
    assert extract(text, learned=False) == []


def test_a_participle_after_a_nested_frame_ends_the_outer_content_and_takes_its_subject():
    text = ('The harbour master criticized what she called "reckless" cuts to dredging, '
            'saying they would close the channel.')
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found[0] == ("The harbour master", "criticized",
                        span(text, 'what she called "reckless" cuts to dredging'))
    assert found[-1] == ("The harbour master", "saying",
                         span(text, "they would close the channel"))
