"""Passive cues and impressions: "X was rejected by Y", "X is expected to ...", "X seems ...".

Without a parser these are recognised by their form: a participle after a form of "be"
(with a "by" agent, or a belief verb with an infinitive), and "seem" / "appear" after a
subject. Their content is (or starts with) the subject.
"""
import re

from .content import OBJECT_END_RE
from .frame import Frame
from .lexicon import BELIEF_FORMS, SPEECH_FORMS
from .speakers import left_mention, right_mention

BELIEF_BASES = set(BELIEF_FORMS.values()) - set(SPEECH_FORMS.values())

BE_FORMS = {"is", "are", "was", "were", "be", "been", "being"}
PARTICIPLES = {"told", "written", "known", "shown", "found", "thought", "said", "sought",
               "felt"}
BY_RE = re.compile(r"\s+by\s+")
TO_RE = re.compile(r"\s+to\s")
THAT_AFTER_RE = re.compile(r"\s*,?\s*that\s")  # "by the council that ..."


def passive(text, sp_end, a, word):
    """Whether the cue is a passive participle after its subject ("was rejected")."""
    if not (word.endswith("ed") or word in PARTICIPLES):
        return False
    between = [w.lower() for w in text[sp_end:a].split()
               if not (w.endswith("ly") or w.lower() in ("not", "also", "never"))]
    return bool(between) and between[-1] in BE_FORMS


def passive_frame(text, a, b, e, subject, base):
    """'The plan was rejected by the council': the council holds a view of the plan
    (the subject is the content); 'She was told by aides that ...': the clause is."""
    by = BY_RE.match(text, b, e)
    agent = right_mention(text, by.end(), e) if by else None
    if agent is None:
        to = TO_RE.match(text, b, e)
        if to is None or base not in BELIEF_BASES:
            return None
        # "The council is widely expected to approve it": no one's in particular, but
        # a belief about the subject; the content is the subject and the infinitive.
        stop = OBJECT_END_RE.search(text, to.end(), e)
        end = stop.start() if stop else e
        while end > to.end() and text[end - 1] in " .,;:":
            end -= 1
        pieces = ((subject.start, subject.end), (to.end() - 3, end))
        return Frame(a, b, None, subject.start, b, base, fixed=(subject.start, end, pieces))
    hi = agent.end
    that = THAT_AFTER_RE.match(text[hi:e])
    if that:
        return Frame(a, b, agent, subject.start, hi, base, content_from=hi + that.end())
    return Frame(a, b, agent, subject.start, hi, base, fixed=(subject.start, subject.end))


SEEM_RE = re.compile(r"\b(?:seem|seems|seemed|appear|appears|appeared)\b(?=\s+(?!(?:on|in|at|"
                     r"before|with|alongside|onstage|the|a|an|as|for|from|during|after|"
                     r"together|live|again|twice)\b)[a-z])")


def seeming(text, s, e, quotes, taken):
    """'The plan seems to be failing': an impression of the subject that the writer
    reports from no one in particular; the content is the subject and the rest."""
    out = []
    for m in SEEM_RE.finditer(text, s, e):
        a, b = m.span()
        if any(q.start < a < q.end for q in quotes) or any(f.lo <= a < f.hi for f in taken):
            continue
        subject = left_mention(text, s, a)
        if subject is None or subject.kind == "pronoun" and subject.text.lower() in (
                "it", "which", "that"):
            continue
        stop = OBJECT_END_RE.search(text, b, e)
        end = stop.start() if stop else e
        while end > b and text[end - 1] in " .,;:":
            end -= 1
        rest = _skip(text, b, end)
        if rest >= end:
            continue
        pieces = ((subject.start, subject.end), (rest, end))
        out.append(Frame(a, b, None, subject.start, b, "seem",
                         fixed=(subject.start, end, pieces)))
    return out


def _skip(text, i, j):
    while i < j and text[i] in " \t":
        i += 1
    return i
