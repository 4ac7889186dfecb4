"""Sources through the API: submission guard, fetching (immediate queue), snapshots,
metadata, excerpt checks, independence keys. Pages are served by ``responses``; the address
guard still runs in front of it, with a fake resolver."""
import dataclasses
import hashlib
import re

import pytest

from sources import guard
from sources.archive import AVAILABLE_URL
from tests.site import OTHER_STORY, STORY, article, fake_resolver
from verify.provenance import settings as provenance_settings
from verify.queue import queue

PUBLIC = "93.184.215.14"
DNS = {
    "www.dailyexample.co.uk": [PUBLIC],
    "herald-example.com": [PUBLIC],
    "www.herald-example.com": [PUBLIC],
    "wire-example.org": [PUBLIC],
    "other-example.net": [PUBLIC],
    "private-example.net": ["10.1.2.3"],
    "mixed-example.net": [PUBLIC, "192.168.1.9"],
    "meta-example.net": ["169.254.169.254"],
}
STORY_URL = "https://www.dailyexample.co.uk/news/library"
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    monkeypatch.setattr(guard, "resolve", fake_resolver(DNS))


@pytest.fixture(autouse=True)
def wayback_empty(mocked):
    """No IA credentials: each snapshot looks up the closest Wayback copy; none exists."""
    mocked.get(AVAILABLE_URL, json={"url": "x", "archived_snapshots": {}})
    queue.flush()


def serve(mocked, url, body=None, status=200, **kwargs):
    mocked.get(url, body=article() if body is None else body, status=status,
               content_type=kwargs.pop("content_type", "text/html; charset=utf-8"), **kwargs)


def post_source(client, auth, url, **fields):
    return client.post("/api/v1/sources", json={"url": url, **fields}, headers=auth())


def reconfigure(**changes):
    provenance_settings.configure(dataclasses.replace(provenance_settings.current(), **changes))


# Submission -------------------------------------------------------------------------

SSRF = [
    ("http://localhost/admin", "localhost is a loopback name"),
    ("http://127.0.0.1/", "127.0.0.1 is a loopback address"),
    ("http://0x7f000001/", "127.0.0.1 is a loopback address"),
    ("http://2130706433/", "127.0.0.1 is a loopback address"),
    ("http://[::1]/", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1 is a loopback address (IPv4-mapped 127.0.0.1)"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata address"),
    ("http://10.0.0.8/", "10.0.0.8 is a private address"),
    ("http://172.16.5.4/", "172.16.5.4 is a private address"),
    ("http://192.168.0.1/", "192.168.0.1 is a private address"),
    ("http://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT (shared) address"),
    ("http://[fe80::1]/", "fe80::1 is a link-local address"),
    ("file:///etc/passwd", "scheme 'file' is not allowed"),
    ("gopher://wire-example.org/", "scheme 'gopher' is not allowed"),
    ("http://private-example.net/a", "private-example.net resolves to a private address (10.1.2.3)"),
    ("http://mixed-example.net/", "mixed-example.net resolves to a private address (192.168.1.9)"),
    ("http://meta-example.net/", "meta-example.net resolves to a cloud metadata address "
                                 "(169.254.169.254)"),
    ("https://wire-example.org:8443/", "port 8443 is not allowed"),
]


@pytest.mark.parametrize("url,reason", SSRF)
def test_refused_at_submission_with_the_reason(client, auth, mocked, url, reason):
    response = post_source(client, auth, url)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json() == {
        "type": "about:blank",
        "title": "Unprocessable Entity",
        "status": 422,
        "detail": "This URL cannot be fetched.",
        "code": "validation_failed",
        "instance": "/api/v1/sources",
        "errors": [{"field": "url", "location": "body", "reason": reason}],
    }
    assert len(mocked.calls) == 0
    listed = client.get("/api/v1/sources", headers=auth("viewer")).get_json()
    assert listed["items"] == []


