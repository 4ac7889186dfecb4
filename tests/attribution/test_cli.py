"""The JSON Lines command line contract."""
import json
import subprocess
import sys

FIELDS = {"start", "end", "text", "speaker", "speaker_start", "speaker_end", "speaker_kind",
          "cue", "cue_start", "cue_end", "kind", "confidence", "spans"}


def test_jsonl_round_trip():
    docs = [{"id": "a", "text": '"We will appeal," said Omar Haddad.'},
            {"id": 7, "text": "Nothing was said here."}]
    payload = "".join(json.dumps(d) + "\n" for d in docs)
    proc = subprocess.run([sys.executable, "-m", "verify.attribution"], input=payload,
                          capture_output=True, text=True, check=True)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", 7]
    (st,) = rows[0]["statements"]
    assert set(st) == FIELDS
    assert (st["start"], st["end"]) == (0, 17)
    assert (st["speaker"], st["speaker_start"], st["speaker_end"]) == ("Omar Haddad", 23, 34)
    assert (st["speaker_kind"], st["cue"], st["kind"]) == ("named_person", "said", "direct")
    assert 0.0 <= st["confidence"] <= 1.0
    assert rows[1]["statements"] == []
