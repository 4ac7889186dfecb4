"""The extraction pipeline: layout, frames and contents, quotations, pronouns."""
from bisect import bisect_right

from .lexicon import BELIEF_FORMS, CUE_FORMS, SPEECH_FORMS, STANCE_FORMS
from .model import Statement
from .quotes import join_runs, kind_of, labelled, unattributed
from .content import contents
from .reported import frames
from .speakers import resolve
from .text import find_quotes, paragraphs, sentences

STANCE_ONLY = set(STANCE_FORMS.values()) - set(SPEECH_FORMS.values())
BELIEF_ONLY = set(BELIEF_FORMS.values()) - set(SPEECH_FORMS.values())
# How sure each construction tends to be (tuned by eye on the training split).
CONFIDENCE = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7}


def extract(text, join=False):
    """All attributed statements of ``text``, in text order.

    With ``join``, a quotation continuing the previous statement of its paragraph is
    folded into it (see ``quotes.join_runs``) instead of being its own statement.
    """
    paras = paragraphs(text)
    if not paras:
        return []
    quotes = find_quotes(text, paras)
    statements = []
    sent_spans = []
    last_speaker = None
    for p_start, p_end in paras:
        p_quotes = [q for q in quotes if q.start < p_end and q.end > p_start]
        for s, e in sentences(text, p_start, p_end, p_quotes):
            sent_spans.append((s, e))
            qs = [q for q in p_quotes if q.start < e and q.end > s]
            frs = frames(text, s, e, qs, last_speaker)
            prev_hi = s
            found = []
            for k, fr in enumerate(frs):
                next_lo = _bound(text, frs[k + 1], e) if k + 1 < len(frs) else e
                # "X declined, according to Y": Y's content is the whole clause, the
                # earlier frame included.
                lo = s if fr.verb == "according to" else prev_hi
                span = contents(text, s, e, fr, lo, next_lo, qs)
                if span is None:
                    continue  # no content, no attribution: its words may be another's
                prev_hi = fr.hi
                found.append(_statement(text, span, fr, qs))
                if fr.speaker is not None:
                    last_speaker = fr.speaker
            statements += [st for st in found if not _nested_stance(st, found)]
    starts = [s for s, _ in sent_spans]
    p_starts = [p for p, _ in paras]

    def sentence_of(pos):
        return sent_spans[max(0, bisect_right(starts, pos) - 1)]

    def para_of(pos):
        return bisect_right(p_starts, pos) - 1

    labels = [st for st in labelled(text, paras)
              if not any(o.start < st.end and st.start < o.end for o in statements)]
    statements += labels
    statements += unattributed(text, quotes, sentence_of, para_of, statements)
    statements.sort(key=lambda st: st.start)
    statements = resolve(text, statements)
    return join_runs(text, statements) if join else statements


def _statement(text, span, fr, quotes):
    start, end = span[:2]
    parts = span[2] if len(span) > 2 else ()
    # A content that is exactly one quotation is reported as the quotation itself.
    kind = None
    for q in quotes:
        if q.start <= start + 1 and q.end >= end - 1 and text[q.end:end].strip(" ,.") == "":
            start, end = q.start, q.end
            kind = "direct"  # even a multi-paragraph quotation with its re-opening marks
    kind = kind or kind_of(text, start, end)
    sp = fr.speaker
    confidence = CONFIDENCE[kind] - (0.3 if sp is None else 0.0)
    if sp is not None and sp.kind == "pronoun":
        confidence -= 0.1
    return Statement(
        start, end, text[start:end],
        sp.text if sp else None, sp.start if sp else None, sp.end if sp else None,
        sp.kind if sp else None,
        text[fr.cue_start:fr.cue_end], fr.cue_start, fr.cue_end, kind, round(confidence, 2),
        parts=parts)


def _nested_stance(st, found):
    """A stance cue inside what someone else is reported to have said ("She said he
    opposes the plan") is part of that statement, not a statement of its own."""
    if st.cue is None or CUE_FORMS.get(st.cue.lower()) not in STANCE_ONLY | BELIEF_ONLY:
        return False
    return any(o is not st and o.start <= st.cue_start < o.end for o in found)


def _bound(text, nxt, end):
    """Where the next frame cuts this frame's content off.

    A frame set off by punctuation or coordination ("..., adding that", "; she said")
    ends the content before it; a frame inside a that-clause ("said that CNN asked her
    to ...") is part of the content and only reported as a statement of its own.
    """
    if nxt.fixed is not None:
        return end  # a relative clause's frame: its content is fixed, it bounds nothing
    before = text[max(0, nxt.lo - 6):nxt.lo].rstrip()
    if before.endswith((",", ";", ":", "\u2014", "(", " and", " but")) or \
            nxt.speaker is None or nxt.speaker.start > nxt.cue_start:
        return nxt.lo
    return end
