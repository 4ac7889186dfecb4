"""Speaker mentions: finding them next to a cue, classifying them, resolving pronouns."""
import re

from .lexicon import (ANONYMOUS_HEADS, BETWEEN_WORDS, CLAUSE_WORDS, DOCUMENT_HEADS,
                      FEMALE_TITLES, GROUP_WORDS, MALE_TITLES, ORG_NOUNS, ORG_WORDS,
                      PRONOUNS, TITLES)
from .model import Mention

TOKEN_RE = re.compile(r"[\w\u00C0-\u024F](?:[\w\u00C0-\u024F'\u2019&-]|\.(?=[\w\u00C0-\u024F]))*\.?|[^\w\s]")
MAX_WORDS = 12
# Tokens that cannot end a noun phrase standing right before a verb.
BAD_LAST = set("to of the a an in on at for by from with about this that his her their its "
               "our my your not no it's is was are were be".split())
DETERMINERS = set("the a an this that these those his her their its our my your one some "
                  "any each every".split())
RIGHT_STOP = set("in on at during after before when while who that to about of via "
                 "last this on earlier".split())
PREPOSITIONS = set("in on at during after before for with from by into over under about "
                   "amid among across through".split())
# Words after which a preposition still belongs to the mention.
LINKING = {"involved", "familiar", "close", "knowledgeable", "briefed", "one", "some"}
FINITE = set("is was are were will would has have had can could does did".split())
INTRO_WORDS = set("In On At During After Before When While Asked Speaking Later Earlier "
                  "Last This Since Then Also Meanwhile But And Still Yet".split())
# Where the descriptive head of a long mention ends ("a source familiar with ...").
HEAD_CUT_RE = re.compile(r"\s(?:of|in|for|with|at|from|on|to|involved|familiar|close|"
                         r"who|that|which|working|speaking|based)\s|,")


def left_mention(text, lo, cue_start):
    """The noun phrase ending just before a cue (skipping auxiliaries), or None."""
    tokens = [(m.start() + lo, m.end() + lo, m.group())
              for m in TOKEN_RE.finditer(text[lo:cue_start])]
    i = len(tokens) - 1
    while i >= 0 and (tokens[i][2].lower() in BETWEEN_WORDS
                      or (tokens[i][2].endswith("ly") and tokens[i][2].islower())):
        i -= 1
    if i < 0:
        return None
    end = tokens[i][1]
    word = tokens[i][2]
    if word == ",":
        return _appositive(text, tokens, i)
    if word.lower() in ("who", "which"):
        return _mention(text, tokens[i][0], end)
    if not (word[0].isalnum()) or word.lower() in BAD_LAST or word.lower() in CLAUSE_WORDS:
        return None
    j = i
    words = 0
    while j >= 0 and words < MAX_WORDS:
        tok = tokens[j][2]
        low = tok.lower()
        if not tok[0].isalnum() or low in CLAUSE_WORDS:
            break
        if low in PREPOSITIONS and j < i:
            break
        words += 1
        j -= 1
    first = j + 1
    # Drop a leading preposition phrase's head ("In Iowa Trump said"): keep from the
    # last capitalised run when the phrase starts with a preposition.
    return _mention(text, tokens[first][0], end)


def _appositive(text, tokens, comma):
    """``Name, a description,`` before the cue: the mention spans both.

    Needs a second comma (a lone comma before the cue sets off content, as in "The plan
    failed, said Ann"), and no finite verb outside a relative clause.
    """
    j = comma - 1
    commas = 0
    relative = False
    while j >= 0 and comma - j < 30:
        tok = tokens[j][2]
        low = tok.lower()
        if tok == ",":
            commas += 1
        elif tok in "\"\u201c\u201d;:\u2014" or low in ("and", "but", "that", "because"):
            break
        elif low in ("who", "which", "whose"):
            relative = True
        elif low in FINITE and not relative:
            return None
        j -= 1
    if commas == 0 or comma - j < 3:
        return None
    first = j + 1
    if tokens[first][2] in INTRO_WORDS:  # "In a statement, Ann Lee, the mayor, said"
        while first < comma and tokens[first][2] != ",":
            first += 1
        first += 1
    if first >= comma:
        return None
    return _mention(text, tokens[first][0], tokens[comma][0])


def right_mention(text, cue_end, hi):
    """The noun phrase right after an inverted cue ("..., said the minister.")."""
    tokens = [(m.start() + cue_end, m.end() + cue_end, m.group())
              for m in TOKEN_RE.finditer(text[cue_end:hi])]
    out = []
    for k, (s, e, tok) in enumerate(tokens):
        low = tok.lower()
        if not tok[0].isalnum() or len(out) >= MAX_WORDS:
            break
        if out and low in RIGHT_STOP and tokens[k - 1][2].lower() not in LINKING:
            break
        out.append((s, e))
    if not out:
        return None
    first_word = tokens[0][2].lower()
    if first_word in BAD_LAST - DETERMINERS - {"his", "her", "their"} or first_word == "that":
        return None
    return _mention(text, out[0][0], out[-1][1])


