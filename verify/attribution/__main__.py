"""JSON Lines in, JSON Lines out: ``python -m verify.attribution < docs.jsonl``.

Each input line is {"id": ..., "text": ...}; each output line is
{"id": ..., "statements": [...]} with the fields of ``Statement.to_json``. Quotations
continuing a statement in the same paragraph are folded into it (one attribution each).
"""
import json
import sys

from . import extract


def main(stdin=sys.stdin, stdout=sys.stdout):
    for line in stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        rows = [st.to_json() for st in extract(doc.get("text") or "", join=True)]
        stdout.write(json.dumps({"id": doc.get("id"), "statements": rows},
                                ensure_ascii=False) + "\n")
    stdout.flush()


if __name__ == "__main__":
    main()
