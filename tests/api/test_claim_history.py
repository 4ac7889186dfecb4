"""History, as_of, comments, and the tamper-evident hash chain (API and CLI)."""
import datetime
import hashlib
import json

import pytest

from tests.workflow_support import person
from verify.store.db import database

GENESIS = "0" * 64


@pytest.fixture
def sql(app):
    """Raw SQL behind the application's back: no model, no history function."""
    def run(statement, *params):
        with app.app_context():
            database.connect(reuse_if_open=True)
            try:
                statement = statement.replace("?", database.obj.param)
                with database.atomic():
                    database.execute_sql(statement, params)
            finally:
                database.close()
    return run


@pytest.fixture
def ids(app, tokens):
    with app.app_context():
        database.connect(reuse_if_open=True)
        found = {role: person(role).id for role in ("factchecker", "editor", "editor2")}
        database.close()
    return found


def claim_url(claim_id, what=""):
    return "/api/v1/claims/%d%s" % (claim_id, what)


def post(client, auth, path, body, role="factchecker", version=None):
    headers = auth(role, **({"If-Match": '"v%d"' % version} if version else {}))
    response = client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201, 202), response.get_json()
    return response.get_json()


def expected_hash(prev, event, actor_id):
    """The hash as the issue defines it, computed here from the wire body."""
    payload = {"claim": event["claim_id"], "claim_version": event["version"], "actor": actor_id,
               "action": event["action"], "from_state": event["from_state"],
               "to_state": event["to_state"], "changes": event["changes"],
               "created_at": event["created_at"].rstrip("Z")}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev + text).encode("utf-8")).hexdigest()


def test_history_lists_every_change_as_a_hash_chained_event(client, auth, ids):
    claim = post(client, auth, "/api/v1/claims", {"text": "Exports doubled."})
    source = post(client, auth, "/api/v1/sources", {"url": "https://stats.example/exports"})
    evidence = post(client, auth, claim_url(claim["id"], "/evidence"),
                    {"source_id": source["id"], "stance": "contradicts"})
    post(client, auth, claim_url(claim["id"], "/transitions"),
         {"action": "start_research", "note": "Taking this one."}, version=2)
    post(client, auth, claim_url(claim["id"], "/comments"), {"text": "Call the ministry."})
    response = client.get(claim_url(claim["id"], "/history"), headers=auth("viewer"))
    items = response.get_json()["items"]
    assert response.status_code == 200
    common = {"claim_id": claim["id"], "actor": "factchecker-user"}
    expected = [
        dict(common, id=1, version=1, action="create", from_state=None, to_state="unreviewed",
             changes={"text": "Exports doubled.", "quote": None, "quote_kind": None,
                      "speaker": None, "document": None, "quote_start": None,
                      "quote_end": None, "cue": None, "claimed_at": None,
                      "extracted": False, "confidence": None, "state": "unreviewed"}),
        dict(common, id=2, version=2, action="add_evidence", from_state=None, to_state=None,
             changes={"evidence": {"id": evidence["id"], "source": source["id"],
                                   "stance": "contradicts", "excerpt": None, "note": None}}),
        dict(common, id=3, version=3, action="start_research", from_state="unreviewed",
             to_state="researching", changes={"note": "Taking this one."}),
        dict(common, id=4, version=4, action="comment", from_state=None, to_state=None,
             changes={"comment": "Call the ministry."}),
    ]
    prev = GENESIS
    for item, want in zip(items, expected, strict=True):
        assert item["prev_hash"] == prev
        assert item["hash"] == expected_hash(prev, item, ids["factchecker"])
        assert item == dict(want, created_at=item["created_at"], prev_hash=prev,
                            hash=item["hash"])
        prev = item["hash"]
    page = client.get(claim_url(claim["id"], "/history?limit=3"), headers=auth("viewer"))
    assert [e["id"] for e in page.get_json()["items"]] == [1, 2, 3]
    rest = client.get(page.get_json()["next"], headers=auth("viewer")).get_json()
    assert rest == {"items": [items[3]], "next": None}