def _mention(text, start, end):
    while end > start and text[end - 1] in " ,":
        end -= 1
    last = text[start:end].rsplit(None, 1)[-1] if end > start else ""
    if last.endswith(".") and last not in TITLES and last.count(".") == 1 and len(last) > 2:
        end -= 1  # a sentence full stop, not an abbreviation's
    surface = text[start:end]
    return Mention(surface, start, end, classify(surface))


def classify(surface):
    """The MENTION_KINDS kind of a speaker mention, from its words alone."""
    words = surface.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    core = HEAD_CUT_RE.split(surface, 1)[0].split()
    if not core:
        core = words
    head = core[-1].strip(".,;:'\u2019").removesuffix("'s").removesuffix("\u2019s")
    low = head.lower()
    caps = [w for w in core if w[:1].isupper() and w.lower() not in DETERMINERS]
    has_org_word = any(w.strip(",") in ORG_WORDS for w in core)
    acronym = any(len(w) >= 2 and w.isupper() and w.isalpha() for w in core)
    if caps and head[:1].isupper():
        if any(w in TITLES for w in core):
            return "named_person"
        if head in GROUP_WORDS:
            return "group"
        if has_org_word or acronym:
            return "organization"
        return "named_person"
    if low in DOCUMENT_HEADS:
        return "document"
    if low in ORG_NOUNS:
        return "organization"
    if low in ANONYMOUS_HEADS:
        return "anonymous_person"
    if low in ("people", "police", "staff", "public", "many", "some", "others", "both",
               "all", "most", "few", "several"):
        return "group"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return "group"
    if has_org_word or acronym:
        return "organization"
    return "anonymous_person"


SUBJECT_NP_RE = re.compile(r"(?:(?:Mr\.|Mrs\.|Ms\.|Dr\.)\s)?(?:[A-Z][\w\u2019'.-]*\s+)*"
                           r"(?:[A-Z][\w\u2019'-]*|[a-z]+s)(?=\s[a-z])")


def sentence_subject(text, pos):
    """The noun phrase opening the sentence that holds ``pos``, if it is a subject."""
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), pos - 400) + 1
    while lo < pos and text[lo] in " \"\u201c'":
        lo += 1
    m = SUBJECT_NP_RE.match(text, lo, pos)
    if not m or m.end() >= pos or m.group().split()[0] in ("The", "A", "An", "In", "But"):
        return None
    return _mention(text, m.start(), m.end())


def _gender(mention):
    first = mention.text.split()[0]
    if first in MALE_TITLES:
        return "m"
    if first in FEMALE_TITLES:
        return "f"
    return None


def _identity(mention):
    """A key under which different mentions of one person compare equal."""
    name = mention.text.split(",")[0].split()
    return name[-1].lower().removesuffix("'s") if name else ""


def resolve(text, statements, window=1200):
    """Resolve pronoun speakers to the nearest compatible named speaker, where safe.

    Candidates are the named speakers of earlier statements within ``window`` characters.
    Resolution is refused (and the reason recorded) when no candidate exists or when two
    different people are equally compatible and nothing (title, earlier resolution)
    tells them apart.
    """
    from dataclasses import replace

    out = []
    learned = {}  # identity -> gender learnt from an unambiguous earlier resolution
    history = []  # (offset, mention) of named / collective speakers so far
    for st in statements:
        m = st.mention
        if m is None or m.kind != "pronoun":
            if m is not None:
                history.append((st.speaker_start, m))
            out.append(st)
            continue
        gender = PRONOUNS.get(m.text.lower())
        if gender in ("m", "f"):
            wanted = ("named_person",)
        elif gender == "p" and m.text.lower() == "they":
            wanted = ("group", "organization")
        else:
            out.append(replace(st, resolution_note=f"'{m.text}' is not resolved to a speaker"))
            continue
        cands = []
        own = sentence_subject(text, m.start)
        if own is not None and own.kind in wanted and (
                gender not in ("m", "f") or _gender(own) in (None, gender)):
            cands.append(own)  # the subject of the pronoun's own sentence comes first
        for offset, cand in reversed(history):
            if m.start - offset > window:
                break
            if cand.kind not in wanted:
                continue
            g = _gender(cand) or learned.get(_identity(cand))
            if g and gender in ("m", "f") and g != gender:
                continue
            if all(_identity(c) != _identity(cand) for c in cands):
                cands.append(cand)
        if not cands:
            note = f"no compatible speaker before '{m.text}'"
            out.append(replace(st, resolution_note=note))
            continue
        if len(cands) > 1 and gender in ("m", "f"):
            g0 = _gender(cands[0]) or learned.get(_identity(cands[0]))
            if g0 is None or any((_gender(c) or learned.get(_identity(c))) in (None, g0)
                                 for c in cands[1:]):
                note = (f"ambiguous: '{m.text}' could be {cands[0].text!r} or "
                        f"{cands[1].text!r}")
                out.append(replace(st, resolution_note=note))
                continue
        best = cands[0]
        if gender in ("m", "f"):
            learned.setdefault(_identity(best), gender)
        out.append(replace(st, resolved_speaker=best))
        history.append((st.speaker_start, best))
    return out
