"""Attribution frames inside one sentence: a cue with its speaker.

A frame is a cue (a verb, "according to", a cue noun, "When asked", ", referring to")
with the mention of whoever made the statement; ``content.contents`` then finds what
the frame attributes.
"""
import re

from .content import CLOSING_MARKS, OBJECT_END_RE, OPENING_MARKS, STANCE_BASES, words_in
from .frame import Frame
from .kinds import agentive, classify
from .lexicon import (ANONYMOUS_HEADS, BELIEF_FORMS, BETWEEN_WORDS, CONTINUATION_PARTICIPLES,
                      CUE_FORMS, CUE_NOUNS, DETERMINERS, DOCUMENT_HEADS, LY_NOUNS, ORG_NOUNS,
                      PRONOUNS, SPEECH_FORMS, trie_pattern)
from .model import Mention
from .passives import passive, passive_frame, seeming
from .speakers import (FINITE, INTRO_WORDS, MODALS, clause_subject, left_mention,
                       right_mention, with_appositive)

NOUN_CUE_RE = re.compile(
    r"\b(?P<cue>" + trie_pattern(CUE_NOUNS) + r")\b"
    r"(?:\s+(?:by|from|of)\s+(?P<by>[^,;:.]{2,80}?))?\s+that\s")
# The owner of a cue noun, read backwards from it: "Osei's claim", "their claims".
OWNER_RE = re.compile(r"(?P<owner>(?:[A-Z][\w.\u2019'-]*\s)*[A-Z][\w.-]*|his|her|their|its)"
                      r"(?:'s|\u2019s)?\s+$")
# Cue nouns with a prepositional complement: "attacks on the plan", "support for Ruiz",
# "questions about her health". Their holder is the possessor, if any.
PREP_NOUN_RE = re.compile(
    r"\b(?P<cue>(?:criticisms?\s(?:of|for|over)|concerns?\sabout|doubts?\sabout|"
    r"calls\s(?:for|to)|defen[cs]e\sof|attacks?\sagainst|questions\sabout|embrace\sof|"
    r"fears?\s(?:of|about)|praise\sfor|denunciation\sof|condemnation\sof)\b)\s+"
    r"(?!the\s(?:first|last|past|same|day|week|year)\b)(?=\S)")
# "what they call / describe as ...": the speaker names the content in their terms.
WHAT_AS_RE = re.compile(r"\bwhat\s+(?P<who>[\w\s.\u2019'-]{1,60}?)\s+"
                        r"(?P<cue>(?:call|characteriz|describ|term)\w*)\s+as\s")
# "found last week that ...": a short time phrase before the clause.
LATER_THAT_RE = re.compile(r"(?:\s+[\w,]+){1,4}?\s+that\s")
BELIEF_COMPLEMENT = set("that he she they it we i there this the a an his her their our "
                        "you no to for".split())
# Cue forms that are also common nouns ("the report", "public demand").
NOUN_LIKE = set("""
comment comments claim claims charge charges report reports state states post posts text
texts fear fears hope hopes estimate estimates protest protests answer answers pledge
pledges promise promises vow vows tweet tweets email emails remark remarks doubt doubts
note notes counter counters signal signals blame praise reply replies dispute disputes
finds shows show question questions demand demands lament laments quip quips joke jokes
boast boasts stress stresses recall recalls hint hints concur muse muses
support supports back backs offer offers plan plans attack attacks challenge challenges
decline declines welcome thanks echo echoes blast blasts slam slams want wants call calls
vote votes try tries focus focuses push pushes talk talks pledge share shares order orders
block blocks reference references distance request requests credit credits love loves
aim aims favor favors like likes lash rail rails
""".split())
# Headlines capitalise every word ("Mayor Says Bridge Is Safe"): finite forms of
# speech verbs are cues there too.
HEADLINE_CUES = {f[0].upper() + f[1:]: f for f, base in SPEECH_FORMS.items()
                 if (f.endswith(("s", "ed")) or f in ("said", "told", "wrote"))
                 and f not in NOUN_LIKE}  # "United States", "Washington Post"
