"""The guard and the pinned transport against a real server on 127.0.0.1.

The host names used here (``fixture.test``) do not exist: a fetch that works proves
the connection went to the pinned address and not through the OS resolver.
"""

import time

import pytest

from sources import guard
from sources.errors import (
    BadContentType,
    FetchTimeout,
    HttpError,
    TooLarge,
    TooManyRedirects,
    UrlRefused,
)
from sources.fetch import FetchPolicy, Hop, fetch


@pytest.fixture
def dns(monkeypatch):
    calls = []

    def resolver(host):
        calls.append(host)
        return {"fixture.test": ["127.0.0.1"]}[host]

    monkeypatch.setattr(guard, "resolve", resolver)
    return calls


def policy(**kw):
    kw.setdefault("allow_hosts", ("fixture.test",))
    return FetchPolicy(**kw)


def test_allowlisted_loopback_name_is_fetched_via_the_pinned_address(server, dns):
    result = fetch(f"http://fixture.test:{server.port}/page", policy=policy())
    assert result.status == 200
    assert result.body == b"<html><title>Hi</title><p>Hello</p></html>"
    assert result.headers["etag"] == '"v1"'
    assert result.content_type == "text/html"
    assert dns == ["fixture.test"]  # resolved once, by the guard only


def test_host_header_keeps_the_name(server, dns):
    result = fetch(f"http://fixture.test:{server.port}/host", policy=policy())
    assert result.body == f"fixture.test:{server.port}".encode()


def test_allowlisted_literal_address(server):
    result = fetch(f"http://127.0.0.1:{server.port}/page", policy=FetchPolicy(allow_hosts=("127.0.0.0/8",)))
    assert result.status == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "fixture.test", "0x7f000001", "2130706433", "127.1"])
def test_loopback_refused_without_allowlist(server, dns, host):
    with pytest.raises(UrlRefused, match="loopback|port"):
        fetch(f"http://{host}:{server.port}/page", policy=FetchPolicy(allowed_ports=(server.port,)))


def test_redirect_followed_and_recorded(server, dns):
    url = f"http://fixture.test:{server.port}/redirect-page"
    result = fetch(url, policy=policy())
    assert result.final_url == f"http://fixture.test:{server.port}/page"
    assert result.redirects == (Hop(url, 301),)


def test_redirect_to_private_address_refused(server, dns):
    with pytest.raises(UrlRefused, match="10.0.0.1 is a private address"):
        fetch(f"http://fixture.test:{server.port}/redirect-private", policy=policy())


def test_redirect_limit(server, dns):
    with pytest.raises(TooManyRedirects):
        fetch(f"http://fixture.test:{server.port}/redirect-page", policy=policy(max_redirects=0))


def test_announced_size_over_limit(server, dns):
    with pytest.raises(TooLarge, match="announces 2048 bytes"):
        fetch(f"http://fixture.test:{server.port}/big-with-length", policy=policy(max_bytes=1024))


def test_size_over_limit_without_content_length(server, dns):
    with pytest.raises(TooLarge, match="larger than the 1024 byte limit"):
        fetch(f"http://fixture.test:{server.port}/big-no-length", policy=policy(max_bytes=1024))


def test_decompressed_size_counts_not_the_content_length(server, dns):
    with pytest.raises(TooLarge):
        fetch(f"http://fixture.test:{server.port}/gzip-bomb", policy=policy(max_bytes=50_000))


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_drip_feed_fails_at_the_total_deadline(server, dns, path):
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(f"http://fixture.test:{server.port}{path}", policy=policy(total_timeout=1.0))
    assert time.monotonic() - started < 2.0


def test_stalled_server_hits_read_timeout(server, dns):
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(f"http://fixture.test:{server.port}/stall", policy=policy(read_timeout=0.5))
    assert time.monotonic() - started < 2.0


def test_bad_type_and_http_error(server, dns):
    with pytest.raises(BadContentType, match="image/png"):
        fetch(f"http://fixture.test:{server.port}/image", policy=policy())
    with pytest.raises(HttpError) as err:
        fetch(f"http://fixture.test:{server.port}/missing", policy=policy())
    assert err.value.status == 404


def test_ipv6_loopback_pinning(loopback_server, monkeypatch):
    monkeypatch.setattr(guard, "resolve", lambda host: ["::1"])
    try:
        srv = loopback_server(host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    with srv:
        result = fetch(f"http://six.test:{srv.port}/host", policy=policy(allow_hosts=("six.test",)))
    assert result.body == f"six.test:{srv.port}".encode()


def test_proxy_environment_is_ignored(server, dns, monkeypatch):
    # A proxy would do its own DNS; the pinned address must be what we connect to.
    for var in ("HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(var, "http://10.255.255.1:9")
    assert fetch(f"http://fixture.test:{server.port}/page", policy=policy()).status == 200


def test_connection_refused_is_a_connection_error(dns):
    from sources.errors import FetchConnectionError

    with pytest.raises(FetchConnectionError, match="refused"):
        fetch("http://fixture.test:1/", policy=policy())


def test_next_checked_address_is_tried_when_the_first_refuses(server, monkeypatch):
    from sources.errors import FetchConnectionError

    # Nothing listens on 127.0.0.2 (the server is bound to 127.0.0.1 only).
    monkeypatch.setattr(guard, "resolve", lambda host: ["127.0.0.2"])
    with pytest.raises(FetchConnectionError):
        fetch(f"http://fixture.test:{server.port}/page", policy=policy())
    monkeypatch.setattr(guard, "resolve", lambda host: ["127.0.0.2", "127.0.0.1"])
    result = fetch(f"http://fixture.test:{server.port}/page", policy=policy())
    assert result.status == 200


def test_every_address_is_checked_not_only_the_one_used(server, monkeypatch):
    monkeypatch.setattr(guard, "resolve", lambda host: ["127.0.0.1", "10.9.9.9"])
    with pytest.raises(UrlRefused, match="10.9.9.9"):
        fetch(f"http://fixture.test:{server.port}/page", policy=policy(allow_hosts=("127.0.0.1",)))
