"""Direct quotations: placement of the attribution, marks, runs, paragraphs."""
import pytest

from verify.attribution import extract

from .helpers import content, only, span, speaker


@pytest.mark.parametrize("open_, close", [("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"),
                                          ("''", "''")])
def test_quote_before_attribution_with_any_marks(open_, close):
    text = f"{open_}The bridge will reopen in May,{close} said Dana Ruiz, the city engineer."
    st = only(text)
    assert content(st) == span(text, f"{open_}The bridge will reopen in May,{close}")
    assert (st.speaker, st.cue, st.kind) == ("Dana Ruiz", "said", "direct")
    assert st.speaker_kind == "named_person"


def test_attribution_before_quote_with_comma():
    text = 'The mayor said, "We have no money left for the pool."'
    st = only(text)
    assert content(st) == span(text, '"We have no money left for the pool."')
    assert speaker(st) == span(text, "The mayor")
    assert st.kind == "direct"


def test_colon_introduction():
    text = "Ruiz put it bluntly: \u201cThe budget is gone. Nothing is left.\u201d"
    st = only(text)
    assert content(st) == span(text, "\u201cThe budget is gone. Nothing is left.\u201d")
    assert (st.speaker, st.speaker_kind, st.cue, st.kind) == ("Ruiz", "named_person", ":",
                                                              "direct")
    assert (st.cue_start, st.cue_end) == span(text, ":")


def test_attribution_inside_quote_gives_two_pieces():
    text = "\u201cWe tried,\u201d Ruiz said. \u201cBut the council refused to listen.\u201d"
    first, second = extract(text)
    assert content(first) == span(text, "\u201cWe tried,\u201d")
    assert content(second) == span(text, "\u201cBut the council refused to listen.\u201d")
    assert second.speaker == "Ruiz" and second.continues
    joined = only(text, join=True)
    assert joined.spans == [content(first), content(second)]


def test_multi_sentence_quote_is_one_statement():
    text = "\u201cThe plan failed. It cost too much. We start again,\u201d Ruiz said."
    st = only(text)
    assert content(st) == span(text, "\u201cThe plan failed. It cost too much. We start again,\u201d")


def test_multi_paragraph_quote_continues_without_closing_mark():
    text = ("Ruiz spoke last. \u201cThe first phase is finished.\n"
            "\u201cThe second phase starts next year,\u201d she said.")
    statements = extract(text)
    assert [content(st) for st in statements] == [
        (text.index("\u201cThe first"), text.index(" she said"))]
    assert statements[0].kind == "mixed" or statements[0].kind == "direct"


def test_continuation_in_next_paragraph_inherits_speaker():
    text = ('"We will appeal," said Omar Haddad, the union president.\n'
            '"Nobody consulted the workers before the vote."')
    first, second = extract(text)
    assert second.speaker == "Omar Haddad" and speaker(second) == speaker(first)
    assert content(second) == span(text, '"Nobody consulted the workers before the vote."')
    assert not second.continues  # another paragraph: inherited, but not folded


def test_short_scare_quote_without_frame_has_no_speaker():
    text = 'The so-called "reform package" passed on Monday after a long debate.'
    st = only(text)
    assert st.speaker is None and st.kind == "direct"
    assert content(st) == span(text, '"reform package"')