def test_record_fetch_and_read_whole_body(client, auth, mocked):
    serve(mocked, STORY_URL, article(canonical=STORY_URL), headers={"ETag": '"e1"'})
    response = post_source(client, auth, "HTTPS://WWW.DailyExample.co.uk:443/news/library"
                                         "?utm_source=tw#top", kind="news_report")
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    # The immediate queue has run the fetch and the archive lookup already.
    got = client.get("/api/v1/sources/%d" % body["id"], headers=auth("viewer")).get_json()
    assert got == body
    snapshot = body["snapshot"]
    assert body == {
        "id": body["id"],
        "url": STORY_URL,
        "canonical_url": STORY_URL,
        "domain": "www.dailyexample.co.uk",
        "title": "Council votes to close Riverside library",
        "publisher": "Daily Example",
        "author": "Maria Lopez",
        "published_at": "2026-03-10T00:00:00.000000Z",
        "kind": "news_report",
        "independence_key": "dailyexample.co.uk",
        "fetch_status": "fetched",
        "fetch_error": None,
        "fetch_attempts": 1,
        "link_status": "alive",
        "created_at": body["created_at"],
        "updated_at": body["updated_at"],
        "last_fetched_at": body["last_fetched_at"],
        "next_check_at": body["next_check_at"],
        "snapshot": {
            "id": snapshot["id"],
            "final_url": STORY_URL,
            "http_status": 200,
            "fetched_at": snapshot["fetched_at"],
            "sha256": snapshot["sha256"],
            "archive_url": None,
            "archived_at": None,
        },
        "metadata": {
            "client": {},
            "extracted": {
                "kind": "html",
                "title": "Council votes to close Riverside library",
                "author": "Maria Lopez",
                "publisher": "Daily Example",
                "published": "2026-03-10",
                "canonical_url": STORY_URL,
                "language": "en",
                "description": None,
            },
        },
        "snapshots_url": "http://localhost/api/v1/sources/%d/snapshots" % body["id"],
        "checks_url": "http://localhost/api/v1/sources/%d/checks" % body["id"],
    }
    for stamp in ("created_at", "updated_at", "last_fetched_at", "next_check_at"):
        assert ISO.match(body[stamp]), stamp
    assert snapshot["sha256"] == hashlib.sha256(article(canonical=STORY_URL)).hexdigest()


def test_same_normalised_url_answers_the_existing_record(client, auth, mocked):
    serve(mocked, STORY_URL)
    first = post_source(client, auth, STORY_URL)
    again = post_source(client, auth, "https://www.dailyexample.co.uk/news/library?fbclid=1")
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.get_json()["id"] == first.get_json()["id"]
    assert len([c for c in mocked.calls if c.request.url == STORY_URL]) == 1


def test_client_metadata_wins_and_both_are_kept(client, auth, mocked):
    serve(mocked, STORY_URL)
    body = post_source(client, auth, STORY_URL, title="Library closure vote",
                       published_at="2026-03-09T18:30:00Z").get_json()
    assert (body["title"], body["author"], body["published_at"]) == (
        "Library closure vote", "Maria Lopez", "2026-03-09T18:30:00.000000Z")
    assert body["metadata"]["client"] == {"title": "Library closure vote",
                                          "published_at": "2026-03-09T18:30:00"}
    assert body["metadata"]["extracted"]["title"] == "Council votes to close Riverside library"


