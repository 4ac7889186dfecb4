"""Speaker mentions: finding them next to a cue (their kinds are read in kinds.py,
pronouns resolved in pronouns.py)."""
import re

from .kinds import HEAD_CUT_RE, classify, quantity_word
from .lexicon import (ANONYMOUS_HEADS, BETWEEN_WORDS, CLAUSE_WORDS, DETERMINERS,
                      DOCUMENT_HEADS, GROUP_WORDS, LY_NOUNS, QUANTITIES, TITLES)
from .model import Mention
from .text import DATELINE_RE

# A word (with inner apostrophes, hyphens and abbreviation dots) or one punctuation mark.
TOKEN_RE = re.compile(r"[\w\u00C0-\u024F](?:[\w\u00C0-\u024F'\u2019&-]|\.(?=[\w\u00C0-\u024F])"
                      r"|(?<=\d),(?=\d{3}))*\.?|[^\w\s]")  # "1,300" is one token
MAX_WORDS = 12
JOINERS = {"/", "&", "-"}
# Tokens that cannot end a noun phrase standing right before a verb.
BAD_LAST = set("to of the a an in on at for by from with about this that his her their its "
               "our my your not no it's is was are were be".split())
RIGHT_STOP = set("in on at during after before when while who that to about of via "
                 "last this on earlier".split())
PREPOSITIONS = set("in on at during after before for with from by into over under about "
                   "amid among across through".split())
# Words after which a preposition still belongs to the mention.
LINKING = {"involved", "familiar", "close", "knowledgeable", "briefed", "one", "some"}
TIME_TAIL_RE = re.compile(
    r"(?:\s[\u2014\u2013-]{1,2}\s[^\u2014\u2013]{3,160}?\s[\u2014\u2013-]{1,2}|"
    r",\s(?:[\w-]+\s){0,3}(?:later|earlier|ago|afterward|too|also|however|though|"
    r"meanwhile|then|again|instead|example|instance|turn|fact|course|part)\s*,|"
    r"\s(?:on|in|at|during|earlier|later|last|this|early|late)\s"
    r"(?:the\s)?(?:\w+\s){0,2}?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|day|week|month|year|morning|afternoon|evening|night|weekend|\d{4})"
    r"(?:\s(?:morning|afternoon|evening|night))?)\s*$")
ADVERB_TAIL_RE = re.compile(r"(?:\s+(?:(?!(?:" + "|".join(sorted(LY_NOUNS)) + r")\b)[a-z]+ly|"
                            + "|".join(sorted(BETWEEN_WORDS)) + r"))+\s*$")
HARD_STOPS = {'"', "\u201c", "\u201d", ";", ":", "\u2014", "''"}
RELATIVE = {"who", "which", "whose", "that", "whom"}
FINITE = set("is was are were will would has have had can could does did".split())
MODALS = {"may", "might", "must", "should", "shall", "cannot"}
INTRO_WORDS = set("In On At During After Before When While Asked Speaking Later Earlier "
                  "Last This Since Then Also Meanwhile But And Still Yet".split())
SOURCE_LINKS = {"of", "in", "on", "at", "about", "to"}
# Prepositions that tie a role noun to its organisation inside one speaker mention.
PERSON_LINKS = {"for", "at", "with", "from", "in"}
# Role nouns an "of" phrase completes ("the head of the agency").
ROLE_HEADS = {"head", "chief", "director", "president", "chairman", "chairwoman", "chair",
              "member", "members", "leader", "leaders", "secretary", "governor", "mayor"}
# Prepositions that tie a document to its author ("a statement from the ministry").
DOCUMENT_LINKS = {"from", "by", "of"}


# What the text before a cue must end with (trailing space aside) for ADVERB_TAIL_RE /
# TIME_TAIL_RE to match there (the latter also after a digit, "in 2016"). Most cues
# follow a name, so this cheap test spares two backward searches at most cues.
ADVERB_TAIL_ENDS = ("ly",) + tuple(sorted(BETWEEN_WORDS))
TIME_TAIL_ENDS = ("\u2014", "\u2013", "-", ",", "day", "week", "month", "year", "weekend",
                  "morning", "afternoon", "evening", "night")


def _tail_search(pattern, endings, text, lo, hi):
    """``pattern.search(text, lo, hi)`` for a pattern anchored at ``hi`` whose matches
    end with one of ``endings`` (or a digit, for TIME_TAIL_RE) before trailing space."""
    tail = text[lo:hi].rstrip()
    if not (tail.endswith(endings) or tail[-1:].isdigit()):
        return None
    return pattern.search(text, lo, hi)


