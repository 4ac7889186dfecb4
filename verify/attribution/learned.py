"""The learned scorer: a logistic regression over generic features of a statement.

The rules propose statements; this model says how likely each one is to be an
attribution a human annotator would mark, and statements below ``THRESHOLD`` are
dropped. The weights are a small JSON file next to this module, trained offline by
``python -m verify.attribution.train`` (see docs/EXTRACTION.md). Features are generic:
the construction that proposed the statement, cue lemma and class, speaker kind, lengths,
positions, punctuation and single common words next to the content -- never corpus text.
"""
import json
import math
import re
from itertools import repeat
from pathlib import Path

from .lexicon import BELIEF_FORMS, CUE_FORMS, SPEECH_FORMS, STANCE_FORMS

WEIGHTS = Path(__file__).with_name("weights.json")
# A quotation no cue attributes is kept below the threshold down to this probability:
# under it are quoted titles and terms ("Morning Joe," "Apollo 13,"); dropping them
# gave +0.001 / +0.002 content F1 on dev / train with direct recall 0.973 / 0.954.
DIRECT_FLOOR = 0.1
# The characters of a word (the word before a position is found by rstrip).
WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\u2019'"
WORD_AFTER = re.compile(r"[A-Za-z\u2019']+|\S")
QUOTES = "\"\u201c\u201d\u00ab\u00bb"


def _bucket(n, edges):
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


# The base forms of each cue class, as sets: a dict's values() is scanned end to end
# on every membership test.
SPEECH_BASES = set(SPEECH_FORMS.values())
BELIEF_BASES = set(BELIEF_FORMS.values())
STANCE_BASES = set(STANCE_FORMS.values())


def _cue_class(lemma):
    if lemma is None:
        return "none"
    if lemma in SPEECH_BASES:
        return "speech"
    if lemma in BELIEF_BASES:
        return "belief"
    if lemma in STANCE_BASES:
        return "stance"
    return "other"


def _word(text, pos, step):
    """The word next to ``pos`` (before it when step < 0), lower-cased, or a mark."""
    i = pos
    n = len(text)
    if step < 0:
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i == 0 or text[i - 1] == "\n":
            return "<start>"
        return _word_ending(text[max(0, i - 30):i])
    while i < n and text[i] in " \t":
        i += 1
    if i >= n or text[i] == "\n":
        return "<end>"
    m = WORD_AFTER.match(text, i, i + 30)
    return generic(m.group(0)) if m else "?"


def _word_ending(window):
    """The word ending ``window`` (its trailing letters and apostrophes), else its last
    character unless that is a space; made generic, "?" when neither.

    This is what a regex search for letters or a non-space character anchored at the
    end of the window finds (the window never ends in a newline); rstrip finds it in
    one call where the search tried every start in the window.
    """
    word = window[len(window.rstrip(WORD_CHARS)):]
    if not word and window[-1:].strip():
        word = window[-1]
    return generic(word) if word else "?"


# Capitalised words other than these become one shape: the weights hold no names.
KEEP_CAPITALISED = set("""
the a an this that these those his her their its our my he she they it we i you there
but and or so if when while as in on at for of to after before according
""".split())


def generic(word):
    low = word.lower()
    if word[:1].isupper() and low not in KEEP_CAPITALISED:
        return "<cap>"
    return low


def _overlap(st, neighbours):
    """How the statement's content sits among its neighbours' contents."""
    for o in neighbours:
        if o is st or o.end <= st.start or st.end <= o.start:
            continue
        if (o.start, o.end) == (st.start, st.end):
            # the same content for two cues: which cue comes first matters
            return "same_first" if (st.cue_start or 0) < (o.cue_start or 0) else "same_last"
        if o.start <= st.start and st.end <= o.end:
            return "inside"
        if st.start <= o.start and o.end <= st.end:
            return "contains"
        return "crosses"
    return "alone"


def _shape(word):
    if not word:
        return "none"
    if word.endswith("ing"):
        return "ing"
    if word.endswith("ed"):
        return "ed"
    if word.endswith("s"):
        return "s"
    return "base"


