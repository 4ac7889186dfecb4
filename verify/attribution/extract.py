"""The extraction pipeline: layout, frames and contents, quotations, pronouns."""
import re
from bisect import bisect_right
from functools import lru_cache

from .boundaries import choose
from .content import contents
from .learned import Scorer, features
from .lexicon import BELIEF_FORMS, CUE_FORMS, SPEECH_FORMS, STANCE_FORMS
from .model import Statement
from .pronouns import resolve
from .quotes import join_runs, kind_of, labelled, unattributed
from .reported import frames
from .speakers import left_mention, mention, with_appositive
from .starts import choose as choose_start
from .tagger import Tagger, candidates, filter_features
from .text import find_quotes, paragraphs, sentences

STANCE_ONLY = set(STANCE_FORMS.values()) - set(SPEECH_FORMS.values())
BELIEF_ONLY = set(BELIEF_FORMS.values()) - set(SPEECH_FORMS.values())
STANCE_OR_BELIEF_ONLY = STANCE_ONLY | BELIEF_ONLY  # built once, not per statement
# How sure each construction tends to be (tuned by eye on the training split); the
# learned scorer reads it as a feature and replaces it by its probability.
CONFIDENCE = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7}


def extract(text, join=False, learned=True, tagged=True):
    """All attributed statements of ``text``, in text order.

    With ``join``, a quotation continuing the previous statement of its paragraph is
    folded into it (see ``quotes.join_runs``) instead of being its own statement.
    With ``learned`` (the default) each statement's confidence is the learned scorer's
    probability and statements below its threshold are dropped (``learned.py``); without
    it the rules' statements come out unjudged (training reads them so). With
    ``learned`` and ``tagged`` (the defaults) the learned tagger adds the statements it
    finds in the sentences no statement touches (``tagger.py``).
    """
    paras = paragraphs(text)
    if not paras:
        return []
    quotes = find_quotes(text, paras)
    statements = []
    sent_spans = []
    last_speaker = None
    for p_start, p_end in paras:
        p_quotes = [q for q in quotes if q.start < p_end and q.end > p_start]
        for s, e in sentences(text, p_start, p_end, p_quotes):
            qs = [q for q in p_quotes if q.start < e and q.end > s]
            sent_spans.append((s, e, qs))
            frs = frames(text, s, e, qs, last_speaker)
            prev_hi = s
            found = []
            for k, fr in enumerate(frs):
                next_lo = _bound(text, frs[k + 1], e) if k + 1 < len(frs) else e
                # a participle after a comma ends it even past a frame nested in it
                # ("criticized what she called ..., saying ...")
                next_lo = min([next_lo] + [f.lo for f in frs[k + 2:] if f.participle and
                                           text[f.lo - 3:f.lo].rstrip().endswith(",")])
                # "X declined, according to Y": Y's content is the whole clause, the
                # earlier frame included; so for any frame after stance or belief
                # frames inside an aside ("..., a state she hoped to carry, ..., said
                # Lee"); "The mayor pledged to ..., aides said" keeps the pledge alone.
                lo = s if fr.verb == "according to" or _stance_asides(text, s, found) \
                    else prev_hi
                span = contents(text, s, e, fr, lo, next_lo, qs)
                if span is None:
                    continue  # no content, no attribution: its words may be another's
                prev_hi = fr.hi
                found.append(_statement(text, span, fr, qs))
                if fr.speaker is not None:
                    last_speaker = fr.speaker
            statements += [st for st in found if not _nested_stance(st, found)]
    starts = [s for s, _, _ in sent_spans]
    p_starts = [p for p, _ in paras]

    def sentence_of(pos):
        return sent_spans[max(0, bisect_right(starts, pos) - 1)][:2]

    def para_of(pos):
        return bisect_right(p_starts, pos) - 1

    labels = [st for st in labelled(text, paras)
              if not any(o.start < st.end and st.start < o.end for o in statements)]
    statements += labels
    statements += unattributed(text, quotes, sentence_of, para_of, statements)
    statements.sort(key=lambda st: st.start)
    statements = _one_cue_per_content(statements)
    statements = resolve(text, statements)
    if learned:
        statements = rescore(text, p_starts, statements)
    if learned and tagged:
        found = _tagged(text, sent_spans, statements)
        if found:  # pronoun speakers among them are resolved like the rules' ones
            statements = resolve(text, sorted(statements + found, key=lambda st: st.start))
    if learned:
        # after scoring: the scorer and the rankers read the rules' cue and mention
        statements = [_with_role(text, _shown_cue(text, st)) for st in statements]
    return join_runs(text, statements) if join else statements


