"""Train the learned statement scorer (verify/attribution/weights.json) offline.

Usage: python bench/train_attribution.py TRAIN.jsonl [--out PATH]

Runs the rule-based extractor (learned scorer off) over the training split, labels
each proposed statement with the shared scorer's matching rule (one-to-one, overlap of
at least half of each side; a continuation quotation takes the label of the run it is
folded into), fits a logistic regression (averaged SGD, fixed seed, so two runs give the
same file) and picks the keep threshold that maximises content F1 + e2e F1 on the same
split. Only feature names and weights are written: no text of the corpus.
"""
import argparse
import importlib.util
import json
import math
import random
import sys
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verify.attribution import extract  # noqa: E402
from verify.attribution import boundaries, starts  # noqa: E402
from verify.attribution.extract import rebound, restart  # noqa: E402
from verify.attribution.learned import WEIGHTS, Scorer, features  # noqa: E402
from verify.attribution.quotes import join_runs  # noqa: E402
from verify.attribution.text import paragraphs  # noqa: E402

SEED = 13
EPOCHS = 12
MIN_START_MOVE = 3  # words; see start_groups
MIN_COUNT = 20  # rarer features are dropped (with 5, dev F1 fell: overfitting)


def load_scorer(gold):
    path = Path(gold).resolve().parent.parent / "attribution_eval.py"
    spec = importlib.util.spec_from_file_location("attribution_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def propose(docs, boundary=None, start=None):
    """(doc, statements, feature lists) for every document, scorer off (starts and
    ends chosen by the ``start`` and ``boundary`` rankers when given)."""
    out = []
    for doc in docs:
        text = doc["text"]
        sts = extract(text, learned=False)
        if start:
            sts = [restart(text, st, start) for st in sts]
        if boundary:
            sts = [rebound(text, st, boundary) for st in sts]
        p_starts = [p for p, _ in paragraphs(text)]
        feats = [features(text, st, bisect_right(p_starts, st.start) - 1,
                          sts[max(0, i - 3):i + 4]) for i, st in enumerate(sts)]
        out.append((doc, sts, feats))
    return out


def _greedy(ev, doc, rows):
    text = doc["text"]
    gold = [ev.char_set(text, [(s["start"], s["end"]) for s in a.get("content") or []])
            for a in doc["attributions"]]
    gold = [g for g in gold if g]
    preds = [ev.char_set(text, [tuple(s) for s in r["spans"]]) for r in rows]
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if not p:
                continue
            both = len(g & p)
            if both >= 0.5 * len(g) and both >= 0.5 * len(p):
                pairs.append((both, gi, pi))
    used_g, used_p = set(), set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return used_p


def labels(ev, doc, statements):
    """1 for a statement whose (joined) run matches a gold content, else 0."""
    text = doc["text"]
    joined = join_runs(text, statements)
    hits = _greedy(ev, doc, [st.to_json() for st in joined])
    out = []
    for st in statements:
        y = 0
        for j, run in enumerate(joined):
            if run.start <= st.start and st.end <= run.end and \
                    (run.speaker_start, run.cue_start) == (st.speaker_start, st.cue_start):
                y = int(j in hits)
                break
        out.append(y)
    return out


def _targets(ev, docs, start=None):
    """(text, statement, gold chars) for each statement the rankers may move (starts
    chosen by the ``start`` ranker when given), with the gold content it overlaps most."""
    for doc in docs:
        text = doc["text"]
        gold = [ev.char_set(text, [(s["start"], s["end"]) for s in a.get("content") or []])
                for a in doc["attributions"]]
        gold = [g for g in gold if g]
        for st in extract(text, learned=False):
            if not starts.eligible(st):
                continue
            if start:
                st = restart(text, st, start)
                if not starts.eligible(st):
                    continue
            p = ev.char_set(text, [(st.start, st.end)])
            if not p:
                continue
            target = max(gold, key=lambda g: len(g & p), default=None)
            if target is None or not target & p:
                continue
            yield text, st, target


def _match(ev, text, target, start, end):
    """(whether the scorer would match [start, end) with ``target``, Jaccard)."""
    c = ev.char_set(text, [(start, end)]) if end > start else set()
    if not c:
        return False, 0.0
    both = len(c & target)
    return both >= 0.5 * len(c) and both >= 0.5 * len(target), both / len(c | target)


def _group(feats, scores):
    """A ranking group, or None when no candidate would match: nothing to learn."""
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    if not scores[best][0]:
        return None
    return feats, best, {i for i, (ok, _) in enumerate(scores) if ok}


def start_groups(ev, docs):
    """For each eligible statement: the feature lists of its candidate starts, the index
    of the best one and of every start the scorer would match with some candidate end
    (the end ranker picks the end afterwards)."""
    groups = []
    for text, st, target in _targets(ev, docs):
        cands = starts.candidates(text, st)
        scores = []
        for start, _ in cands:
            moved = replace(st, start=start)
            scores.append(max(_match(ev, text, target, start, end)
                              for end, _ in boundaries.candidates(text, moved)))
        if scores[0][0]:
            # the rules' start matches: keep it, or take a matching start at least
            # MIN_START_MOVE words away. Accepting any matching start there (as the end
            # ranker does) moved starts by a word or two wherever the half-overlap rule
            # did not mind (`told reporters the ...` -> `reporters the ...`).
            scores = [score if i == 0 or _words_between(text, st.start, start) >=
                      MIN_START_MOVE else (False, 0.0)
                      for i, (score, (start, _)) in enumerate(zip(scores, cands))]
        group = _group([starts.features(text, st, start, label, i)
                        for i, (start, label) in enumerate(cands)], scores)
        if group:
            groups.append(group)
    return groups


def _words_between(text, a, b):
    return len(text[min(a, b):max(a, b)].split())


def boundary_groups(ev, docs, start=None):
    """For each eligible statement (its start chosen by the ``start`` ranker when
    given): the feature lists of its candidate ends, the index of the one closest
    (Jaccard) to the gold content it overlaps most, and the indexes of every end the
    scorer would match with that content."""
    groups = []
    for text, st, target in _targets(ev, docs, start):
        cands = boundaries.candidates(text, st)
        scores = [_match(ev, text, target, st.start, end) for end, _ in cands]
        group = _group([boundaries.features(text, st, end, label, i)
                        for i, (end, label) in enumerate(cands)], scores)
        if group:
            groups.append(group)
    return groups


def fit_ranker(groups):
    """Averaged perceptron ranking candidate ends (or starts); deterministic. A pick is
    corrected (towards the closest candidate) only when the scorer would not match it:
    any matching one is as good (training towards the closest one alone scored worse on
    train)."""
    counts = Counter(f for feats, _, _ in groups for fs in feats for f in set(fs))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    groups = [([[f for f in fs if f in keep] for fs in feats], best, ok)
              for feats, best, ok in groups]
    w, total, stamp = {}, {}, {}
    step = 0
    order = list(range(len(groups)))
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            feats, best, ok = groups[i]
            step += 1
            scores = [sum(w.get(f, 0.0) for f in fs) for fs in feats]
            guess = max(range(len(feats)), key=lambda j: (scores[j], -j))
            if guess in ok:  # any end the scorer would match is as good
                continue
            for f, d in [(f, 1.0) for f in feats[best]] + [(f, -1.0) for f in feats[guess]]:
                total[f] = total.get(f, 0.0) + w.get(f, 0.0) * (step - stamp.get(f, 0))
                stamp[f] = step
                w[f] = w.get(f, 0.0) + d
    avg = {}
    for f in w:
        total[f] += w[f] * (step - stamp[f])
        avg[f] = round(total[f] / step, 4)
    return {f: v for f, v in sorted(avg.items()) if v != 0.0}


def fit(samples):
    """Averaged SGD logistic regression over binary features; deterministic."""
    counts = Counter(f for feats, _ in samples for f in set(feats))
    keep = {f for f, n in counts.items() if n >= MIN_COUNT}
    samples = [([f for f in feats if f in keep], y) for feats, y in samples]
    order = list(range(len(samples)))
    rng = random.Random(SEED)
    w, total, stamp = {}, {}, {}
    step = 0
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        rate = 0.2 / (1 + epoch)
        for i in order:
            feats, y = samples[i]
            z = sum(w.get(f, 0.0) for f in feats)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = rate * (y - p)
            step += 1
            for f in feats:
                # lazy averaging: credit the old weight for the steps it stood
                total[f] = total.get(f, 0.0) + w.get(f, 0.0) * (step - stamp.get(f, 0))
                stamp[f] = step
                w[f] = w.get(f, 0.0) * (1 - rate * 1e-4) + g
    avg = {}
    for f in w:
        total[f] += w[f] * (step - stamp[f])
        avg[f] = round(total[f] / step, 4)
    return {f: v for f, v in sorted(avg.items()) if v != 0.0}


def choose_threshold(ev, proposed, weights):
    best = None
    for k in range(0, 61, 2):
        t = k / 100
        rule = Scorer(weights, t)
        pred = {}
        for doc, sts, feats in proposed:
            kept = [st for st, fs in zip(sts, feats) if rule.keeps(st, fs, _prob(weights, fs))]
            pred[doc["doc_id"]] = [st.to_json() for st in join_runs(doc["text"], kept)]
        res = ev.score([d for d, _, _ in proposed], pred)
        gain = res["content_f1"] + res["e2e_f1"]
        print(f"threshold {t:.2f}  content {res['content_f1']}  e2e {res['e2e_f1']}  "
              f"direct {res['recall_by_type'].get('direct')}", file=sys.stderr)
        if best is None or gain > best[0]:
            best = (gain, t)
    return best[1]


def _prob(weights, feats):
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("train")
    ap.add_argument("--out", default=str(WEIGHTS))
    ap.add_argument("--no-boundaries", dest="boundaries", action="store_false",
                    help="keep the rules' content ends (no ranker)")
    ap.add_argument("--no-starts", dest="starts", action="store_false",
                    help="keep the rules' content starts (no start ranker)")
    args = ap.parse_args(argv)
    ev = load_scorer(args.train)
    docs = ev.load_gold(args.train, 0)
    start = {}
    if args.starts:  # the start first: the end ranker learns on the chosen starts
        groups = start_groups(ev, docs)
        moved = sum(1 for _, _, ok in groups if 0 not in ok)
        print(f"{len(groups)} start groups, {moved} best elsewhere", file=sys.stderr)
        start = fit_ranker(groups)
    boundary = {}
    if args.boundaries:
        groups = boundary_groups(ev, docs, start)
        moved = sum(1 for _, _, ok in groups if 0 not in ok)
        print(f"{len(groups)} boundary groups, {moved} best elsewhere", file=sys.stderr)
        boundary = fit_ranker(groups)
    proposed = propose(docs, boundary, start)
    samples = []
    for doc, sts, feats in proposed:
        samples += list(zip(feats, labels(ev, doc, sts)))
    print(f"{len(samples)} statements, {sum(y for _, y in samples)} matching",
          file=sys.stderr)
    weights = fit(samples)
    threshold = choose_threshold(ev, proposed, weights)
    Path(args.out).write_text(json.dumps(
        {"trained_on": Path(args.train).name, "seed": SEED, "epochs": EPOCHS,
         "min_count": MIN_COUNT, "threshold": threshold, "weights": weights,
         "boundary": boundary, "start": start},
        indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights, threshold {threshold} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
