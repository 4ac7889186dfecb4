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
