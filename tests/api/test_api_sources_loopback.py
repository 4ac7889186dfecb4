"""Fetching from a real HTTP server on 127.0.0.1 (allow-listed), through the API with the
immediate queue: the pinned transport, size cap and deadlines are exercised for real."""
import dataclasses

import pytest

from sources.fetch import FetchPolicy
from tests.site import Site, article
from verify.provenance import settings as provenance_settings
from verify.queue import queue


@pytest.fixture
def site(app, mocked):
    with Site() as served:
        mocked.add_passthru(served.base)
        queue.flush()
        yield served


def use_policy(**policy):
    current = provenance_settings.current()
    provenance_settings.configure(dataclasses.replace(
        current, policy=FetchPolicy(allow_hosts=("127.0.0.1",), **policy)))


def submit(client, auth, url):
    response = client.post("/api/v1/sources", json={"url": url}, headers=auth())
    assert response.status_code == 202, response.get_json()
    return response.get_json()


def retries():
    return [task.args for task in queue.scheduled() if task.name.endswith("fetch_task")]


def test_loopback_refused_without_the_allowlist(client, auth, site):
    site.routes["/story"] = (200, {}, article())
    response = client.post("/api/v1/sources", json={"url": site.url("/story")}, headers=auth())
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"field": "url", "location": "body",
                                              "reason": "port %d is not allowed"
                                              % int(site.base.rsplit(":", 1)[1])}]
    assert site.hits == []


def test_allow_listed_page_is_fetched_and_not_sent_to_the_archive(client, auth, site):
    use_policy()
    site.routes["/story"] = (200, {"ETag": '"x"'}, article())
    body = submit(client, auth, site.url("/story"))
    assert (body["fetch_status"], body["title"], body["independence_key"]) == (
        "fetched", "Council votes to close Riverside library", "127.0.0.1")
    snapshots = client.get(body["snapshots_url"], headers=auth("viewer")).get_json()["items"]
    # An intranet page is never handed to archive.org (no request was made: the mock
    # would have failed it).
    assert snapshots[0]["archive_error"] == (
        "not archived: a private page (127.0.0.1 is a loopback address)")
    assert site.hits == ["/story"]


def test_oversized_page_fails_cleanly(client, auth, site):
    use_policy(max_bytes=2000)
    site.routes["/big"] = (200, {}, b"<p>" + b"x" * 3000 + b"</p>")
    body = submit(client, auth, site.url("/big"))
    assert (body["fetch_status"], body["fetch_error"], body["fetch_attempts"]) == (
        "failed", "the page announces 3007 bytes, over the 2000 limit", 1)
    assert body["snapshot"] is None
    assert retries() == []  # a size refusal will not change by itself


def test_slow_page_fails_cleanly_and_is_retried_later(client, auth, site):
    use_policy(total_timeout=1.0)
    site.routes["/drip"] = (200, {"Content-Type": "text/plain"}, b"y" * 40)
    site.slow.add("/drip")
    body = submit(client, auth, site.url("/drip"))
    assert (body["fetch_status"], body["fetch_error"]) == ("failed", "gave up after 1 s")
    assert retries() == [(body["id"],)]