CUE_RE = re.compile(r"\b(?:[Aa]ccording to|[Ii]n the (?:view|words|opinion) of|"
                    r"point(?:s|ed|ing)? out|"
                    + trie_pattern(list(CUE_FORMS) + list(HEADLINE_CUES)) + r")\b")
ADDED_AMOUNT_RE = re.compile(r"\s+(?:up\b|to\s+(?:the|its|their|his|her)\b|"
                             r"(?:about|some|nearly|almost|another|an?\s+(?:extra|further|"
                             r"additional)\s+)?[$\u00a3\u20ac]?\d)")
NOUN_FOLLOWERS = set("on of in from by at against over about among were are was is have "
                     "had has".split())
SUBJECT_WORDS = set("he she they it we i you who which that".split())
# A subject at a clause start: a run of capitalised words or a personal pronoun.
SUBJECT_RE = re.compile(r"(?:(?<=^)|(?<=, )|(?<=\n))(?:(?:Mr\.|Mrs\.|Ms\.|Dr\.|Sen\.|Rep\.|"
                        r"Gov\.)\s)?[A-Z][\w\u2019'-]+(?:\s[A-Z][\w\u2019'.-]+)*"
                        r"(?=\s(?!of\b|in\b)[a-z])")
PERSONAL = {"he", "she", "they", "i", "we"}
LETTER_NEXT_RE = re.compile(r"\s*[A-Za-z]")  # a word right after "continued"
BELIEF_BASES = set(BELIEF_FORMS.values()) - set(SPEECH_FORMS.values())
NOT_SUBJECT = INTRO_WORDS | {"The", "A", "An", "This", "That", "These", "Those", "It"}
# "Asked about ..." / "When asked whether ...": a question put to an unnamed speaker.
ASKED_RE = re.compile(r"(?:When\s|If\s|Once\s)?Asked\b|(?:When|If|Once)\sasked\b")
# A short phrase may come between "asked" and the question ("Asked on Fox News who
# ...", "Asked at a briefing Monday about ..."): up to eight words, no comma.
ASKED_TAIL_RE = re.compile(r"(?:\s+by\s+(?P<by>[^,]{2,60}?))?"
                           r"(?:\s+(?!(?:whether|if|why|how|what|who|whom|which|when|where|"
                           r"to|about)\b)[^\s,;:\"\u201c]+){0,8}?\s+(?:about\s+)?"
                           r"(?P<what>(?:whether|if|why|how|what|who|whom|which|when|where|"
                           r"to)\b|(?<=about\s)\S)")
# Prepositional cues after a comma: "..., referring to the new law".
PREP_CUE_RE = re.compile(r"(?<=, )(?P<cue>referring to|pointing to|talking about|"
                         r"speaking about|alluding to|citing)\s+")