def features(text, st, para_index, neighbours=()):
    """The feature names of one statement (a list of strings; all weigh 1)."""
    lemma = CUE_FORMS.get(st.cue.lower()) if st.cue else None
    cue = lemma or (" ".join(generic(w) for w in st.cue.split()) if st.cue else "none")
    if len(cue.split()) > 2:
        cue = "long"
    cclass = "colon" if st.cue == ":" else _cue_class(lemma) if st.cue else "none"
    if cclass == "other" and len(cue.split()) == 1 and cue.endswith("ed"):
        cclass = "ed"
    body = text[st.start:st.end]
    words = len(body.split())
    marks = sum(body.count(q) for q in QUOTES)
    spk = st.speaker_kind or "none"
    if st.cue_start is None:
        where = "nocue"
    elif st.cue_end <= st.start:
        where = "before"
    elif st.cue_start >= st.end:
        where = "after"
    else:
        where = "inside"
    gap = (st.start - st.cue_end if where == "before" else
           st.cue_start - st.end if where == "after" else 0)
    length = _bucket(words, (1, 2, 3, 5, 8, 12, 20, 35, 60))
    construction = f"{st.kind}:{st.confidence}"
    first = _word(text, st.start, 1).strip(QUOTES) or "q"
    last_char = body.rstrip()[-1:] or "?"
    if last_char.isalnum():
        last_char = "w"
    cue_prev = _word(text, st.cue_start, -1) if st.cue_start is not None else "none"
    cue_next = _word(text, st.cue_end, 1) if st.cue_end is not None else "none"
    overlap = _overlap(st, neighbours)
    sp_first = generic(st.speaker.split()[0]) if st.speaker else "none"
    out = [
        "bias",
        "construction=" + construction,
        "kind=" + st.kind,
        "cue=" + cue,
        "cueclass=" + cclass,
        "speaker=" + spk,
        "where=" + where,
        "gap=" + _bucket(gap, (0, 1, 2, 5, 10, 20, 40)),
        "len=" + length,
        "marks=" + _bucket(marks, (0, 1, 2, 4)),
        "parts=" + str(len(st.spans)),
        "para=" + _bucket(para_index, (0, 1, 2, 4, 8)),
        "continues=" + str(st.continues),
        "first=" + first,
        "before=" + _word(text, st.start, -1),
        "after=" + _word(text, st.end, 1),
        "last=" + last_char,
        "cuecap=" + str(bool(st.cue) and st.cue[:1].isupper()),
        "spwords=" + _bucket(len((st.speaker or "").split()), (0, 1, 2, 3, 5, 8)),
        "resolved=" + str(st.resolved_speaker is not None),
        "cueprev=" + cue_prev,
        "cuenext=" + cue_next,
        "cueshape=" + _shape(st.cue.lower() if st.cue else ""),
        "spfirst=" + sp_first,
        "overlap=" + overlap,
        f"overlap*class={overlap}*{cclass}",
        f"overlap*kind={overlap}*{st.kind}",
        f"class*cueprev={cclass}*{cue_prev}",
        f"cue*cueprev={cue}*{cue_prev}",
        # pairs: a construction behaves differently by length, speaker and cue class
        f"kind*len={st.kind}*{length}",
        f"class*speaker={cclass}*{spk}",
        f"class*where={cclass}*{where}",
        f"cue*where={cue}*{where}",
        f"construction*len={construction}*{length}",
        f"class*first={cclass}*{first}",
    ]
    return out


class Scorer:
    """Logistic regression: P(statement is an annotated attribution)."""

    def __init__(self, weights, threshold, boundary=None, start=None):
        self.weights = weights
        self.threshold = threshold
        self.boundary = boundary or {}  # the content-end ranker (boundaries.py)
        self.start = start or {}  # the content-start ranker (starts.py)

    @classmethod
    def load(cls, path=WEIGHTS):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["weights"], data["threshold"], data.get("boundary"),
                   data.get("start"))

    def keeps(self, st, feats, prob):
        """Whether a statement stays: likely enough, or a direct quotation (their
        recall is a target) with a cue or not very unlikely (``DIRECT_FLOOR``). Speech
        nested in another statement's content stays only when likely: the outer
        statement already carries it, with who reported it."""
        return prob >= self.threshold or st.kind == "direct" and (
            st.cue is not None or prob >= DIRECT_FLOOR)

    def probability(self, feats):
        z = sum(map(self.weights.get, feats, repeat(0.0)))  # unknown features weigh 0
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))
