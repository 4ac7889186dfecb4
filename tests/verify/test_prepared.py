"""Prepared reads return exactly what the same peewee query returns, on both engines."""
import datetime

import pytest

from verify.claims import claims_query, get_claim
from verify.errors import NotFound
from verify.models import Claim, User
from verify.review.evidence import evidence_of, evidence_query
from verify.store.db import as_datetime, database, iso_z
from verify.store.prepared import Prepared
from verify.users import authenticate


def snapshot(row, *joins):
    return [row.__data__] + [getattr(row, name).__data__ if getattr(row, name, None) else None
                             for name in joins]


@pytest.fixture
def claim(client, auth, app):
    document = client.post("/api/v1/documents", headers=auth(), json={
        "text": "The minister said the dam is safe.", "title": "Dam"}).get_json()
    source = client.post("/api/v1/sources", headers=auth(),
                         json={"url": "https://example.org/dam"}).get_json()
    made = client.post("/api/v1/claims", headers=auth(), json={
        "text": "The dam is safe.", "quote": "the dam is safe", "document_id": document["id"],
        "speaker": {"kind": "named_person", "name": "A. Minister"}}).get_json()
    for stance in ("supports", "contradicts"):
        assert client.post("/api/v1/claims/%d/evidence" % made["id"], headers=auth(), json={
            "source_id": source["id"], "stance": stance}).status_code == 201
    with app.app_context():
        database.connect(reuse_if_open=True)
        yield made["id"]
        database.close()


def test_get_claim_matches_the_query(claim):
    expected = claims_query().where(Claim.id == claim).first()
    got = get_claim(claim)
    joins = ("speaker", "document", "created_by", "published_by")
    assert snapshot(got, *joins) == snapshot(expected, *joins)
    assert got.speaker.name == "A. Minister" and got.document.title == "Dam"
    with pytest.raises(NotFound):
        get_claim(claim + 1000)


def test_evidence_matches_the_query(claim):
    expected = list(evidence_query([claim]))
    got = evidence_of(claim)
    assert [snapshot(e, "source", "added_by") for e in got] == [
        snapshot(e, "source", "added_by") for e in expected]
    assert [e.stance for e in got] == ["supports", "contradicts"]
    # Later calls reuse the rendered SQL and the wrapper's set-up: same rows.
    again = evidence_of(claim)
    assert [snapshot(e, "source", "added_by") for e in again] == [
        snapshot(e, "source", "added_by") for e in expected]
    assert evidence_of(claim + 1000) == []


def test_authenticate(claim, tokens):
    user = authenticate(tokens["editor"])
    assert user.__data__ == User.get(User.name == "editor-user").__data__
    assert user.role == "editor" and not user.is_dirty()
    assert authenticate("cd_nope") is None


def test_tuples_are_the_driver_rows(claim):
    """``tuples()`` skips the models: the query's columns in order, values as the driver
    gives them, which ``as_datetime`` turns into what a model holds."""
    columns = (Claim.id, Claim.state, Claim.version, Claim.updated_at)
    prepared = Prepared(lambda x: Claim.select(*columns).where(Claim.id == x), int)
    [row] = prepared.tuples(claim)
    model = Claim.get_by_id(claim)
    assert row[:3] == (claim, model.state, model.version)
    assert as_datetime(row[3]) == model.updated_at
    assert prepared.tuples(claim + 1000) == []


def test_each_parameter_must_appear_once(claim):
    twice = Prepared(lambda x: Claim.select().where((Claim.id == x) | (Claim.version == x)), int)
    with pytest.raises(ValueError):
        twice(1)


@pytest.mark.parametrize("text", ["2026-11-28 04:01:02", "2026-11-28 04:01:02.123456",
                                  "2026-11-28 04:01:02.5", "2026-11-28T04:01:02.000001"])
def test_raw_dates_read_as_models_hold_them(text):
    """SQLite hands back the text peewee stored; ``as_datetime`` and ``iso_z`` (which
    rewrites the usual spellings without parsing them) agree with the datetime."""
    value = as_datetime(text)
    assert value == datetime.datetime.fromisoformat(text) and value.tzinfo is None
    assert iso_z(text) == iso_z(value) == value.isoformat(timespec="microseconds") + "Z"
