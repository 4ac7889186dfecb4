"""Reported speech inside one sentence: find attribution frames, then their content.

A frame is a cue (verb, "according to", or cue noun) with its speaker. The content is
what the frame leaves of the sentence: the stretch before it when the frame is set off
by a comma ("..., she said."), the stretch after it ("She said that ..."), or both
when the frame interrupts the sentence ("..., she said, ...").
"""
import re
from dataclasses import dataclass

from .lexicon import (BELIEF_FORMS, BETWEEN_WORDS, trie_pattern, CONTINUATION_PARTICIPLES, CUE_FORMS, CUE_NOUNS,
                      OBJECT_VERBS, SPEECH_FORMS)
from .model import Mention
from .speakers import DETERMINERS, INTRO_WORDS, TOKEN_RE, classify, left_mention, right_mention

CUE_RE = re.compile(r"\b(?:[Aa]ccording to|point(?:s|ed|ing)? out|"
                    + trie_pattern(CUE_FORMS) + r")\b")
NOUN_CUE_RE = re.compile(
    r"\b(?P<cue>" + trie_pattern(CUE_NOUNS) + r")\b"
    r"(?:\s+(?:by|from|of)\s+(?P<by>[^,;:.]{2,80}?))?\s+that\s")
# The owner of a cue noun, read backwards from it: "Osei's claim", "their claims".
OWNER_RE = re.compile(r"(?P<owner>(?:[A-Z][\w.\u2019'-]*\s)*[A-Z][\w.-]*|his|her|their|its)"
                      r"(?:'s|\u2019s)?\s+$")
WHAT_AS_RE = re.compile(r"\bwhat\s+(?P<who>[\w\s.\u2019'-]{1,60}?)\s+(?P<cue>(?:call|characteriz|describ|term)\w*)\s+as\s")
BELIEF_COMPLEMENT = set("that he she they it we i there this the a an his her their our "
                        "you no".split())
# Cue forms that are also common nouns ("the report", "public demand").
NOUN_LIKE = set("""
comment comments claim claims charge charges report reports state states post posts text
texts fear fears hope hopes estimate estimates protest protests answer answers pledge
pledges promise promises vow vows tweet tweets email emails remark remarks doubt doubts
note notes counter counters signal signals blame praise reply replies dispute disputes
finds shows show question questions demand demands lament laments quip quips joke jokes
boast boasts stress stresses recall recalls hint hints concur muse muses
""".split())
SUBJECT_WORDS = set("he she they it we i you who which that".split())
# What an appositive after a speaker starts with ("said Ann Lee, a lawyer who ...").
APPOSITIVE_RE = re.compile(r"(?:a|an|the|who|whose|which|one|another|his|her|their|its|"
                           r"our|now|then|also|[A-Z]|\d)\b|[A-Z]")
# Where reported content stops short of the sentence end: a dash aside, or a second
# verb of the speaker ("..., and urged ...").
END_RE = re.compile(r"\s[\u2014\u2013-]{1,2}\s|\s--|,\s(?:and|but)\s(?:also\s)?(?:"
                    + "|".join(sorted((f for f in CUE_FORMS if f.endswith("ed")), key=len,
                                      reverse=True)) + r")\b")
# A subject at a clause start: a run of capitalised words or a personal pronoun.
SUBJECT_RE = re.compile(r"(?:(?<=^)|(?<=, )|(?<=\n))(?:(?:Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|"
                        r"Gov\.)\s)?[A-Z][\w\u2019'-]+(?:\s[A-Z][\w\u2019'.-]+)*"
                        r"(?=\s(?!of\b|in\b)[a-z])")
NOT_SUBJECT = INTRO_WORDS | {"The", "A", "An", "This", "That", "These", "Those", "It"}
OPENING_MARKS = "\"'\u201c\u00ab"
CLOSING_MARKS = ("\"", "'", "\u201d", "\u00bb")
# Contents that describe the speaker, not what was said ("who asked not to be named").
NOT_CONTENT_RE = re.compile(r"(?:not to be (?:named|identified)|for anonymity|anonymity)")
THAT_RE = re.compile(r"\s*(?:that\s|[\"\u201c])")
# Introductory phrases that are not content even when a comma sets them off.
INTRO_RE = re.compile(r"(?:In|On|At|During|After|Before|When|While|Later|Earlier|Asked|"
                      r"Speaking|Since|Last|This|Then|Afterward|Separately|Previously|Today|Yesterday|"
                      r"Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|"
                      r"For|As|Even|Without|With|Under|Through|Over|From|Of|To|By)\b"
                      r"[^,\"\u201c\u201d]{0,60}$")
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
    participle: bool = False  # ", adding that ...": content only follows the cue


