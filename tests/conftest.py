"""Shared fixtures: a fresh database per test (a SQLite file, or a PostgreSQL schema when
CLAIMDESK_TEST_DATABASE_URL names a server), the app, clients, tokens per role, a served
app on loopback, and a network guard that refuses anything beyond loopback."""
import ipaddress
import os
import socket
import threading
import uuid

import pytest
import responses
from werkzeug.serving import make_server

from api import create_app
from verify.store import migrate
from verify.store.db import database
from verify.users import create_user
from verify.vocabulary import ROLES

PG_URL = os.environ.get("CLAIMDESK_TEST_DATABASE_URL", "")


def pytest_report_header(config):
    return "claimdesk database: %s" % (PG_URL or "sqlite (file per test)")


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Refuse any connection that leaves this machine."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            try:
                loopback = ipaddress.ip_address(host.split("%")[0]).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise OSError("test tried to reach %r: only loopback is allowed" % (address,))
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)

    # No name is looked up in DNS either: beyond loopback, every name is unknown (tests
    # that need a name to resolve patch the address guard's resolver).
    real_getaddrinfo = socket.getaddrinfo

    def no_dns(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in ("localhost", "::1") or name.startswith("127."):
            return real_getaddrinfo(host, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (tests)")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)


@pytest.fixture(autouse=True)
def mocked():
    """Outgoing HTTP through requests is mocked; an unexpected call fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def database_url(tmp_path):
    if not PG_URL:
        yield "sqlite:///%s" % (tmp_path / "claimdesk.db")
        return
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(PG_URL.replace("postgresql+pool://", "postgresql://"),
                         autocommit=True) as conn:
        conn.execute("CREATE SCHEMA %s" % schema)
    separator = "&" if "?" in PG_URL else "?"
    yield "%s%ssearch_path=%s" % (PG_URL, separator, schema)
    if database.obj is not None and hasattr(database.obj, "close_all"):
        database.obj.close_all()
    with psycopg.connect(PG_URL.replace("postgresql+pool://", "postgresql://"),
                         autocommit=True) as conn:
        conn.execute("DROP SCHEMA %s CASCADE" % schema)


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "QUEUE_URL": "immediate",
        "PUBLIC_URL": "http://claimdesk.test",
    })
    with app.app_context():
        database.connect(reuse_if_open=True)
        migrate.upgrade()
        database.close()
    yield app
    if not database.is_closed():
        database.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def tokens(app):
    """A user and token for each role: ``tokens["editor"]``."""
    found = {}
    with app.app_context():
        for role in ROLES:
            _, (_, token) = create_user(name="%s-user" % role, role=role)
            found[role] = token
        # A second editor, for rules that need two different people.
        _, (_, token) = create_user(name="editor-2", role="editor")
        found["editor2"] = token
    return found


@pytest.fixture
def domain(app, tokens):
    """Run domain code (test set-up) inside the app with a connection of its own."""
    def run(func, *args, **kwargs):
        with app.app_context():
            database.connect(reuse_if_open=True)
            try:
                return func(*args, **kwargs)
            finally:
                database.close()
    return run


@pytest.fixture
def auth(tokens):
    def headers(role="factchecker", **extra):
        return {"Authorization": "Bearer %s" % tokens[role], **extra}

    return headers


@pytest.fixture
def live_server(app, mocked):
    """The app served over real HTTP on a free loopback port; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = "http://127.0.0.1:%d" % server.server_port
    mocked.add_passthru(base)
    yield base
    server.shutdown()
    thread.join(timeout=5)