def frames(text, s, e, quotes, last_speaker):
    """Attribution frames of sentence [s, e) outside quotations, in text order."""
    out = []
    for m in CUE_RE.finditer(text, s, e):
        a, b = m.span()
        if any(q.start < a < q.end for q in quotes):
            continue
        word = m.group()
        if word.lower() == "according to" or word.lower().startswith("in the "):
            # "In the view of Ann Berg, ...", "in the words of one aide": as "according to"
            sp = right_mention(text, b, e, source=True)
            if sp:
                sp = with_appositive(text, sp, e)
                out.append(Frame(a, b, sp, a, sp.end, "according to"))
            continue
        prev = _prev_word(text, s, a)
        if word in HEADLINE_CUES:
            if not prev[:1].isupper():
                continue  # a capitalised cue only counts after a capitalised subject
            word = HEADLINE_CUES[word]
        base = "point out" if word.startswith("point") else CUE_FORMS[word]
        if word == "asked" and (prev.lower() in ("when", "if", "once", "being", "after")
                                or not text[s:a].strip() or text[s:a].rstrip()[-1:] == ","):
            asked = _asked(text, a, b, e)
            if asked:
                out.append(asked)
            continue
        if prev.lower() in DETERMINERS and not (prev.lower() in ("some", "one", "each")
                                                and word not in NOUN_LIKE) or \
                prev.endswith(("'s", "\u2019s")):  # but "Some said ..." is a statement
            continue  # a noun ("the report", "his claims")
        if text[a - 1:a] == "-" or text[b:b + 1] == "-":
            continue  # "so-called", "self-described", "counter-terrorism"
        if base == "call" and _naming(prev, _next_word(text, b, e)):
            continue  # "a group called Rise", "called off", "is called": not a cue
        if base == "add" and ADDED_AMOUNT_RE.match(text, b, e):
            continue  # "the cut will add 2 billion", "adds up to": arithmetic, not speech
        if base == "continue" and LETTER_NEXT_RE.match(text[b:b + 3]):
            continue  # "continued to grow": only '..., she continued.' or 'continued: "..."'
        calls_on = base == "call" and prev[:1].isupper() and _next_word(text, b, e) == "on"
        if word in NOUN_LIKE and _next_word(text, b, e) in NOUN_FOLLOWERS and not calls_on:
            continue  # "council attacks on the budget": a noun before its preposition
        if word in NOUN_LIKE and not _subject_like(prev, text, s, a) and not (
                text[s:s + 1] in OPENING_MARKS and words_in(text, b, e, cap=3) <= 2):
            continue  # "public demand", "harsh comments": a noun, not a verb
        if word in BELIEF_FORMS and word not in SPEECH_FORMS:
            nxt = _next_word(text, b, e)
            ends = not text[b:e].strip(" .,;:!?\"'\u201d")  # "..., the survey shows."
            if nxt.lower() not in BELIEF_COMPLEMENT and not ends and \
                    not LATER_THAT_RE.match(text, b, e) and not (
                    base != "know" and (nxt[:1].isupper() or nxt[:1].isdigit())) \
                    and not text[b:b + 2] == ", ":
                continue
        if PREP_CUE_RE.match(text, a, e):
            continue  # ", citing ...", ", talking about ...": looked for below
        if (word in CONTINUATION_PARTICIPLES or word.endswith("ing")) and \
                text[s:a].rstrip().endswith((",", "and")):
            subj = subject(text, s, a, quotes)
            # the clause subject's own frame, not one nested in its content ("The
            # president criticized what she called ..., saying ...")
            sp = _fuller(out, subj) if subj is not None else None
            if sp is subj:
                sp = out[-1].speaker if out else subj
            sp = sp or last_speaker
            out.append(Frame(a, b, sp, a, b, base, participle=True))
            continue
        lo = s
        for q in quotes:
            if q.end <= a:
                lo = max(lo, q.end)
        sp = left_mention(text, lo, a)
        if sp is not None and base in ("say", "add") and "," in sp.text and \
                _inverted_speaker(text, b, e):
            sp = None  # "The firm lobbied ..., at both levels, said Ann Lee.": inverted
        if sp is None and prev == "to" and base not in BELIEF_BASES:
            # "Ramos used his speech to call for ...": the subject of the clause acts.
            sp = clause_subject(text, s, a)
            if sp is not None and agentive(sp) and (sp.kind != "pronoun" or
                                                    sp.text.lower() in PERSONAL):
                out.append(Frame(a, b, sp, a, b, base))
            continue
        if sp is None and _conjunction_before(text, s, a):
            # "Lee denounced the plan and rejected ...": the subject of the first verb;
            # the frame itself is only the cue, so that both verbs keep their frames.
            sp = clause_subject(text, s, a)
            if sp is not None:
                # the first verb's frame may hold the fuller mention ("The minister,
                # Claire Dubois, said ..., but added")
                sp = _fuller(out, sp)
                out.append(Frame(a, b, sp, a, b, base))
                continue
        if sp is not None and word != "asked" and passive(text, sp.end, a, word):
            by_agent = passive_frame(text, a, b, e, sp, base)
            if by_agent is not None:
                out.append(by_agent)
            continue  # a passive without its agent is no one's statement
        if sp is not None and base in STANCE_BASES and not agentive(sp):
            continue  # "The breakdown threatens to ...": a stance needs someone to hold it
        if sp is not None:
            # A participle right after its noun is a reduced relative ("a PAC
            # supporting Lee spent ..."): its object ends where the main verb starts.
            reduced = word.endswith("ing") and base in STANCE_BASES and \
                not text[sp.end:a].strip()
            out.append(Frame(a, b, sp, sp.start, b, base, reduced=reduced))
            continue
        sp = right_mention(text, b, e)
        # After the cue a pronoun starts a clause ("said he would go"), not a speaker;
        # so does a noun phrase before a verb ("said the estimate was low").
        if sp is not None and sp.text.split()[0].lower() not in PRONOUNS and \
                not _finite(sp.text):
            before = text[s:a].rstrip()
            if before.endswith((",", ":") + CLOSING_MARKS) or not before:
                out.append(Frame(a, b, sp, a, sp.end, base))
    # The rarer constructions are only looked for when their key word is present.
    noun_cues = NOUN_CUE_RE.finditer(text, s, e) if text.find("that", s, e) >= 0 else ()
    for m in noun_cues:
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
    for m in PREP_NOUN_RE.finditer(text, s, e):
        if any(q.start < m.start() < q.end for q in quotes) or \
                any(f.lo <= m.start() < f.hi for f in out):
            continue
        owner = OWNER_RE.search(text, max(s, m.start() - 60), m.start())
        sp = None
        if owner and (text[owner.end("owner"):owner.end("owner") + 2] in ("'s", "\u2019s")
                      or owner.group("owner").lower() in ("his", "her", "their", "its")):
            sp = _as_mention(text, *owner.span("owner"))
        else:  # "Ruiz voiced concerns about ...": most often the clause subject's
            sp = clause_subject(text, s, m.start())
            if sp is not None and (sp.end > m.start() or sp.kind == "pronoun"
                                   and sp.text.lower() not in ("he", "she", "they")):
                sp = None
        out.append(Frame(m.start("cue"), m.end("cue"), sp, sp.start if sp else m.start(),
                         m.end("cue"), m.group("cue"), content_from=m.end(),
                         object_only=True))
    if text.find("seem", s, e) >= 0 or text.find("appear", s, e) >= 0:
        out += seeming(text, s, e, quotes, out)
    m = ASKED_RE.match(text, s, e) if text.find("sked", s, e) >= 0 else None
    if m:
        asked = _asked(text, m.end() - 5, m.end(), e)
        if asked:
            out.append(asked)
    for m in PREP_CUE_RE.finditer(text, s, e):
        if any(q.start < m.start() < q.end for q in quotes):
            continue
        prior = [f for f in out if f.hi <= m.start() and f.speaker is not None]
        sp = prior[-1].speaker if prior else subject(text, s, m.start(), quotes)
        out.append(Frame(m.start(), m.end("cue"), sp, m.start(), m.end("cue"),
                         m.group("cue"), content_from=m.end(), object_only=True))
    for m in WHAT_AS_RE.finditer(text, s, e) if text.find("what", s, e) >= 0 else ():
        sp = Mention(m.group("who"), m.start("who"), m.end("who"), classify(m.group("who")))
        out.append(Frame(m.start("cue"), m.end("cue"), sp, m.start(), m.end() - 1,
                         m.group("cue"), content_from=m.end()))
    out.sort(key=lambda f: f.lo)
    kept = _drop_descriptions(text, _drop_nested(out))
    return kept + _relatives(text, out, kept, quotes)