def frames(text, s, e, quotes, last_speaker):
    """Attribution frames of sentence [s, e) outside quotations, in text order."""
    out = []
    for m in CUE_RE.finditer(text, s, e):
        a, b = m.span()
        if any(q.start < a < q.end for q in quotes):
            continue
        word = m.group()
        if word.lower() == "according to":
            sp = right_mention(text, b, e)
            if sp:
                out.append(Frame(a, b, sp, a, sp.end, "according to"))
            continue
        base = "point out" if word.startswith("point") else CUE_FORMS[word]
        prev = _prev_word(text, s, a)
        if prev.lower() in DETERMINERS or prev.endswith(("'s", "\u2019s")):
            continue  # a noun ("the report", "his claims")
        if text[a - 1:a] == "-":
            continue  # "so-called", "self-described"
        if word in NOUN_LIKE and not _subject_like(prev, text, s, a):
            continue  # "public demand", "derogatory comments": a noun, not a verb
        if word in BELIEF_FORMS and word not in SPEECH_FORMS:
            nxt = _next_word(text, b, e).lower()
            if nxt not in BELIEF_COMPLEMENT:
                continue
        if word in CONTINUATION_PARTICIPLES and text[s:a].rstrip().endswith((",", "and")):
            sp = out[-1].speaker if out else subject(text, s, a, quotes) or last_speaker
            out.append(Frame(a, b, sp, a, b, base, participle=True))
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
            if before.endswith((",", ":") + CLOSING_MARKS) or not before:
                out.append(Frame(a, b, sp, a, sp.end, base))
    for m in NOUN_CUE_RE.finditer(text, s, e):
        if any(q.start < m.start("cue") < q.end for q in quotes):
            continue
        who = m.group("by") and m.span("by")
        if not who:
            lo = max(s, m.start() - 80)
            owner = OWNER_RE.search(text, lo, m.start())
            who = owner and owner.span("owner")
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


def subject(text, s, a, quotes):
    """The subject of the clause holding a participle cue: the first mention-like
    phrase of the sentence outside quotations ("Ann, in a speech, ..., saying ...")."""
    for m in SUBJECT_RE.finditer(text, s, a):
        if m.group().split()[0] in NOT_SUBJECT:
            continue
        if not any(q.start <= m.start() < q.end for q in quotes):
            return _as_mention(text, m.start(), m.end())
    return None


def _as_mention(text, i, j):
    return Mention(text[i:j], i, j, classify(text[i:j]))


def _subject_like(prev, text, s, a):
    """Whether the word before a noun-like cue form can be its subject."""
    low = prev.lower()
    if low in SUBJECT_WORDS or low in BETWEEN_WORDS:
        return True
    if prev[:1].isupper():
        return text[s:a].strip() != prev  # a name, unless it opens the sentence
    return low.endswith("s") and not low.endswith("ss")


def _prev_word(text, s, a):
    m = re.search(r"(\S+)\s*$", text[max(s, a - 30):a])
    return m.group(1) if m else ""


def _next_word(text, b, e):
    m = re.match(r"\s*([\w']+)", text[b:min(e, b + 30)])
    return m.group(1) if m else ""


