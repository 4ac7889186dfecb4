"""Exact-match keys (claim_key): equal keys are exactly the pairs scoring 1.0; they follow
a claim's text and quote through edits; migration 0004 gives existing claims theirs; and
ingestion's likely duplicates use them instead of the text search when they suffice."""
import importlib.util
import os
import random

from playhouse.migrate import SchemaMigrator

from tests.newsroom_helpers import QueryCounter, make_claim, make_document
from verify.claims import create_claim, update_claim
from verify.models import ClaimKey
from verify.newsroom.matching import (
    claim_keys,
    features,
    mark_likely_duplicates,
    match_key,
    similarity,
)
from verify.store.db import database


def stored_keys(claim_id):
    return sorted(key for (key,) in ClaimKey.select(ClaimKey.key)
                  .where(ClaimKey.claim == claim_id).tuples())


def test_equal_keys_are_exactly_the_pairs_scoring_one():
    rng = random.Random(7)
    vocabulary = "unemployment fell rose by half in 2023 the bridge cost Bridge COST".split()
    seen = 0
    for _ in range(2000):
        a = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 4)))
        b = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 4)))
        same_key = match_key(features(a)) is not None and \
            match_key(features(a)) == match_key(features(b))
        assert same_key == (similarity(a, b) == 1.0), (a, b)
        seen += same_key and a != b
    assert seen > 0  # pairs written differently ("Bridge cost." / "bridge COST") share one
    assert match_key(features("the of and")) is None  # no content words: never a duplicate
    assert claim_keys("Prices rose.", "prices ROSE") == [match_key(features("prices rose"))]
    assert len(claim_keys("Prices rose.", "Prices fell.")) == 2


def test_keys_follow_text_and_quote_through_edits(db):
    claim = create_claim(actor=None, text="Unemployment fell by half.")
    assert stored_keys(claim.id) == claim_keys("Unemployment fell by half.")
    update_claim(claim.id, actor=None, expected_version=1, text="The bridge cost a billion.",
                 quote="It cost a billion")
    assert stored_keys(claim.id) == claim_keys("The bridge cost a billion.", "It cost a billion")
    update_claim(claim.id, actor=None, expected_version=2, cue="said")
    assert stored_keys(claim.id) == claim_keys("The bridge cost a billion.", "It cost a billion")
    silent = create_claim(actor=None, text="He said it was so.")
    assert stored_keys(silent.id) == []


def test_migration_0004_gives_existing_claims_their_keys(db):
    texts = ["Unemployment fell by half.", "The bridge cost a billion.", "It was the one."]
    ids = [make_claim(text) for text in texts]
    path = os.path.join(os.path.dirname(__file__), "..", "..", "verify", "store", "migrations",
                        "0004_claim_keys.py")
    spec = importlib.util.spec_from_file_location("claim_keys_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migrator = SchemaMigrator.from_database(database.obj)
    with database.atomic():
        migration.down(migrator, database.obj)
        migration.up(migrator, database.obj)
    assert [stored_keys(claim_id) for claim_id in ids] == [claim_keys(text) for text in texts]


def test_likely_duplicates_are_the_oldest_exact_copies_without_a_search(db, monkeypatch):
    statement = "Unemployment fell by half in 2023."
    near = create_claim(actor=None, text="Unemployment fell by nearly half in 2023.")
    assert 0.6 <= similarity(statement, near.text) < 1.0
    copies = [create_claim(actor=None, text=statement.upper() if n % 2 else statement,
                           document_id=make_document("Report %d" % n)) for n in range(2)]
    # Fewer than three copies: the search fills the list up with near duplicates, which
    # rank after the exact copies, older or not.
    mark_likely_duplicates([copies[1]])
    assert [(c.id, c.score) for c in copies[1].likely_duplicates] == [
        (copies[0].id, 1.0), (near.id, similarity(statement, near.text))]

    copies += [create_claim(actor=None, text=statement, document_id=make_document(
        "Report %d" % n)) for n in range(2, 5)]
    new = create_claim(actor=None, text=statement, document_id=make_document("Report 5"))
    sibling = create_claim(actor=None, text=statement, document_id=new.document_id)
    counter = QueryCounter(monkeypatch)
    mark_likely_duplicates([new, sibling])
    # One statement for both claims' keys, one to load the copies: no text search.
    assert len(counter) == 2, counter.statements
    assert not any("claim_fts" in sql or "claim_search" in sql for sql in counter.statements)
    # The three oldest, whichever way they were written; never the claim's own document.
    for claim in (new, sibling):
        assert [(c.id, c.score, c.likely_duplicate) for c in claim.likely_duplicates] == [
            (copies[0].id, 1.0, True), (copies[1].id, 1.0, True), (copies[2].id, 1.0, True)]
