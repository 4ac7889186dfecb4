"""Reported speech boundaries fixed in the speech round, one construction per test."""
import pytest

from verify.attribution import extract

from .helpers import content, only, span


def test_according_to_source_described_without_comma():
    # what follows the source ("who ...") describes it: the content is the clause before
    text = ("The mill's output was falling, and its debts were mounting, according to "
            "two clerks who kept its books.")
    st = only(text)
    assert content(st) == span(text, "The mill's output was falling, and its debts "
                                     "were mounting")
    assert st.speaker == "two clerks"


def test_according_to_long_source():
    text = ("What most voters in both towns want is a new school, according to early "
            "results of a survey conducted by Pell Research for the Gazette.")
    st = only(text)
    assert content(st) == span(text, "What most voters in both towns want is a new school")


def test_content_opening_with_this_before_according_to():
    # "This week," is an introduction; "This room had ..." is a clause
    text = "This room held two sofas and a piano, according to harbor records."
    st = only(text)
    assert content(st) == span(text, "This room held two sofas and a piano")
    assert st.speaker == "harbor records"


def test_this_week_is_still_an_introduction():
    text = "This week, the harbor master said the pier was safe."
    st = only(text)
    assert content(st) == span(text, "the pier was safe")


def test_inverted_speech_frame_holds_a_stance_aside():
    # the stance cue sits in an aside: the speech frame after it reports the whole clause
    text = ("Even as the race moves north, to a county she hoped to carry easily, the "
            "contest will be close, said Omar Pell, an analyst in Albany.")
    st = next(s for s in extract(text) if s.cue == "said")
    assert content(st) == span(text, "Even as the race moves north, to a county she hoped "
                                     "to carry easily, the contest will be close")
    assert st.speaker == "Omar Pell, an analyst in Albany"
    assert [s.cue for s in extract(text)] == ["said"]


def test_asked_with_an_adverb_before_the_question():
    text = "Asked specifically what should be done with the pier, the residents were split."
    st = only(text)
    assert content(st) == span(text, "what should be done with the pier")
    assert (st.cue, st.speaker) == ("Asked", None)


def test_when_asked_which():
    text = "When asked which quality mattered most, only a fifth of them named honesty."
    st = only(text)
    assert content(st) == span(text, "which quality mattered most")


def test_asked_with_a_phrase_before_the_question():
    # the rules skip the venue or time phrase; only the question is the content
    text = ("Asked during a radio debate why she trailed Osei among young voters, Pell "
            "said she would gain ground.")
    asked = next(st for st in extract(text, learned=False) if st.cue == "Asked")
    assert content(asked) == span(text, "why she trailed Osei among young voters")
    text = "Asked at a briefing Monday about the audit, Pell said he knew nothing."
    asked = next(st for st in extract(text, learned=False) if st.cue == "Asked")
    assert content(asked) == span(text, "the audit")


def test_long_clause_with_commas_before_an_inverted_said():
    # "X, whom ..., said Omar Pell, ...": the clause is the content, the name after
    # "said" the speaker
    text = ("Lee also lacks friends on the council, whom she has angered with her "
            "speeches, said Omar Pell, director of the civic league.")
    st = only(text)
    assert content(st) == span(text, "Lee also lacks friends on the council, whom she "
                                     "has angered with her speeches")
    assert st.speaker == "Omar Pell, director of the civic league"


def test_appositive_speaker_before_said_and_a_clause():
    text = "Ann Lee, the mayor, said the bridge was safe."
    st = only(text)
    assert content(st) == span(text, "the bridge was safe")
    assert st.speaker == "Ann Lee, the mayor"


def test_appositive_speaker_after_a_clause_and_a_comma():
    # "<clause>, her aide, Tad Pell, told ...": the clause is the content
    text = "The race is close, her top aide, Tad Pell, told the Gazette."
    st = only(text)
    assert content(st) == span(text, "The race is close")
    assert st.speaker == "her top aide, Tad Pell"


def test_coordinated_speakers_after_the_content():
    text = "The vote was rigged, Lee and Pell said on Monday."
    st = only(text)
    assert content(st) == span(text, "The vote was rigged")
    assert st.speaker == "Lee and Pell"


def test_and_joins_no_mentions_after_a_preposition():
    # "in Iowa and Pell": only after a break is "X and Y" one mention
    text = "Lee won in Iowa and Pell said the race was over."
    st = only(text)
    assert st.speaker == "Pell"
    assert content(st) == span(text, "the race was over")


def test_inverted_frame_between_subject_and_verb():
    # the speaker and the appositive are left out of the content, which is both pieces
    text = ("Any fair reading of the vote, said Omar Pell, an analyst at the league, "
            "would count it as a defeat.")
    st = only(text)
    assert [text[a:b] for a, b in st.spans] == ["Any fair reading of the vote",
                                                "would count it as a defeat"]
    assert st.speaker == "Omar Pell, an analyst at the league"


def test_inverted_frame_with_a_relative_clause_is_not_resumed():
    text = "The plan failed, said Ann Lee, who was the mayor's aide."
    st = only(text)
    assert content(st) == span(text, "The plan failed")


def test_content_stops_before_in_an_interview():
    text = "Lee said the pier was safe in a televised interview on Monday."
    st = only(text)
    assert content(st) == span(text, "the pier was safe")


