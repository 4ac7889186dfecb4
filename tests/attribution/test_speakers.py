"""Speaker kinds and pronoun resolution."""
import pytest

from verify.attribution import extract
from verify.attribution.kinds import classify, name_and_role
from verify.vocabulary import MENTION_KINDS

from .helpers import content, only, span


@pytest.mark.parametrize("mention, kind", [
    ("Dana Ruiz", "named_person"),
    ("Mr. Haddad", "named_person"),
    ("Dana Ruiz, the city engineer", "named_person"),
    ("a senior official familiar with the talks", "anonymous_person"),
    ("one aide", "anonymous_person"),
    ("local residents", "group"),
    ("Republicans", "group"),
    ("the Transport Ministry", "organization"),
    ("the campaign", "organization"),
    ("NATO", "organization"),
    ("the report", "document"),
    ("a leaked memo", "document"),
    ("she", "pronoun"),
    # a common noun opening its sentence is capitalised, yet names no one
    ("Officials", "group"),
    ("Analysts at the bank", "group"),
    ("Witnesses", "group"),
    ("Residents of the town who spoke to reporters", "group"),
    ("Democrats supporting Ann Lee", "group"),
    # reporters' idioms for people they do not name
    ("Sources", "anonymous_person"),
    ("sources close to the family", "anonymous_person"),
    ("People familiar with the matter", "anonymous_person"),
    ("aides briefed on the plan", "anonymous_person"),
    # but a plural with no such idiom stays a group, and a capitalised name a name
    ("Harbour officials", "group"),
    ("Okafor", "named_person"),
    # titles and institutions the lexicon knows
    ("Local MP David Grant", "named_person"),
    ("The harbour authority", "organization"),
    ("Islanders", "group"),
    # an appositive naming the person makes a role a named person
    ("the head of the watchdog, Dr. Helen Park", "named_person"),
    ("her aide, Tad Pell", "named_person"),
    ("a spokesman, who declined to be named", "anonymous_person"),
])
def test_classify(mention, kind):
    assert kind in MENTION_KINDS
    assert classify(mention) == kind


def test_anonymous_speaker_after_quote():
    text = '"The deal is dead," said a senior official who asked not to be named.'
    st = only(text)
    assert st.speaker_kind == "anonymous_person"
    assert st.speaker.startswith("a senior official")


def test_pronoun_resolved_to_previous_named_speaker():
    text = ("Dana Ruiz said the bridge was safe.\n"
            "She added that inspections would continue every month.")
    first, second = extract(text)
    assert second.speaker == "She" and second.speaker_kind == "pronoun"
    assert second.resolved_speaker.text == "Dana Ruiz"
    assert second.speaker_name == "Dana Ruiz"
    assert second.resolution_note is None


def test_pronoun_unsafe_between_two_people():
    text = ("Dana Ruiz said the bridge was safe. Omar Haddad said the bridge was not safe.\n"
            "\u201cWe need another study,\u201d she said.")
    last = extract(text)[-1]
    assert last.speaker == "she"
    assert last.resolved_speaker is None
    assert "ambiguous" in last.resolution_note


def test_pronoun_title_disambiguates():
    text = ("Mrs. Ruiz said the bridge was safe. Mr. Haddad said the bridge was not safe.\n"
            "\u201cWe need another study,\u201d she said.")
    assert extract(text)[-1].resolved_speaker.text == "Mrs. Ruiz"


def test_pronoun_without_antecedent():
    st = only("\u201cWe need another study,\u201d he said.")
    assert st.resolved_speaker is None
    assert st.resolution_note.startswith("no compatible speaker")


def test_they_resolves_to_group_subject():
    text = "Local residents are angry about what they describe as a cover-up by the council."
    st = only(text)
    assert st.speaker == "they"
    assert st.resolved_speaker.text == "Local residents"
    assert st.resolved_speaker.kind == "group"


def test_party_parenthesis_stays_in_the_mention():
    text = "Sen. Ann Lee (D-Ore.) said the audit was late."
    st = only(text)
    assert (st.speaker_start, st.speaker_end) == (0, text.index(" said"))
    assert st.speaker_kind == "named_person"


