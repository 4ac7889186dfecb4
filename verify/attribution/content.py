"""The content of a frame: what the attribution leaves of its sentence.

A frame set off by a comma or a closing quote after its content ("..., she said.")
takes the text before it; otherwise the text after it (from "that", past a listener,
past a leading "in a statement,"); both pieces when the frame interrupts a sentence.
"""
import re

from .lexicon import (BELIEF_FORMS, CUE_FORMS, OBJECT_VERBS, SPEECH_FORMS, STANCE_FORMS,
                      trie_pattern)
from .speakers import FINITE, MODALS, TOKEN_RE

# What an appositive after a speaker starts with ("said Ann Lee, a lawyer who ...").
APPOSITIVE_RE = re.compile(r"(?:a|an|the|who|whose|which|one|another|his|her|their|its|"
                           r"our|now|then|also|[A-Z]|\d)\b|[A-Z]")
# Where reported content stops short of the sentence end: a semicolon, a second verb
# of the speaker ("..., and urged ..."), a new clause with its own subject, where it
# was said ("... in an interview"). (Not at a dash: annotators keep dash asides inside
# the content more often than not.)
END_RE = re.compile(r";\s|,?\s(?:and|but)\s(?:also\s)?(?:"
                    + trie_pattern(f for f in CUE_FORMS if f.endswith("ed")) + r")\b"
                    r"|,\s(?:but|while|although|though|whereas)\s(?:he|she|they|it|I|we)\s"
                    r"|,\s(?:which|while|even\sas|even\sthough)\b"
                    r"|,?\sin\s(?:an?|his|her|their)\s(?:\w+\s)?(?:interview|statement|"
                    r"speech|tweet|op-ed|letter|email|appearance)\b"
                    r"|,?\son\sthe\scondition\sof\sanonymity\b")
OPENING_MARKS = "\"'\u201c\u00ab"
CLOSING_MARKS = ("\"", "'", "\u201d", "\u00bb")
# Contents that describe the speaker, not what was said ("who asked not to be named").
NOT_CONTENT_RE = re.compile(r"(?:not to be (?:named|identified)|for anonymity|anonymity)")
STANCE_BASES = set(STANCE_FORMS.values()) - set(SPEECH_FORMS.values())
BELIEF_BASES = set(BELIEF_FORMS.values()) - set(SPEECH_FORMS.values())
# Where the object of a stance verb ends.
# Not before ", including ...", ", who ...", "as ..." or "if ...": annotators keep
# those with the object ("praised her as a leader", "asked him if ...").
OBJECT_END_RE = re.compile(r"[,;](?!\s(?:including|who)\b)"
                           r"|\s(?:but|because|after|before|when|while|since|during|until|"
                           r"though|although)\s"
                           r"|\sat\s(?:a|an|the|his|her|their)\s")
# The listener of "told": a name, a pronoun or a short noun phrase.
LISTENER_RE = re.compile(r"(?:the\s)?(?:(?:[A-Z][\w.\u2019'&-]*|\d+)\s*)+|(?:me|him|her|"
                         r"us|them|reporters|the\s\w+|an?\s\w+)\b\s*")
DAY_RE = re.compile(r"(?:on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                    r"yesterday|today|last\s(?:week|month|year))"
                    r"(?:\s(?:morning|afternoon|evening|night))?\s+(?=[\w\"\u201c])(?!that\b)")
SUBORDINATOR_RE = re.compile(r"(?:While|Although|Though|Because|Since|If|When|Whereas|"
                             r"Unless|Even though|Even if|Now that)")
# A preposition completing the cue ("talked about", "railed against", "called for").
PARTICLE_RE = re.compile(r"(?:about|against|on|for|of|with|into|over|at|out)\s+(?!that\b)")
THAT_RE = re.compile(r"\s*(?:that\s|[\"\u201c])")
# Introductory phrases that are not content even when a comma sets them off ("This
# week," but not "This room had ...,").
INTRO_RE = re.compile(r"(?:In|On|At|During|After|Before|When|While|Later|Earlier|Asked|"
                      r"Speaking|Since|Last|This\s(?:week|month|year|morning|afternoon|evening|"
                      r"time|spring|summer|fall|winter)|Then|Afterward|Separately|Previously|"
                      r"Today|Yesterday|"
                      r"Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|"
                      r"For|As|Even|Without|With|Under|Through|Over|From|Of|To|By)\b"
                      r"(?:[^,\"\u201c\u201d]|[\"\u201c][^\"\u201c\u201d]{0,40}[\"\u201d]){0,60}$")