def test_content_stops_before_on_the_condition_of_anonymity():
    text = ("An aide said the mayor would resign on the condition of anonymity because "
            "the talks were private.")
    st = only(text)
    assert content(st) == span(text, "the mayor would resign")


@pytest.mark.parametrize("text", [
    "The harbour master wrote to the council on Monday.",
    "Okafor spoke to the ferry crews, then left.",
])
def test_an_addressee_after_to_is_no_content(text):
    assert extract(text, learned=False) == []


def test_content_after_an_addressee_starts_at_that():
    text = "The harbour master wrote to the council that the pier was unsafe."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found == [("The harbour master", "wrote", span(text, "that the pier was unsafe"))]


@pytest.mark.parametrize("text, piece", [
    ("Two-thirds of riders in the county support the new ferry timetable, a survey found.",
     "Two-thirds of riders in the county support the new ferry timetable"),
    ("Large parts of the harbour are silting up faster than before, other surveys have "
     "shown.", "Large parts of the harbour are silting up faster than before"),
    ("Slower trade on the island is being offset by more tourism in the harbour towns, "
     "the council said.",
     "Slower trade on the island is being offset by more tourism in the harbour towns"),
])
def test_content_never_runs_over_its_own_closing_frame(text, piece):
    # the end ranker used to take the frame in: "..., the council said" was content
    st = only(text)
    assert content(st) == span(text, piece)


@pytest.mark.parametrize("text, cue, piece", [
    ("The mayor did not say that the pier would reopen.", "did not say",
     "that the pier would reopen"),
    ("The mayor never claimed the pier was safe.", "never claimed", "the pier was safe"),
    ("The council hasn\u2019t denied that the pier is unsafe.", "hasn\u2019t denied",
     "that the pier is unsafe"),
    # a negation inside the content stays there
    ("The mayor said the pier would not reopen.", "said", "the pier would not reopen"),
])
def test_a_negated_cue_shows_its_negation(text, cue, piece):
    st = only(text)
    assert (st.cue, (st.cue_start, st.cue_end), content(st)) == (
        cue, span(text, cue), span(text, piece))


@pytest.mark.parametrize("text, first", [
    ("The office confirmed it had received the letter but declined to comment.",
     "it had received the letter"),
    ("The harbour board said the levy was fair and accused the operator of lying.",
     "the levy was fair"),
])
def test_a_coordinated_frame_leaves_no_dangling_conjunction(text, first):
    found = extract(text, learned=False)
    assert content(found[0]) == span(text, first)
    assert len(found) == 2


@pytest.mark.parametrize("text, piece", [
    ("PORT ELLIS (Reuters) - The ferry operator will raise fares, its chief executive "
     "said.", "The ferry operator will raise fares"),
    ("KABUL, Afghanistan (AP) \u2014 The talks have collapsed, officials said.",
     "The talks have collapsed"),
    ("HARBOUR CITY -- Fares will rise next month, the operator said.",
     "Fares will rise next month"),
])
def test_a_dateline_is_no_content(text, piece):
    assert content(only(text)) == span(text, piece)


def test_an_acronym_subject_with_a_dash_aside_is_no_dateline():
    text = "NATO - the alliance - said the talks were over."
    st = only(text)
    assert (st.speaker, content(st)) == ("NATO", span(text, "the talks were over"))


def test_an_abbreviation_in_the_speaker_is_no_sentence_end():
    text = ("The ferry could run all winter, but only if the council pays for it, "
            "Sen. Ann Lee (R-Ore.) told the Island Gazette on Thursday.")
    st = only(text)
    assert (st.speaker, content(st)) == (
        "Sen. Ann Lee (R-Ore.)",
        span(text, "The ferry could run all winter, but only if the council pays for it"))


def test_according_to_keeps_an_approximation_opening_the_content():
    text = "According to the coastguard, about 40 tonnes of fuel escaped."
    st = only(text)
    assert (st.speaker, content(st)) == (
        "the coastguard", span(text, "about 40 tonnes of fuel escaped"))


@pytest.mark.parametrize("text, speaker, piece", [
    ("According to Anna Berg, chief economist at Nordbank, the cut will add 2 billion "
     "to the deficit.", "Anna Berg, chief economist at Nordbank",
     "the cut will add 2 billion to the deficit"),
    ("According to Ann Lee, a lawyer for the family, the appeal was filed on Friday.",
     "Ann Lee, a lawyer for the family", "the appeal was filed on Friday"),
    # a noun phrase that is no role is the content's, not the source's
    ("According to the council, the pier, built in 1890, is unsafe.", "the council",
     "the pier, built in 1890, is unsafe"),
    ("In the view of Anna Berg, the cut will add 2 billion to the deficit.", "Anna Berg",
     "the cut will add 2 billion to the deficit"),
])
def test_according_to_source_keeps_its_role(text, speaker, piece):
    st = only(text)
    assert (st.speaker, content(st)) == (speaker, span(text, piece))


def test_according_to_inside_a_sentence_takes_both_pieces():
    text = "The plan, according to most economists, is unaffordable."
    st = only(text)
    assert (st.speaker, st.to_json()["spans"]) == (
        "most economists", [list(span(text, "The plan")), list(span(text, "is unaffordable"))])


def test_in_the_words_of_attributes_the_sentence():
    text = "But the mayor does not like \u201csurprises,\u201d in the words of one aide."
    st = only(text)
    assert (st.speaker, st.cue) == ("one aide", "in the words of")
