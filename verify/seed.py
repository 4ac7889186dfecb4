"""Seed data: the seed article and its hand-curated statements, loaded idempotently.

The same loader serves ``claimdesk seed``, ``make run``, the docs walkthrough and tests.
A sidecar ``NAME.claims.json`` beside ``NAME.txt`` lists the attributed statements.
"""
import json
import os

from .claims import create_claim
from .db import database
from .documents import record_document
from .models import Claim

SEEDS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "seeds")


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


def load_seeds(directory=SEEDS, actor=None):
    """Record each seed article and its statements; returns how many claims were added."""
    added = 0
    for path in seed_files(directory):
        sidecar, text = load_sidecar(path)
        with database.atomic():
            document, _ = record_document(
                actor=actor, text=text, title=sidecar.get("title", ""),
                url=sidecar.get("url"), publisher=sidecar.get("publisher"),
                language=sidecar.get("language"),
            )
            known = {c.quote_start for c in Claim.select(Claim.quote_start)
                     .where(Claim.document == document)}
            for item in sidecar["statements"]:
                if item["quote_start"] in known:
                    continue
                speaker = item["speaker"]
                create_claim(
                    actor=actor, text=item["text"], quote=item["quote"],
                    quote_kind=item["quote_kind"], document_id=document.id,
                    quote_start=item["quote_start"], quote_end=item["quote_end"],
                    cue=item["cue"],
                    speaker={k: speaker[k] for k in ("kind", "name", "description", "affiliation")},
                )
                added += 1
    return added
