"""Train the attribution tagger (verify/attribution/tagger.json) offline.

Usage: python bench/train_tagger.py TRAIN.jsonl [--out PATH] [--epochs N]

Labels every token of the training split from the gold spans (source S, cue Q,
content B/I; an outer attribution's labels win over those nested in its content),
learns which words the corpus uses as cues (``cue_words``: how often a word is a cue
token, bucketed), and fits a greedy left-to-right averaged perceptron on the
sentences holding such a word (predicted history, fixed seed: two runs give the same
file). Only feature values (words, suffixes, shapes) and integer weights are written,
never a sentence of the corpus.
"""
import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.train_attribution import _prob, fit as fit_filter, load_scorer  # noqa: E402
from verify.attribution.tagger import (  # noqa: E402
    B, BIAS, I, LABELS, O, Q, S, TEMPLATES, WEIGHTS, Tagger, pack, state, token_values, tokens)
from verify.attribution import extract  # noqa: E402
from verify.attribution.extract import tag_candidates  # noqa: E402
from verify.attribution.text import find_quotes, paragraphs, sentences  # noqa: E402

SEED = 13
EPOCHS = 6
MIN_COUNT = 3  # feature values seen fewer times are dropped
SCALE = 100  # averaged weights are stored as integers, x SCALE
PRUNE = 300  # feature values whose weights are all below this (3 updates) are dropped
# (on dev: 75k values at 100, 26k at 300, same F1; 500 lost 0.005)
N = len(LABELS)


def doc_sentences(text):
    """(start, end, quote spans) of every sentence of ``text``."""
    paras = paragraphs(text)
    quotes = find_quotes(text, paras)
    out = []
    for p_start, p_end in paras:
        pq = [q for q in quotes if q.start < p_end and q.end > p_start]
        for s, e in sentences(text, p_start, p_end, pq):
            out.append((s, e, [(q.start, q.end) for q in pq if q.start < e and q.end > s]))
    return out


def gold_labels(toks, attributions):
    """One label per token; outer attributions (largest extent) are labelled first."""
    def extent(a):
        spans = [x for k in ("source", "cue", "content") for x in a.get(k) or []]
        return max((x["end"] for x in spans), default=0) - min((x["start"] for x in spans),
                                                               default=0)
    labels = [None] * len(toks)
    for a in sorted(attributions, key=lambda a: -extent(a)):
        for key, lab in (("cue", Q), ("source", S), ("content", I)):
            spans = [(x["start"], x["end"]) for x in a.get(key) or []]
            prev_in = False
            for i, (ts, te, _) in enumerate(toks):
                hit = any(ts < b and te > a_ for a_, b in spans)
                if hit and labels[i] is None:
                    labels[i] = B if lab == I and not prev_in else lab
                prev_in = hit
    return [O if lab is None else lab for lab in labels]


def corpus(docs):
    """[(tokens, quote spans, gold labels)] for every sentence of every document."""
    out = []
    for doc in docs:
        text = doc["text"]
        for s, e, quotes in doc_sentences(text):
            toks = tokens(text, s, e)
            if toks:
                attrs = [a for a in doc["attributions"]
                         if any(s <= x["start"] < e for k in ("cue", "content")
                                for x in a.get(k) or [])]
                out.append((toks, quotes, gold_labels(toks, attrs)))
    return out


def learn_cue_words(sents, min_cue=3, min_ratio=0.05):
    """Lower-cased words annotated as cue tokens often enough, bucketed by ratio."""
    seen, as_cue = Counter(), Counter()
    for toks, _, labels in sents:
        for (_, _, w), lab in zip(toks, labels):
            w = w.lower()
            seen[w] += 1
            if lab == Q:
                as_cue[w] += 1
    out = {}
    for w, n in as_cue.items():
        ratio = n / seen[w]
        if n >= min_cue and ratio >= min_ratio:
            out[w] = "H" if ratio >= 0.5 else "M" if ratio >= 0.2 else "L"
    return out


