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
    print(f"{'kb_per_s':18}{result['kb_per_s']}  (includes interpreter start-up)")
    return result


if __name__ == "__main__":
    main()
