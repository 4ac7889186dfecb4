"""Webhooks: admin CRUD, the outbox, signed delivery, retries, disabling, the log."""
import datetime
import json
import re

import pytest
import requests

from sources import guard
from tests.newsroom_helpers import iso, make_claim
from tests.webhook_receiver import InvalidSignature, Receiver, verify_webhook
from verify.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage
from verify.review.history import change_claim, lock_claim
from verify.store.db import database, utcnow
from verify.webhooks import configure, delivery, outbox
from verify.webhooks.signing import sign

HOOK = "https://hooks.example/claimdesk"
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch):
    """hooks.example is a public address; other names do not resolve."""
    table = {"hooks.example": ["93.184.215.14"], "rebound.example": ["93.184.215.15"]}

    def resolve(host):
        if host not in table:
            raise guard.Unresolvable("host %r does not resolve" % host)
        return table[host]

    monkeypatch.setattr(guard, "resolve", resolve)
    return table


def register(client, auth, events=("claim.created",), url=HOOK, secret=SECRET):
    response = client.post("/api/v1/webhooks", json={"url": url, "events": list(events),
                                                     "secret": secret},
                           headers=auth("admin"))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_spec_test_vector():
    # The example of the Standard Webhooks reference libraries' tests.
    assert sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, b'{"test": 2432232314}') \
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_crud(client, auth):
    response = client.post("/api/v1/webhooks", headers=auth("admin"), json={
        "url": HOOK, "events": ["claim.published", "claim.created", "claim.published"],
        "description": "CMS plugin"})
    assert response.status_code == 201
    created = response.get_json()
    endpoint = WebhookEndpoint.get_by_id(created["id"])
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", created["secret"])
    assert created == {
        "id": endpoint.id, "url": HOOK, "events": ["claim.created", "claim.published"],
        "description": "CMS plugin", "enabled": True, "disabled_reason": None,
        "disabled_at": None, "last_success_at": None, "created_by": "admin-user",
        "created_at": iso(endpoint.created_at), "updated_at": iso(endpoint.updated_at),
        "secret": endpoint.secret,
    }
    shown = dict(created)
    del shown["secret"]
    url = "/api/v1/webhooks/%d" % endpoint.id
    assert client.get(url, headers=auth("admin")).get_json() == shown
    assert client.get("/api/v1/webhooks", headers=auth("admin")).get_json() == {
        "items": [shown], "next": None}
    response = client.patch(url, json={"events": ["source.changed"], "description": ""},
                            headers=auth("admin"))
    assert response.status_code == 200
    endpoint = WebhookEndpoint.get_by_id(endpoint.id)
    assert response.get_json() == dict(shown, events=["source.changed"], description="",
                                       updated_at=iso(endpoint.updated_at))
    response = client.patch(url, json={"enabled": False}, headers=auth("admin"))
    endpoint = WebhookEndpoint.get_by_id(endpoint.id)
    assert response.get_json() == dict(shown, events=["source.changed"], description="",
                                       enabled=False, disabled_reason="Disabled by an admin.",
                                       disabled_at=iso(endpoint.disabled_at),
                                       updated_at=iso(endpoint.updated_at))
    assert client.delete(url, headers=auth("admin")).status_code == 204
    assert client.get(url, headers=auth("admin")).status_code == 404


