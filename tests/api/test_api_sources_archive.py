"""Web archive copies of snapshots, with the Internet Archive mocked in its own JSON
shapes: Save Page Now 2 (credentials) and the availability API (no credentials)."""
import dataclasses

import pytest
from responses import matchers

from sources import guard
from sources.archive import AVAILABLE_URL, SAVE_URL, IACredentials
from tests.site import article, fake_resolver
from verify.provenance import settings as provenance_settings

PAGE = "https://www.dailyexample.co.uk/news/library"
STATUS_URL = "https://web.archive.org/save/status/spn2-9c1f0e"
AUTH = matchers.header_matcher({"Authorization": "LOW AK:SK"})


@pytest.fixture(autouse=True)
def page(monkeypatch, mocked):
    monkeypatch.setattr(guard, "resolve", fake_resolver({"www.dailyexample.co.uk":
                                                         ["93.184.215.14"]}))
    mocked.get(PAGE, body=article(), content_type="text/html; charset=utf-8")


@pytest.fixture
def sleeps(app):
    """IA credentials configured; the polling waits are recorded instead of slept."""
    waited = []
    provenance_settings.configure(dataclasses.replace(
        provenance_settings.current(), ia_credentials=IACredentials("AK", "SK"),
        archive_sleep=waited.append, archive_max_polls=4))
    return waited


def archived(client, auth):
    source = client.post("/api/v1/sources", json={"url": PAGE}, headers=auth()).get_json()
    snapshot = client.get(source["snapshots_url"], headers=auth("viewer")).get_json()["items"][0]
    return source, snapshot


def test_spn2_capture_pending_then_success(client, auth, mocked, sleeps):
    mocked.post(SAVE_URL, json={"url": PAGE, "job_id": "spn2-9c1f0e"},
                match=[AUTH, matchers.urlencoded_params_matcher({"url": PAGE})])
    mocked.get(STATUS_URL, json={"status": "pending", "job_id": "spn2-9c1f0e",
                                 "resources": [PAGE]}, match=[AUTH])
    mocked.get(STATUS_URL, json={"status": "success", "job_id": "spn2-9c1f0e",
                                 "original_url": PAGE, "timestamp": "20260310083015",
                                 "duration_sec": 6.1, "resources": [PAGE],
                                 "outlinks": {}}, match=[AUTH])
    source, snapshot = archived(client, auth)
    expected = {"archive_url": "https://web.archive.org/web/20260310083015/" + PAGE,
                "archived_at": "2026-03-10T08:30:15.000000Z"}
    assert {k: snapshot[k] for k in ("archive_url", "archived_at", "archive_error")} == {
        **expected, "archive_error": None}
    latest = client.get("/api/v1/sources/%d" % source["id"], headers=auth("viewer")).get_json()
    assert {k: latest["snapshot"][k] for k in expected} == expected
    assert sleeps == [2.0, 4.0]  # backoff between the two polls


def test_spn2_capture_error_is_recorded_not_raised(client, auth, mocked, sleeps):
    mocked.post(SAVE_URL, json={"url": PAGE, "job_id": "spn2-9c1f0e"}, match=[AUTH])
    mocked.get(STATUS_URL, json={
        "status": "error", "job_id": "spn2-9c1f0e", "status_ext": "error:service-unavailable",
        "exception": "ServiceUnavailable",
        "message": "Service is unavailable temporarily. Please try again later."},
        match=[AUTH])
    source, snapshot = archived(client, auth)
    assert source["fetch_status"] == "fetched"
    assert (snapshot["archive_url"], snapshot["archived_at"], snapshot["archive_error"]) == (
        None, None, "Service is unavailable temporarily. Please try again later. "
                    "(error:service-unavailable)")


def test_spn2_refused_at_request(client, auth, mocked, sleeps):
    mocked.post(SAVE_URL, status=429, json={"status": "error"}, match=[AUTH])
    _, snapshot = archived(client, auth)
    assert snapshot["archive_error"] == (
        "capture request failed: rate limited by archive.org (429)")
    assert sleeps == []


def test_availability_lookup_found(client, auth, mocked):
    mocked.get(AVAILABLE_URL, match=[matchers.query_param_matcher({"url": PAGE})], json={
        "url": PAGE, "archived_snapshots": {"closest": {
            "status": "200", "available": True, "timestamp": "20260311120000",
            "url": "http://web.archive.org/web/20260311120000/" + PAGE}}})
    _, snapshot = archived(client, auth)
    assert (snapshot["archive_url"], snapshot["archived_at"], snapshot["archive_error"]) == (
        "https://web.archive.org/web/20260311120000/" + PAGE, "2026-03-11T12:00:00.000000Z",
        None)


def test_availability_lookup_empty(client, auth, mocked):
    mocked.get(AVAILABLE_URL, json={"url": PAGE, "archived_snapshots": {}})
    _, snapshot = archived(client, auth)
    assert (snapshot["archive_url"], snapshot["archived_at"], snapshot["archive_error"]) == (
        None, None, "no snapshot in the Wayback Machine")
