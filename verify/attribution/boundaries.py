"""Learned content boundaries: where a reported statement ends.

The rules end reported speech at the sentence end or a frame; annotators often end it
earlier, at a clause break (`..., while ...`, `, and he ...`), or later. For each
single-span indirect or mixed statement this module lists alternative ends -- every
clause break inside the content, the breaks and the end of the rest of the sentence
when the rules stopped at punctuation, or the end of the next sentence -- and a linear
ranker (weights in weights.json, trained by bench/train_attribution.py) picks one.
Features are the kind of break, the word after it, how much is kept or cut, and the
cue class: no corpus text.
"""
import re
from bisect import bisect_left
from itertools import repeat

from .learned import generic
from .lexicon import CUE_FORMS
from .text import abbreviation_before

# Words a clause or a trailing phrase opens with: a content may end before one
# (here) or start after one (starts.py, which adds its own few).
CLAUSE_BREAK_WORDS = ("and but while because as after before when if which who since though "
                      "although so or than until where amid despite saying in on at by "
                      "with for during over under to from").split()
# Clause breaks a content may end before (outside quotations).
BREAK_RE = re.compile(r",|;|\s\u2014|\s--|\s[-\u2013](?=\s)|\s\(|\s(?:" +
                      "|".join(CLAUSE_BREAK_WORDS + ["even", "noting", "adding", "according",
                                                     "compared"]) + r")\b")
PUNCT_STOP_RE = re.compile(r"\s*(?:[,;:(\u2014\u2013]|--|-\s)")
SENTENCE_END_RE = re.compile(r"[.!?][\"\u201d\u2019']?(?=\s|$)")
QUOTE_MARKS = "\"\u201c\u201d\u00ab\u00bb"
WORD_RE = re.compile(r"[A-Za-z]+")
# The word (or mark) after a candidate end, and where the rules stopped: what follows
# their end ("..., which", "... at the").
NEXT_WORD_RE = re.compile(r"\s*([A-Za-z\u2019']+|\S)")
STOP_RE = re.compile(r"\s*([,;:.\u2014-]*)\s*([A-Za-z\u2019']+)?")
KEEP_WORDS = ("0", "1", "2", "3", "5", "8", "13", "21", "34")
_KEEP_LIMITS = tuple(int(edge) for edge in KEEP_WORDS)


def _bucket(n):
    """The smallest edge of KEEP_WORDS holding word count ``n``, else "more"."""
    i = bisect_left(_KEEP_LIMITS, n)
    return KEEP_WORDS[i] if i < len(KEEP_WORDS) else "more"


def candidates(text, st):
    """(end, label) pairs: the rules' end first, then breaks inside, then beyond: the
    breaks up to the end of the sentence (the rules often stop a clause short) and the
    end of the next sentence."""
    out = [(st.end, "orig")]
    out += _breaks(text, st.start, st.start, st.end, "")
    nl = text.find("\n", st.end)
    limit = len(text) if nl < 0 else nl
    m = _sentence_end(text, st.end, min(_own_frame(text, st, limit), st.end + 400))
    if m and m.start() > st.end and not SENTENCE_END_RE.search(text, st.end - 2, st.end + 1):
        # the rest of the sentence (breaks, end) when the rules stopped at punctuation
        # (", which", "; ", " -- "), not at a word they stop before ("at the", "after")
        if PUNCT_STOP_RE.match(text, st.end) and _outside(text, st.start, st.end):
            out += _breaks(text, st.start, st.end + 1, m.start(), "x")
            if text[st.end:m.start()].strip(" ,;\u2014-") and \
                    _outside(text, st.start, m.start()):
                out.append((m.start(), "xend"))
        return out
    m = _sentence_end(text, st.end + 1, min(limit, st.end + 400))
    if m and text[st.end:st.end + 1] in ".!?" and text[st.end:m.end()].strip(" .!?\"\u201d"):
        out.append((m.end(), "next"))
    return out


def _own_frame(text, st, limit):
    """Where the statement's own frame starts when it closes the sentence after the
    content ("..., a poll found.", "..., Ann Lee told the BBC on Friday."), else
    ``limit``: a content never runs over its own cue. A frame that interrupts the
    sentence ("X, he told me, is that ...") may be run over: the content goes on after
    its comma."""
    after = [p for p in (st.cue_start, st.speaker_start) if p is not None and p >= st.end]
    if not after:
        return limit
    frame_end = max(p for p in (st.cue_end, st.speaker_end) if p is not None)
    m = _sentence_end(text, frame_end, limit)
    rest = text[frame_end:m.start() if m else limit]
    return limit if "," in rest or ":" in rest else min(after)