def test_snapshots_list_with_text_and_headers(client, auth, mocked):
    serve(mocked, STORY_URL, headers={"ETag": '"e1"', "Last-Modified": "Tue, 10 Mar 2026"})
    source = post_source(client, auth, STORY_URL).get_json()
    listed = client.get(source["snapshots_url"], headers=auth("viewer")).get_json()
    item = listed["items"][0]
    assert listed == {"items": [{
        "id": source["snapshot"]["id"],
        "final_url": STORY_URL,
        "http_status": 200,
        "fetched_at": source["snapshot"]["fetched_at"],
        "sha256": source["snapshot"]["sha256"],
        "headers": {"content-type": "text/html; charset=utf-8", "etag": '"e1"',
                    "last-modified": "Tue, 10 Mar 2026"},
        "archive_url": None,
        "archived_at": None,
        "archive_error": "no snapshot in the Wayback Machine",
        "metadata": source["metadata"]["extracted"],
        "text": item["text"],
    }], "next": None}
    assert item["text"].startswith("Council votes to close Riverside library\nThe city council")
    assert client.get("/api/v1/sources/999/snapshots", headers=auth("viewer")).status_code == 404


# Fetch failures ----------------------------------------------------------------------

def scheduled_fetches():
    return [task for task in queue.scheduled() if task.name.endswith("fetch_task")]


def test_redirect_to_a_private_address_fails_the_fetch(client, auth, mocked):
    mocked.get(STORY_URL, status=302, headers={"Location": "http://10.0.0.1/admin"})
    body = post_source(client, auth, STORY_URL).get_json()
    assert (body["fetch_status"], body["fetch_error"], body["fetch_attempts"]) == (
        "failed", "10.0.0.1 is a private address", 1)
    assert body["snapshot"] is None
    assert scheduled_fetches() == []  # a refusal is not retried
    assert [c.request.url for c in mocked.calls] == [STORY_URL]


def test_name_that_does_not_resolve_is_accepted_and_fails_at_fetch(client, auth):
    response = post_source(client, auth, "https://gone-nowhere.example/a")
    assert response.status_code == 202
    body = response.get_json()
    assert (body["fetch_status"], body["fetch_error"]) == (
        "failed", "host 'gone-nowhere.example' does not resolve (no such name)")
    assert len(scheduled_fetches()) == 1  # DNS trouble may pass: one retry queued


def test_404_is_permanent_and_503_is_retried(client, auth, mocked):
    serve(mocked, STORY_URL, b"gone", status=404)
    serve(mocked, "https://wire-example.org/down", b"busy", status=503)
    gone = post_source(client, auth, STORY_URL).get_json()
    busy = post_source(client, auth, "https://wire-example.org/down").get_json()
    assert (gone["fetch_status"], gone["fetch_error"]) == ("failed",
                                                           "the server answered 404 Not Found")
    assert (busy["fetch_status"], busy["fetch_error"]) == (
        "failed", "the server answered 503 Service Unavailable")
    retries = scheduled_fetches()
    assert [task.args for task in retries] == [(busy["id"],)]


def test_refetch_makes_a_new_snapshot(client, auth, mocked):
    serve(mocked, STORY_URL, b"gone", status=404)
    source = post_source(client, auth, STORY_URL).get_json()
    assert client.post("/api/v1/sources/%d/refetch" % source["id"],
                       headers=auth("viewer")).status_code == 403
    mocked.upsert("GET", STORY_URL, body=article(), content_type="text/html")
    response = client.post("/api/v1/sources/%d/refetch" % source["id"], headers=auth())
    assert response.status_code == 202
    body = response.get_json()
    assert (body["fetch_status"], body["fetch_error"], body["fetch_attempts"]) == (
        "fetched", None, 1)
    assert body["snapshot"]["final_url"] == STORY_URL
    assert client.post("/api/v1/sources/999/refetch", headers=auth()).status_code == 404


# Excerpts ----------------------------------------------------------------------------

def new_claim(client, auth):
    return client.post("/api/v1/claims", json={"text": "The library closes."},
                       headers=auth()).get_json()["id"]


