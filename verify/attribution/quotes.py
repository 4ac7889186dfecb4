"""Direct quotations that no frame in their sentence attributes.

A quotation that stands as its own sentence right after an attributed statement of the
same or the previous paragraph continues that speaker (newspapers attribute a run of
quotes once). Other long quotations are still reported, without a speaker.
"""
import re

from .kinds import agentive, classify
from .lexicon import CUE_FORMS, SPEECH_FORMS
from .model import Mention, Statement
from .speakers import clause_subject, left_mention, mention, sentence_subject

QUOTE_MARKS = "\"'\u201c\u201d\u00ab\u00bb\u201e"
MIN_WORDS_STANDALONE = 2
MIN_WORDS_EMBEDDED = 2
TERM_BEFORE_RE = re.compile(r"\b(?:the|a|an|this|so-called)\s*$", re.IGNORECASE)


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
        least = MIN_WORDS_STANDALONE if standalone else MIN_WORDS_EMBEDDED
        if words < least and not (words == 1 and text[q.end - 2:q.end - 1] in ",.!?"):
            continue  # a lone quoted word counts when punctuated as an utterance
        if not standalone and words < 6 and TERM_BEFORE_RE.search(text, max(s, q.start - 12),
                                                                  q.start):
            continue  # 'the "reform package"': a term or a title, not a statement
        prev = _previous(q, ordered + out, para_of)
        gap = para_of(q.start) - para_of(prev.end) if prev is not None else 9
        # '"A," he said of Trump, "B."': the frame between two quotations of one
        # sentence attributes both.
        resumed = (prev is not None and prev.kind == "direct" and prev.cue_start is not None
                   and s <= prev.start and prev.end <= prev.cue_start < q.start
                   and text[:q.start].rstrip().endswith((",", ":", " but", " and")))
        inherit = (standalone or resumed) and prev is not None and \
            prev.speaker is not None and gap <= 1
        named = _named_speaker(text, q, s, e, text[s:q.start].rstrip())
        if named is not None:
            who, (c0, c1) = named
            out.append(Statement(q.start, q.end, text[q.start:q.end], who.text, who.start,
                                 who.end, who.kind, text[c0:c1].strip(" ,"), c0, c1,
                                 "direct", 0.6))
        elif inherit:
            out.append(Statement(
                q.start, q.end, text[q.start:q.end], prev.speaker, prev.speaker_start,
                prev.speaker_end, prev.speaker_kind, prev.cue, prev.cue_start, prev.cue_end,
                "direct", 0.7, prev.resolved_speaker, prev.resolution_note,
                continues=gap == 0 and not resumed))
        else:
            # A quotation inside a clause whose verb is not a known cue ("Lee reacted
            # coolly, 'not my problem'") is most often the clause subject's words.
            guess = None if standalone else clause_subject(text, s, q.start)
            if guess is not None and guess.kind == "pronoun":
                guess = None
            if guess is None and not standalone and words <= 3 and not _uttered(text, q):
                continue  # a short quoted phrase in nobody's clause: a term, a title
            out.append(Statement(
                q.start, q.end, text[q.start:q.end], guess and guess.text,
                guess and guess.start, guess and guess.end, guess and guess.kind,
                None, None, None, "direct", 0.4 if standalone else 0.3))
    return out


# "Ruiz: We will win" -- a headline or transcript line led by its speaker's name.
LABEL_RE = re.compile(r"(?P<who>[A-Z][\w.\u2019'-]*(?:\s[A-Z][\w.\u2019'-]*){0,2}):\s+"
                      r"(?P<what>\S[^\n]{8,})")
NOT_LABELS = {"Update", "Note", "Editor", "Editor's", "Correction", "Source", "Sources",
              "Photo", "Video", "Watch", "Read", "Related", "Follow", "Contact", "Email",
              "Subscribe", "Advertisement"}


def labelled(text, paras):
    """Statements of paragraphs led by a speaker label ("Ruiz: 'The bridge is safe'")."""
    out = []
    for p_start, p_end in paras:
        m = LABEL_RE.match(text, p_start, p_end)
        if not m or m.group("who") in NOT_LABELS or m.group("who").isupper() and \
                len(m.group("who")) > 2:
            continue
        who = m.group("who")
        start, end = m.start("what"), p_end
        while end > start and text[end - 1] in " .":
            end -= 1
        # Interview transcripts label turns Q and A: an unnamed asker and answerer.
        kind = "anonymous_person" if who in ("Q", "A") else classify(who)
        out.append(Statement(start, end, text[start:end], who, m.start("who"), m.end("who"),
                             kind, ":", m.end("who"), m.end("who") + 1,
                             kind_of(text, start, end), 0.5))
    return out