# A speaker after an inverted cue: a capitalised word or a determiner opens it, and the
# sentence or an appositive follows it ("..., said Ann Lee, a lawyer.", "said a
# senior aide."); not a day ("said Tuesday.") or a clause ("said the plan failed").
INVERTED_SPEAKER_RE = re.compile(r"\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                                 r"Saturday|Sunday|Today|Yesterday)\b)"
                                 r"(?:[A-Z]|(?:a|an|the|one|two|three|several|many|some)\s)")




def _inverted_speaker(text, b, e):
    """Whether a speaker mention follows the cue ending at ``b`` and ends the sentence
    or runs into an appositive: a long "Name, description," before the cue is then the
    content, not the speaker. (Only for "say" and "add", which take no object: "told
    AFP.", "praised the plan.")"""
    if not INVERTED_SPEAKER_RE.match(text, b, e):
        return False
    sp = right_mention(text, b, e)
    if sp is None or sp.text.split()[0].lower() in PRONOUNS:
        return False
    # "said the plan was dead.": a clause, not a mention
    if _finite(sp.text) or any(w.endswith("ed") for w in sp.text.split()):
        return False
    return text[sp.end:e].lstrip()[:1] in ("", ".", ",", "!", "?")


def _fuller(found, mention):
    """The speaker of a frame in ``found`` that starts where ``mention`` does (the
    frame's reading is the fuller one: "The minister, Claire Dubois"), else
    ``mention``."""
    return next((f.speaker for f in found if f.speaker is not None and
                 f.speaker.start == mention.start), mention)