TAIL_START = re.compile(r"\s*(?:[,:]\s*)?(?:in|on|at|during|last|this|earlier|after|"
                        r"before|told|via|while|when|yesterday|today)\b")


def contents(text, s, e, fr, prev_hi, next_lo, quotes):
    """The content span(s) of frame ``fr`` inside sentence [s, e).

    ``prev_hi``/``next_lo`` bound it by the neighbouring frames of the sentence.
    Returns (start, end) or, when the frame interrupts the content, (start, end, pieces);
    None when the frame has no content.
    """
    if fr.fixed is not None:  # "who asked not to be named" is about the speaker
        return None if NOT_CONTENT_RE.match(text, fr.fixed[0], fr.fixed[1]) else fr.fixed
    if fr.content_from is not None:
        if fr.object_only:
            stop = OBJECT_END_RE.search(text, fr.content_from, next_lo)
            if stop and not any(q.start < stop.start() < q.end for q in quotes):
                next_lo = stop.start()
            end = _trim_end(text, fr.content_from, next_lo)
            return (fr.content_from, end) if end > fr.content_from else None
        if not text[s:fr.lo].strip(" \"'\u201c"):
            # "Lee's claim that X had acted is contradicted by ...": the noun phrase is
            # the sentence's subject; its clause ends where the main verb starts
            next_lo = _predicate_start(text, fr.content_from, next_lo) or next_lo
        end = _trim_end(text, fr.content_from, next_lo)
        return (fr.content_from, end) if words_in(text, fr.content_from, end) >= 3 else None
    if fr.participle:
        return _after(text, fr, next_lo, quotes)
    if SUBORDINATOR_RE.fullmatch(text[s:fr.lo].strip()):
        # "While he has said he will stay, Lee ...": the clause ends at its comma.
        comma = text.find(",", fr.hi, next_lo)
        while comma >= 0 and any(q.start < comma < q.end for q in quotes):
            comma = text.find(",", comma + 1, next_lo)
        if comma >= 0:
            next_lo = comma
    before = None
    b_start = _skip_space(text, prev_hi, fr.lo)
    b_end = _trim_end(text, b_start, fr.lo)
    set_off = text[b_end:fr.lo].strip()
    if words_in(text, b_start, b_end) >= 2 and (set_off[:1] in (",", "\u2014", "-", ":", "(")
                                              or text[b_end - 1:b_end] in CLOSING_MARKS) \
            and not INTRO_RE.match(text, b_start, b_end):
        before = (b_start, b_end)
        for q in quotes:  # 'She scolded him: "..." she said' -- the quotation only
            if q.end == b_end and q.start > b_start and \
                    text[b_start:q.start].rstrip().endswith(":"):
                before = (q.start, b_end)
    rest_start = _skip_space(text, fr.hi, next_lo)
    lead = text[fr.hi:rest_start].strip()[:1]
    tail = words_in(text, rest_start, next_lo, cap=8) <= 7 and (
        rest_start >= next_lo or TAIL_START.match(text, rest_start, next_lo)
        or words_in(text, rest_start, next_lo, cap=3) <= 2) and \
        not _resumes(text, rest_start, next_lo)  # "X, according to Y, is ..."
    if fr.verb in OBJECT_VERBS and not tail:  # "..., he told Channel 4 in Leeds."
        listener = LISTENER_RE.match(text, rest_start, next_lo)
        if listener:
            rest = listener.end()
            tail = rest >= next_lo or bool(TAIL_START.match(text, rest, next_lo)) or \
                words_in(text, rest, next_lo, cap=3) <= 2
    quoted_before = before is not None and text[before[1] - 1] in CLOSING_MARKS
    # "..., according to officials who worked with him": what follows the source
    # without a comma still describes it ("who ...", "conducted by ..."), not content.
    described = fr.verb == "according to" and lead not in (",", ":")
    if before and (tail or described or quoted_before and lead not in (",", ":")) \
            and not THAT_RE.match(text, rest_start):
        return before  # "..., she said (on Tuesday)."
    after = _after(text, fr, next_lo, quotes)
    if before and after is None:
        resumed = _resumed(text, fr, next_lo, quotes)
        if resumed:  # "Any reading of it, said Ann Lee, an expert, would ..."
            return before[0], resumed[1], (before, resumed)
    if before and after:
        if lead in (",", ":") and _continues(text, before, after, fr):
            return before[0], after[1], (before, after)  # the frame interrupts it
        if lead in (",", ":") and not (text[after[0]] in OPENING_MARKS and not quoted_before):
            return before  # what follows the frame describes the speaker
    return after or before


