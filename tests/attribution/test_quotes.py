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
    # the role after an inverted speaker is in its mention, as before a cue
    assert (st.speaker, st.cue, st.kind) == ("Dana Ruiz, the city engineer", "said", "direct")
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
    quote = "\u201cThe plan failed. It cost too much. We start again,\u201d"
    assert content(st) == span(text, quote)


def test_multi_paragraph_quote_continues_without_closing_mark():
    text = ("Ruiz spoke last. \u201cThe first phase is finished.\n"
            "\u201cThe second phase starts next year,\u201d she said.")
    statements = extract(text)
    assert [content(st) for st in statements] == [
        (text.index("\u201cThe first"), text.index(" she said"))]
    assert statements[0].kind == "direct"
    assert statements[0].speaker == "she" and statements[0].resolved_speaker is None


def test_continuation_in_next_paragraph_inherits_speaker():
    text = ('"We will appeal," said Omar Haddad, the union president.\n'
            '"Nobody consulted the workers before the vote."')
    first, second = extract(text)
    assert second.speaker == "Omar Haddad, the union president" and \
        speaker(second) == speaker(first)
    assert content(second) == span(text, '"Nobody consulted the workers before the vote."')
    assert not second.continues  # another paragraph: inherited, but not folded


def test_embedded_quote_without_cue_is_given_to_the_clause_subject():
    text = 'Council members rallied for "more parking, fewer buses" on Monday.'
    st = only(text)
    assert (st.speaker, st.speaker_kind, st.cue, st.kind) == ("Council members", "group",
                                                              None, "direct")
    assert content(st) == span(text, '"more parking, fewer buses"')
    # a guess: clearly less sure than the same quotation with a cue (the confidence is
    # the scorer's probability, which moves by a few hundredths with each retraining)
    framed = 'Council members said "more parking, fewer buses" on Monday.'
    assert st.confidence <= only(framed).confidence - 0.3


def test_standalone_quote_without_any_attribution_has_no_speaker():
    st = only('The vote was close.\n"Nobody expected this result at all."')
    assert st.speaker is None and st.cue is None


def test_quoted_term_after_a_determiner_is_not_a_statement():
    assert extract('The so-called "reform package" passed on Monday.') == []


def test_speaker_label_line():
    text = "Ruiz: The bridge will reopen in May\nThe council met on Monday."
    st = only(text)
    assert content(st) == span(text, "The bridge will reopen in May")
    assert (st.speaker, st.cue, st.speaker_kind) == ("Ruiz", ":", "named_person")


def test_label_words_are_not_speakers():
    assert extract("Update: The bridge will reopen in May after repairs.") == []


def test_question_quote_keeps_its_attribution():
    text = '"Why would anyone pay for that?" Ruiz asked. The council did not answer.'
    st = only(text)
    assert content(st) == span(text, '"Why would anyone pay for that?"')
    assert (st.speaker, st.cue) == ("Ruiz", "asked")


def test_told_with_listener_and_place_is_a_tail():
    text = "\u201cWe are not leaving,\u201d he told Channel 4 in Leeds."
    st = only(text)
    assert content(st) == span(text, "\u201cWe are not leaving,\u201d")
    assert st.cue == "told"


def test_participial_intro_before_said_quote():
    text = 'Holding up a map, Haddad said, "This road floods every spring."'
    st = only(text)
    assert content(st) == span(text, '"This road floods every spring."')
    assert st.speaker == "Haddad"


def test_open_straight_quote_does_not_swallow_a_curly_paragraph():
    text = ('"The hearing was a farce. Nobody listened.\n'
            "\u201cWe will appeal,\u201d Haddad said.")
    last = extract(text)[-1]
    assert content(last) == span(text, "\u201cWe will appeal,\u201d")
    assert last.speaker == "Haddad"


def test_colon_quote_before_a_closing_attribution():
    text = "Lee scolded him: \u201cYou ignored every warning,\u201d she said."
    st = only(text)
    assert content(st) == span(text, "\u201cYou ignored every warning,\u201d")
    assert st.speaker == "she"


def test_single_quoted_word_counts_only_as_an_utterance():
    shouted = 'When a man in the crowd shouted "Resign!" the mayor left the stage.'
    assert [content(st) for st in extract(shouted)] == [span(shouted, '"Resign!"')]
    assert extract('Council members rallied for "parking" on Monday.') == []


@pytest.mark.parametrize("text, who, cue", [
    ('"This is a great day!" beamed Dana Ruiz, waving to the crowd.', "Dana Ruiz", "beamed"),
    ('"Never again," the crowd chanted.', "the crowd", "chanted"),
])
def test_any_verb_after_an_utterance_attributes_it(text, who, cue):
    st = only(text)
    assert (st.speaker, st.cue, st.kind) == (who, cue, "direct")


def test_quoted_title_does_not_take_over_a_quote_run():
    text = ('"We will rebuild," Ruiz said on "Morning Edition." "The pier comes first."')
    found = extract(text)
    assert [(st.text, st.speaker) for st in found if st.speaker] == [
        ('"We will rebuild,"', "Ruiz"), ('"The pier comes first."', "Ruiz")]


def test_short_quoted_phrase_in_nobodys_clause_is_skipped():
    assert extract('After years of "managed decline" the pier reopened.') == []
    kept = extract('Ann Lee walked out, "deeply annoyed" by the delay.')
    assert [(st.text, st.speaker) for st in kept] == [('"deeply annoyed"', "Ann Lee")]


