"""Status for newsroom tools: by ids and by article URL, ETags, 304s, public read."""
from types import SimpleNamespace
from urllib.parse import parse_qsl

import pytest

from api.newsroom_schemas import StatusArgsSchema, plain_ids
from tests.newsroom_helpers import (
    QueryCounter,
    iso,
    make_claim,
    make_document,
    publish,
    row,
)
from verify.models import Claim
from verify.store.db import database

REPORT = "http://claimdesk.test/api/v1/claims/%d/report"
API = "http://localhost/api/v1/claims/%d"


def expected(claim_id, verdict=None, label=None, rating=None):
    claim = row(claim_id)
    return {
        "id": claim_id,
        "state": claim.state,
        "published_verdict": None if verdict is None else {
            "verdict": verdict, "label": label, "rating_value": rating,
            "approved_by": "editor-user", "approved_at": iso(claim.published_at)},
        "under_review": verdict is not None and claim.state != "published",
        "version": claim.version,
        "updated_at": iso(claim.updated_at),
        "document_id": claim.document_id,
        "url": API % claim_id,
        "report_url": REPORT % claim_id,
    }


@pytest.fixture
def claims(app, tokens):
    plain = make_claim("The bridge cost 3 million.")
    published = make_claim("Unemployment fell by half.")
    publish(published, "misleading")
    proposed = make_claim("Crime doubled last year.")
    # A proposed verdict sits in the working column only: it must never show as published.
    Claim.update(state="in_review", verdict="accurate").where(Claim.id == proposed).execute()
    reopened = make_claim("Taxes went up.")
    publish(reopened, "false")
    Claim.update(state="researching").where(Claim.id == reopened).execute()
    database.close()
    return {"plain": plain, "published": published, "proposed": proposed, "reopened": reopened}


def test_status_by_ids(client, auth, claims):
    ids = [claims["published"], claims["plain"], 999, claims["proposed"], claims["reopened"]]
    response = client.get("/api/v1/status?ids=%s" % ",".join(map(str, ids)),
                          headers=auth("viewer"))
    assert response.status_code == 200
    assert response.get_json() == {
        "items": [
            expected(claims["published"], "misleading", "Misleading", 2),
            expected(claims["plain"]),
            expected(claims["proposed"]),
            expected(claims["reopened"], "false", "False", 1),
        ],
        "missing": [999],
    }
    assert response.get_json()["items"][3]["under_review"] is True
    assert response.headers["ETag"].startswith('"') and len(response.headers["ETag"]) == 34


def test_lookup_by_ids_matches_get(client, auth, claims):
    ids = [claims["plain"], claims["reopened"]]
    posted = client.post("/api/v1/status/lookup", json={"ids": ids}, headers=auth("viewer"))
    got = client.get("/api/v1/status?ids=%d,%d" % tuple(ids), headers=auth("viewer"))
    assert posted.status_code == 200
    assert posted.get_json() == got.get_json() == {
        "items": [expected(claims["plain"]), expected(claims["reopened"], "false", "False", 1)],
        "missing": [],
    }
    assert posted.headers["ETag"] == got.headers["ETag"]


def test_etag_and_304(client, auth, claims):
    url = "/api/v1/status?ids=%d" % claims["published"]
    first = client.get(url, headers=auth("viewer"))
    etag = first.headers["ETag"]
    again = client.get(url, headers=auth("viewer", **{"If-None-Match": etag}))
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    weak = client.get(url, headers=auth("viewer", **{"If-None-Match": '"x", W/%s' % etag}))
    assert weak.status_code == 304
    publish(claims["published"], "accurate")
    database.close()
    changed = client.get(url, headers=auth("viewer", **{"If-None-Match": etag}))
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert changed.get_json()["items"][0]["published_verdict"]["verdict"] == "accurate"


@pytest.mark.parametrize("ids, reason", [
    ("", "Give 1 to 100 ids (got 0)."),
    (",".join(str(i) for i in range(1, 102)), "Give 1 to 100 ids (got 101)."),
    ("1,abc", "Claim ids are positive integers: 'abc' is not."),
    ("0", "Claim ids are positive integers: 0 is not."),
    ("1,-2", "Claim ids are positive integers: '-2' is not."),
    ("1,9223372036854775808", "Claim ids are positive integers: 9223372036854775808 is not."),
    ("１", "Claim ids are positive integers: '１' is not."),
])
def test_status_refuses_bad_ids(client, auth, ids, reason):
    response = client.get("/api/v1/status?ids=%s" % ids, headers=auth("viewer"))
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.get_json() == {
        "type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "The request has invalid fields.", "code": "validation_failed",
        "instance": "/api/v1/status",
        "errors": [{"field": "ids", "location": "query", "reason": reason}],
    }


@pytest.mark.parametrize("body, field, reason", [
    ({}, "urls", "Give either ids or urls."),
    ({"ids": [1], "urls": ["https://example.com/a"]}, "ids", "Give either ids or urls."),
    ({"urls": ["javascript:alert(1)"]}, "urls.0", "Not a valid URL."),
    ({"ids": [True]}, "ids", "Claim ids are positive integers: True is not."),
])
def test_lookup_refuses_bad_bodies(client, auth, body, field, reason):
    response = client.post("/api/v1/status/lookup", json=body, headers=auth("viewer"))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": field, "location": "body", "reason": reason}]


