"""Crash: the real server (gunicorn, gthread) is killed with SIGKILL while threads write
through it; after a restart the database is intact (SQLite integrity_check), the audit
chain verifies, and every write that was acknowledged with a 2xx is there."""
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from verify.models import ChainHead, Claim, Event, Evidence
from verify.review.history import verify_chain
from verify.store.db import database

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WRITERS = 6


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(port, method, path, token, document=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        body = json.dumps(document) if document is not None else None
        headers = {"Authorization": "Bearer %s" % token}
        if body is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def serve(database_url, port):
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--worker-class", "gthread", "--workers", "2",
         "--threads", "4", "--bind", "127.0.0.1:%d" % port, "--log-level", "error", "wsgi:app"],
        cwd=ROOT, env=dict(os.environ, CLAIMDESK_DATABASE_URL=database_url,
                           CLAIMDESK_LOG_LEVEL="ERROR"),
        start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if call(port, "GET", "/healthz", "")[0] == 200:
                return process
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    pytest.fail("gunicorn did not start")


def writer(port, token, source_id, number, acked, stop, busy):
    """Create claims and add evidence to them until the server dies. ``busy[number]`` is
    set while a request is out, so the test can tell that it killed the server mid-write."""
    i = 0
    while not stop.is_set():
        i += 1
        busy[number] = True
        try:
            status, claim = call(port, "POST", "/api/v1/claims", token,
                                 {"text": "crash writer %d claim %d" % (number, i)})
            if status != 201:
                continue
            acked.append(("claim", claim["id"], claim["text"]))
            status, item = call(port, "POST", "/api/v1/claims/%d/evidence" % claim["id"], token,
                                {"source_id": source_id, "stance": "supports",
                                 "excerpt": "writer %d item %d" % (number, i)})
            if status == 201:
                acked.append(("evidence", item["id"], claim["id"]))
        except (OSError, http.client.HTTPException, ValueError):
            busy[number] = False
            if stop.is_set():
                return
            time.sleep(0.01)  # the server is down: wait for the test to stop us
        busy[number] = False


def test_sigkill_mid_load_loses_no_acknowledged_write(app, database_url, tokens):
    token = tokens["factchecker"]
    port = free_port()
    server = serve(database_url, port)
    try:
        status, source = call(port, "POST", "/api/v1/sources", token,
                              {"url": "https://example.org/report"})
        assert status in (201, 202)  # 202 where recording a source queues its fetch
        acked, stop, busy = [], threading.Event(), [False] * WRITERS
        threads = [threading.Thread(target=writer, args=(port, token, source["id"], n, acked,
                                                         stop, busy)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(acked) < 60 and time.monotonic() < deadline:
            time.sleep(0.05)
        in_flight = sum(busy)
        os.killpg(server.pid, signal.SIGKILL)  # master and workers, mid-transaction
        server.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=20)
        assert len(acked) >= 60, "the load never got going"
        assert in_flight >= 1, "no write was in flight when the server was killed"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)

    if database_url.startswith("sqlite"):
        path = database_url.split(":///", 1)[1]
        with sqlite3.connect(path) as conn:  # opening replays the WAL
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []

    with app.app_context():
        database.connect(reuse_if_open=True)
        chain = verify_chain()
        assert chain["ok"], chain
        assert ChainHead.get_by_id(1).events == Event.select().count()
        for kind, ident, detail in acked:
            if kind == "claim":
                claim = Claim.get_by_id(ident)
                assert claim.text == detail
                # Version equals the claim's events: no half-applied change survived.
                assert claim.version == Event.select().where(Event.claim == ident).count()
            else:
                assert Evidence.get_by_id(ident).claim_id == detail
        database.close()

    # And the service comes back on the same database and takes writes again.
    server = serve(database_url, port)
    try:
        kind, ident, text = next(item for item in acked if item[0] == "claim")
        status, claim = call(port, "GET", "/api/v1/claims/%d" % ident, token)
        assert (status, claim["text"]) == (200, text)
        status, _ = call(port, "POST", "/api/v1/claims", token, {"text": "after the crash"})
        assert status == 201
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    with app.app_context():
        database.connect(reuse_if_open=True)
        assert verify_chain()["ok"]
        database.close()
