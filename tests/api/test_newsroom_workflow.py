"""Status and webhooks driven by the real workflow and link checks (not direct updates)."""
import json

import pytest

from sources import guard
from sources.archive import AVAILABLE_URL
from tests.newsroom_helpers import iso, row
from tests.site import OTHER_STORY, article, fake_resolver
from tests.webhook_receiver import verify_webhook
from tests.workflow_support import act, claim_in
from verify.store.db import database
from verify.vocabulary import WEBHOOK_EVENTS
from verify.webhooks import delivery, outbox

HOOK = "https://hooks.example/claimdesk"
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
PAGE = "https://www.dailyexample.co.uk/news/library"


@pytest.fixture(autouse=True)
def public(monkeypatch, mocked):
    monkeypatch.setattr(guard, "resolve", fake_resolver({
        "hooks.example": ["93.184.215.14"], "www.dailyexample.co.uk": ["93.184.215.15"]}))
    mocked.get(AVAILABLE_URL, json={"url": "x", "archived_snapshots": {}})


def register(client, auth, events=WEBHOOK_EVENTS):
    response = client.post("/api/v1/webhooks", headers=auth("admin"), json={
        "url": HOOK, "events": list(events), "secret": SECRET})
    assert response.status_code == 201, response.get_json()


def test_status_follows_the_workflow(client, auth, tokens):
    proposed = claim_in("in_review")
    published = claim_in("published")
    reopened = act(claim_in("published"), "editor", "reopen", reason="New figures.")
    database.close()
    ids = [proposed.id, published.id, reopened.id]
    response = client.get("/api/v1/status?ids=%s" % ",".join(map(str, ids)),
                          headers=auth("viewer"))

    def item(claim_id, verdict):
        claim = row(claim_id)
        return {
            "id": claim_id, "state": claim.state,
            "published_verdict": None if not verdict else {
                "verdict": "unproven", "label": "Unproven", "rating_value": 3,
                "approved_by": "admin-user", "approved_at": iso(claim.published_at)},
            "under_review": bool(verdict) and claim.state != "published",
            "version": claim.version, "updated_at": iso(claim.updated_at),
            "document_id": None,
            "url": "http://localhost/api/v1/claims/%d" % claim_id,
            "report_url": "http://claimdesk.test/api/v1/claims/%d/report" % claim_id,
        }

    assert response.get_json() == {
        "items": [item(proposed.id, False), item(published.id, True), item(reopened.id, True)],
        "missing": [],
    }
    # The proposal sits in the working verdict only; the reopened claim keeps its verdict.
    assert row(proposed.id).verdict == "unproven" and row(proposed.id).state == "in_review"
    assert response.get_json()["items"][2]["under_review"] is True


def test_workflow_emits_the_events(client, auth, tokens, mocked):
    register(client, auth)
    mocked.add(mocked.POST, HOOK, status=200)
    claim = act(claim_in("published"), "editor", "reopen", reason="New figures.")
    outbox.dispatch_pending()
    sent = [(dict(c.request.headers), c.request.body) for c in mocked.calls
            if c.request.url == HOOK]
    for headers, body in sent:
        verify_webhook(SECRET, headers, body)
    messages = [json.loads(body) for _, body in sent]
    assert [(m["type"], m["data"]["change"]["action"]) for m in messages] == [
        ("claim.created", "create"),
        ("claim.state_changed", "start_research"),
        ("claim.state_changed", "propose"),
        ("claim.state_changed", "approve"),
        ("claim.published", "approve"),
        ("claim.state_changed", "reopen"),
        ("claim.reopened", "reopen"),
    ]
    published = messages[4]["data"]
    assert published["claim"]["published_verdict"]["approved_by"] == "admin-user"
    assert published["change"]["actor"] == "admin-user"
    assert messages[6]["data"]["claim"] == dict(
        messages[6]["data"]["claim"], id=claim.id, state="researching", under_review=True,
        version=claim.version)


def test_link_check_change_emits_source_changed(client, auth, mocked, runner):
    register(client, auth, events=["source.changed"])
    mocked.add(mocked.POST, HOOK, status=200)
    mocked.get(PAGE, body=article(), content_type="text/html")
    source = client.post("/api/v1/sources", json={"url": PAGE}, headers=auth()).get_json()
    claim = client.post("/api/v1/claims", json={"text": "The library closes."},
                        headers=auth()).get_json()
    client.post("/api/v1/claims/%d/evidence" % claim["id"], headers=auth(),
                json={"source_id": source["id"], "stance": "supports"})
    mocked.upsert("GET", PAGE, body=article(OTHER_STORY), content_type="text/html")
    for _ in range(2):  # the same change found twice is news once
        result = runner.invoke(args=["sources", "check"])
        assert result.exit_code == 0, result.output
    # A CLI run is not a request: the periodic sweep delivers what it recorded.
    assert delivery.sweep() == ["succeeded"]
    [body] = [c.request.body for c in mocked.calls if c.request.url == HOOK]
    message = json.loads(body)
    check = message["data"]["check"]
    assert message["type"] == "source.changed"
    assert message["data"] == {
        "source": {"id": source["id"], "url": PAGE, "title": source["title"],
                   "link_status": "changed",
                   "url_api": "http://claimdesk.test/api/v1/sources/%d" % source["id"]},
        "check": {"status": "changed", "http_status": 200, "final_url": PAGE,
                  "sha256": check["sha256"], "error": "the page content differs from the "
                  "last snapshot", "checked_at": check["checked_at"]},
        "claims": [claim["id"]],
    }