def _finite(words):
    """Whether ``words`` hold a finite verb: a clause, not a mention."""
    return any(w in FINITE or w in MODALS or w.endswith("n't") for w in words.split())


def _asked(text, a, b, e):
    """'When asked whether ..., she said': the question is content, asker unnamed."""
    m = ASKED_TAIL_RE.match(text, b, e)
    if not m:
        return None
    by = None
    if m.group("by"):
        by = _as_mention(text, m.start("by"), m.end("by"))
    stop = OBJECT_END_RE.search(text, m.start("what"), e)
    hi = stop.start() if stop else e  # the question belongs to this frame, not the next
    return Frame(a, b, by, a, hi, "ask", content_from=m.start("what"), object_only=True)


def _drop_descriptions(text, frames_):
    """Drop "who ..." frames that describe the previous frame's speaker
    ('said Ann Lee, who wrote about it in a book'): they are not statements."""
    kept = []
    for f in frames_:
        if kept and f.speaker is not None and f.speaker.text.lower() in ("who", "which") \
                and kept[-1].speaker is not None \
                and not text[kept[-1].speaker.end:f.speaker.start].strip(" ,"):
            continue
        kept.append(f)
    return kept


def _relatives(text, frames_, kept, quotes):
    """Frames in a relative clause of another frame's speaker ("Cruz, who says X, said
    Y"): their content is the rest of the clause, up to the end of that speaker."""
    out = []
    for f in frames_:
        if f in kept or f.speaker is None or f.speaker.text.lower() not in ("who", "which"):
            continue
        host = next((k for k in kept if k.speaker is not None and
                     k.speaker.start < f.speaker.start and f.hi <= k.speaker.end), None)
        if host is None:
            continue
        start, end = f.hi, host.speaker.end
        while start < end and text[start] in " ,":
            start += 1
        if words_in(text, start, end) >= 2 and not any(q.start < end < q.end for q in quotes):
            out.append(Frame(f.cue_start, f.cue_end, f.speaker, f.lo, f.hi, f.verb,
                             fixed=(start, end)))
            # The host's speaker is the name the clause describes: "Cruz", not "Cruz,
            # who says ...".
            cut = text.rfind(",", host.speaker.start, f.speaker.start)
            if cut > host.speaker.start:
                host.speaker = _as_mention(text, host.speaker.start, cut)
    return out