# "a narrator in the video": a common noun may carry one prepositional phrase.
_NAME = (r"(?:he|she|they|I|we|(?:the\s|an?\s)?[A-Z][\w.\u2019'-]*(?:\s[A-Z][\w.\u2019'-]*){0,3}"
         r"|(?:the|an?|one|another)\s(?:[a-z]+\s){0,2}?[a-z]+"
         r"(?:\s(?:in|of|at|from|for)\s(?:the\s|an?\s)?(?:[\w\u2019'-]+\s){0,2}?[\w\u2019'-]+)?)")
# Past ("beamed") or present ("asks", "reads") tense: any verb after an utterance.
SAID_AFTER_RE = re.compile(r"\s*(?:(?P<who>" + _NAME + r")\s+(?:[a-z]+ly\s+)?"
                           r"(?P<verb>[a-z]{3,}(?:ed|s)|read|wrote|told)"
                           r"|(?P<verb2>[a-z]{3,}ed)\s+(?P<who2>" + _NAME + r"))\b")


# '“...” ― Ann Lee' closing its line: a signature (a horizontal bar or a dash, then
# a name and nothing else).
SIGNED_RE = re.compile(r"[ \t\u00a0]*(?P<dash>[\u2015\u2014\u2013]|--)[ \t\u00a0]*"
                       r"(?P<who>[A-Z][\w.\u2019'-]*(?:[ \t][A-Z][\w.\u2019'-]*){0,4})"
                       r"[ \t\u00a0.]*(?:\n|$)")


# "Said Ellis:", "Said Ann Lee, who grew up here," -- the verb first, then the speaker.
INVERTED_RE = re.compile(r"(?P<verb>Said|Says|Added|Adds|Wrote|Writes)\s+"
                         r"(?P<who>[A-Z][\w.\u2019'-]*(?:\s[A-Z][\w.\u2019'-]*){0,3})\s*[:,]")
# "As Ann Lee put it," -- the speaker inside a comment clause.
PUT_IT_RE = re.compile(r"\b[Aa]s\s+(?P<who>[^,]{2,80}?)\s+(?:puts|put)\s+it,$")
# 'Lee yelled, "Out!"' -- a verb of the lexicon's would have made a frame: any past
# tense right before the comma.
VERBED_RE = re.compile(r"\b[a-z]{3,}ed,$")
PERSON_KINDS = {"named_person", "anonymous_person", "pronoun", "group"}


def _named_speaker(text, q, s, e, intro):
    """(speaker mention, cue span) for quotation ``q`` of sentence [s, e) that no frame
    covers but its surroundings attribute, or None; ``intro`` is the sentence's text
    before the quotation."""
    if intro.endswith((":", ",")):
        found = _intro_speaker(text, s, intro)  # "Ruiz put it bluntly:", "Said Ellis,"
        if found is not None:
            return found
    elif not intro:
        found = _introduced(text, q.start)  # "Ruiz went on:" closing the paragraph before
        if found is not None:
            return found
    return (_signed(text, q.end)  # '“We stay.” ― Ann Lee'
            # '"Resign!" beamed the delegate': any verb after an utterance attributes it
            or (_said_after(text, q.end, e) if _uttered(text, q) else None)
            or _attributed_after(text, q.end))  # '“...” Ann Lee wrote in May.'


def _intro_speaker(text, s, intro):
    """The speaker and cue span of the introduction [s, s + len(intro)) of a quotation
    ("Ruiz put it bluntly:", "Said Ellis:", "As Lee put it,", "Lee yelled,"), or None."""
    end = s + len(intro)
    m = INVERTED_RE.match(intro)
    if m:
        who = Mention(m.group("who"), s + m.start("who"), s + m.end("who"),
                      classify(m.group("who")))
        return who, (s + m.start("verb"), s + m.end("verb")) if intro.endswith(",") else \
            (end - 1, end)
    if intro.endswith(":"):
        who = sentence_subject(text, end)
        return (who, (end - 1, end)) if who else None
    m = PUT_IT_RE.search(intro)
    if m:
        return mention(text, s + m.start("who"), s + m.end("who")), (s + m.end("who") + 1,
                                                                      end - 1)
    m = VERBED_RE.search(intro)
    if m:
        who = left_mention(text, s, s + m.start())
        if who is not None and who.kind in PERSON_KINDS and agentive(who):
            return who, (s + m.start(), end - 1)  # "the vote ended," names no one
    return None


def _signed(text, pos):
    """The name signing the quotation that ends at ``pos`` and the dash before it."""
    m = SIGNED_RE.match(text, pos)
    if not m:
        return None
    who = m.group("who").rstrip(".")
    return (Mention(who, m.start("who"), m.start("who") + len(who), classify(who)),
            m.span("dash"))


