"""Speaker kinds: the MENTION_KINDS kind of a mention, read from its words alone, and
whether it names someone who can hold a stance."""
import re
from functools import lru_cache

from .lexicon import (ANONYMOUS_HEADS, COLLECTIVE_HEADS, DEGREE_WORDS, DETERMINERS,
                      DOCUMENT_HEADS, GROUP_WORDS, LY_NOUNS, NUMBER_WORDS, ORG_NOUNS,
                      ORG_WORDS, PRONOUNS, QUANTITIES, TITLES)

# Where the descriptive head of a long mention ends ("a source familiar with ...").
HEAD_CUT_RE = re.compile(r"\s(?:of|in|for|with|at|from|by|on|to|involved|familiar|close|"
                         r"who|that|which|working|speaking|based|supporting|backing|"
                         r"opposing|representing|overseeing|advising)\s|,")
PAREN_RE = re.compile(r"\s*\([^)]*\)")
# Endings of nouns naming people by what they do.
AGENT_SUFFIXES = ("er", "or", "ist", "ian")
# How reporters describe people they do not name ("officials familiar with the talks").
ANONYMITY_RE = re.compile(r"\s(?:familiar with|close to|briefed on|knowledgeable about|"
                          r"with knowledge of)\s")


@lru_cache(maxsize=4096)  # from its words alone, and names recur within an article
def classify(surface):
    """The MENTION_KINDS kind of a speaker mention, from its words alone."""
    words = surface.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return "pronoun"
    if "," in surface and not surface.startswith(tuple(TITLES)):
        # "the head of the watchdog, Dr. Helen Park": an appositive may name the person
        parts = [p.strip() for p in surface.split(",")[1:]]
        if any(_names_someone(p) for p in parts):
            return "named_person"
    # A party/state parenthesis ("(D-Ore.)") says nothing about the kind.
    core = HEAD_CUT_RE.split(PAREN_RE.sub("", surface), 1)[0].split()
    if not core:
        core = words
    head = core[-1].strip(".,;:'\u2019").removesuffix("'s").removesuffix("\u2019s")
    low = head.lower()
    caps = [w for w in core if w[:1].isupper() and w.lower() not in DETERMINERS]
    has_org_word = any(w.strip(",") in ORG_WORDS for w in core)
    acronym = any(len(w) >= 2 and w.isupper() and w.isalpha() for w in core)
    if caps and head[:1].isupper() and not (len(core) == 1 and _common_noun(low)):
        if any(w in TITLES for w in core):
            return "named_person"
        if head in GROUP_WORDS:
            return "group"
        if low in DOCUMENT_HEADS and not has_org_word:
            return "document"  # "Poll finds ...", "New Survey Shows ..." in a headline
        if has_org_word or acronym:
            return "organization"
        return "named_person"
    if low in DOCUMENT_HEADS:
        return "document"
    if low.split("-")[-1] in QUANTITIES and " of " in surface and \
            all(quantity_word(w) for w in core[:-1]):
        return "group"  # "Two-thirds of voters in the state", "A majority of residents"
    if low in ORG_NOUNS:
        return "organization"
    if low in ANONYMOUS_HEADS:
        return "anonymous_person"
    if low == "sources" or (low in ("people", "officials", "persons") or
                            low[:-1] in ANONYMOUS_HEADS) and ANONYMITY_RE.search(surface):
        # unnamed people, however many: "sources said", "people familiar with ..."
        return "anonymous_person"
    if low in COLLECTIVE_HEADS:
        return "group"
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return "group"
    if has_org_word or acronym:
        return "organization"
    return "anonymous_person"  # an unknown singular head: a role we do not list


def _names_someone(part):
    """Whether an appositive is a person's name ("Dr. Helen Park", "Tad Pell")."""
    words = part.split()
    named = words[:1] and words[0] in TITLES or (
        len(words) >= 2 and all(w[:1].isupper() for w in words))
    return bool(named) and classify(part) == "named_person"


def _common_noun(low):
    """Whether a lone capitalised head is only a common noun opening its sentence
    ("Officials close to the talks said"), not a name."""
    heads = (ANONYMOUS_HEADS, ORG_NOUNS, DOCUMENT_HEADS, COLLECTIVE_HEADS)
    singular = (low, low[:-1] if low.endswith("s") else None,
                low[:-2] if low.endswith("es") else None)
    return any(form in words for form in singular for words in heads)


def agentive(mention):
    """Whether a mention plainly names someone who can hold a stance: anything but an
    unknown common noun ("The breakdown threatens ..." is no one's statement)."""
    if mention.kind != "anonymous_person":
        return True
    core = HEAD_CUT_RE.split(PAREN_RE.sub("", mention.text), 1)[0].split()
    head = core[-1].strip(".,;:'\u2019").lower() if core else ""
    return head in ANONYMOUS_HEADS or head in ("who", "one", "someone", "anyone") or (
        len(head) > 5 and head.endswith(AGENT_SUFFIXES))  # "treasurer", "strategist"


def quantity_word(tok):
    """Whether ``tok`` may open a quantity phrase: a number, a determiner, an
    adjective or adverb of degree ("A growing number", "Nearly 10 percent")."""
    low = tok.lower()
    return tok[0].isdigit() or low in DETERMINERS or low in DEGREE_WORDS or \
        low.split("-")[0] in NUMBER_WORDS or low.endswith("ly") and low not in LY_NOUNS


def name_and_role(surface):
    """(name, role) of a named person's mention: "Ann Lee, a lawyer for the family" ->
    ("Ann Lee", "a lawyer for the family"), "the head of the watchdog, Dr. Helen Park"
    -> ("Dr. Helen Park", "the head of the watchdog"); without a comma, all name."""
    parts = [p.strip() for p in surface.split(",") if p.strip()]
    for i, part in enumerate(parts if len(parts) > 1 else ()):
        if part[:1].isupper() and classify(part) == "named_person":
            return part, ", ".join(parts[:i] + parts[i + 1:])
    return surface, ""