def _sentence_end(text, lo, hi):
    """The first sentence end in [lo, hi), abbreviations' full stops aside ("Sen.")."""
    for m in SENTENCE_END_RE.finditer(text, lo, hi):
        if not (m.group()[0] == "." and abbreviation_before(text, lo, m.start())):
            return m
    return None


def _outside(text, start, end):
    """Whether ``end`` lies outside any quotation opened since ``start``."""
    return _quote_marks(text, start, end) % 2 == 0


def _quote_marks(text, start, end):
    return sum(text.count(q, start, end) for q in QUOTE_MARKS)


def _breaks(text, start, lo, hi, prefix):
    out = []
    # the quotation marks in [start, counted): counted on as the breaks move right,
    # rather than from ``start`` again for each break
    marks, counted = 0, start
    for m in BREAK_RE.finditer(text, lo, hi):
        a = m.start()
        marks += _quote_marks(text, counted, a)
        counted = a
        # inside a quotation when an odd number of marks precede the break
        if marks % 2:
            continue
        end = a
        while end > start and text[end - 1] in " \t":
            end -= 1
        if len(text[start:end].split(None, 1)) < 2:  # under two words (no need to split all)
            continue
        out.append((end, prefix + (m.group().strip() or "ws")))
    return out


def features(text, st, end, label, index):
    """The feature names of ending statement ``st`` at ``end`` (candidate ``index``,
    of kind ``label``)."""
    return _end_features(text, st, _statement_context(text, st), end, label, index)


def _statement_context(text, st):
    """What the features read of the statement itself: the same for every candidate
    end, so ``choose`` works it out once per statement."""
    cue = CUE_FORMS.get(st.cue.lower(), "other") if st.cue else "none"
    # where the rules stopped ("..., which", "... at the"): why they stopped
    rest = STOP_RE.match(text[st.end:st.end + 30])
    stop = rest.group(1)[:1] + generic(rest.group(2) or "")
    return cue, stop, st.kind, st.speaker_kind or "none"


def _end_features(text, st, context, end, label, index):
    cue, stop, kind, speaker = context
    kept = len(text[st.start:end].split())
    cut = len(text[min(end, st.end):st.end].split())
    added = len(text[st.end:max(end, st.end)].split())
    nxt = NEXT_WORD_RE.match(text[end:end + 30].lstrip(",;"))
    after = generic(nxt.group(1)) if nxt else "<end>"
    cap = bool(nxt) and nxt.group(1)[:1].isupper()
    k = _bucket(kept)
    c = _bucket(cut)
    return [
        "b=" + label,
        f"b*after={label}*{after}",
        f"b*cap={label}*{cap}",
        f"b*kept={label}*{k}",
        f"b*cut={label}*{c}",
        f"b*index={label}*{min(index, 4)}",
        f"b*kind={label}*{kind}",
        f"b*cue={label}*{cue}",
        f"b*speaker={label}*{speaker}",
        f"b*added={label}*{_bucket(added)}",
        f"b*cue_in={label}*{_has_cue(text, st.end, end)}",
        f"b*stop={label}*{stop}",
        "kept=" + k,
        "cut=" + c,
    ]


def _has_cue(text, a, b):
    """Whether the added text [a, b) holds a cue word (another frame: ", he said")."""
    return a < b and any(w.lower() in CUE_FORMS for w in WORD_RE.findall(text, a, b))


def choose(text, st, weights):
    """The end the ranker prefers for statement ``st`` (its own end when not eligible)."""
    if st.kind == "direct" or st.parts:
        return st.end
    cands = candidates(text, st)
    if len(cands) == 1:
        return st.end
    context = _statement_context(text, st)
    return best_candidate(cands, weights,
                          lambda i, end, label: _end_features(text, st, context, end, label, i))


def best_candidate(cands, weights, features_of):
    """The position of the (position, label) candidate a linear ranker scores highest
    (the first of equals): ``features_of(index, position, label)`` lists its features."""
    best, best_score = None, None
    for i, (pos, label) in enumerate(cands):
        # the sum of the features' weights; unknown features weigh 0
        score = sum(map(weights.get, features_of(i, pos, label), repeat(0.0)))
        if best_score is None or score > best_score:
            best, best_score = pos, score
    return best