LAST_WORD_RE = re.compile(r"[A-Za-z]+$")
WORD_RE = re.compile(r"[A-Za-z]+")


def _introduced(text, pos):
    """(speaker, colon span) when the paragraph before the quotation opening at
    ``pos`` ends with "Ruiz went on:" (the clause's subject), else None."""
    before = text[max(0, pos - 400):pos]
    intro = before.rstrip()
    if not intro.endswith(":") or "\n" not in before[len(intro):]:
        return None
    colon = pos - len(before) + len(intro) - 1
    stop = text.rfind(". ", 0, colon)
    line = max(text.rfind("\n", 0, colon) + 1, stop + 2 if stop >= 0 else 0)
    verb = LAST_WORD_RE.search(text, line, colon)
    if verb and verb.group().lower() in CUE_FORMS:  # "The Herald reports:"
        subject = left_mention(text, line, verb.start())
    else:  # "Ruiz went on:", "Lee made this comment:"
        subject = clause_subject(text, line, colon)
    return (subject, (colon, colon + 1)) if subject is not None else None


# A sentence of at most a line holding no quotation mark: "Ann Lee wrote in May."
FRAME_SENTENCE_RE = re.compile(r"[ \t\u00a0]*([A-Z][^\n\"\u201c\u201d.!?]{1,160}?)[.](?=\s|$)")
# Speech verbs beyond the lexicon's that attribute the quotation just before them.
AFTER_VERB_RE = re.compile(r"\b(?:read|reads|went on|goes on|shot back|fired back)\b")


def _attributed_after(text, pos):
    """The speaker and cue of '“...” Ann Lee, an economist, wrote in May.' -- a
    sentence right after the quotation that opens with a mention and a speech verb
    and says nothing else -- or None."""
    if text[pos - 2:pos - 1] not in ".!?":
        return None  # the quotation must be a whole sentence
    m = FRAME_SENTENCE_RE.match(text, pos)
    if not m:
        return None
    verb = _speech_verb(text, m.start(1), m.end(1))
    rest = text[verb[1]:m.end(1)].split() if verb else ()
    if not verb or len(rest) > 8 or "that" in rest:
        return None  # "Lee said the pier would open": a statement of its own
    who = left_mention(text, m.start(1), verb[0])
    if who is None or who.start != m.start(1):
        return None
    return who, verb


def _speech_verb(text, lo, hi):
    """(start, end) of the first speech verb in [lo, hi), or None."""
    for w in WORD_RE.finditer(text, lo, hi):
        if w.group() in SPEECH_FORMS:
            return w.span()
    m = AFTER_VERB_RE.search(text, lo, hi)
    return m.span() if m else None


def _uttered(text, q):
    """Whether a quotation ends as an utterance handed to an attribution ('...,"')."""
    inner = text[q.start:q.end].rstrip("\"'\u201d\u00bb")
    return inner.endswith((",", "!", "?"))


def _said_after(text, pos, end):
    """The speaker and verb right after a quotation ('"...," Ruiz beamed'), if any."""
    m = SAID_AFTER_RE.match(text, pos, end)
    if not m:
        return None
    who = "who" if m.group("who") else "who2"
    verb = "verb" if m.group("verb") else "verb2"
    mention = Mention(m.group(who), m.start(who), m.end(who), classify(m.group(who)))
    return mention, m.span(verb)


def _previous(q, statements, para_of):
    """The statement a quotation at ``q`` would continue: the last quoted statement of
    its paragraph (a ", noting that ..." aside between two quotations does not take the
    run over), else the last statement before it."""
    # A quoted title without a speaker ("said on ''Meet the Press.''") continues nothing.
    before = [st for st in statements if st.end <= q.start and st.speaker is not None]
    if not before:
        return None
    para = para_of(q.start)
    quoted = [st for st in before if st.kind != "indirect" and para_of(st.start) == para]
    return max(quoted or before, key=lambda st: st.end)


def join_runs(text, statements):
    """Fold each continuing quotation into the statement it continues.

    "“A,” she said. “B.”" is then one statement spanning A to B (the attribution in
    between is a small part of it), which is how attribution corpora count it.
    """
    out = []
    for st in statements:
        heads = [i for i, h in enumerate(out) if st.continues and h.kind != "indirect"
                 and (h.speaker_start, h.cue_start) == (st.speaker_start, st.cue_start)]
        if heads:
            head = out[heads[-1]]
            out[heads[-1]] = head.copy_with(end=st.end, text=text[head.start:st.end],
                                            parts=tuple(head.spans) + tuple(st.spans))
        else:
            out.append(st)
    return out
