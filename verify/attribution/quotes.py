"""Direct quotations that no frame in their sentence attributes.

A quotation that stands as its own sentence right after an attributed statement of the
same or the previous paragraph continues that speaker (newspapers attribute a run of
quotes once). Other long quotations are still reported, without a speaker.
"""
from dataclasses import replace

from .model import Statement
from .speakers import sentence_subject

QUOTE_MARKS = "\"'\u201c\u201d\u00ab\u00bb\u201e"
MIN_WORDS_STANDALONE = 2
MIN_WORDS_EMBEDDED = 1


def kind_of(text, start, end):
    """direct / mixed / indirect, by the quotation marks inside the content span."""
    inner = text[start:end].strip().rstrip(",.")
    marks = sum(inner.count(c) for c in "\"\u201c\u201d\u00ab\u00bb") + inner.count("''")
    if marks == 0:
        return "indirect"
    if marks == 2 and inner[:1] in "\"\u201c\u00ab'" and inner[-1:] in "\"\u201d\u00bb'":
        return "direct"
    return "mixed"


def covered(q, statements):
    """Whether a statement's content already holds most of quotation ``q``."""
    size = q.end - q.start
    for st in statements:
        both = min(st.end, q.end) - max(st.start, q.start)
        if both >= 0.5 * size:
            return True
    return False


def unattributed(text, quotes, sentence_of, para_of, statements):
    """Statements for the quotations no frame covered, inheriting where safe."""
    out = []
    ordered = sorted(statements, key=lambda st: st.start)
    for q in quotes:
        if covered(q, statements):
            continue
        words = len(text[q.start:q.end].split())
        s, e = sentence_of(q.start)
        standalone = not text[s:q.start].strip() and \
            not text[q.end:e].strip(" \t.,;:!?\u2014-")
        if words < (MIN_WORDS_STANDALONE if standalone else MIN_WORDS_EMBEDDED):
            continue
        prev = None
        for st in ordered + out:
            if st.end <= q.start and (prev is None or st.end > prev.end):
                prev = st
        gap = para_of(q.start) - para_of(prev.end) if prev is not None else 9
        inherit = (standalone and prev is not None and prev.speaker is not None
                   and (gap == 0 or (gap == 1 and prev.kind in ("direct", "mixed"))))
        intro = text[s:q.start].rstrip()
        subject = sentence_subject(text, q.start) if intro.endswith(":") else None
        if subject is not None:
            # "Ruiz put it bluntly: “...”" -- the colon is the cue, the subject speaks.
            colon = s + len(intro) - 1
            out.append(Statement(q.start, q.end, text[q.start:q.end], subject.text,
                                 subject.start, subject.end, subject.kind, ":", colon,
                                 colon + 1, "direct", 0.6))
        elif inherit:
            out.append(Statement(
                q.start, q.end, text[q.start:q.end], prev.speaker, prev.speaker_start,
                prev.speaker_end, prev.speaker_kind, prev.cue, prev.cue_start, prev.cue_end,
                "direct", 0.7, prev.resolved_speaker, prev.resolution_note,
                continues=gap == 0))
        else:
            out.append(Statement(q.start, q.end, text[q.start:q.end], None, None, None, None,
                                 None, None, None, "direct", 0.4 if standalone else 0.3))
    return out


def join_runs(text, statements):
    """Fold each continuing quotation into the statement it continues.

    "“A,” she said. “B.”" is then one statement spanning A to B (the attribution in
    between is a small part of it), which is how attribution corpora count it.
    """
    out = []
    for st in statements:
        if st.continues and out:
            head = out[-1]
            out[-1] = replace(head, end=st.end, text=text[head.start:st.end],
                              parts=tuple(head.spans) + tuple(st.spans))
        else:
            out.append(st)
    return out
