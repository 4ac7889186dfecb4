"""Score the attribution extractor on a gold corpus and print the figures.

Usage: python bench/attribution_quality.py [GOLD.jsonl]
The corpus path comes from the argument, else from $ATTRIBUTION_GOLD. The scorer is
$ATTRIBUTION_SCORER (default: the shared attribution_eval.py next to the corpus split).
"""
import json
import os
import shlex
import subprocess
import sys
import time
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
    return result


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
