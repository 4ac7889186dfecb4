"""A learned sequence tagger for the reported statements the rules miss.

PolNeAR marks beliefs, intentions and endorsements with a long tail of cues (``wants``,
``shows``, ``cited``, ``called for``, ``agreed``) that no word list covers. This tagger
reads one sentence at a time and labels every token: ``S`` source, ``Q`` cue, ``B`` /
``I`` content (begin / inside), ``O`` outside -- a greedy left-to-right averaged
perceptron in the spirit of BBC Citron's CRF on PARC, pure Python and deterministic.
It is trained offline on the PolNeAR training split by ``bench/train_tagger.py``; its
weights (``tagger.json``) hold feature values (lower-cased words, suffixes, shapes)
and integer weights, never corpus text.

Speed: features are looked up per template (one dict per template, the word itself as
key: no feature strings are built), and each dict value packs the five label weights
into one integer (``FIELD`` bits each, offset by ``BIAS``), so a token's five scores
are one sum of about sixteen integers. Only sentences that no rule statement touches
and that hold a word the training split often used as a cue are tagged; a logistic
filter (trained on cross-fitted candidates) keeps the likely contents.
"""
import json
import math
import re
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from .lexicon import BELIEF_FORMS, CUE_FORMS, SPEECH_FORMS, STANCE_FORMS

WEIGHTS = Path(__file__).with_name("tagger.json")
LABELS = ("O", "S", "Q", "B", "I")
O, S, Q, B, I = range(5)
WORD_RE = re.compile(r"\w+(?:['\u2019.\-]\w+)*")
TOKEN_RE = re.compile(r"\w+(?:['\u2019.\-]\w+)*|\S")
QUOTE_MARKS = set("\"\u201c\u201d\u00ab\u00bb\u201e")
GATE = ("H", "M")
# Content pieces are joined across gaps of up to MAX_GAP tokens (no cue or source in
# between), and a content needs MIN_TOKENS tokens: shorter ones were mostly wrong.
MAX_GAP = 100
MIN_TOKENS = 4
FIELD = 24  # bits per label in a packed weight
BIAS = 1 << 17  # added to each label's weight (|weight| < BIAS) to keep fields positive
MASK = (1 << FIELD) - 1
# The static templates, in the order ``token_values`` yields them.
TEMPLATES = ("w", "p1", "n1", "p2", "n2", "suf", "shape", "cue", "quote", "pos",
             "lcue", "rcue", "lcw", "rcw", "bi")


def _rule_class(word):
    """s / b / t / o: the rules' class of a cue form (speech, belief, stance), or ''."""
    return _RULE_CLASS.get(word, "")


def _class_of(lemma):
    if lemma in SPEECH_FORMS.values():
        return "s"
    if lemma in BELIEF_FORMS.values():
        return "b"
    if lemma in STANCE_FORMS.values():
        return "t"
    return "o"


_RULE_CLASS = {form: _class_of(lemma) for form, lemma in CUE_FORMS.items()}


def _shape(word):
    c = word[0]
    if c.isdigit():
        return "d"
    if not c.isalpha():
        return word if len(word) == 1 else "p"
    if word.isupper() and len(word) > 1:
        return "X"
    return "C" if c.isupper() else "x"


_BUCKETS = "0123355559999999"


def _bucket(n):
    return _BUCKETS[n] if n < 16 else "L"


