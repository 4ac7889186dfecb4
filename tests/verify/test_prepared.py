"""Prepared reads return exactly what the same peewee query returns, on both engines."""
import pytest

from verify.claims import claims_query, get_claim
from verify.db import database
from verify.errors import NotFound
from verify.evidence import evidence_of, evidence_query
from verify.models import Claim
from verify.prepared import Prepared
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
    assert authenticate(tokens["editor"]).name == "editor-user"
    assert authenticate("cd_nope") is None


def test_each_parameter_must_appear_once(claim):
    twice = Prepared(lambda x: Claim.select().where((Claim.id == x) | (Claim.version == x)), int)
    with pytest.raises(ValueError):
        twice(1)
