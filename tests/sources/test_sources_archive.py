from datetime import UTC, datetime

import pytest
import requests
import responses
from responses import matchers

from sources.archive import (
    AVAILABLE_URL,
    SAVE_URL,
    ArchiveResult,
    IACredentials,
    archive,
    poll_capture,
)

PAGE = "https://news.example/story?id=7"
CREDS = IACredentials("AK", "SK")
AUTH = matchers.header_matcher({"Authorization": "LOW AK:SK", "Accept": "application/json"})
STATUS = "https://web.archive.org/save/status/spn2-abc123"


class Sleeps(list):
    def __call__(self, seconds):
        self.append(seconds)


def save_accepts():
    responses.post(
        SAVE_URL,
        json={"url": PAGE, "job_id": "spn2-abc123"},
        match=[AUTH, matchers.urlencoded_params_matcher({"url": PAGE})],
    )


def status(body):
    responses.get(STATUS, json=body, match=[AUTH])


@responses.activate
def test_capture_pending_then_success():
    save_accepts()
    status({"status": "pending", "job_id": "spn2-abc123", "resources": []})
    status({"status": "pending", "job_id": "spn2-abc123", "resources": [PAGE]})
    status({"status": "success", "job_id": "spn2-abc123", "timestamp": "20260314093005",
            "original_url": PAGE, "duration_sec": 6.2})
    sleeps = Sleeps()
    result = archive(PAGE, credentials=CREDS, sleep=sleeps)
    assert result == ArchiveResult(
        archive_url=f"https://web.archive.org/web/20260314093005/{PAGE}",
        archived_at=datetime(2026, 3, 14, 9, 30, 5, tzinfo=UTC),
        method="spn2",
        job_id="spn2-abc123",
    )
    assert sleeps == [2.0, 4.0, 8.0]  # exponential backoff


@responses.activate
def test_capture_refused_at_submission():
    responses.post(SAVE_URL, json={"status": "error", "status_ext": "error:invalid-url-syntax",
                                   "message": "Invalid URL syntax."}, match=[AUTH])
    result = archive(PAGE, credentials=CREDS, sleep=Sleeps())
    assert result == ArchiveResult(None, None, "spn2", error="Invalid URL syntax. (error:invalid-url-syntax)")


@responses.activate
def test_capture_job_fails():
    save_accepts()
    status({"status": "pending", "job_id": "spn2-abc123"})
    status({"status": "error", "status_ext": "error:not-found", "job_id": "spn2-abc123",
            "message": "The server cannot find the requested resource."})
    result = archive(PAGE, credentials=CREDS, sleep=Sleeps())
    assert result.error == "The server cannot find the requested resource. (error:not-found)"
    assert result.archive_url is None and result.job_id == "spn2-abc123"


@responses.activate
def test_capture_still_pending_after_bounded_polls():
    save_accepts()
    status({"status": "pending", "job_id": "spn2-abc123"})
    sleeps = Sleeps()
    result = archive(PAGE, credentials=CREDS, sleep=sleeps, max_polls=6)
    assert result.error == "capture still pending after 6 polls"
    assert result.job_id == "spn2-abc123"  # can be polled again later
    assert sleeps == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0]  # capped
    assert len(responses.calls) == 7


@responses.activate
def test_rate_limited_and_server_errors():
    responses.post(SAVE_URL, status=429, body="Too Many Requests")
    assert "rate limited" in archive(PAGE, credentials=CREDS, sleep=Sleeps()).error
    with requests.Session() as s:
        responses.get(STATUS, status=502, body="<html>Bad gateway</html>")
        result = poll_capture("spn2-abc123", CREDS, session=s, sleep=Sleeps())
    assert result.error == "status request failed: archive.org answered 502 without JSON"


@responses.activate
def test_network_failure_is_reported_not_raised():
    responses.post(SAVE_URL, body=requests.ConnectionError("connection reset"))
    assert "capture request failed" in archive(PAGE, credentials=CREDS).error


def available(body):
    responses.get(AVAILABLE_URL, json=body, match=[matchers.query_param_matcher({"url": PAGE})])


@responses.activate
def test_availability_closest_snapshot():
    available({"url": PAGE, "archived_snapshots": {"closest": {
        "available": True, "status": "200", "timestamp": "20250101120000",
        "url": f"http://web.archive.org/web/20250101120000/{PAGE}"}}})
    result = archive(PAGE)
    assert result == ArchiveResult(
        archive_url=f"https://web.archive.org/web/20250101120000/{PAGE}",
        archived_at=datetime(2025, 1, 1, 12, 0, 0, tzinfo=UTC),
        method="availability",
    )
    assert "Authorization" not in responses.calls[0].request.headers


@pytest.mark.parametrize("body", [{}, {"url": PAGE, "archived_snapshots": {}}])
@responses.activate
def test_availability_empty(body):
    available(body)
    assert archive(PAGE) == ArchiveResult(None, None, "availability", error="no snapshot in the Wayback Machine")


@responses.activate
def test_availability_snapshot_of_an_error_page():
    available({"archived_snapshots": {"closest": {"available": True, "status": "404",
               "timestamp": "20250101120000", "url": "http://web.archive.org/web/x"}}})
    assert archive(PAGE).error == "the closest snapshot recorded HTTP 404"


def test_credentials_do_not_leak_in_repr():
    assert "SK" not in repr(CREDS)
