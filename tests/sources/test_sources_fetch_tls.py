"""TLS through the pinned transport: connect to 127.0.0.1, verify as the host name."""

import ssl

import pytest

from sources import guard
from sources.errors import FetchConnectionError
from sources.fetch import FetchPolicy, fetch


@pytest.fixture
def tls_server(test_ca, loopback_server):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(test_ca / "leaf.pem", test_ca / "leaf.key")
    seen_sni = []
    ctx.sni_callback = lambda sock, name, context: seen_sni.append(name)
    with loopback_server(ssl_context=ctx) as srv:
        srv.seen_sni = seen_sni
        yield srv


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    monkeypatch.setattr(guard, "resolve", lambda host: ["127.0.0.1"])


def test_sni_and_certificate_use_the_name(tls_server, test_ca):
    policy = FetchPolicy(allow_hosts=("pinned.test",), verify=str(test_ca / "ca.pem"))
    result = fetch(f"https://pinned.test:{tls_server.port}/host", policy=policy)
    assert result.body == f"pinned.test:{tls_server.port}".encode()
    assert tls_server.seen_sni == ["pinned.test"]


def test_certificate_for_another_name_fails(tls_server, test_ca):
    policy = FetchPolicy(allow_hosts=("other.test",), verify=str(test_ca / "ca.pem"))
    with pytest.raises(FetchConnectionError, match="TLS"):
        fetch(f"https://other.test:{tls_server.port}/host", policy=policy)


def test_untrusted_ca_fails(tls_server):
    policy = FetchPolicy(allow_hosts=("pinned.test",))
    with pytest.raises(FetchConnectionError, match="TLS"):
        fetch(f"https://pinned.test:{tls_server.port}/host", policy=policy)
