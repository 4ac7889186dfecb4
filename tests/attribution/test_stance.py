"""Stance and belief constructions added in the stance round, one per test."""
from verify.attribution import extract

from .helpers import content, span


def test_citing_after_a_quotation_frame_keeps_the_speaker():
    text = '"The harbour is silting up," Okafor said, citing two dredging surveys.'
    quoted, citing = extract(text)
    assert content(quoted) == span(text, '"The harbour is silting up,"')
    assert (citing.speaker, citing.cue) == ("Okafor", "citing")
    assert content(citing) == span(text, "two dredging surveys")


def test_talking_about_after_a_comma_is_one_cue():
    text = "The warden spoke for an hour, talking about the new ferry timetable."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text)]
    assert found == [("The warden", "talking about",
                      span(text, "the new ferry timetable"))]


def test_reduced_relative_participle_object_ends_at_the_main_verb():
    text = "A trade group supporting the mayor's ferry plan spent $3 million on radio ads."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found == [("A trade group", "supporting", span(text, "the mayor's ferry plan"))]


def test_reduced_relative_keeps_an_object_participle_before_an_auxiliary():
    text = "Farmers opposing the proposed dam have written to the minister."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found == [("Farmers", "opposing", span(text, "the proposed dam"))]


def test_progressive_stance_is_not_a_reduced_relative():
    text = "The union is opposing the road planned by the council."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found == [("The union", "opposing", span(text, "the road planned by the council"))]


def test_a_noun_like_cue_after_a_person_or_institution_noun_is_a_verb():
    text = "The woman disputes that she needed to be taken to hospital at all."
    found = [(st.speaker, st.cue, content(st)) for st in extract(text, learned=False)]
    assert found == [("The woman", "disputes",
                      span(text, "that she needed to be taken to hospital at all"))]