def _drop_nested(frames_):
    """Keep the first of frames whose spans overlap (a cue inside another's speaker),
    except a reduced relative inside the next frame's speaker: in "Democrats supporting
    Lee said ...", both "supporting" and "said" are frames."""
    kept = []
    for f in frames_:
        if kept and f.lo < kept[-1].hi and not _describes(kept[-1], f):
            continue
        kept.append(f)
    return kept


def _describes(inner, outer):
    """Whether frame ``inner`` is a reduced relative inside ``outer``'s speaker."""
    sp = outer.speaker
    return inner.reduced and sp is not None and sp.start <= inner.lo and inner.hi < sp.end


def subject(text, s, a, quotes):
    """The subject of the clause holding a participle cue: the first mention-like
    phrase of the sentence outside quotations ("Ann, in a speech, ..., saying ...")."""
    found = clause_subject(text, s, a)
    if found is not None and not any(q.start <= found.start < q.end for q in quotes):
        return found
    for m in SUBJECT_RE.finditer(text, s, a):
        if m.group().split()[0] in NOT_SUBJECT:
            continue
        if not any(q.start <= m.start() < q.end for q in quotes):
            return _as_mention(text, m.start(), m.end())
    return None


def _as_mention(text, i, j):
    return Mention(text[i:j], i, j, classify(text[i:j]))


def _naming(prev, nxt):
    """Whether 'call' here names or summons rather than characterises."""
    low = prev.lower()
    if nxt in ("off", "attention", "back", "up", "in", "out") or low in (
            "being", "is", "was", "be", "been", "are", "were", "so"):
        return True
    return prev.islower() and not low.endswith("s") and low not in SUBJECT_WORDS \
        and nxt[:1].isupper()


# Nouns for people and institutions, which can be a cue's subject ("the woman
# disputes"); not places, which end a phrase ("riders in the county support ...").
SUBJECT_NOUNS = ANONYMOUS_HEADS | ORG_NOUNS - {"state", "city", "county", "district"}


def _subject_like(prev, text, s, a):
    """Whether the word before a noun-like cue form can be its subject."""
    low = prev.lower()
    if low in SUBJECT_WORDS or low in BETWEEN_WORDS or low in DOCUMENT_HEADS or \
            low in SUBJECT_NOUNS or \
            prev.endswith((",", ")")) or (  # "a new poll shows"
            prev.islower() and low.endswith("ly") and low not in LY_NOUNS):
        return True  # "would begrudgingly support"
    if "-" in prev and low.endswith("ed"):
        return False  # "the Saudi-led talks": a compound adjective, not a subject
    if prev[:1].isupper():
        # A name, or a plural opening the sentence ("Polls show"); "Report finds" in a
        # headline stays a noun.
        return True  # a name ("Merkel talks about ..."), a plural, "Poll finds ..."
    return low.endswith("s") and not low.endswith("ss")


CONJUNCTION_BEFORE_RE = re.compile(r"\b(?:and|but)(?:\s+[a-z]+ly)*\s+$")
NEXT_WORD_RE = re.compile(r"\s*(\w+)")


def _conjunction_before(text, s, a):
    """Whether the cue follows "and" / "but", adverbs aside ("and officially endorsed")."""
    return CONJUNCTION_BEFORE_RE.search(text[max(s, a - 40):a]) is not None


def _prev_word(text, s, a):
    """The last whitespace-separated word of the 30 characters before ``a``."""
    # (rsplit splits at exactly the characters a regex's \s matches, and unlike a
    # search for r"(\S+)\s*$" it does not retry from every position of the window)
    words = text[max(s, a - 30):a].rsplit(None, 1)
    return words[-1] if words else ""


def _next_word(text, b, e):
    m = NEXT_WORD_RE.match(text[b:min(e, b + 30)])
    return m.group(1) if m else ""
