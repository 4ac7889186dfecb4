"""Learned content starts: where a reported statement begins.

The rules start reported speech right after the cue (or its `that`), or at the sentence
start for content before the cue. Annotators often start it later -- after a clause
break inside it (`..., that`, `to`, `about`) -- or earlier: at the sentence start or a
break before the rules' start, when the content precedes the cue (`Y, X said`) or the
rules started it past its first words. For each single-span indirect or mixed
statement this module lists alternative starts and a linear ranker (weights in
weights.json["start"], trained by bench/train_attribution.py) picks one; the end ranker
(boundaries.py) then picks the end for that start. Features are the kind of break, the
words around the new start, how many words are moved, what the moved words hold (the
cue, the speaker, quote marks, another cue word), cue class, speaker kind and where the
cue lies: no corpus text.
"""
import re
import string
from bisect import bisect_left

from .boundaries import CLAUSE_BREAK_WORDS, QUOTE_MARKS, _outside, best_candidate
from .learned import generic
from .lexicon import CUE_FORMS
from .text import BOUNDARY_RE, abbreviation_before

# Clause breaks a content may start after (outside quotations).
START_BREAK_RE = re.compile(r",|;|:|\s\u2014|\s--|\s[-\u2013](?=\s)|\(|\b(?:" +
                            "|".join(["that"] + CLAUSE_BREAK_WORDS + ["of", "about"]) + r")\b")
WORD_RE = re.compile(r"[A-Za-z\u2019']+|\S")
WORD_CHARS = frozenset(string.ascii_letters + "\u2019'")
QUOTE_RE = re.compile("[" + QUOTE_MARKS + "]")
TWO_WORDS_RE = re.compile(r"\S\s+\S")
MOVED_WORDS = ("0", "1", "2", "3", "5", "8", "13", "21")
_MOVED_LIMITS = tuple(int(edge) for edge in MOVED_WORDS)
MAX_INSIDE = 8  # later starts: the first breaks only (keeps the extractor fast)
SEARCH_BACK = 600  # how far back a sentence start is looked for


def eligible(st):
    """Quotations keep their marks and interrupted contents their pieces."""
    return st.kind != "direct" and not st.parts


def candidates(text, st):
    """(start, label) pairs: the rules' start first, then the starts after the clause
    breaks inside the content (up to MAX_INSIDE), then the earlier ones: right after
    the cue when it stands before the content in the same sentence, else the sentence
    start; and the starts after the breaks between that and the rules' start. The
    statement's own cue is never taken in."""
    out = [(st.start, "orig")]
    seen = {st.start}
    for pos, label in _after_breaks(text, st.start, st.start, st.end):
        if len(out) > MAX_INSIDE:
            break
        # at least two words left, as for the ends
        if pos not in seen and TWO_WORDS_RE.search(text, pos, st.end):
            out.append((pos, "in:" + label))
            seen.add(pos)
    lo = sentence_start(text, st.start)
    if st.cue_end is not None and lo < st.cue_end <= st.start:
        lo = _skip_space(text, st.cue_end, st.start)  # the cue stays out of the content
        if lo not in seen and lo < st.start:
            out.append((lo, "cue"))
            seen.add(lo)
    elif lo < st.start and lo not in seen:
        out.append((lo, "sent"))
        seen.add(lo)
    for pos, label in _after_breaks(text, lo, lo, st.start):
        if pos not in seen and pos < st.start:
            out.append((pos, "pre:" + label))
            seen.add(pos)
    return out


def _after_breaks(text, origin, lo, hi):
    """(position after the break, its label) for each break in [lo, hi) outside
    quotations opened since ``origin``."""
    quoted = QUOTE_RE.search(text, origin, hi) is not None  # else no need to count marks
    for m in START_BREAK_RE.finditer(text, lo, hi):
        if quoted and not _outside(text, origin, m.start()):
            continue
        yield _skip_space(text, m.end(), hi), m.group().strip() or "ws"


def _skip_space(text, pos, hi):
    while pos < hi and text[pos] in " \t":
        pos += 1
    return pos


