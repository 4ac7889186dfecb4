"""Seed data: the seed article and its hand-curated statements, loaded idempotently.

The same loader serves ``claimdesk seed``, ``make run``, the docs walkthrough and tests.
A sidecar ``NAME.claims.json`` beside ``NAME.txt`` lists the attributed statements.
"""
import json
import os

from .ingest import ingest_document

# seeds/ at the top of the repository, beside verify/.
SEEDS = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "seeds"))


def seed_files(directory=SEEDS):
    for name in sorted(os.listdir(directory)):
        if name.endswith(".claims.json"):
            yield os.path.join(directory, name)


def load_sidecar(path):
    with open(path, encoding="utf-8") as fh:
        sidecar = json.load(fh)
    with open(os.path.join(os.path.dirname(path), sidecar["file"]), encoding="utf-8") as fh:
        text = fh.read()
    return sidecar, text


def curated_claims(sidecar):
    """Claim fields for the sidecar's hand-curated statements."""
    for item in sidecar["statements"]:
        speaker = item["speaker"]
        yield {
            "text": item["text"],
            "quote": item["quote"],
            "quote_kind": item["quote_kind"],
            "quote_start": item["quote_start"],
            "quote_end": item["quote_end"],
            "cue": item["cue"],
            "speaker": {k: speaker[k] for k in ("kind", "name", "description", "affiliation")},
        }


def load_seeds(directory=SEEDS, actor=None):
    """Record each seed article with its curated statements (the ingestion path, with the
    curated list in place of extraction); returns how many claims were added."""
    added = 0
    for path in seed_files(directory):
        sidecar, text = load_sidecar(path)
        _, _, claims = ingest_document(
            actor=actor, text=text, statements=list(curated_claims(sidecar)),
            title=sidecar.get("title", ""), url=sidecar.get("url"),
            publisher=sidecar.get("publisher"), language=sidecar.get("language"),
        )
        added += len(claims)
    return added