def test_time_phrase_between_speaker_and_cue():
    text = "The mayor on Tuesday rejected the offer from the developers."
    st = only(text)
    assert st.speaker == "The mayor" and st.cue == "rejected"


def test_subject_before_a_coordinated_verb():
    text = 'I smiled and said, "That bridge will never open."'
    st = only(text)
    assert st.speaker == "I" and st.cue == "said"
    assert (st.start, st.end) == (19, len(text))


def test_participle_cue_takes_the_clause_subject():
    from verify.attribution import extract
    text = "For months, the mayor stayed silent, arguing that the audit must come first."
    st = extract(text)[-1]
    assert st.cue == "arguing" and st.speaker == "the mayor"


@pytest.mark.parametrize("text, speaker, kind", [
    ("An aide to the governor said the vote would be delayed.",
     "An aide to the governor", "anonymous_person"),
    ("A lawyer for the family said the appeal was filed on Friday.",
     "A lawyer for the family", "anonymous_person"),
    ("Two officials at the agency said the audit was finished.",
     "Two officials at the agency", "group"),
])
def test_person_noun_keeps_its_organisation(text, speaker, kind):
    st = only(text)
    assert (st.speaker, st.speaker_kind) == (speaker, kind)


def test_organisation_after_a_preposition_is_not_a_person_link():
    st = only("After talks with the ministry, the union said the strike would go on.")
    assert st.speaker == "the union"


def test_appositive_speaker_after_a_conjunction():
    text = "But Ann Lee, the harbour master, said that the pier would open in June."
    st = only(text)
    assert (st.speaker, st.speaker_kind) == ("Ann Lee, the harbour master", "named_person")


def test_number_with_thousands_separator_is_one_token():
    text = "The agency said more than 1,300 Clinton emails were reviewed."
    st = only(text)
    assert st.text == "more than 1,300 Clinton emails were reviewed"


def test_according_to_source_with_a_slash_is_one_mention():
    text = "According to a new WBUR/Globe poll, Ruiz leads by ten points."
    st = only(text)
    assert st.speaker == "a new WBUR/Globe poll"
    assert st.text == "Ruiz leads by ten points"


@pytest.mark.parametrize("text", [
    "HARBOURTON \u2014 Ann Lee spoke for an hour, saying the pier would open in June.",
    "Here in Harbourton, Ann Lee spoke for an hour, saying the pier would open in June.",
])
def test_participle_speaker_skips_datelines_and_introductions(text):
    st = only(text)
    assert (st.speaker, st.cue) == ("Ann Lee", "saying")


def test_reduced_relative_in_the_speaker_leaves_the_main_frame():
    text = "Residents supporting Mr. Okafor said the ferry would run all winter."
    found = [(st.speaker, st.speaker_kind, st.cue, content(st))
             for st in extract(text, learned=False)]
    assert found == [
        ("Residents", "group", "supporting", span(text, "Mr. Okafor")),
        ("Residents supporting Mr. Okafor", "group", "said",
         span(text, "the ferry would run all winter")),
    ]


def test_participle_aside_after_the_speaker_is_left_out():
    text = ("Two engineers who worked on the report, speaking on the condition of "
            "anonymity because they were not authorized to discuss it, said the "
            "estimate was conservative.")
    st = only(text, learned=False)
    assert (st.speaker, st.speaker_kind, content(st)) == (
        "Two engineers who worked on the report", "group",
        span(text, "the estimate was conservative"))


@pytest.mark.parametrize("text, speaker", [
    # a title's adjective in -ing is no aside
    ("Ann Lee, managing director of the ferry company, said fares would rise.",
     "Ann Lee, managing director of the ferry company"),
    # members of a group stay in its mention
    ("Several captains, including Ann Lee, said the channel was too shallow.",
     "Several captains, including Ann Lee"),
    # a full stop before a comma is an abbreviation's
    ("Sen. Ann Lee, R-Fla., said the channel was too shallow.", "Sen. Ann Lee, R-Fla."),
])
def test_appositive_mentions_keep_what_describes_the_speaker(text, speaker):
    assert only(text, learned=False).speaker == speaker