# A negation right before a cue verb ("did not say", "never claimed", "hasn't denied").
NEGATION_RE = re.compile(r"(?:\b(?:did|does|do|would|will|could|can|has|have|had|is|was|"
                         r"were|are)\s+not|\b[A-Za-z]+n['\u2019]t|\bnever)\s+$")
# A preposition between a cue and its content ("called for", "railed against").
PARTICLE_GAP_RE = re.compile(r"\s+(?:about|against|for|on|of|with|into|over|at|out)\s+")


def _shown_cue(text, st):
    """``st`` with the cue as a reader needs it: a negation before it taken in ("The
    mayor did not say that ..." is no claim of the mayor's) and a preposition between
    it and the content ("called for a full inquiry")."""
    if st.cue_start is None:
        return st
    start, end = st.cue_start, st.cue_end
    lo = st.speaker_end if st.speaker_end is not None and st.speaker_end <= start \
        else start - 20
    m = NEGATION_RE.search(text, max(0, lo, start - 20), start)
    if m:
        start = m.start()
    if end <= st.start and PARTICLE_GAP_RE.fullmatch(text, end, st.start):
        end = st.start
        while text[end - 1].isspace():
            end -= 1  # back to the end of the preposition
    if (start, end) == (st.cue_start, st.cue_end):
        return st
    return st.copy_with(cue=text[start:end], cue_start=start, cue_end=end)


def _with_role(text, st):
    """``st`` with the role after an inverted speaker in its mention ('..., said Ann
    Lee, a lawyer for the family.'), as a speaker before the cue has it."""
    if st.speaker_start is None or st.cue_end is None or st.speaker_start < st.cue_end:
        return st
    sp = st.mention
    nl = text.find("\n", sp.end)
    full = with_appositive(text, sp, len(text) if nl < 0 else nl)
    if full is sp:
        return st
    return st.copy_with(speaker=full.text, speaker_end=full.end, speaker_kind=full.kind)


def rescore(text, p_starts, statements):
    """Confidence from the learned scorer; statements it finds unlikely are dropped."""
    scorer = _scorer()
    out = []
    if scorer.start:  # the start first: the candidate ends depend on it
        statements = [restart(text, st, scorer.start) for st in statements]
    if scorer.boundary:
        statements = [rebound(text, st, scorer.boundary) for st in statements]
    for i, st in enumerate(statements):
        near = statements[max(0, i - 3):i + 4]
        feats = features(text, st, bisect_right(p_starts, st.start) - 1, near)
        prob = scorer.probability(feats)
        if scorer.keeps(st, feats, prob):
            out.append(st.copy_with(confidence=round(min(0.99, max(0.01, prob)), 2)))
    return out


def rebound(text, st, weights):
    """``st`` with the content end the learned ranker prefers."""
    end = choose(text, st, weights)
    if end == st.end:
        return st
    return st.copy_with(end=end, text=text[st.start:end], kind=kind_of(text, st.start, end))


def restart(text, st, weights):
    """``st`` with the content start the learned start ranker prefers."""
    start = choose_start(text, st, weights)
    if start == st.start:
        return st
    return st.copy_with(start=start, text=text[start:st.end],
                        kind=kind_of(text, start, st.end))


def _tagged(text, sent_spans, statements):
    """The tagger's statements that no rule statement overlaps, kept when its filter
    finds them likely enough (their confidence is the filter's probability)."""
    tagger = _tagger()
    spans = [(s, e, [(q.start, q.end) for q in qs]) for s, e, qs in sent_spans]
    out = []
    for st, feats in tag_candidates(text, spans, statements, tagger):
        prob = tagger.probability(feats)
        if prob >= tagger.threshold:
            out.append(st.copy_with(confidence=round(min(0.99, max(0.01, prob)), 2)))
    return out


def _untouched(spans, statements):
    """The sentences of ``spans`` (in text order) that no statement's content overlaps."""
    ranges = sorted((st.start, st.end) for st in statements)
    out = []
    k, reach = 0, -1  # reach: the furthest end of the statements starting before e
    for span in spans:
        s, e = span[0], span[1]
        while k < len(ranges) and ranges[k][0] < e:
            reach = max(reach, ranges[k][1])
            k += 1
        if reach <= s:
            out.append(span)
    return out