def left_mention(text, lo, cue_start):
    """The noun phrase ending just before a cue (skipping auxiliaries), or None."""
    adverbs = _tail_search(ADVERB_TAIL_RE, ADVERB_TAIL_ENDS, text, max(lo, cue_start - 60),
                           cue_start)
    if adverbs:
        cue_start = adverbs.start()
    when = _tail_search(TIME_TAIL_RE, TIME_TAIL_ENDS, text, max(lo, cue_start - 200),
                        cue_start)
    if when:
        cue_start = when.start()  # "The mayor on Tuesday said": skip the time phrase
    lo = max(lo, cue_start - 400)  # no mention is longer; long sentences stay cheap
    tokens = [(m.start() + lo, m.end() + lo, m.group())
              for m in TOKEN_RE.finditer(text[lo:cue_start])]
    i = len(tokens) - 1
    while i >= 0 and (tokens[i][2].lower() in BETWEEN_WORDS
                      or (tokens[i][2].endswith("ly") and tokens[i][2].islower()
                          and tokens[i][2] not in LY_NOUNS)):
        i -= 1
    if i < 0:
        return None
    while i >= 2 and tokens[i][2] == "and" and tokens[i - 1][2].endswith("ed"):
        i -= 2  # "I smiled and said": the subject comes before the first verb
    end = tokens[i][1]
    if tokens[i][2] == ")":  # "Ann Lee (D-Ore.) said": the parenthesis is part of it
        k = i
        while k >= 0 and tokens[k][2] != "(":
            k -= 1
        if k <= 0:
            return None
        i = k - 1
    word = tokens[i][2]
    if word == ",":
        return _appositive(text, tokens, i)
    if word.lower() in ("who", "which"):
        return _mention(text, tokens[i][0], end)
    if not (word[0].isalnum()) or word.lower() in BAD_LAST or word.lower() in CLAUSE_WORDS:
        return None
    j = i
    words = 0
    joined = None  # where the mention started before an "and" joined a second one
    while j >= 0 and words < MAX_WORDS:
        tok = tokens[j][2]
        low = tok.lower()
        # "a spokesperson for the ministry" is one mention: a role noun keeps its
        # organisation.
        linked = 0 < j < i and (low in PERSON_LINKS and _person_noun(tokens[j - 1][2]) or
                                low in DOCUMENT_LINKS and
                                tokens[j - 1][2].lower() in DOCUMENT_HEADS)
        if low == "and" and joined is None and 0 < j < i and \
                _joinable(tokens[j - 1][2], tokens[j + 1][2]):
            joined = j + 1  # "teachers and union officials", "Lee and Pell"
            j -= 1
            continue
        if not tok[0].isalnum() or (low in CLAUSE_WORDS and not linked):
            break
        if low in PREPOSITIONS and j < i and not linked:
            break
        words += 1
        j -= 1
    first = j + 1
    if joined is not None and j >= 0 and tokens[j][2] not in BREAK_TOKENS:
        first = joined  # "in Iowa and Clinton said": only after a break is it one mention
    if j >= 0 and tokens[j][2].lower() in PREPOSITIONS:
        first = _quantified(tokens, j, first)
    return _mention(text, tokens[first][0], end)


def _quantified(tokens, prep, first):
    """Where a mention starts when the phrase before the preposition at ``prep`` is a
    quantity of people ("Two-thirds of voters in the state"): its first word, else
    ``first`` (the place alone is no speaker's)."""
    k = prep - 1
    while k >= 0 and prep - k <= 8 and tokens[k][2][0].isalnum() and \
            tokens[k][2].lower() not in CLAUSE_WORDS | FINITE:
        if tokens[k][2].lower() == "of" and k > 0 and (
                tokens[k - 1][2].lower().split("-")[-1] in QUANTITIES):
            start = k - 1
            while start > 0 and k - start < 4 and quantity_word(tokens[start - 1][2]):
                start -= 1  # "A large majority of", "Just 52 percent of"
            return start
        k -= 1
    return first


# What may stand before a coordinated mention ("..., teachers and officials said").
BREAK_TOKENS = {",", ";", ":", "\u2014", "(", "\"", "\u201c", "\u201d", "''", "``"}


def _joinable(left, right):
    """Whether ``left and right`` may be one speaker: two names or two person nouns."""
    if left[:1].isupper() and right[:1].isupper():
        return True
    return _person_noun(left) and (_person_noun(right) or right.islower())


def _person_noun(word):
    """Whether ``word`` is a role noun for a person ("spokesperson", "officials")."""
    low = word.lower()
    return low in ANONYMOUS_HEADS or (low.endswith("s") and low[:-1] in ANONYMOUS_HEADS) \
        or word in GROUP_WORDS  # "Democrats in Congress"