def sentence_start(text, pos):
    """The start of the sentence holding ``pos`` (within its paragraph), read like
    text.sentences does: terminal punctuation before a capital, abbreviations aside."""
    para = text.rfind("\n", 0, pos) + 1
    lo = max(para, pos - SEARCH_BACK)
    start = lo
    for m in BOUNDARY_RE.finditer(text, lo, pos):
        if m.group()[0] == "." and abbreviation_before(text, lo, m.start()):
            continue
        start = _skip_space(text, m.end(), pos)
    while start < pos and text[start].isspace():
        start += 1
    return start


def statement_context(text, st):
    """What the features read of the statement itself, the same for every candidate
    (computed once per statement: the extractor must stay fast)."""
    cue = CUE_FORMS.get(st.cue.lower(), "other") if st.cue else "none"
    # the word before the rules' start: why the rules started there
    return cue, _where(st), _word_before(text, st.start), st.speaker_kind or "none"


def features(text, st, start, label, index, context=None):
    cue, where, rules_before, speaker = context or statement_context(text, st)
    kind = label.split(":")[0]  # orig, in, cue, sent, pre
    lo, hi = min(start, st.start), max(start, st.start)
    moved = _bucket(len(text[lo:hi].split()))
    side = "later" if start > st.start else "earlier" if start < st.start else "same"
    kept = _bucket(len(text[start:st.end].split()))
    return [
        "s=" + label,
        f"s*at={label}*{_word_after(text, start, st.end)}",
        f"s*before={label}*{_word_before(text, start)}",
        f"s*moved={label}*{moved}",
        f"s*kept={kind}*{kept}",
        f"s*index={kind}*{min(index, 4)}",
        f"s*kind={label}*{st.kind}",
        f"s*cue={label}*{cue}",
        f"s*speaker={label}*{speaker}",
        f"s*where={label}*{where}",
        f"s*rules={label}*{rules_before}",
        f"s*holds={label}*{_holds(text, st, lo, hi)}",
        f"s*side*where={side}*{where}",
        f"s*side*moved={side}*{moved}",
    ]


def _where(st):
    """Where the cue lies relative to the rules' content."""
    if st.cue_start is None:
        return "none"
    if st.cue_end <= st.start:
        return "before"
    if st.cue_start >= st.end:
        return "after"
    return "inside"


def _holds(text, st, lo, hi):
    """What the moved words [lo, hi) hold: the speaker, the cue, quote marks, another
    cue word (a frame of its own), or nothing of note."""
    if lo == hi:
        return "-"
    if st.speaker_start is not None and lo < st.speaker_end and st.speaker_start < hi:
        return "speaker"
    if st.cue_start is not None and lo < st.cue_end and st.cue_start < hi:
        return "cue"
    if QUOTE_RE.search(text, lo, hi):
        return "quote"
    if any(w.lower() in CUE_FORMS for w in WORD_RE.findall(text, lo, hi)):
        return "cueword"
    return "plain"


def _bucket(n):
    """The smallest edge of MOVED_WORDS holding word count ``n``, else "more"."""
    i = bisect_left(_MOVED_LIMITS, n)
    return MOVED_WORDS[i] if i < len(MOVED_WORDS) else "more"


def _word_after(text, pos, hi):
    m = WORD_RE.match(text, pos, min(hi, pos + 30))
    return generic(m.group()) if m else "<end>"


def _word_before(text, pos):
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return "<start>"
    j = i  # back over the word's letters (a scan: a regex anchored at the end is slow)
    while j > 0 and text[j - 1] in WORD_CHARS:
        j -= 1
    if j < i:
        return generic(text[j:i])
    return "?" if text[i - 1].isspace() else generic(text[i - 1])  # a mark; no-break space


def choose(text, st, weights):
    """The start the ranker prefers for statement ``st`` (its own start when not
    eligible or when no other start is offered)."""
    if not eligible(st):
        return st.start
    cands = candidates(text, st)
    if len(cands) == 1:
        return st.start
    context = statement_context(text, st)
    return best_candidate(cands, weights,
                          lambda i, start, label: features(text, st, start, label, i, context))