def tag_candidates(text, spans, statements, tagger):
    """(statement, filter features) of each content the tagger finds in the sentences
    ``spans`` ((start, end, quote spans)) that no statement of ``statements`` overlaps."""
    # only sentences no statement touches: tagging the others found as many more
    # matches as false ones, at twice the cost
    spans = _untouched(spans, statements)
    for cand in candidates(text, spans, tagger):
        st = tagged_statement(text, cand)
        crowded = any(o.start < cand.sentence_end and cand.sentence_start < o.end
                      for o in statements)
        yield st, filter_features(text, cand, st.speaker_kind, crowded)


def tagged_statement(text, cand):
    """A statement from a tagger candidate: the tagged source is the speaker, else the
    noun phrase before the cue, as the rules read it."""
    src = cand.source
    if src and any(c.isalnum() for c in text[src[0]:src[1]]):
        sp = mention(text, *src)
    elif cand.cue_start < cand.start:
        sp = left_mention(text, cand.sentence_start, cand.cue_start)
    else:
        sp = None
    start, end = cand.start, cand.end
    return Statement(
        start, end, text[start:end],
        sp.text if sp else None, sp.start if sp else None, sp.end if sp else None,
        sp.kind if sp else None, text[cand.cue_start:cand.cue_end], cand.cue_start,
        cand.cue_end, kind_of(text, start, end), 0.5)


@lru_cache(maxsize=1)
def _tagger():  # loaded once per process
    return Tagger.load()


@lru_cache(maxsize=1)
def _scorer():  # loaded once per process
    return Scorer.load()


def _statement(text, span, fr, quotes):
    start, end = span[:2]
    parts = span[2] if len(span) > 2 else ()
    # A content that is exactly one quotation is reported as the quotation itself.
    kind = None
    for q in quotes:
        if q.start <= start + 1 and q.end >= end - 1 and text[q.end:end].strip(" ,.") == "":
            start, end = q.start, q.end
            kind = "direct"  # even a multi-paragraph quotation with its re-opening marks
    kind = kind or kind_of(text, start, end)
    sp = fr.speaker
    confidence = CONFIDENCE[kind] - (0.3 if sp is None else 0.0)
    if sp is not None and sp.kind == "pronoun":
        confidence -= 0.1
    return Statement(
        start, end, text[start:end],
        sp.text if sp else None, sp.start if sp else None, sp.end if sp else None,
        sp.kind if sp else None,
        text[fr.cue_start:fr.cue_end], fr.cue_start, fr.cue_end, kind, round(confidence, 2),
        parts=parts)


def _one_cue_per_content(statements):
    """Two cues given the very same content ("X pledged to Y, aides said": both get
    "to Y") keep it for the cue nearest to it; the other's content is the whole clause,
    which the rules do not find, so it is left out rather than reported wrongly."""
    best = {}
    for st in statements:
        key = (st.start, st.end)
        if key not in best or _distance(st) < _distance(best[key]):
            best[key] = st
    return [st for st in statements if best[(st.start, st.end)] is st]


def _distance(st):
    if st.cue_start is None:
        return 10 ** 9
    return max(st.start - st.cue_end, st.cue_start - st.end, 0)


def _stance_asides(text, s, found):
    """Whether the statements found so far in sentence ``s`` all have stance or belief
    cues after a comma of the sentence (asides a later speech frame's content holds)."""
    return bool(found) and all(st.cue is not None and
                               CUE_FORMS.get(st.cue.lower()) in STANCE_OR_BELIEF_ONLY
                               and "," in text[s:st.cue_start] for st in found)


def _nested_stance(st, found):
    """A stance cue inside what someone else is reported to have said ("She said he
    opposes the plan") is part of that statement, not a statement of its own."""
    if st.cue is None or CUE_FORMS.get(st.cue.lower()) not in STANCE_OR_BELIEF_ONLY:
        return False
    return any(o is not st and o.start <= st.cue_start < o.end for o in found)


def _bound(text, nxt, end):
    """Where the next frame cuts this frame's content off.

    A frame set off by punctuation or coordination ("..., adding that", "; she said")
    ends the content before it; a frame inside a that-clause ("said that CNN asked her
    to ...") is part of the content and only reported as a statement of its own.
    """
    if nxt.fixed is not None:
        return end  # a relative clause's frame: its content is fixed, it bounds nothing
    before = text[max(0, nxt.lo - 6):nxt.lo].rstrip()
    if before.endswith((",", ";", ":", "\u2014", "(", " and", " but")) or \
            nxt.speaker is None or nxt.speaker.start > nxt.cue_start:
        return nxt.lo
    return end