def _appositive(text, tokens, comma):
    """``Name, a description,`` before the cue: the mention spans both.

    Needs a second comma (a lone comma before the cue sets off content, as in "The plan
    failed, said Ann"), and no finite verb outside a relative clause.
    """
    j = comma - 1
    while j >= 0 and comma - j < 40 and tokens[j][2] not in HARD_STOPS:
        j -= 1
    first = j + 1
    if tokens[first][2] in ("But", "And", "Yet", "So"):  # "But Ann Lee, the mayor, said"
        first += 1
    elif tokens[first][2] in INTRO_WORDS:  # "In a statement, Ann Lee, the mayor, said"
        while first < comma and tokens[first][2] != ",":
            first += 1
        first += 1
    chunks, chunk = [], []
    for k in range(first, comma):
        if tokens[k][2] == ",":
            chunks.append(chunk)
            chunk = []
        else:
            chunk.append(tokens[k][2].lower())
    chunks.append(chunk)
    # "The race is close, her aide, Tad Pell, told ...": a clause before the
    # appositive is content; the mention is the chunks after the last clause.
    while len(chunks) > 2 and _clause(chunks[0]):
        first += len(chunks.pop(0)) + 1
        if not (tokens[first][2][0].isupper() or tokens[first][2].lower() in DETERMINERS):
            return None
    if len(chunks) < 2 or not chunks[0]:
        return None
    end = comma
    if _participle_aside(tokens[comma - len(chunks[-1]):comma]):
        # "Two engineers, speaking on the condition of anonymity because they ...,
        # said": the aside is about the speaking, not the speaker
        end -= len(chunks.pop()) + 1
        if chunks[0][0] in PREPOSITIONS or chunks[0][0] in BAD_LAST - DETERMINERS:
            return None  # '"..." for Clinton, forcing her to ..., said': no mention
    if any(_clause(words) for words in chunks):
        return None
    return _mention(text, tokens[first][0], tokens[end][0])


def _participle_aside(chunk):
    """Whether tokens ``chunk`` open with a participle and its object or preposition
    ("speaking on ...", "citing the ...", "echoing Lee"), not with an adjective of a
    title ("managing director", "ranking member")."""
    if len(chunk) < 2 or not chunk[0][2].endswith("ing") or not chunk[0][2].islower():
        return False
    after = chunk[1][2]
    if chunk[0][2] == "including":
        return False  # "Several candidates, including Ann Lee": members, kept
    return after.lower() in PREPOSITIONS or after.lower() in DETERMINERS or \
        after in ("to", "about", "his", "her", "their", "its") or after[:1].isupper()


def _clause(words):
    """Whether a comma-separated chunk (lower-case words) reads as a clause: a finite
    verb outside a relative clause."""
    return not any(w in RELATIVE for w in words) and any(w in FINITE for w in words) \
        and words[0] not in ("as", "like")  # ", as he has before," 


def right_mention(text, cue_end, hi, source=False):
    """The noun phrase right after an inverted cue ("..., said the minister.").

    With ``source`` (after "according to"), prepositions stay in the mention: "a
    council audit of road contracts" is one source.
    """
    tokens = [(m.start() + cue_end, m.end() + cue_end, m.group())
              for m in TOKEN_RE.finditer(text[cue_end:min(hi, cue_end + 300)])]
    out = []
    for k, (s, e, tok) in enumerate(tokens):
        low = tok.lower()
        if tok in JOINERS and out and k + 1 < len(tokens) and tokens[k + 1][2][0].isalnum():
            continue  # "a WBUR/Boston Globe poll", "AT&T"
        if not tok[0].isalnum() or len(out) >= MAX_WORDS:
            break
        if out and low in RIGHT_STOP and tokens[k - 1][2].lower() not in LINKING and not (
                source and low in SOURCE_LINKS) and not (low == "of" and _of_belongs(tokens, k)):
            break
        out.append((s, e))
    while len(out) > 1 and text[out[-1][0]:out[-1][1]].lower() in BAD_LAST:
        out.pop()  # "the authors of the" before a quoted title: "the authors"
    if not out:
        return None
    first_word = tokens[0][2].lower()
    if first_word in BAD_LAST - DETERMINERS - {"his", "her", "their"} or first_word == "that":
        return None
    return _mention(text, out[0][0], out[-1][1])


# ", chief economist at Nordbank," / ", a lawyer for the family," after a mention
APPOSITIVE_AFTER_RE = re.compile(r",\s+(?P<what>[^,;:\"\u201c\u201d]{3,90}?)(?:,\s|\.?$|\.\s)")