def test_comments(client, auth):
    claim = post(client, auth, "/api/v1/claims", {"text": "Exports doubled."})
    response = client.post(claim_url(claim["id"], "/comments"), json={"text": "Check Q3."},
                           headers=auth("editor", **{"If-Match": '"v1"'}))
    body = response.get_json()
    assert (response.status_code, response.headers["ETag"]) == (201, '"v2"')
    assert body == {"id": 2, "claim_id": claim["id"], "text": "Check Q3.",
                    "author": "editor-user", "version": 2, "created_at": body["created_at"]}
    listed = client.get(claim_url(claim["id"], "/comments"), headers=auth("viewer")).get_json()
    assert listed == {"items": [body], "next": None}
    stale = client.post(claim_url(claim["id"], "/comments"), json={"text": "Again."},
                        headers=auth("editor", **{"If-Match": '"v1"'}))
    assert stale.status_code == 412
    for bad, reason in (({"text": ""}, "Length must be between 1 and 20000."),
                        ({"text": "x", "pin": True}, "Unknown field.")):
        response = client.post(claim_url(claim["id"], "/comments"), json=bad, headers=auth())
        assert response.status_code == 422
        assert response.get_json()["errors"][0]["reason"] == reason
    assert client.post(claim_url(claim["id"], "/comments"), json={"text": "x"},
                       headers=auth("viewer")).status_code == 403
    assert client.post(claim_url(99, "/comments"), json={"text": "x"},
                       headers=auth()).status_code == 404


def test_as_of(client, auth):
    read = []
    claim = post(client, auth, "/api/v1/claims", {
        "text": "Exports doubled.", "cue": "said",
        "speaker": {"kind": "anonymous_person", "description": "a senior trade official"}})
    cid = claim["id"]

    def step(response):
        assert response.status_code in (200, 201, 204), response.get_json()
        read.append(client.get(claim_url(cid), headers=auth("viewer")).get_json())

    step(client.get(claim_url(cid), headers=auth("viewer")))
    step(client.patch(claim_url(cid), json={"text": "Exports doubled in 2024.",
                                            "speaker": {"kind": "named_person",
                                                        "name": "Ana Ruiz"}},
                      headers=auth(**{"If-Match": '"v1"'})))
    sources = [post(client, auth, "/api/v1/sources", {"url": "https://%s.example/x" % name})
               for name in ("one", "two")]
    added = []
    for source in sources:
        response = client.post(claim_url(cid, "/evidence"),
                               json={"source_id": source["id"], "stance": "supports"},
                               headers=auth())
        added.append(response.get_json()["id"])
        step(response)
    step(client.post(claim_url(cid, "/transitions"), json={"action": "start_research"},
                     headers=auth(**{"If-Match": '"v4"'})))
    step(client.delete(claim_url(cid, "/evidence/%d" % added[0]), headers=auth()))
    step(client.post(claim_url(cid, "/transitions"),
                     json={"action": "propose", "verdict": "unproven", "rationale": "Unclear."},
                     headers=auth(**{"If-Match": '"v6"'})))
    step(client.post(claim_url(cid, "/transitions"), json={"action": "approve"},
                     headers=auth("editor", **{"If-Match": '"v7"'})))
    step(client.post(claim_url(cid, "/transitions"), json={"action": "reopen", "reason": "New."},
                     headers=auth("editor", **{"If-Match": '"v8"'})))
    events = client.get(claim_url(cid, "/history"), headers=auth("viewer")).get_json()["items"]
    assert [e["version"] for e in events] == [r["version"] for r in read] == list(range(1, 10))
    for event, then in zip(events, read):
        response = client.get(claim_url(cid), query_string={"as_of": event["created_at"]},
                              headers=auth("viewer"))
        assert response.status_code == 200
        assert "ETag" not in response.headers
        assert response.get_json() == dict(then, updated_at=event["created_at"])
    # Spot checks of what the rebuild got right.
    first = read[0]
    assert (first["text"], first["speaker"]["description"], first["evidence"]) == (
        "Exports doubled.", "a senior trade official", [])
    assert [e["id"] for e in read[4]["evidence"]] == added
    assert [e["id"] for e in read[5]["evidence"]] == added[1:]
    assert read[7]["published_verdict"]["verdict"] == "unproven"
    assert (read[8]["state"], read[8]["under_review"]) == ("researching", True)
    # A moment between two events answers the earlier one; an offset is honoured.
    at = datetime.datetime.fromisoformat(events[1]["created_at"].rstrip("Z"))
    between = (at + datetime.timedelta(microseconds=1)).isoformat() + "+00:00"
    shifted = (at + datetime.timedelta(hours=2)).isoformat() + "+02:00"
    for moment in (between, shifted):
        body = client.get(claim_url(cid), query_string={"as_of": moment},
                          headers=auth("viewer")).get_json()
        assert body["version"] == 2 or events[2]["created_at"] == events[1]["created_at"]


