"""Reported speech inside one sentence: find attribution frames, then their content.

A frame is a cue (verb, "according to", or cue noun) with its speaker. The content is
what the frame leaves of the sentence: the stretch before it when the frame is set off
by a comma ("..., she said."), the stretch after it ("She said that ..."), or both
when the frame interrupts the sentence ("..., she said, ...").
"""
import re
from dataclasses import dataclass

from .lexicon import (BELIEF_FORMS, CONTINUATION_PARTICIPLES, CUE_FORMS, CUE_NOUNS,
                      OBJECT_VERBS, SPEECH_FORMS)
from .model import Mention
from .speakers import DETERMINERS, TOKEN_RE, classify, left_mention, right_mention

_forms = sorted(CUE_FORMS, key=len, reverse=True)
CUE_RE = re.compile(r"\b(?:according to|point(?:s|ed|ing)? out|"
                    + "|".join(_forms) + r")\b")
NOUN_CUE_RE = re.compile(
    r"(?:(?P<owner>(?:[A-Z][\w.\u2019'-]*\s)*[A-Z][\w.-]*|his|her|their|its)(?:'s|\u2019s)?\s+)?"
    r"(?P<cue>" + "|".join(CUE_NOUNS) + r")"
    r"(?:\s+(?:by|from|of)\s+(?P<by>[^,;:.]{2,80}?))?\s+that\s")
WHAT_AS_RE = re.compile(r"\bwhat\s+(?P<who>[\w\s.\u2019'-]{1,60}?)\s+(?P<cue>(?:call|characteriz|describ|term)\w*)\s+as\s")
BELIEF_COMPLEMENT = set("that he she they it we i there this the a an his her their our "
                        "you no".split())
TAIL_START = re.compile(r"\s*(?:[,:]\s*)?(?:in|on|at|during|last|this|earlier|after|"
                        r"before|to|told|via|while|when|yesterday|today)\b")


@dataclass
class Frame:
    cue_start: int
    cue_end: int
    speaker: Mention | None
    lo: int  # first character of the frame (speaker or cue)
    hi: int  # last character of the frame
    verb: str  # base form, or "according to" / a cue noun
    content_from: int | None = None  # forced content start (cue nouns, "that")


def frames(text, s, e, quotes, last_speaker):
    """Attribution frames of sentence [s, e) outside quotations, in text order."""
    out = []
    for m in CUE_RE.finditer(text, s, e):
        a, b = m.span()
        if any(q.start < a < q.end for q in quotes):
            continue
        word = m.group()
        if word == "according to":
            sp = right_mention(text, b, e)
            if sp:
                out.append(Frame(a, b, sp, a, sp.end, word))
            continue
        base = "point out" if word.startswith("point") else CUE_FORMS[word]
        prev = _prev_word(text, s, a)
        if prev.lower() in DETERMINERS or prev.endswith(("'s", "\u2019s")):
            continue  # a noun ("the report", "his claims")
        if prev.lower() in ("to", "will", "would", "could", "should", "might", "can") \
                and word not in ("say", "tell"):
            pass
        if word in BELIEF_FORMS and word not in SPEECH_FORMS:
            nxt = _next_word(text, b, e).lower()
            if nxt not in BELIEF_COMPLEMENT:
                continue
        if word in CONTINUATION_PARTICIPLES and text[s:a].rstrip().endswith((",", "and")):
            sp = out[-1].speaker if out else last_speaker
            out.append(Frame(a, b, sp, a, b, base))
            continue
        lo = s
        for q in quotes:
            if q.end <= a:
                lo = max(lo, q.end)
        sp = left_mention(text, lo, a)
        if sp is not None:
            out.append(Frame(a, b, sp, sp.start, b, base))
            continue
        sp = right_mention(text, b, e)
        if sp is not None and sp.kind != "pronoun" or (sp and sp.text.lower() in ("he", "she", "they")):
            before = text[s:a].rstrip()
            if before.endswith((",", "\u201d", '"', "''", ":")) or not before:
                out.append(Frame(a, b, sp, a, sp.end, base))
    for m in NOUN_CUE_RE.finditer(text, s, e):
        if any(q.start < m.start("cue") < q.end for q in quotes):
            continue
        who = m.group("by") and m.span("by") or m.group("owner") and m.span("owner")
        if not who:
            continue
        sp = Mention(text[who[0]:who[1]], who[0], who[1], classify(text[who[0]:who[1]]))
        out.append(Frame(m.start("cue"), m.end("cue"), sp, min(who[0], m.start("cue")),
                         m.end() - 1, m.group("cue"), content_from=m.end()))
    for m in WHAT_AS_RE.finditer(text, s, e):
        sp = Mention(m.group("who"), m.start("who"), m.end("who"), classify(m.group("who")))
        out.append(Frame(m.start("cue"), m.end("cue"), sp, m.start(), m.end() - 1,
                         m.group("cue"), content_from=m.end()))
    out.sort(key=lambda f: f.lo)
    return _drop_nested(out)