def test_lookup_by_article_url(client, auth, app, tokens):
    first = make_document("Article one.", url="https://www.example.com/news/one")
    second = make_document("Article two.", url="http://other.example/2",
                           canonical_url="https://example.org/canonical/two/")
    make_document("Article three.", url="https://example.net/3")
    a = make_claim("One A.", document_id=first)
    b = make_claim("Two B.", document_id=second)
    c = make_claim("One C.", document_id=first)
    make_claim("Unrelated.")
    publish(c, "accurate")
    database.close()
    asked = ["http://example.com/news/one/?utm_source=feed#top",
             "https://EXAMPLE.org/canonical/two",
             "https://nowhere.example/x"]
    response = client.post("/api/v1/status/lookup", json={"urls": asked},
                           headers=auth("viewer"))
    assert response.status_code == 200
    assert response.get_json() == {
        "items": [expected(a), expected(c, "accurate", "Accurate", 5), expected(b)],
        "missing": ["https://nowhere.example/x"],
    }


def test_status_needs_a_token_unless_public(client, app, claims):
    response = client.get("/api/v1/status?ids=%d" % claims["published"])
    assert response.status_code == 401
    assert client.get("/api/v1/claims/%d" % claims["published"]).status_code == 401


def test_public_read_shows_published_claims_only(client, app, claims):
    app.config["PUBLIC_READ"] = True
    ids = [claims["plain"], claims["published"], claims["proposed"], claims["reopened"]]
    response = client.get("/api/v1/status?ids=%s" % ",".join(map(str, ids)))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, no-cache"
    assert response.get_json() == {
        "items": [expected(claims["published"], "misleading", "Misleading", 2),
                  expected(claims["reopened"], "false", "False", 1)],
        "missing": [claims["plain"], claims["proposed"]],
    }
    for hidden in (claims["plain"], claims["proposed"]):
        response = client.get("/api/v1/claims/%d" % hidden)
        assert response.status_code == 404
        assert response.get_json()["detail"] == "claim %d does not exist" % hidden


def test_public_claim_shows_published_fields(client, app, auth, claims):
    app.config["PUBLIC_READ"] = True
    claim_id = claims["reopened"]
    claim = row(claim_id)
    response = client.get("/api/v1/claims/%d" % claim_id)
    assert response.status_code == 200
    assert response.headers["ETag"] == '"v%d"' % claim.version
    assert response.get_json() == {
        "id": claim_id, "text": "Taxes went up.", "quote": None, "quote_kind": None,
        "speaker": None, "document": None, "claimed_at": None,
        "published_verdict": {"verdict": "false", "label": "False", "rating_value": 1,
                              "approved_by": "editor-user",
                              "approved_at": iso(claim.published_at)},
        "under_review": True,
        "url": API % claim_id,
        "report_url": REPORT % claim_id,
    }
    # With a token the full record shows, including the working state.
    full = client.get("/api/v1/claims/%d" % claim_id, headers=auth("viewer")).get_json()
    assert full["state"] == "researching" and "evidence" in full


def test_status_is_two_queries_for_100_ids(client, auth, app, tokens, monkeypatch):
    ids = [make_claim("Claim number %d." % n) for n in range(100)]
    for claim_id in ids[::3]:
        publish(claim_id, "unproven")
    database.close()
    url = "/api/v1/status?ids=%s" % ",".join(map(str, ids))
    assert client.get(url, headers=auth("viewer")).status_code == 200  # token last-used noted
    counter = QueryCounter(monkeypatch)
    response = client.get(url, headers=auth("viewer"))
    assert response.status_code == 200
    assert len(response.get_json()["items"]) == 100
    assert len(counter) == 2, counter.statements


FAST = ["ids=1", "ids=1,2,3", "ids=007,7,7", "ids=9223372036854775807",
        "ids=" + ",".join(str(i) for i in range(1, 101))]
# Left to the schema, which refuses them or reads them the slow way.
SLOW = ["ids=" + ",".join(str(i) for i in range(1, 102)), "ids=0", "ids=1,0",
        "ids=9223372036854775808", "ids=", "ids=1,", "ids=,1", "ids=+1", "ids=-1", "ids=%31",
        "ids=1%2C2", "ids=1&ids=2", "ids=1&extra=2", "extra=2&ids=1", "IDS=1", "ids=1+",
        "ids=%EF%BC%91", ""]


@pytest.mark.parametrize("query", FAST + SLOW)
def test_plain_ids_agrees_with_the_schema(query):
    """The status lookup reads ``ids=1,2,3`` itself (api.newsroom_schemas.plain_ids): for
    what it reads it must give what the schema gives; the rest goes to the schema."""
    fast = plain_ids(SimpleNamespace(query_string=query.encode()))
    if query in SLOW:
        assert fast is None
        return
    assert fast == StatusArgsSchema().load(dict(parse_qsl(query)))
    assert len(fast["ids"]) == query.count(",") + 1


def test_revoked_token_is_refused_at_once(client, auth, app, claims):
    url = "/api/v1/status?ids=%d" % claims["published"]
    created = client.post("/api/v1/users", json={"name": "cms", "role": "viewer"},
                          headers=auth("admin")).get_json()
    headers = {"Authorization": "Bearer " + created["token"]["token"]}
    first = client.get(url, headers=headers)
    assert first.status_code == 200
    revalidate = dict(headers, **{"If-None-Match": first.headers["ETag"]})
    assert client.get(url, headers=revalidate).status_code == 304
    assert client.delete("/api/v1/tokens/%d" % created["token"]["id"],
                         headers=auth("admin")).status_code == 204
    assert client.get(url, headers=headers).status_code == 401
    assert client.get(url, headers=revalidate).status_code == 401
