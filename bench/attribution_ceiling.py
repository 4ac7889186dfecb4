"""How much the learned start and end rankers could still gain on a gold split.

Usage: python bench/attribution_ceiling.py GOLD.jsonl

For each statement the rankers may move (indirect or mixed, one piece), with the gold
content it overlaps most (as bench/train_attribution.py pairs them), counts:

  eligible    statements the ranker decides for
  reachable   those where some candidate matches the gold content (the shared scorer's
              half-overlap rule; for a start, with some candidate end)
  rules       those where the rules' own candidate matches
  ranker      those where the shipped ranker's pick matches

``reachable - ranker`` is what a perfect ranker over the same candidates would add at
most; ``eligible - reachable`` needs other candidates (or other statements). Prints
counts only, no corpus text.
"""
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.train_attribution import _match, _targets, load_scorer  # noqa: E402
from verify.attribution import boundaries, starts  # noqa: E402
from verify.attribution.extract import _scorer  # noqa: E402


def end_counts(ev, docs, weights):
    tally = dict(eligible=0, reachable=0, rules=0, ranker=0)
    for text, st, target in _targets(ev, docs, weights.start):
        cands = boundaries.candidates(text, st)
        ok = {i for i, (end, _) in enumerate(cands)
              if _match(ev, text, target, st.start, end)[0]}
        pick = boundaries.choose(text, st, weights.boundary)
        _count(tally, ok, pick in {cands[i][0] for i in ok})
    return tally


def start_counts(ev, docs, weights):
    tally = dict(eligible=0, reachable=0, rules=0, ranker=0)
    for text, st, target in _targets(ev, docs):
        cands = starts.candidates(text, st)
        ok = {i for i, (start, _) in enumerate(cands)
              if any(_match(ev, text, target, start, end)[0]
                     for end, _ in boundaries.candidates(text, replace(st, start=start)))}
        pick = starts.choose(text, st, weights.start)
        _count(tally, ok, pick in {cands[i][0] for i in ok})
    return tally


def _count(tally, ok, picked_ok):
    tally["eligible"] += 1
    tally["reachable"] += bool(ok)
    tally["rules"] += 0 in ok  # candidate 0 is the rules' own
    tally["ranker"] += picked_ok


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        sys.exit(__doc__)
    ev = load_scorer(argv[0])
    docs = ev.load_gold(argv[0], 0)
    weights = _scorer()
    for name, counts in (("start", start_counts(ev, docs, weights)),
                         ("end", end_counts(ev, docs, weights))):
        print(f"{name:6}" + "  ".join(f"{k} {v}" for k, v in counts.items()) +
              f"  (a perfect ranker: +{counts['reachable'] - counts['ranker']} at most)")


if __name__ == "__main__":
    main()