# Finite verbs, and the words after which a second one still belongs to the clause
# ("that he was rich and was ready", "that what he has is enough").
CLAUSE_VERBS = FINITE | MODALS
CLAUSE_GLUE = set("and but or that which who what it he she they we i you there".split())


def _predicate_start(text, i, j):
    """Where the main verb after a subject's that-clause [i, j) starts: its second
    finite verb ("that crime has halved | is false"), or None."""
    seen = False
    prev = ""
    for m in WORD_AFTER_RE.finditer(text, i, j):
        word = m.group(1).lower()
        if word in CLAUSE_VERBS:
            if seen and prev not in CLAUSE_GLUE:
                return m.start()
            seen = True
        prev = word
    return None


# The verb that resumes a sentence an inverted frame interrupts, after the speaker and
# any appositive ("..., said Ann Lee, an expert, would read this as ...").
RESUMING_VERB_RE = re.compile(r",\s+(?:is|was|are|were|will|would|could|can|may|might|"
                              r"should|must|has|have|had)\s")


def _resumed(text, fr, next_lo, quotes):
    """The rest of a sentence an inverted frame interrupts between its subject and
    its verb, or None."""
    if fr.speaker is None or fr.speaker.start < fr.cue_start or fr.verb == "according to":
        return None
    verb = RESUMING_VERB_RE.search(text, fr.hi, min(next_lo, fr.hi + 120))
    if verb is None or any(q.start < verb.start() < q.end for q in quotes) or \
            text.count(",", fr.hi, verb.start()) > 1:
        return None  # not within the speaker and one appositive
    start = _skip_space(text, verb.start(), next_lo)
    end = _trim_end(text, start, next_lo)
    return (start, end) if words_in(text, start, end) >= 2 else None


def _resumes(text, i, j):
    """Whether [i, j) opens with a finite verb: it resumes the sentence the frame
    interrupted ("The plan, according to most economists, is unaffordable.")."""
    word = text[i:min(j, i + 20)].split(None, 1)
    return bool(word) and word[0] in CLAUSE_VERBS


def _continues(text, before, after, fr):
    """Whether the text after an interrupting frame continues the text before it."""
    first = text[after[0]:after[0] + 30]
    if text[before[1] - 1] in CLOSING_MARKS:
        return first[:1] in OPENING_MARKS  # "“A,” she said, “B.”"
    if first[:1] in OPENING_MARKS:
        return False  # 'Asked about it, she said, "..."': the quote alone is the content
    word = first.split(None, 1)[0] if first.strip() else ""
    if word.endswith("ing") and word not in CUE_FORMS:
        return False  # "..., he said, adjusting his tie": a description of the speaker
    if fr.speaker is not None and fr.speaker.end <= fr.cue_start:
        return True  # "It was, he said, one of ...": only an inverted speaker has appositives
    return not APPOSITIVE_RE.match(first)


# What may follow an inverted frame ("..., said Ann Lee: ...", "said Ann Lee that").
INVERTED_CONTENT_RE = re.compile(r"\s*,?\s*(?::|that\s|[\"\u201c])")
THAT_WORD_RE = re.compile(r"\bthat\s")
# Speech verbs whose "to ..." names who was addressed ("wrote to the council").
ADDRESSED_VERBS = {"write", "speak", "talk", "say", "explain", "complain", "reply",
                   "respond", "report", "announce", "declare", "confide", "admit"}
# One listener of an object verb: a name, a pronoun, "reporters" or a two-word phrase.
ONE_LISTENER_RE = re.compile(r"(?:(?:[A-Z][\w.\u2019'-]*\s*)+|(?:me|him|her|us|them|reporters|"
                             r"the\s\w+|an?\s\w+)\s*)[,:]?\s*")