def with_appositive(text, sp, hi):
    """``sp`` with the appositive after it when that names a role ("According to Anna
    Berg, chief economist at Nordbank, the cut ..."): else the content would open with
    the role."""
    m = APPOSITIVE_AFTER_RE.match(text, sp.end, hi)
    if not m or m.group("what").endswith("."):  # "R-Fla." is kept whole
        return sp
    words = m.group("what").split()
    core = HEAD_CUT_RE.split(m.group("what"), 1)[0].split()
    if len(words) > 12 or not core or _clause([w.lower() for w in words]) or \
            not (_person_noun(core[-1]) or core[0] in TITLES):
        return sp
    return _mention(text, sp.start, m.end("what"))


def _of_belongs(tokens, k):
    """Whether "of" at ``k`` stays in a mention: after a role noun ("the head of the
    agency") or between names ("Maria Lopez of New Mexico")."""
    prev, nxt = tokens[k - 1][2], tokens[k + 1][2] if k + 1 < len(tokens) else ""
    return _person_noun(prev) or prev.lower() in ROLE_HEADS or (
        prev[:1].isupper() and nxt[:1].isupper())


def mention(text, start, end):
    """The mention ``text[start:end]`` (trailing commas and a full stop trimmed), with
    its kind."""
    return _mention(text, start, end)


def _mention(text, start, end):
    while end > start and text[end - 1] in " ,":
        end -= 1
    last = text[start:end].rsplit(None, 1)[-1] if end > start else ""
    # before a comma a full stop is an abbreviation's ("Ann Lee, R-Fla., said")
    comma_after = text[end:end + 1] == ","
    if last.endswith(".") and last not in TITLES and last.count(".") == 1 and len(last) > 2 \
            and not comma_after:
        end -= 1  # a sentence full stop, not an abbreviation's
    surface = text[start:end]
    return Mention(surface, start, end, classify(surface))


SUBJECT_NP_RE = re.compile(r"(?:(?:Mr\.|Mrs\.|Ms\.|Dr\.)\s)?(?:[A-Z][\w\u2019'.-]*\s+)*"
                           r"(?:[A-Z][\w\u2019'-]*|[a-z]+s)(?=\s[a-z])")


OPENING_CONJUNCTION_RE = re.compile(r"(?:But|And|Yet|So)\s+(?=[A-Z])")


def sentence_subject(text, pos):
    """The noun phrase opening the sentence that holds ``pos``, if it is a subject."""
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), pos - 400) + 1
    while lo < pos and text[lo] in " \"\u201c'":
        lo += 1
    conjunction = OPENING_CONJUNCTION_RE.match(text, lo, pos)  # "But Park rejected ..."
    if conjunction:
        lo = conjunction.end()
    m = SUBJECT_NP_RE.match(text, lo, pos)
    if not m or m.end() >= pos or m.group().split()[0] in ("The", "A", "An", "In", "But"):
        return None
    return _mention(text, m.start(), m.end())


CLAUSE_INTRO = INTRO_WORDS | set("""For From With Without By Despite Although Because If
Unlike Like As Under Over Among Through Until Once Instead Even Only Now Today Yesterday
Here There Amid Amidst Following Addressing Responding Elsewhere Back Indeed However
Throughout Upon Within Beyond Besides
""".split())
# Past tenses not ending in -ed: where a clause subject stops ("Ann Lee spoke ...").
IRREGULAR_PAST = set("""spoke said told wrote took made gave went came met ran held led left
sent spent won lost saw thought felt knew found began stood put kept brought drew sought
chose fought paid heard became got""".split())
ADJECTIVAL = set("""retired unnamed unidentified elected alleged appointed longtime leading
ranking governing founding outgoing incoming presiding united""".split())


def clause_subject(text, s, a):
    """The noun phrase opening the clause [s, a): after an introductory phrase, up to
    the first verb-looking word ("The retired judge compared ..." -> "The retired
    judge")."""
    dateline = DATELINE_RE.match(text, s, a)
    if dateline:
        s = dateline.end()
    tokens = [(m.start() + s, m.end() + s, m.group()) for m in TOKEN_RE.finditer(text[s:a])]
    i = 0
    if tokens and tokens[0][2] in CLAUSE_INTRO:
        while i < len(tokens) and tokens[i][2] != ",":
            i += 1
        i += 1
    first = i
    while i < len(tokens):
        tok = tokens[i][2]
        low = tok.lower()
        if not tok[0].isalnum() or low in FINITE or low in CLAUSE_WORDS or (
                tok.islower() and low not in ADJECTIVAL and i > first
                and (low.endswith("ed") or low in BETWEEN_WORDS or low in IRREGULAR_PAST)):
            break
        i += 1
    if i == first or i - first > MAX_WORDS or i >= len(tokens):
        return None
    return _mention(text, tokens[first][0], tokens[i - 1][1])