def tokens(text, s, e):
    """(start, end, word) of each token of ``text[s:e]``."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, s, e)]


def token_values(toks, quotes, cue_words):
    """For each token, its value under every static template (``TEMPLATES`` order).

    ``cue_words`` maps a lower-cased word to its cue class (how often the training
    split annotated it as a cue); ``quotes`` are (start, end) quotation spans.
    """
    n = len(toks)
    low = [t[2].lower() for t in toks]
    rule_class = _RULE_CLASS.get
    cls = [cue_words.get(w, "") + rule_class(w, "") for w in low]
    if quotes:
        inq = ["m" if w in QUOTE_MARKS or w == "'" else
               "i" if any(a < start < b - 1 for a, b in quotes) else "o"
               for start, _, w in toks]
    else:
        inq = ["m" if w in QUOTE_MARKS or w == "'" else "o" for _, _, w in toks]
    # nearest cue word to the left and right of each token
    left = [None] * n
    last = None
    for i in range(n):
        left[i] = last
        if cls[i]:
            last = i
    right = [None] * n
    last = None
    for i in range(n - 1, -1, -1):
        right[i] = last
        if cls[i]:
            last = i
    pad = ["<s>", "<s>"] + low + ["</s>", "</s>"]
    shapes = [_shape(t[2]) for t in toks]
    shapes[0] += "^"
    bucket = [_bucket(k) for k in range(n)]  # every distance within the sentence
    out = []
    for i in range(n):
        w = low[i]
        lc, rc = left[i], right[i]
        out.append((
            w, pad[i + 1], pad[i + 3], pad[i], pad[i + 4], w[-3:], shapes[i],
            cls[i] or "-", inq[i], bucket[i] + bucket[n - 1 - i],
            "-" if lc is None else cls[lc] + bucket[i - lc],
            "-" if rc is None else cls[rc] + bucket[rc - i],
            "-" if lc is None else low[lc],
            "-" if rc is None else low[rc],
            pad[i + 1] + " " + w,
        ))
    return out


def state(prev, cue_seen, content_seen):
    """The dynamic context of a decision: previous label, cue / content seen yet."""
    return prev * 4 + cue_seen * 2 + content_seen


class Tagger:
    """Packed integer weights: ``tables[t][value]`` and ``states[k]`` are ints."""

    def __init__(self, tables, states, cue_words):
        self.tables = tables
        self.states = states
        self.cue_words = cue_words
        self.max_gap = MAX_GAP
        self.min_tokens = MIN_TOKENS
        # only sentences holding a word annotated as a cue at least a fifth of the time
        # are tagged
        gate = {w for w, c in cue_words.items() if c in GATE}
        self.gate_words = gate | {w.capitalize() for w in gate} | {w.upper() for w in gate}
        self.gate_marks = sorted(w for w in gate if not WORD_RE.fullmatch(w))  # ":" ...
        self.filter = {}
        self.threshold = 0.0
        self.zero = pack([0] * len(LABELS))

    @classmethod
    def load(cls, path=WEIGHTS):
        return cls.from_data(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def from_data(cls, data):
        """From the stored form: packed integers (``pack``), read as they are."""
        tables = [data["weights"].get(t, {}) for t in TEMPLATES]
        states = data["states"]
        tagger = cls(tables, states, data["cue_words"])
        tagger.filter = data.get("filter", {})
        tagger.threshold = data.get("threshold", 0.0)
        return tagger

    def probability(self, feats):
        """The filter's probability that a candidate is an annotated attribution."""
        z = sum(self.filter.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def tag(self, toks, quotes):
        """Labels and margins (best score minus the runner-up) of ``toks``."""
        values = token_values(toks, quotes, self.cue_words)
        tables, states = self.tables, self.states
        zeros = repeat(self.zero)
        get = dict.get
        labels, margins = [], []
        prev, cue_seen, con_seen = O, 0, 0
        f1, f2, f3, f4 = FIELD, 2 * FIELD, 3 * FIELD, 4 * FIELD
        for vals in values:
            # one C-level pass: the packed weights of every template value, summed
            total = sum(map(get, tables, vals, zeros), states[prev * 4 + cue_seen * 2 + con_seen])
            scores = [total & MASK, (total >> f1) & MASK, (total >> f2) & MASK,
                      (total >> f3) & MASK, (total >> f4) & MASK]
            top = max(scores)
            best = scores.index(top)  # ties go to the lower label, as in training
            scores.sort()
            labels.append(best)
            margins.append(top - scores[3])
            prev = best
            if best == Q:
                cue_seen = 1
            elif best >= B:
                con_seen = 1
        return labels, margins


def pack(weights):
    """Five integer weights as one integer (each offset by BIAS into its field)."""
    total = 0
    for k, w in enumerate(weights):
        total |= (int(w) + BIAS) << (FIELD * k)
    return total


def unpack(packed):
    """The five integer weights of a packed one."""
    return [((packed >> (FIELD * k)) & MASK) - BIAS for k in range(len(LABELS))]


def runs(labels, wanted):
    """(first, last) token index of each maximal run of labels in ``wanted``; a ``B``
    always opens a new content run."""
    out = []
    start = None
    for i, lab in enumerate(labels + [O]):
        if lab in wanted and not (lab == B and start is not None):
            if start is None:
                start = i
            continue
        if start is not None:
            out.append((start, i - 1))
            start = None
        if lab in wanted:
            start = i
    return out


def merged(contents, labels, max_gap):
    """Content runs joined across gaps of at most ``max_gap`` tokens holding no cue or
    source: a greedy tagger tends to break a long content into pieces."""
    out = []
    for a, b in contents:
        if out and a - out[-1][1] - 1 <= max_gap and \
                not any(lab in (Q, S) for lab in labels[out[-1][1] + 1:a]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _crosses(start, end, quotes):
    """Whether [start, end) opens or closes inside a quotation but not both: half a
    quotation (a quoted title's tail) is no one's statement."""
    return any((a < start < b) != (a < end < b) for a, b in quotes)


def _nearest(spans, a, b):
    """The span of ``spans`` (token index pairs) closest to tokens a..b, or None."""
    best = None
    for lo, hi in spans:
        d = a - hi if hi < a else lo - b if lo > b else 0
        if best is None or d < best[0]:
            best = (d, (lo, hi))
    return best[1] if best else None


def candidates(text, spans, tagger):
    """The tagger's contents in the sentences ``spans`` ((start, end, quotes)).

    Yields ``Candidate``s with character spans (``source`` may be None); a content
    needs a tagged cue in its sentence and ``tagger.min_tokens`` tokens.
    """
    gate, cw = tagger.gate_words, tagger.cue_words
    for s, e, quotes in spans:
        if gate.isdisjoint(WORD_RE.findall(text, s, e)) and \
                not any(mark in text[s:e] for mark in tagger.gate_marks):
            continue
        toks = tokens(text, s, e)
        labels, margins = tagger.tag(toks, quotes)
        cues = runs(labels, {Q})
        if not cues:
            continue
        sources = runs(labels, {S})
        for a, b in merged(runs(labels, {B, I}), labels, tagger.max_gap):
            if b - a + 1 < tagger.min_tokens or _crosses(toks[a][0], toks[b][1], quotes):
                continue
            cue = _nearest(cues, a, b)
            src = _nearest(sources, *cue) if sources else None
            inside = [m for m, lab in zip(margins[a:b + 1], labels[a:b + 1]) if lab >= B]
            yield Candidate(
                s, e, toks[a][0], toks[b][1], toks[cue[0]][0], toks[cue[1]][1],
                (toks[src[0]][0], toks[src[1]][1]) if src else None,
                sum(inside) / len(inside), min(inside), b - a + 1, b == len(toks) - 1 or
                (b == len(toks) - 2 and toks[-1][2] in ".?!"),
                cw.get(toks[cue[1]][2].lower(), "-"))


@dataclass(frozen=True)
class Candidate:
    """A content the tagger found, with what the filter reads about it."""

    sentence_start: int
    sentence_end: int
    start: int
    end: int
    cue_start: int
    cue_end: int
    source: tuple | None
    mean_margin: float
    min_margin: float
    n_tokens: int
    to_end: bool  # the content runs to the end of its sentence
    cue_class: str  # how often the corpus annotated the cue's last word as a cue


def filter_features(text, cand, speaker_kind, crowded):
    """Feature names of a candidate for the filter (a logistic regression).

    ``crowded``: its sentence also holds a rule statement -- always False in the
    pipeline, which tags only untouched sentences; the shipped filter has a weight for
    it all the same (it was trained by the same code), which acts as a second bias.
    """
    cue = text[cand.cue_start:cand.cue_end].lower().split()
    where = "before" if cand.cue_end <= cand.start else \
        "after" if cand.cue_start >= cand.end else "inside"
    before = TOKEN_RE.findall(text, max(cand.sentence_start, cand.start - 30), cand.start)
    first = TOKEN_RE.match(text, cand.start)
    words = [m.lower() for m in TOKEN_RE.findall(text, cand.start, min(cand.end, cand.start + 40))]
    return [
        "bias",
        "cue=" + " ".join(cue) if len(cue) <= 2 else "cuelast=" + cue[-1],
        "cuefirst=" + cue[0],
        "cuelen=" + _bucket(len(cue)),
        "cueclass=" + (_rule_class(cue[-1]) or "-"),
        "cuefreq=" + cand.cue_class,
        "where=" + where,
        "len=" + _bucket(cand.n_tokens),
        "mean=" + _bucket(int(cand.mean_margin) // 200),
        "min=" + _bucket(max(0, int(cand.min_margin)) // 100),
        "source=" + str(cand.source is not None),
        "speaker=" + (speaker_kind or "none"),
        "toend=" + str(cand.to_end),
        "crowded=" + str(crowded),
        "before=" + (before[-1].lower() if before else "<s>"),
        "first=" + (first.group().lower() if first else "?"),
        "second=" + (words[1] if len(words) > 1 else "?"),
        f"where*toend={where}*{cand.to_end}",
        f"speaker*where={speaker_kind}*{where}",
    ]