@pytest.mark.parametrize("body, field, reason", [
    ({"url": "http://127.0.0.1/x"}, "url",
     "Refused by the address guard: 127.0.0.1 is a loopback address."),
    ({"url": "http://169.254.169.254/latest/meta-data"}, "url",
     "Refused by the address guard: 169.254.169.254 is a cloud metadata address."),
    ({"url": "http://10.1.2.3/hook"}, "url",
     "Refused by the address guard: 10.1.2.3 is a private address."),
    ({"url": "http://localhost/hook"}, "url",
     "Refused by the address guard: localhost is a loopback name."),
    ({"url": "https://hooks.example:8080/x"}, "url",
     "Refused by the address guard: port 8080 is not allowed."),
    ({"url": "https://nowhere.example/x"}, "url",
     "Refused by the address guard: host 'nowhere.example' does not resolve."),
    ({"url": "ftp://hooks.example/x"}, "url", "Not a valid URL."),
    ({"secret": "s3cret"}, "secret", "A secret starts with whsec_."),
    ({"secret": "whsec_not base64!"}, "secret", "After whsec_ comes base64."),
    ({"secret": "whsec_AAAA"}, "secret", "The key must be 24 to 64 bytes."),
    ({"events": ["claim.deleted"]}, "events.0",
     "Must be one of: claim.created, claim.state_changed, claim.published, claim.reopened, "
     "evidence.added, source.changed."),
    ({"events": []}, "events", "Length must be between 1 and 6."),
])
def test_refused_endpoints(client, auth, body, field, reason):
    payload = dict({"url": HOOK, "events": ["claim.created"]}, **body)
    response = client.post("/api/v1/webhooks", json=payload, headers=auth("admin"))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": field, "location": "body", "reason": reason}]


def received(calls):
    """The requests the mock answered: (headers, body bytes)."""
    return [(dict(call.request.headers), call.request.body) for call in calls]


def test_claim_created_is_delivered_signed(client, auth, mocked):
    endpoint = register(client, auth)
    mocked.add(mocked.POST, HOOK, status=204)
    response = client.post("/api/v1/claims", json={"text": "The bridge cost 3 million."},
                           headers=auth("factchecker"))
    assert response.status_code == 201
    claim_id = response.get_json()["id"]
    [(headers, body)] = received(mocked.calls)
    verify_webhook(SECRET, headers, body)
    message = WebhookMessage.get()
    event = Event.get(Event.claim == claim_id)
    claim = client.get("/api/v1/status?ids=%d" % claim_id,
                       headers=auth("viewer")).get_json()["items"][0]
    assert headers["webhook-id"] == message.msg_id
    assert headers["Content-Type"] == "application/json"
    assert json.loads(body) == {
        "type": "claim.created",
        "timestamp": iso(message.created_at),
        "data": {
            "claim": dict(claim, url="http://claimdesk.test/api/v1/claims/%d" % claim_id),
            "change": {"action": "create", "actor": "factchecker-user", "from_state": None,
                       "to_state": "unreviewed", "version": 1, "at": iso(event.created_at)},
        },
    }
    deliveries = client.get("/api/v1/webhooks/%d/deliveries" % endpoint["id"],
                            headers=auth("admin"))
    row = WebhookDelivery.get()
    attempt = WebhookAttempt.get()
    assert deliveries.get_json() == {"items": [{
        "id": row.id, "webhook_id": message.msg_id, "event_type": "claim.created",
        "status": "succeeded", "attempts": 1, "next_attempt_at": iso(row.next_attempt_at),
        "last_status_code": 204, "last_error": None, "created_at": iso(row.created_at),
        "finished_at": iso(row.finished_at),
        "attempt_log": [{"attempted_at": iso(attempt.attempted_at), "status_code": 204,
                         "error": None, "duration_ms": attempt.duration_ms}],
    }], "next": None}
    # A tampered body or another secret fails the independent verifier.
    with pytest.raises(InvalidSignature):
        verify_webhook(SECRET, headers, body + b" ")
    with pytest.raises(InvalidSignature):
        verify_webhook("whsec_" + "A" * 32, headers, body)


def transition(claim_id, action, to_state, **columns):
    with database.atomic():
        claim = lock_claim(claim_id)
        change_claim(claim, actor=None, action=action, from_state=claim.state,
                     to_state=to_state, state=to_state, **columns)
    outbox.dispatch_pending()


