"""Score the attribution extractor on a gold corpus and print the figures.

Usage: python bench/attribution_quality.py [GOLD.jsonl]
The corpus path comes from the argument, else from $ATTRIBUTION_GOLD. The scorer is
$ATTRIBUTION_SCORER (default: the shared attribution_eval.py next to the corpus split).

Besides the scorer's figures it prints content recall by what kind of attribution the
gold one is, read off its cue: ``quote`` (quotation marks in the content), ``speech``,
``belief`` and ``stance`` (a word of the cue in that lexicon, or ``according to`` and
``:`` for speech) and ``other`` (anything else: actions, events, nouns). This shows
where the missing recall is.
"""
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    gold = argv[0] if argv else os.environ.get("ATTRIBUTION_GOLD")
    if not gold:
        sys.exit(__doc__)
    gold = Path(gold).resolve()
    scorer = os.environ.get("ATTRIBUTION_SCORER") or str(gold.parent.parent /
                                                         "attribution_eval.py")
    cmd = f"{shlex.quote(sys.executable)} -m verify.attribution"
    proc = subprocess.run([sys.executable, scorer, str(gold), "--cmd", cmd, "--json"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode not in (0, 1) or not proc.stdout.strip():
        sys.exit(proc.stderr or proc.stdout)
    result = json.loads(proc.stdout.splitlines()[0])
    print(f"corpus            {gold}")
    for key in ("documents", "gold", "predicted", "content_precision", "content_recall",
                "content_f1", "speaker_accuracy", "e2e_f1"):
        print(f"{key:18}{result[key]}")
    print(f"{'direct_recall':18}{result['recall_by_type'].get('direct')}")
    print(f"{'recall_by_type':18}{result['recall_by_type']}")
    print(f"{'kb_per_s':18}{result['kb_per_s']}  (scorer's wall clock, with start-up)")
    print(f"{'cpu_kb_per_s':18}{cpu_throughput(gold)}  (one core, CPU time, in process)")
    print("recall by the gold attribution's cue:")
    by_class, statements_only = recall_by_cue_class(scorer, gold)
    for name, (total, recall) in by_class.items():
        print(f"  {name:8}{total:6} gold ({total / result['gold']:4.0%})  recall {recall:.3f}")
    p, r = statements_only
    print(f"content against the gold without 'other': P {p:.3f} R {r:.3f} "
          f"F1 {2 * p * r / (p + r):.3f}")
    return result


def cue_class(ev, text, attribution):
    """quote / speech / belief / stance / other: what kind of attribution a gold one is."""
    from verify.attribution.lexicon import BELIEF_FORMS, SPEECH_FORMS, STANCE_FORMS

    spans = [(s["start"], s["end"]) for s in attribution.get("content") or []]
    if ev.quote_type(text, spans) != "indirect":
        return "quote"
    cue = " ".join(c["text"] for c in attribution.get("cue") or []).lower()
    words = re.findall(r"[a-z]+", cue)
    if "according" in words or cue.strip() == ":" or any(w in SPEECH_FORMS for w in words):
        return "speech"
    for name, forms in (("belief", BELIEF_FORMS), ("stance", STANCE_FORMS)):
        if any(w in forms for w in words):
            return name
    return "other"


def recall_by_cue_class(scorer, gold):
    """{class: (gold count, content recall)}, matched one-to-one as the scorer does, and
    (precision, recall) against the gold without the ``other`` kind (statements only:
    actions and events left out), every prediction counted."""
    spec = importlib.util.spec_from_file_location("attribution_eval", scorer)
    ev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ev)
    sys.path.insert(0, str(ROOT))
    from verify.attribution import extract

    total, found = Counter(), Counter()
    predicted = statements_found = 0
    for doc in ev.load_gold(str(gold), 0):
        text = doc["text"]
        golds = []
        for a in doc["attributions"]:
            chars = ev.char_set(text, [(s["start"], s["end"]) for s in a.get("content") or []])
            if chars:
                golds.append((chars, cue_class(ev, text, a)))
        preds = [p for p in (ev.char_set(text, st.spans) for st in extract(text, join=True)) if p]
        predicted += len(preds)
        for gi in _matched(golds, preds):
            found[golds[gi][1]] += 1
        for _, name in golds:
            total[name] += 1
        statements_found += len(_matched([g for g in golds if g[1] != "other"], preds))
    statements = sum(n for name, n in total.items() if name != "other")
    return ({name: (total[name], found[name] / total[name])
             for name in ("quote", "speech", "belief", "stance", "other") if total[name]},
            (statements_found / predicted, statements_found / statements))


def _matched(golds, preds):
    """Indexes of the ``golds`` ((chars, kind)) matched one-to-one, greedily by overlap."""
    pairs = sorted(((len(g & p), gi, pi) for gi, (g, _) in enumerate(golds)
                    for pi, p in enumerate(preds)
                    if len(g & p) >= 0.5 * len(g) and len(g & p) >= 0.5 * len(p)),
                   reverse=True)
    used_g, used_p = set(), set()
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return used_g


def cpu_throughput(gold):
    """KB of text per CPU second for ``extract`` alone: the scorer's wall-clock figure
    also counts interpreter start-up and whatever else the machine is running."""
    sys.path.insert(0, str(ROOT))
    from verify.attribution import extract

    texts = [json.loads(line)["text"] for line in gold.open(encoding="utf-8") if line.strip()]
    size = sum(len(t.encode("utf-8")) for t in texts)
    began = time.process_time()
    for text in texts:
        extract(text, join=True)
    return round(size / 1024 / (time.process_time() - began), 1)


if __name__ == "__main__":
    main()
