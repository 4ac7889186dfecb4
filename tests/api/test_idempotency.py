"""Idempotency-Key on the four POSTs: replay, mismatch, scope, failures, and twins."""
import datetime
import threading

import pytest
import requests

from tests.workflow_support import claim_in
from verify.store.db import database, utcnow

CLAIM = {"text": "Grain exports doubled."}


def keyed(auth, key, role="factchecker", **extra):
    return auth(role, **{"Idempotency-Key": key}, **extra)


def count_claims(client, auth):
    return len(client.get("/api/v1/claims", headers=auth("viewer")).get_json()["items"])


def test_creating_a_claim_twice_replays_the_first_response(client, auth):
    first = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-1"))
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    claim_url = first.headers["Location"]
    # Whatever changes since, the retry answers what the first request answered.
    edited = client.patch(claim_url, json={"text": "Changed."},
                          headers=auth(**{"If-Match": '"v1"'}))
    assert edited.status_code == 200
    again = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-1"))
    assert again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.get_json()["text"] == "Grain exports doubled."
    for header in ("ETag", "Location", "Content-Type"):
        assert again.headers[header] == first.headers[header]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert count_claims(client, auth) == 1


def test_the_same_key_with_another_payload_is_refused(client, auth):
    client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-1"))
    response = client.post("/api/v1/claims", json={"text": "Something else."},
                           headers=keyed(auth, "k-1"))
    assert response.status_code == 422
    assert response.get_json() == {
        "type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "The request has invalid fields.", "code": "validation_failed",
        "instance": "/api/v1/claims",
        "errors": [{"field": "Idempotency-Key", "location": "header",
                    "reason": "This key was used for a different request (POST "
                              "/api/v1/claims with another body); use a new key."}]}
    claim_id = client.get("/api/v1/claims", headers=auth("viewer")).get_json()["items"][0]["id"]
    other_endpoint = client.post("/api/v1/claims/%d/comments" % claim_id, json=CLAIM,
                                 headers=keyed(auth, "k-1"))
    assert other_endpoint.status_code == 422
    assert count_claims(client, auth) == 1


def test_keys_belong_to_their_user(client, auth):
    mine = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "shared"))
    theirs = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "shared", "editor"))
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.get_json()["id"] != theirs.get_json()["id"]
    assert "Idempotent-Replayed" not in theirs.headers


def test_evidence_is_added_once(client, auth, domain):
    claim = domain(claim_in, "researching")
    source = client.post("/api/v1/sources", json={"url": "https://stats.example/a"},
                         headers=auth()).get_json()
    path = "/api/v1/claims/%d/evidence" % claim.id
    body = {"source_id": source["id"], "stance": "supports"}
    first = client.post(path, json=body, headers=keyed(auth, "ev"))
    again = client.post(path, json=body, headers=keyed(auth, "ev"))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.get_json() == first.get_json()
    assert again.headers["ETag"] == first.headers["ETag"] == '"v3"'
    listed = client.get(path, headers=auth("viewer")).get_json()["items"]
    assert [item["id"] for item in listed] == [first.get_json()["id"]]


def test_a_transition_retried_with_its_stale_tag_replays(client, auth, domain):
    claim = domain(claim_in, "unreviewed")
    path = "/api/v1/claims/%d/transitions" % claim.id
    headers = keyed(auth, "t-1", **{"If-Match": '"v1"'})
    first = client.post(path, json={"action": "start_research"}, headers=headers)
    again = client.post(path, json={"action": "start_research"}, headers=headers)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.get_json() == first.get_json()
    assert again.headers["ETag"] == '"v2"'
    history = client.get("/api/v1/claims/%d/history" % claim.id,
                         headers=auth("viewer")).get_json()["items"]
    assert [event["action"] for event in history] == ["create", "start_research"]


def test_a_failed_request_is_not_stored_so_its_retry_runs(client, auth, domain):
    claim = domain(claim_in, "unreviewed")
    path = "/api/v1/claims/%d/transitions" % claim.id
    missing = client.post(path, json={"action": "start_research"}, headers=keyed(auth, "t-2"))
    assert missing.status_code == 428
    fixed = client.post(path, json={"action": "start_research"},
                        headers=keyed(auth, "t-2", **{"If-Match": '"v1"'}))
    assert fixed.status_code == 200 and "Idempotent-Replayed" not in fixed.headers
    replay = client.post(path, json={"action": "start_research"},
                         headers=keyed(auth, "t-2", **{"If-Match": '"v1"'}))
    assert replay.headers["Idempotent-Replayed"] == "true"


def test_comments_are_recorded_once(client, auth, domain):
    claim = domain(claim_in, "unreviewed")
    path = "/api/v1/claims/%d/comments" % claim.id
    first = client.post(path, json={"text": "Ask the ministry."}, headers=keyed(auth, "c"))
    again = client.post(path, json={"text": "Ask the ministry."}, headers=keyed(auth, "c"))
    assert again.get_json() == first.get_json()
    assert len(client.get(path, headers=auth("viewer")).get_json()["items"]) == 1


@pytest.mark.parametrize("key", ["", "x" * 201])
def test_keys_must_be_1_to_200_characters(client, auth, key):
    response = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, key))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"field": "Idempotency-Key", "location": "header",
                                              "reason": "Between 1 and 200 characters."}]


def test_simultaneous_requests_with_one_key_execute_once(live_server, tokens, client, auth):
    """Eight clients send the same keyed POST at the same moment over real HTTP."""
    barrier = threading.Barrier(8)
    answers = [None] * 8

    def send(index):
        session = requests.Session()
        headers = {"Authorization": "Bearer %s" % tokens["factchecker"],
                   "Idempotency-Key": "twins"}
        barrier.wait()
        response = session.post(live_server + "/api/v1/claims", json=CLAIM, headers=headers,
                                timeout=60)
        answers[index] = (response.status_code, response.json(),
                          response.headers.get("Idempotent-Replayed"))

    threads = [threading.Thread(target=send, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {status for status, _, _ in answers} == {201}
    assert len({body["id"] for _, body, _ in answers}) == 1
    assert sorted(str(replayed) for _, _, replayed in answers) == ["None"] + ["true"] * 7
    assert count_claims(client, auth) == 1


def backdate_keys(hours):
    from verify.models import IdempotencyRecord

    with database.atomic():
        IdempotencyRecord.update(created_at=utcnow() - datetime.timedelta(hours=hours)).execute()


def test_a_key_is_forgotten_after_its_retention(client, auth):
    first = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-old"))
    backdate_keys(23)
    replay = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-old"))
    assert replay.headers["Idempotent-Replayed"] == "true"
    backdate_keys(24)
    again = client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-old"))
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers
    assert again.get_json()["id"] != first.get_json()["id"]
    assert count_claims(client, auth) == 2


def test_the_purge_deletes_expired_keys_only(client, auth):
    from verify.idempotency import purge_expired
    from verify.models import IdempotencyRecord

    client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-old"))
    backdate_keys(25)
    client.post("/api/v1/claims", json=CLAIM, headers=keyed(auth, "k-new"))
    assert purge_expired() == 1
    assert [r.key for r in IdempotencyRecord.select()] == ["k-new"]