def test_each_domain_change_maps_to_events(client, auth, app, mocked):
    register(client, auth, events=[e for e in ("claim.created", "claim.state_changed",
                                                "claim.published", "claim.reopened",
                                                "evidence.added", "source.changed")])
    mocked.add(mocked.POST, HOOK, status=200)
    claim_id = client.post("/api/v1/claims", json={"text": "Taxes went up."},
                           headers=auth()).get_json()["id"]
    source_id = client.post("/api/v1/sources", json={"url": "https://stats.example/t"},
                            headers=auth()).get_json()["id"]
    client.post("/api/v1/claims/%d/evidence" % claim_id, headers=auth(),
                json={"source_id": source_id, "stance": "supports"})
    transition(claim_id, "start_research", "researching")
    transition(claim_id, "approve", "published", published_verdict="false",
               published_at=utcnow())
    transition(claim_id, "reopen", "researching")
    with database.atomic():
        outbox.emit("source.changed", {"source": {"id": source_id}, "link_status": "gone"})
    outbox.dispatch_pending()
    sent = [json.loads(body) for _, body in received(mocked.calls)]
    assert [m["type"] for m in sent] == [
        "claim.created", "evidence.added", "claim.state_changed", "claim.state_changed",
        "claim.published", "claim.state_changed", "claim.reopened", "source.changed"]
    published = [m for m in sent if m["type"] == "claim.published"][0]["data"]
    assert published["claim"]["published_verdict"]["verdict"] == "false"
    assert published["change"] == dict(published["change"], action="approve",
                                       from_state="researching", to_state="published")
    reopened = [m for m in sent if m["type"] == "claim.reopened"][0]["data"]["claim"]
    assert reopened["under_review"] is True and reopened["state"] == "researching"
    evidence = [m for m in sent if m["type"] == "evidence.added"][0]["data"]["evidence"]
    assert evidence["source"] == source_id and evidence["stance"] == "supports"
    assert len({m["data"].get("change", {}).get("version") for m in sent[:7]}) == 5


def test_rolled_back_change_sends_nothing(client, auth, app, mocked):
    register(client, auth)
    with pytest.raises(RuntimeError):
        with database.atomic():
            make_claim("Never committed.")
            raise RuntimeError("abort")
    outbox.dispatch_pending()
    assert WebhookMessage.select().count() == 0 and WebhookDelivery.select().count() == 0
    assert len(mocked.calls) == 0


def test_unsubscribed_and_disabled_endpoints_get_nothing(client, auth, mocked):
    register(client, auth, events=["claim.published"])
    make_claim("Nobody listens to creation.")
    outbox.dispatch_pending()
    assert WebhookMessage.select().count() == 0 and len(mocked.calls) == 0


def test_retries_keep_the_id_and_back_off(client, auth, mocked):
    register(client, auth)
    statuses = iter([500, 503, 200])
    mocked.add_callback(mocked.POST, HOOK, callback=lambda request: (next(statuses), {}, ""))
    start = utcnow()
    make_claim("Retried.")
    outbox.dispatch_pending()
    row = WebhookDelivery.get()
    assert (row.status, row.attempts, row.last_status_code, row.last_error) == \
        ("pending", 1, 500, "HTTP 500")
    assert datetime.timedelta(seconds=5) <= row.next_attempt_at - start \
        < datetime.timedelta(seconds=7)
    assert delivery.sweep(now=row.next_attempt_at - datetime.timedelta(seconds=1)) == []
    assert delivery.sweep(now=row.next_attempt_at) == ["pending"]
    row = WebhookDelivery.get()
    assert row.attempts == 2 and row.last_status_code == 503
    assert delivery.sweep(now=row.next_attempt_at - datetime.timedelta(seconds=1)) == []
    waited = row.next_attempt_at - WebhookAttempt.select().order_by(
        WebhookAttempt.id.desc()).get().attempted_at
    assert waited == datetime.timedelta(seconds=25)
    assert delivery.sweep(now=row.next_attempt_at) == ["succeeded"]
    calls = received(mocked.calls)
    assert len(calls) == 3
    assert len({headers["webhook-id"] for headers, _ in calls}) == 1
    assert len({body for _, body in calls}) == 1
    for headers, body in calls:
        verify_webhook(SECRET, headers, body)
    assert WebhookEndpoint.get().last_success_at is not None