def add_evidence(client, auth, claim_id, source_id, excerpt):
    response = client.post("/api/v1/claims/%d/evidence" % claim_id, headers=auth(), json={
        "source_id": source_id, "stance": "supports", "excerpt": excerpt})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_excerpt_checked_when_evidence_is_added(client, auth, mocked):
    serve(mocked, STORY_URL)
    source = post_source(client, auth, STORY_URL).get_json()
    text = client.get(source["snapshots_url"], headers=auth("viewer")).get_json()["items"][0]["text"]
    claim_id = new_claim(client, auth)
    # Straight quotes, other case and broken white space still match the curly original.
    found = add_evidence(client, auth, claim_id, source["id"],
                         '"THE HARDEST VOTE of my time\n on the council"')
    assert found["excerpt_verified"] is True
    assert text[found["excerpt_start"]:found["excerpt_end"]] == (
        "\u201cthe hardest vote of my time on the council\u201d")
    missing = add_evidence(client, auth, claim_id, source["id"], "the library will reopen")
    assert (missing["excerpt_verified"], missing["excerpt_start"], missing["excerpt_end"]) == (
        False, None, None)


def test_excerpt_rechecked_when_a_snapshot_arrives(client, auth, mocked):
    serve(mocked, STORY_URL, b"busy", status=503)
    source = post_source(client, auth, STORY_URL).get_json()
    claim_id = new_claim(client, auth)
    pending = add_evidence(client, auth, claim_id, source["id"], "budget gap of 2.4 million")
    assert (pending["excerpt_verified"], pending["excerpt_start"]) == (None, None)
    mocked.upsert("GET", STORY_URL, body=article(), content_type="text/html")
    client.post("/api/v1/sources/%d/refetch" % source["id"], headers=auth())
    items = client.get("/api/v1/claims/%d/evidence" % claim_id,
                       headers=auth("viewer")).get_json()["items"]
    assert (items[0]["excerpt_verified"], items[0]["excerpt_end"] - items[0]["excerpt_start"]) == (
        True, len("budget gap of 2.4 million"))
    # The page changes and loses the sentence: the next snapshot un-verifies it.
    mocked.upsert("GET", STORY_URL, body=article(OTHER_STORY), content_type="text/html")
    client.post("/api/v1/sources/%d/refetch" % source["id"], headers=auth())
    items = client.get("/api/v1/claims/%d/evidence" % claim_id,
                       headers=auth("viewer")).get_json()["items"]
    assert (items[0]["excerpt_verified"], items[0]["excerpt_start"]) == (False, None)


# Independence ------------------------------------------------------------------------

WRAPPER = ("<nav><ul><li>Home</li><li>Sports</li><li>Weather</li></ul></nav>"
           "<div>Subscribe to our newsletter for the latest local news every morning.</div>")


def test_syndicated_copies_share_an_independence_key(client, auth, mocked):
    serve(mocked, STORY_URL)
    serve(mocked, "https://herald-example.com/2026/library",
          article(title="Library to close", site="Herald", author="Wire staff", wrapper=WRAPPER))
    serve(mocked, "https://other-example.net/bridge", article(OTHER_STORY, title="Bridge opens"))
    original = post_source(client, auth, STORY_URL).get_json()
    copy = post_source(client, auth, "https://herald-example.com/2026/library").get_json()
    other = post_source(client, auth, "https://other-example.net/bridge").get_json()
    assert original["independence_key"] == "dailyexample.co.uk"
    assert copy["independence_key"] == "dailyexample.co.uk"
    assert copy["domain"] == "herald-example.com"
    assert other["independence_key"] == "other-example.net"


def test_owner_map_counts_two_domains_as_one(client, auth, mocked):
    reconfigure(owner_map={"herald-example.com": "herald-group",
                           "wire-example.org": "herald-group"})
    serve(mocked, "https://www.herald-example.com/a", article(STORY[:1], title="A"))
    serve(mocked, "https://wire-example.org/b", article(OTHER_STORY[:1], title="B"))
    first = post_source(client, auth, "https://www.herald-example.com/a").get_json()
    second = post_source(client, auth, "https://wire-example.org/b").get_json()
    assert (first["independence_key"], second["independence_key"]) == ("herald-group",
                                                                        "herald-group")