def contents(text, s, e, fr, prev_hi, next_lo, quotes):
    """The content span(s) of frame ``fr`` inside sentence [s, e).

    ``prev_hi``/``next_lo`` bound it by the neighbouring frames of the sentence.
    Returns (start, end) or, when the frame interrupts the content, (start, end, pieces);
    None when the frame has no content.
    """
    if fr.content_from is not None:
        end = _trim_end(text, fr.content_from, next_lo)
        return (fr.content_from, end) if _words(text, fr.content_from, end) >= 3 else None
    if fr.participle:
        return _after(text, fr, next_lo, quotes)
    before = None
    b_start = _skip_space(text, prev_hi, fr.lo)
    b_end = _trim_end(text, b_start, fr.lo)
    set_off = text[b_end:fr.lo].strip()
    if _words(text, b_start, b_end) >= 2 and (set_off[:1] in (",", "\u2014", "-", ":", "(")
                                              or text[b_end - 1:b_end] in CLOSING_MARKS) \
            and not INTRO_RE.match(text, b_start, b_end):
        before = (b_start, b_end)
    rest_start = _skip_space(text, fr.hi, next_lo)
    lead = text[fr.hi:rest_start].strip()[:1]
    tail = _words(text, rest_start, next_lo, cap=8) <= 7 and (
        rest_start >= next_lo or TAIL_START.match(text, rest_start, next_lo)
        or _words(text, rest_start, next_lo, cap=5) <= 4)
    if before and (tail or lead not in (",", ":")) and not THAT_RE.match(text, rest_start):
        return before  # "..., she said (on Tuesday)."
    after = _after(text, fr, next_lo, quotes)
    if before and after:
        if lead in (",", ":") and _continues(text, before, after):
            return before[0], after[1], (before, after)  # the frame interrupts it
        if lead in (",", ":"):
            return before  # what follows the frame describes the speaker
    return after or before


def _continues(text, before, after):
    """Whether the text after an interrupting frame continues the text before it."""
    first = text[after[0]:after[0] + 30]
    if text[before[1] - 1] in CLOSING_MARKS:
        return first[:1] in OPENING_MARKS  # "“A,” she said, “B.”"
    if first[:1] in OPENING_MARKS:
        return False  # 'Asked about it, she said, "..."': the quote alone is the content
    word = first.split(None, 1)[0] if first.strip() else ""
    if word.endswith("ing") and word not in CUE_FORMS:
        return False  # "..., he said, wiping his face": a description of the speaker
    return not APPOSITIVE_RE.match(first)


def _after(text, fr, next_lo, quotes):
    start = _skip_space(text, fr.hi, next_lo)
    inverted = fr.speaker is not None and fr.speaker.start > fr.cue_start \
        and fr.verb != "according to"
    if inverted and not re.match(r"\s*(?::|that\s|[\"\u201c])", text[fr.hi:next_lo]):
        return None  # "..., said Ann Lee, who ..." -- the rest is about the speaker
    if text[start:start + 1] == ":":
        start = _skip_space(text, start + 1, next_lo)
    if fr.speaker is not None and fr.speaker.text.lower() in ("who", "which"):
        comma = text.find(",", start, next_lo)
        if comma > 0 and not any(q.start < comma < q.end for q in quotes):
            next_lo = comma  # a relative clause ends at its comma
    that = re.search(r"\bthat\s", text[start:min(next_lo, start + 80)])
    if that and that.start() < 60 and "," not in text[start:start + that.start()] \
            and not any(start < q.start < start + that.start() for q in quotes):
        start = start + that.start()
    else:
        if fr.verb in OBJECT_VERBS and fr.speaker is not None and fr.hi == fr.cue_end:
            obj = re.match(r"(?:(?:[A-Z][\w.\u2019'-]*|me|him|her|us|them|reporters|"
                           r"the\s\w+|an?\s\w+)\s*)+[,:]?\s*", text[start:next_lo])
            if obj:
                start += obj.end()
        if TAIL_START.match(text, start, next_lo):
            comma = text.find(",", start, min(next_lo, start + 70))
            colon = text.find(":", start, min(next_lo, start + 70))
            cut = min(x for x in (comma, colon, next_lo) if x >= 0)
            if cut < next_lo and not any(q.start < cut < q.end for q in quotes):
                start = _skip_space(text, cut + 1, next_lo)
            else:
                return None
    stop = END_RE.search(text, start, next_lo)
    if stop and not any(q.start < stop.start() < q.end for q in quotes):
        next_lo = stop.start()
    end = _trim_end(text, start, next_lo)
    if _words(text, start, end) < 3 or NOT_CONTENT_RE.match(text, start, end):
        return None
    return start, end


def _skip_space(text, i, j):
    while i < j and text[i] in " \t,":
        i += 1
    return i


def _trim_end(text, i, j):
    while j > i and text[j - 1] in " \t,;:\u2014-(.":
        j -= 1
    return j


def _words(text, i, j, cap=3):
    """How many words [i, j) holds, counting no further than ``cap``."""
    n = 0
    for m in TOKEN_RE.finditer(text, i, j):
        if m.group()[0].isalnum():
            n += 1
            if n >= cap:
                return n
    return n