def test_410_disables_the_endpoint(client, auth, mocked):
    endpoint = register(client, auth)
    mocked.add(mocked.POST, HOOK, status=410)
    make_claim("Gone.")
    outbox.dispatch_pending()
    shown = client.get("/api/v1/webhooks/%d" % endpoint["id"], headers=auth("admin")).get_json()
    assert (shown["enabled"], shown["disabled_reason"]) == (
        False, "The receiver answered 410 Gone.")
    assert WebhookDelivery.get().status == "failed"
    make_claim("Not sent: the endpoint is disabled.")
    outbox.dispatch_pending()
    assert len(mocked.calls) == 1 and WebhookDelivery.select().count() == 1


def test_persistent_failure_disables_and_reenabling_resumes(client, auth, mocked):
    endpoint = register(client, auth)
    mocked.add(mocked.POST, HOOK, body=requests.ConnectionError("refused"))
    make_claim("Never accepted.")
    outbox.dispatch_pending()
    for retry in range(len(delivery.RETRY_DELAYS)):
        row = WebhookDelivery.get()
        assert row.status == "pending"
        assert delivery.sweep(now=row.next_attempt_at) == [
            "pending" if retry < len(delivery.RETRY_DELAYS) - 1 else "failed"]
    row = WebhookDelivery.get()
    assert (row.status, row.attempts) == ("failed", 8)
    assert row.last_error == "connection failed: refused"
    attempts = list(WebhookAttempt.select().order_by(WebhookAttempt.id))
    gaps = [later.attempted_at - earlier.attempted_at
            for earlier, later in zip(attempts, attempts[1:])]
    assert gaps == [datetime.timedelta(seconds=s) for s in delivery.RETRY_DELAYS]
    url = "/api/v1/webhooks/%d" % endpoint["id"]
    shown = client.get(url, headers=auth("admin")).get_json()
    assert shown["enabled"] is False
    assert shown["disabled_reason"].startswith("Every attempt failed for 8 attempts since ")
    again = client.patch(url, json={"enabled": True}, headers=auth("admin")).get_json()
    assert (again["enabled"], again["disabled_reason"], again["disabled_at"]) == (
        True, None, None)


def test_address_guard_applies_at_send_time(client, auth, mocked, fake_dns):
    register(client, auth, url="https://rebound.example/hook")
    fake_dns["rebound.example"] = ["10.0.0.7"]  # DNS now points inside
    make_claim("Rebinding.")
    outbox.dispatch_pending()
    row = WebhookDelivery.get()
    assert (row.status, row.last_status_code, row.last_error) == (
        "pending", None, "refused: rebound.example resolves to a private address (10.0.0.7)")
    assert len(mocked.calls) == 0


def test_end_to_end_with_a_loopback_receiver(client, auth, app, mocked):
    configure(public_url=app.config["PUBLIC_URL"], scale=app.config["VERDICT_SCALE"],
              allow_hosts=["127.0.0.1"])
    with Receiver([500, 200]) as receiver:
        mocked.add_passthru(receiver.url.rsplit("/", 1)[0])
        register(client, auth, url=receiver.url)
        response = client.post("/api/v1/claims", json={"text": "Delivered for real."},
                               headers=auth())
        assert response.status_code == 201
        row = WebhookDelivery.get()
        assert (row.status, row.last_status_code) == ("pending", 500)
        assert delivery.sweep(now=row.next_attempt_at) == ["succeeded"]
    assert len(receiver.received) == 2
    for headers, body in receiver.received:
        verify_webhook(SECRET, headers, body)
        assert json.loads(body)["data"]["claim"]["id"] == response.get_json()["id"]
    assert receiver.received[0][0]["webhook-id"] == receiver.received[1][0]["webhook-id"]
    assert receiver.received[0][0]["User-Agent"] == "claimdesk-webhooks/1.0"


def test_endpoint_deleted_while_sending(client, auth, mocked):
    endpoint = register(client, auth)

    def delete_then_answer(request):
        assert client.delete("/api/v1/webhooks/%d" % endpoint["id"],
                             headers=auth("admin")).status_code == 204
        return 200, {}, ""

    mocked.add_callback(mocked.POST, HOOK, callback=delete_then_answer)
    make_claim("Sent to an endpoint that is then removed.")
    outbox.dispatch_pending()
    assert len(mocked.calls) == 1
    assert WebhookDelivery.select().count() == 0 and WebhookAttempt.select().count() == 0