def test_quote_after_a_frame_with_a_tail_keeps_the_speaker():
    text = '"We will rebuild," she said of the pier, "whatever it costs."'
    found = extract(text)
    assert [(st.text, st.speaker) for st in found] == [
        ('"We will rebuild,"', "she"), ('"whatever it costs."', "she")]


def test_quotation_signed_with_a_dash_names_its_speaker():
    text = ("\u201cWe will stay open all winter.\u201d \u2015 Dana Ruiz\n"
            "\u201cNobody asked the tenants first.\u201d \u2014 Lee Park.\n")
    first, second = extract(text)
    assert (content(first), speaker(first), first.cue) == (
        span(text, "\u201cWe will stay open all winter.\u201d"), span(text, "Dana Ruiz"), "\u2015")
    assert (content(second), speaker(second), second.speaker_kind) == (
        span(text, "\u201cNobody asked the tenants first.\u201d"), span(text, "Lee Park"),
        "named_person")


def test_dash_before_a_clause_is_not_a_signature():
    quote = "\u201cWe will stay open all winter.\u201d"
    st = only(quote + " \u2014 Dana Ruiz, then the mayor, left the room.\n")
    assert (st.text, st.speaker, st.cue) == (quote, None, None)


@pytest.mark.parametrize("intro, who, kind", [
    ("Ruiz went on:", "Ruiz", "named_person"),
    ("The Riverside Herald reports:", "The Riverside Herald", "organization"),
])
def test_colon_closing_the_paragraph_before_introduces_the_quotation(intro, who, kind):
    quote = "\u201cThe pool will reopen in May. The money is there.\u201d"
    text = f"The council met on Monday.\n\n{intro}\n\n{quote}\n"
    st = [st for st in extract(text) if st.kind == "direct"][0]
    assert (content(st), speaker(st), st.speaker_kind, st.cue) == (
        span(text, quote), span(text, who), kind, ":")
    assert (st.cue_start, st.cue_end) == span(text, ":")


@pytest.mark.parametrize("after, who, cue", [
    (" a narrator in the campaign video asks.", "a narrator in the campaign video", "asks"),
    (" the letter reads.", "the letter", "reads"),
    (" she yells, running down the street.", "she", "yells"),
    (" the article read.", "the article", "read"),
])
def test_present_and_irregular_verbs_after_an_utterance_attribute_it(after, who, cue):
    quote = "\u201cWhy did nobody ask the tenants?\u201d"
    text = quote + after
    st = only(text)
    assert (content(st), speaker(st), st.cue, st.kind) == (
        span(text, quote), span(text, who), cue, "direct")


def test_attribution_sentence_after_a_quotation_attributes_it():
    quote = '"The bill is a disaster for the region."'
    text = quote + " The senior senator from Ohio told reporters on Tuesday."
    st = only(text)
    assert (content(st), speaker(st), st.cue) == (
        span(text, quote), span(text, "The senior senator from Ohio"), "told")
    # a sentence saying more than who spoke is not an attribution of the quotation
    text = quote + " The senator said the vote would fail in the House next month anyway."
    assert [st.speaker for st in extract(text) if st.kind == "direct"] == [None]


def test_quotation_resumed_after_but_keeps_the_speaker():
    text = '"You know, I like Lee," he said, but "Lee has always worked for the mine owners."'
    first, second = extract(text)
    assert content(second) == span(text, '"Lee has always worked for the mine owners."')
    assert (second.speaker_start, second.cue) == (first.speaker_start, "said")


@pytest.mark.parametrize("intro, who, cue", [
    ("Said Ann Lee, who grew up here, ", "Ann Lee", "Said"),
    ("The plan would raise three taxes. Said Ellis: ", "Ellis", ":"),
    ("As the Herald's Dana Ruiz put it, ", "the Herald's Dana Ruiz", "put it"),
    ("When the men left, Mr. Lee yelled, ", "Mr. Lee", "yelled"),
])
def test_inverted_and_comma_introductions_name_the_speaker(intro, who, cue):
    quote = '"The house was always full of music."'
    text = intro + quote
    st = only(text)
    assert (content(st), speaker(st), st.cue, (st.cue_start, st.cue_end)) == (
        span(text, quote), span(text, who), cue, span(text, cue))


def test_a_past_tense_before_a_comma_needs_a_person():
    text = 'After the vote ended, "the house was always full of music."'
    assert [(st.speaker, st.cue) for st in extract(text)] == [(None, None)]


@pytest.mark.parametrize("after, who, cue", [
    (" He went on.", "He", "went on"),
    (" It reads.", "It", "reads"),
    (" Bob said with a laugh.", "Bob", "said"),
])
def test_short_attribution_sentences_after_a_quotation(after, who, cue):
    quote = '"The pool will reopen in May."'
    text = "Ruiz spoke first.\n\n" + quote + after
    st = [st for st in extract(text) if st.kind == "direct"][0]
    assert (content(st), speaker(st), st.cue) == (span(text, quote), span(text, who, 30), cue)


def test_colon_introduction_after_an_opening_conjunction():
    text = 'But Park went further: "Even in the capital, the fall is 31 percent."'
    st = only(text)
    assert (st.speaker, st.cue, content(st)) == (
        "Park", ":", span(text, '"Even in the capital, the fall is 31 percent."'))


def test_a_rubric_before_a_quotation_is_no_content():
    text = 'FAREWELL\u2014"The pier closes at the end of December," the council said.'
    st = only(text)
    assert (st.speaker, content(st)) == (
        "the council", span(text, '"The pier closes at the end of December,"'))