def fit(data, epochs):
    """Averaged perceptron, greedy decoding with predicted history."""
    w, u = {}, {}  # weights and step-weighted update sums (for averaging)
    sw = [[0] * N for _ in range(N * 4)]
    su = [[0] * N for _ in range(N * 4)]
    counts = Counter(f for values, _ in data for vals in values for f in enumerate(vals))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    data = [([[f for f in enumerate(vals) if f in keep] for vals in values], gold)
            for values, gold in data]
    rng = random.Random(SEED)
    order = list(range(len(data)))
    c = 1
    for epoch in range(epochs):
        rng.shuffle(order)
        errors = total = 0
        for j in order:
            feats, gold = data[j]
            prev, cue_seen, con_seen = O, 0, 0
            for fs, y in zip(feats, gold):
                k = state(prev, cue_seen, con_seen)
                scores = list(sw[k])
                for f in fs:
                    ws = w.get(f)
                    if ws:
                        for t in range(N):
                            scores[t] += ws[t]
                guess = max(range(N), key=lambda t: (scores[t], -t))
                total += 1
                if guess != y:
                    errors += 1
                    for f in fs:
                        ws = w.setdefault(f, [0] * N)
                        us = u.setdefault(f, [0] * N)
                        ws[y] += 1
                        ws[guess] -= 1
                        us[y] += c
                        us[guess] -= c
                    sw[k][y] += 1
                    sw[k][guess] -= 1
                    su[k][y] += c
                    su[k][guess] -= c
                c += 1
                prev = guess
                if guess == Q:
                    cue_seen = 1
                elif guess >= B:
                    con_seen = 1
        print(f"epoch {epoch + 1}: token error {errors / total:.4f}", file=sys.stderr)
    tables = {t: {} for t in TEMPLATES}
    for (ti, v), ws in sorted(w.items()):
        avg = [_clip(round(SCALE * (ws[t] - u[(ti, v)][t] / c))) for t in range(N)]
        if max(abs(x) for x in avg) >= PRUNE:
            tables[TEMPLATES[ti]][v] = pack(avg)
    states = [pack([_clip(round(SCALE * (sw[k][t] - su[k][t] / c))) for t in range(N)])
              for k in range(N * 4)]
    return tables, states


def _clip(w):
    """Packed weights need |w| < BIAS (see verify/attribution/tagger.py)."""
    return max(1 - BIAS, min(BIAS - 1, w))


def train_tagger(docs, epochs):
    """The tagger's weights (a dict as stored in tagger.json) trained on ``docs``."""
    cue_words = learn_cue_words(corpus(docs))
    data = []
    for toks, quotes, gold in corpus(docs):
        if any(t[2].lower() in cue_words for t in toks):
            data.append((token_values(toks, quotes, cue_words), gold))
    print(f"{len(data)} sentences with a cue word, {len(cue_words)} cue words",
          file=sys.stderr)
    tables, states = fit(data, epochs)
    return {"cue_words": dict(sorted(cue_words.items())), "states": states,
            "weights": tables}


def filter_rows(ev, docs, tagger):
    """For each document: its rule statements (joined runs) and, for each tagger
    candidate, (statement, filter features, 1 if it matches a gold content)."""
    rows = []
    for doc in docs:
        text = doc["text"]
        rules = extract(text, tagged=False)
        gold = [ev.char_set(text, [(x["start"], x["end"]) for x in a.get("content") or []])
                for a in doc["attributions"]]
        found = []
        for st, feats in tag_candidates(text, doc_sentences(text), rules, tagger):
            p = ev.char_set(text, [(st.start, st.end)])
            y = int(any(len(g & p) >= 0.5 * len(g) and len(g & p) >= 0.5 * len(p)
                        for g in gold if g))
            found.append((st, feats, y))
        rows.append((doc, extract(text, join=True, tagged=False), found))
    return rows


def choose_threshold(ev, rows, weights):
    """The filter threshold maximising content F1 + e2e F1 over ``rows``."""
    best = None
    for k in range(0, 91, 5):
        t = k / 100
        pred = {}
        for doc, rules, found in rows:
            kept = [st for st, feats, _ in found if _prob(weights, feats) >= t]
            pred[doc["doc_id"]] = [st.to_json() for st in rules + kept]
        res = ev.score([doc for doc, _, _ in rows], pred)
        print(f"threshold {t:.2f}  content P {res['content_precision']} "
              f"R {res['content_recall']} F1 {res['content_f1']}  e2e {res['e2e_f1']}",
              file=sys.stderr)
        gain = res["content_f1"] + res["e2e_f1"]
        if best is None or gain > best[0]:
            best = (gain, t)
    return best[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train")
    ap.add_argument("--out", default=str(WEIGHTS))
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--folds", type=int, default=2,
                    help="cross-fitting folds for the filter's training rows")
    args = ap.parse_args(argv)
    ev = load_scorer(args.train)
    docs = ev.load_gold(args.train, args.limit)
    rows = []
    for k in range(args.folds):
        # the filter learns from candidates of a tagger that never saw their document
        inside = [d for i, d in enumerate(docs) if i % args.folds != k]
        held = [d for i, d in enumerate(docs) if i % args.folds == k]
        fold = Tagger.from_data(train_tagger(inside, args.epochs))
        rows += filter_rows(ev, held, fold)
    samples = [(feats, y) for _, _, found in rows for _, feats, y in found]
    print(f"{len(samples)} cross-fitted candidates, {sum(y for _, y in samples)} matching",
          file=sys.stderr)
    weights = fit_filter(samples)
    threshold = choose_threshold(ev, rows, weights)
    data = train_tagger(docs, args.epochs)
    data.update({"trained_on": Path(args.train).name, "seed": SEED, "epochs": args.epochs,
                 "min_count": MIN_COUNT, "scale": SCALE, "labels": LABELS,
                 "filter": weights, "threshold": threshold})
    Path(args.out).write_text(json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n",
                              encoding="utf-8")
    size = sum(len(t) for t in data["weights"].values())
    print(f"{size} feature values, {len(weights)} filter weights, threshold {threshold} "
          f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