def _after(text, fr, next_lo, quotes):
    start = _skip_space(text, fr.hi, next_lo)
    inverted = fr.speaker is not None and fr.speaker.start > fr.cue_start \
        and fr.verb != "according to"
    if inverted and not INVERTED_CONTENT_RE.match(text[fr.hi:next_lo]):
        return None  # "..., said Ann Lee, who ..." -- the rest is about the speaker
    if text[start:start + 1] == ":":
        start = _skip_space(text, start + 1, next_lo)
    day = DAY_RE.match(text, start, next_lo)
    if day and not inverted:
        start = day.end()  # "said Wednesday she would run": the day is not content
    particle = PARTICLE_RE.match(text, start, next_lo)
    if particle and not inverted and fr.hi == fr.cue_end:
        start = particle.end()  # "railed against it": the preposition belongs to the cue
    if fr.speaker is not None and fr.speaker.text.lower() in ("who", "which"):
        comma = text.find(",", start, next_lo)
        if comma > 0 and not any(q.start < comma < q.end for q in quotes):
            next_lo = comma  # a relative clause ends at its comma
    that = THAT_WORD_RE.search(text[start:min(next_lo, start + 80)])
    if that and that.start() < 60 and "," not in text[start:start + that.start()] \
            and not any(q.start < start + that.start() + 1 < q.end or
                        start < q.start < start + that.start() for q in quotes):
        start = start + that.start()
    else:
        if fr.verb in OBJECT_VERBS and fr.speaker is not None and fr.hi == fr.cue_end:
            # One listener: a name, a pronoun, "reporters" or a two-word phrase.
            obj = ONE_LISTENER_RE.match(text[start:next_lo])
            if obj:
                start += obj.end()
        elif fr.verb in ADDRESSED_VERBS and text.startswith("to ", start):
            # "wrote to the council on Monday": the addressee, not what was written
            obj = ONE_LISTENER_RE.match(text, start + 3, next_lo)
            if obj:
                start = obj.end()
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
    if fr.verb in STANCE_BASES and not text.startswith("that", start):
        stop = OBJECT_END_RE.search(text, start, next_lo)
        if stop and not any(q.start < stop.start() < q.end for q in quotes):
            next_lo = stop.start()
    if fr.reduced:
        next_lo = _main_verb(text, start, next_lo)
    end = _without_conjunction(text, start, _trim_end(text, start, next_lo))
    # "endorsed her" is a whole statement; a belief needs a clause ("believe the mayor"
    # is trust, not a view).
    least = 1 if fr.verb in STANCE_BASES else 3 if fr.verb in BELIEF_BASES else 2
    if words_in(text, start, end) < least or NOT_CONTENT_RE.match(text, start, end):
        return None
    return start, end


# The finite verb of a main clause after a reduced relative's object ("supporting Lee
# have argued", "supporting her campaign spent"): auxiliaries, frequent irregular pasts
# and -ed forms not right after a determiner ("the proposed toll" is still the object).
MAIN_VERBS = set("""
is are was were has have had will would can could may might should must did does do
isn't aren't wasn't weren't hasn't haven't didn't doesn't don't won't
spent gave made took won lost led got went came saw began ran held kept left paid put
raised sent told said wrote brought bought built chose drew fell felt found hit knew
met rose sold sought stood thought """.split())
WORD_AFTER_RE = re.compile(r"(?<=\s)([a-z][\w'\u2019]*)")
DETERMINER_BEFORE_RE = re.compile(r"\b(?:a|an|the|his|her|their|its|our|this|that)\s+$")


def _main_verb(text, i, j):
    """Where the main clause's verb starts after the object at ``i``, else ``j``."""
    for m in WORD_AFTER_RE.finditer(text, i, j):
        word = m.group(1)
        if word in MAIN_VERBS or word.endswith("ed") and not \
                DETERMINER_BEFORE_RE.search(text, max(i, m.start() - 8), m.start()):
            return m.start()
    return j


def _skip_space(text, i, j):
    while i < j and text[i] in " \t,":
        i += 1
    return i


def _trim_end(text, i, j):
    while j > i and text[j - 1] in " \t,;:\u2014-(.":
        j -= 1
    return j


def _without_conjunction(text, i, j):
    """``j`` moved back over a dangling conjunction ("... the letter but" before
    "declined to comment": the next frame's cue cut the content there)."""
    tail = DANGLING_RE.search(text, i, j)
    return _trim_end(text, i, tail.start()) if tail and tail.start() > i else j


DANGLING_RE = re.compile(r"\s(?:and|but|or)$")


def words_in(text, i, j, cap=3):
    """How many words [i, j) holds, counting no further than ``cap``."""
    n = 0
    for m in TOKEN_RE.finditer(text, i, j):
        if m.group()[0].isalnum():
            n += 1
            if n >= cap:
                return n
    return n