def test_clause_after_the_cue_is_no_inverted_speaker():
    # "said the report was late" reads as a clause, not as "said <speaker>"
    text = "The pier is rusting, the railings are gone, said the report was late."
    assert extract(text, learned=False) == []


@pytest.mark.parametrize("text, speaker, kind", [
    ("A statement from the ministry said the ferry would run.",
     "A statement from the ministry", "document"),
    ("A poll by the Harbour Gazette found that most riders back the timetable.",
     "A poll by the Harbour Gazette", "document"),
])
def test_document_keeps_its_author(text, speaker, kind):
    st = only(text)
    assert (st.speaker, st.speaker_kind) == (speaker, kind)


def test_it_resolves_to_the_one_organisation_just_named():
    text = ("The harbour authority disputed the figure. In a statement, it said the levy "
            "was fair.")
    st = extract(text)[-1]
    assert (st.speaker, st.resolved_speaker.text, st.resolution_note) == (
        "it", "The harbour authority", None)


def test_it_is_not_resolved_between_two_organisations():
    text = ("The harbour authority disputed the figure, and the ferry company defended "
            "it. It said the levy was unfair.")
    st = extract(text)[-1]
    assert (st.speaker, st.resolved_speaker, st.resolution_note) == (
        "It", None, "ambiguous: 'It' could be 'the ferry company' or "
        "'The harbour authority'")


def test_anonymity_clause_of_a_speaker_is_no_statement():
    text = 'One aide, who asked not to be named, described the letter as "a stunt."'
    st = only(text)
    assert (st.speaker, st.cue) == ("One aide", "described")


@pytest.mark.parametrize("text, speaker, kind", [
    ("Officials in Kabul said the talks had stalled.", "Officials in Kabul", "group"),
    ("A majority of residents in the county oppose the toll.",
     "A majority of residents in the county", "group"),
    ("Most of the traders at the market said the toll was too high.",
     "Most of the traders at the market", "group"),
    ("Democrats in Congress said the bill was dead.", "Democrats in Congress", "group"),
])
def test_a_place_after_people_stays_in_their_mention(text, speaker, kind):
    st = only(text, learned=False)
    assert (st.speaker, st.speaker_kind) == (speaker, kind)


def test_a_coordinated_cue_shares_the_first_verbs_full_mention():
    text = ('The minister, Claire Dubois, said she trusted the figures, but added: '
            '"We will check everything."')
    assert [(st.speaker, st.cue) for st in extract(text)] == [
        ("The minister, Claire Dubois", "said"), ("The minister, Claire Dubois", "added")]


def test_for_his_part_is_no_part_of_the_speaker():
    st = only("The harbour master, for his part, insists the pier is safe.")
    assert st.speaker == "The harbour master"


@pytest.mark.parametrize("text, speaker", [
    ('"We are done," said the head of the agency.', "the head of the agency"),
    ('"We are done," said Senator Ann Lee of Oregon.', "Senator Ann Lee of Oregon"),
    ('"We are done," said Ann Lee, a lawyer for the family. She left.',
     "Ann Lee, a lawyer for the family"),
    ('"We are done," wrote the authors of the \u201cHarbour Plan.\u201d', "the authors"),
])
def test_inverted_speaker_keeps_its_role(text, speaker):
    st = extract(text)[0]
    assert (st.speaker, (st.speaker_start, st.speaker_end)) == (speaker, span(text, speaker))


@pytest.mark.parametrize("mention, name, role", [
    ("Ann Lee, a lawyer for the family", "Ann Lee", "a lawyer for the family"),
    ("the head of the watchdog, Dr. Helen Park", "Dr. Helen Park", "the head of the watchdog"),
    ("Sen. Ann Lee (D-Ore.)", "Sen. Ann Lee (D-Ore.)", ""),
])
def test_a_named_mention_splits_into_name_and_role(mention, name, role):
    assert name_and_role(mention) == (name, role)
