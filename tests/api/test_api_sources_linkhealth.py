"""Link health: ``claimdesk sources check`` and the periodic task re-fetch sources, keep
every check, set link_status, and call on_source_changed once per change."""
import datetime
import hashlib

import pytest
import requests

from sources import guard
from sources.archive import AVAILABLE_URL
from tests.site import OTHER_STORY, article, fake_resolver
from verify.models import Source
from verify.provenance import linkhealth
from verify.provenance.tasks import check_due_sources, queue_due_checks
from verify.store.db import database, utcnow

PAGE = "https://www.dailyexample.co.uk/news/library"
OTHER = "https://wire-example.org/story"


@pytest.fixture(autouse=True)
def public(monkeypatch, mocked):
    monkeypatch.setattr(guard, "resolve", fake_resolver({
        "www.dailyexample.co.uk": ["93.184.215.14"], "wire-example.org": ["93.184.215.14"]}))
    mocked.get(AVAILABLE_URL, json={"url": "x", "archived_snapshots": {}})


@pytest.fixture
def changes(monkeypatch):
    seen = []
    monkeypatch.setattr(linkhealth, "on_source_changed",
                        lambda source, check: seen.append((source.id, check.status)))
    return seen


def recorded(client, auth, mocked, url=PAGE):
    mocked.get(url, body=article(), content_type="text/html")
    return client.post("/api/v1/sources", json={"url": url}, headers=auth()).get_json()


def serve(mocked, url=PAGE, **kwargs):
    kwargs.setdefault("content_type", "text/html")
    mocked.upsert("GET", url, **kwargs)


def check(runner, *args):
    result = runner.invoke(args=["sources", "check", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_statuses_and_kept_checks(client, auth, mocked, runner, changes):
    source = recorded(client, auth, mocked)
    assert check(runner) == "source 1: alive\nchecked 1 sources, 1 alive\n"
    serve(mocked, body=article(OTHER_STORY))
    assert check(runner) == ("source 1: changed (the page content differs from the last "
                             "snapshot)\nchecked 1 sources, 1 changed\n")
    check(runner)  # still the same change: reported once
    assert changes == [(source["id"], "changed")]
    serve(mocked, status=301, headers={"Location": "https://www.dailyexample.co.uk/n/lib"},
          body=b"")
    mocked.get("https://www.dailyexample.co.uk/n/lib", body=article(), content_type="text/html")
    assert "source 1: moved (now ends at https://www.dailyexample.co.uk/n/lib)" in check(runner)
    serve(mocked, status=410, body=b"gone")
    assert "source 1: gone (the server answered 410 Gone)" in check(runner)
    serve(mocked, body=requests.ConnectionError("connection reset"))
    assert "source 1: unreachable (connection failed: connection reset)" in check(runner)
    assert changes == [(source["id"], "changed"), (source["id"], "moved")]

    body = client.get(source["checks_url"], headers=auth("viewer")).get_json()
    stamps = [item.pop("checked_at") for item in body["items"]]
    assert all(stamps) and stamps == sorted(stamps)
    sha = source["snapshot"]["sha256"]
    changed_sha = hashlib.sha256(article(OTHER_STORY)).hexdigest()
    assert body == {"items": [
        {"id": 1, "status": "alive", "http_status": 200, "final_url": PAGE, "sha256": sha,
         "error": None},
        {"id": 2, "status": "changed", "http_status": 200, "final_url": PAGE,
         "sha256": changed_sha, "error": "the page content differs from the last snapshot"},
        {"id": 3, "status": "changed", "http_status": 200, "final_url": PAGE,
         "sha256": changed_sha, "error": "the page content differs from the last snapshot"},
        {"id": 4, "status": "moved", "http_status": 200,
         "final_url": "https://www.dailyexample.co.uk/n/lib", "sha256": sha,
         "error": "now ends at https://www.dailyexample.co.uk/n/lib"},
        {"id": 5, "status": "gone", "http_status": 410, "final_url": None, "sha256": None,
         "error": "the server answered 410 Gone"},
        {"id": 6, "status": "unreachable", "http_status": None, "final_url": None,
         "sha256": None, "error": "connection failed: connection reset"},
    ], "next": None}
    latest = client.get("/api/v1/sources/%d" % source["id"], headers=auth("viewer")).get_json()
    assert latest["link_status"] == "unreachable"
    # The reference stays the cited snapshot until someone re-fetches.
    assert latest["snapshot"]["sha256"] == sha


def make_due(app, source_id):
    with app.app_context():
        with database.atomic():
            Source.update(next_check_at=utcnow() - datetime.timedelta(minutes=1)).where(
                Source.id == source_id).execute()
        database.close()


def test_only_due_sources_are_checked(app, client, auth, mocked, runner):
    first = recorded(client, auth, mocked)
    second = recorded(client, auth, mocked, OTHER)
    assert first["next_check_at"] > first["last_fetched_at"]
    assert check(runner, "--due") == "checked 0 sources\n"
    make_due(app, second["id"])
    assert check(runner, "--due") == "source 2: alive\nchecked 1 sources, 1 alive\n"
    assert check(runner, "--due") == "checked 0 sources\n"  # next check moved on


def test_periodic_task_queues_due_checks(app, client, auth, mocked):
    source = recorded(client, auth, mocked)
    make_due(app, source["id"])
    serve(mocked, status=404, body=b"")
    with app.app_context():
        check_due_sources.call_local()  # the periodic task; the immediate queue runs the check
        assert queue_due_checks() == 0  # leased: not queued twice
        database.close()
    latest = client.get("/api/v1/sources/%d" % source["id"], headers=auth("viewer")).get_json()
    assert latest["link_status"] == "gone"