def _drop_nested(frames_):
    """Keep the first of frames whose spans overlap (a cue inside another's speaker)."""
    kept = []
    for f in frames_:
        if kept and f.lo < kept[-1].hi:
            continue
        kept.append(f)
    return kept


def _prev_word(text, s, a):
    m = re.search(r"(\S+)\s*$", text[max(s, a - 30):a])
    return m.group(1) if m else ""


def _next_word(text, b, e):
    m = re.match(r"\s*([\w']+)", text[b:min(e, b + 30)])
    return m.group(1) if m else ""


def contents(text, s, e, fr, prev_hi, next_lo, quotes):
    """The content span(s) of frame ``fr`` inside sentence [s, e).

    ``prev_hi``/``next_lo`` bound it by the neighbouring frames of the sentence.
    Returns (start, end) or None.
    """
    if fr.content_from is not None:
        end = _trim_end(text, fr.content_from, next_lo)
        return (fr.content_from, end) if _words(text, fr.content_from, end) >= 3 else None
    before = None
    b_start = _skip_space(text, prev_hi, fr.lo)
    b_end = _trim_end(text, b_start, fr.lo)
    set_off = text[b_end:fr.lo].strip()
    if _words(text, b_start, b_end) >= 2 and (set_off[:1] in (",", "\u2014", "-", ":", "(")
                                              or text[b_end - 1:b_end] in "\u201d\"'"):
        before = (b_start, b_end)
    after = _after(text, fr, next_lo, quotes, bool(before))
    if before and after:
        return before[0], after[1]
    return before or after


def _after(text, fr, next_lo, quotes, has_before):
    i = fr.hi
    rest = text[i:next_lo]
    lead = re.match(r"\s*[,:\u2014-]?\s*", rest)
    if has_before and not (lead.group().strip()[:1] in (",", ":") and
                           _words(text, i + lead.end(), next_lo) >= 3):
        return None  # "..., she said on Tuesday." -- only a tail follows the frame
    start = i + lead.end()
    that = re.search(r"\bthat\s", text[start:min(next_lo, start + 80)])
    if that and that.start() < 60 and "," not in text[start:start + that.start()] \
            and not any(start < q.start < start + that.start() for q in quotes):
        start = start + that.start()
    elif fr.verb in OBJECT_VERBS and fr.speaker is not None and fr.hi == fr.cue_end:
        obj = re.match(r"(?:(?:[A-Z][\w.\u2019'-]*|me|him|her|us|them|reporters|"
                       r"the\s\w+|an?\s\w+)\s*)+[,:]?\s*", text[start:next_lo])
        if obj:
            start += obj.end()
    tail = TAIL_START.match(text, start, next_lo)
    if tail:
        comma = text.find(",", start, min(next_lo, start + 70))
        colon = text.find(":", start, min(next_lo, start + 70))
        cut = min(x for x in (comma, colon, next_lo) if x >= 0)
        if cut < next_lo and not any(q.start < cut < q.end for q in quotes):
            start = _skip_space(text, cut + 1, next_lo)
        else:
            return None
    end = _trim_end(text, start, next_lo)
    if _words(text, start, end) < 3:
        return None
    return start, end


def _skip_space(text, i, j):
    while i < j and text[i] in " \t,":
        i += 1
    return i


def _trim_end(text, i, j):
    while j > i and text[j - 1] in " \t,;:\u2014-(":
        j -= 1
    return j


def _words(text, i, j):
    n = 0
    for m in TOKEN_RE.finditer(text, i, j):
        if m.group()[0].isalnum():
            n += 1
            if n >= 3:
                return n
    return n
