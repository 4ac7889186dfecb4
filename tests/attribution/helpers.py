"""Small helpers for exact-span assertions on texts written for these tests."""
from verify.attribution import extract


def span(text, piece, after=0):
    """(start, end) of ``piece`` in ``text`` (searching from ``after``)."""
    start = text.index(piece, after)
    return start, start + len(piece)


def only(text, **kwargs):
    """The single statement extracted from ``text``."""
    found = extract(text, **kwargs)
    assert len(found) == 1, [(st.text, st.speaker) for st in found]
    return found[0]


def content(st):
    return st.start, st.end


def speaker(st):
    return st.speaker_start, st.speaker_end
