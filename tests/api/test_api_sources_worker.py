"""End to end with a real worker: the API enqueues into a SQLite-file queue, and
``claimdesk worker`` (a separate process, configured from the environment like in
production) fetches the page from a loopback server, extracts its metadata and verifies
the evidence excerpt that was added while the fetch was still waiting in the queue."""
import os
import subprocess
import sys
import time

import pytest

from api import create_app
from tests.site import Site, article
from verify.store import migrate
from verify.store.db import database
from verify.users import create_user

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def queued_app(database_url, tmp_path):
    queue_url = "sqlite:///%s" % (tmp_path / "queue.db")
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "QUEUE_URL": queue_url,
                      "FETCH_ALLOW_HOSTS": ["127.0.0.1"], "PUBLIC_URL": "http://claimdesk.test"})
    with app.app_context():
        database.connect(reuse_if_open=True)
        migrate.upgrade()
        _, (_, token) = create_user(name="fc", role="factchecker")
        database.close()
    env = {**os.environ, "CLAIMDESK_DATABASE_URL": database_url,
           "CLAIMDESK_QUEUE_URL": queue_url, "CLAIMDESK_FETCH_ALLOW_HOSTS": "127.0.0.1",
           "PYTHONPATH": ROOT}
    yield app, {"Authorization": "Bearer %s" % token}, env
    from verify.queue import configure_queue

    configure_queue("immediate")


@pytest.fixture
def worker(queued_app, tmp_path):
    """Start ``claimdesk worker`` on demand; stopped (by its pid) at the end."""
    _, _, env = queued_app
    started = []

    def start():
        with open(tmp_path / "worker.log", "wb") as log:
            started.append(subprocess.Popen(
                [sys.executable, "-c", "from api.cli import main; main()", "worker",
                 "--workers", "2"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        return tmp_path / "worker.log"

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(client, url, headers, done, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        body = client.get(url, headers=headers).get_json()
        if done(body) or time.monotonic() > deadline:
            return body
        time.sleep(0.2)


def test_page_fetched_by_a_real_worker_and_excerpt_verified(queued_app, worker, mocked):
    app, headers, _ = queued_app
    client = app.test_client()
    with Site() as site:
        mocked.add_passthru(site.base)
        site.routes["/story"] = (200, {}, article())
        source = client.post("/api/v1/sources", json={"url": site.url("/story")},
                             headers=headers)
        assert source.status_code == 202
        source = source.get_json()
        # Nothing consumes the queue yet: the record is answered at once, unfetched.
        assert (source["fetch_status"], source["snapshot"]) == ("pending", None)
        claim = client.post("/api/v1/claims", json={"text": "The library closes."},
                            headers=headers).get_json()
        evidence_url = "/api/v1/claims/%d/evidence" % claim["id"]
        evidence = client.post(evidence_url, headers=headers, json={
            "source_id": source["id"], "stance": "supports",
            "excerpt": "the hardest vote of my time on the council"}).get_json()
        assert evidence["excerpt_verified"] is None  # no snapshot yet

        log = worker()
        fetched = wait_for(client, "/api/v1/sources/%d" % source["id"], headers,
                           lambda body: body["fetch_status"] in ("fetched", "failed"))
        assert fetched["fetch_status"] == "fetched", (fetched, log.read_text())
        assert (fetched["title"], fetched["author"], fetched["publisher"]) == (
            "Council votes to close Riverside library", "Maria Lopez", "Daily Example")
        assert fetched["metadata"]["extracted"]["language"] == "en"
        assert site.hits == ["/story"]

        items = client.get(evidence_url, headers=headers).get_json()["items"]
        text = client.get(fetched["snapshots_url"], headers=headers).get_json()["items"][0]["text"]
        assert items[0]["excerpt_verified"] is True
        assert text[items[0]["excerpt_start"]:items[0]["excerpt_end"]] == (
            "the hardest vote of my time on the council")
        # The archive task ran in the worker after the fetch, without reaching archive.org.
        snapshot = wait_for(client, fetched["snapshots_url"], headers,
                            lambda body: body["items"][0]["archive_error"])["items"][0]
        assert snapshot["archive_error"].startswith("not archived: a private page")