def test_as_of_before_the_claim_existed_or_malformed(client, auth):
    claim = post(client, auth, "/api/v1/claims", {"text": "Exports doubled."})
    response = client.get(claim_url(claim["id"]), query_string={"as_of": "2000-01-01T00:00:00Z"},
                          headers=auth("viewer"))
    assert response.status_code == 404
    assert response.get_json()["detail"] == \
        "claim %d as of 2000-01-01T00:00:00 does not exist" % claim["id"]
    response = client.get(claim_url(claim["id"]), query_string={"as_of": "last tuesday"},
                          headers=auth("viewer"))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": "as_of", "location": "query", "reason": "Not a valid datetime."}]


# The hash chain --------------------------------------------------------------------

def build_history(client, auth):
    """Two claims with a few events each: five events in all."""
    first = post(client, auth, "/api/v1/claims", {"text": "Exports doubled."})
    second = post(client, auth, "/api/v1/claims", {"text": "Imports halved."})
    post(client, auth, claim_url(first["id"], "/transitions"), {"action": "start_research"},
         version=1)
    post(client, auth, claim_url(second["id"], "/comments"), {"text": "Source?"})
    post(client, auth, claim_url(first["id"], "/comments"), {"text": "On it."})
    return [e["hash"] for claim in (first, second)
            for e in client.get(claim_url(claim["id"], "/history"),
                                headers=auth("viewer")).get_json()["items"]]


def audit(client, auth, runner):
    over_http = client.get("/api/v1/audit/verify", headers=auth("viewer"))
    assert over_http.status_code == 200
    result = runner.invoke(args=["audit", "verify"])
    assert json.loads(result.output) == over_http.get_json()
    assert result.exit_code == (0 if over_http.get_json()["ok"] else 1)
    return over_http.get_json()


def chain_order(hashes):
    # Event ids in creation order: first claim's 1, 3, 5 and the second's 2, 4.
    by_id = {1: hashes[0], 3: hashes[1], 5: hashes[2], 2: hashes[3], 4: hashes[4]}
    return by_id


def test_an_intact_history_verifies(client, auth, runner):
    by_id = chain_order(build_history(client, auth))
    assert audit(client, auth, runner) == {"ok": True, "events": 5, "head": by_id[5],
                                           "first_broken": None}


def test_an_edited_event_is_caught(client, auth, runner, sql):
    by_id = chain_order(build_history(client, auth))
    sql("UPDATE event SET changes = ? WHERE id = ?", '{"comment":"Source: trust me."}', 4)
    assert audit(client, auth, runner) == {"ok": False, "events": 4, "head": by_id[3],
                                           "first_broken": 4}


def test_an_edit_that_recomputes_its_own_hash_breaks_the_next_link(client, auth, runner, sql,
                                                                   ids):
    """A forger who knows the hash recipe rewrites event 4 consistently; event 5 still
    names the old hash, so the break shows there."""
    chain_order(build_history(client, auth))
    event = client.get(claim_url(2, "/history"), headers=auth("viewer")).get_json()["items"][1]
    assert event["id"] == 4
    forged = dict(event, changes={"comment": "Source: trust me."})
    forged_hash = expected_hash(event["prev_hash"], forged, ids["factchecker"])
    sql("UPDATE event SET changes = ?, hash = ? WHERE id = ?",
        json.dumps(forged["changes"]), forged_hash, 4)
    assert audit(client, auth, runner) == {"ok": False, "events": 5, "head": forged_hash,
                                           "first_broken": 5}


def test_a_deleted_event_is_caught(client, auth, runner, sql):
    by_id = chain_order(build_history(client, auth))
    sql("DELETE FROM event WHERE id = ?", 3)
    assert audit(client, auth, runner) == {"ok": False, "events": 3, "head": by_id[2],
                                           "first_broken": 4}


def test_a_deleted_last_event_is_caught(client, auth, runner, sql):
    by_id = chain_order(build_history(client, auth))
    sql("DELETE FROM event WHERE id = ?", 5)
    assert audit(client, auth, runner) == {"ok": False, "events": 4, "head": by_id[4],
                                           "first_broken": 5}
