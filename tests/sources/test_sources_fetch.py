"""Fetch policy with ``responses`` (no sockets). The guard still runs: it sits in
front of the adapter that ``responses`` replaces; the DNS it uses is faked."""

import hashlib
from datetime import UTC

import pytest
import responses

from sources import guard
from sources.errors import BadContentType, HttpError, Unresolvable, UrlRefused
from sources.fetch import FetchPolicy, Hop, fetch

DNS = {
    "news.example": ["93.184.216.34"],
    "www.news.example": ["93.184.216.35"],
    "wire.example": ["2606:2800:220:1::1"],
    "intranet.example": ["10.1.2.3"],
    "rebind.example": ["93.184.216.36", "127.0.0.1"],
}


@pytest.fixture(autouse=True)
def dns(monkeypatch):
    def resolver(host):
        if host not in DNS:
            raise Unresolvable(f"host {host!r} does not resolve")
        return DNS[host]

    monkeypatch.setattr(guard, "resolve", resolver)


HTML = b"<html><head><title>T</title></head><body><p>Story</p></body></html>"


@responses.activate
def test_redirect_chain_and_result_fields():
    responses.get("https://news.example/a?id=1", status=301, headers={"Location": "https://www.news.example/b"})
    responses.get("https://www.news.example/b", status=302, headers={"Location": "/c"})
    responses.get(
        "https://www.news.example/c",
        body=HTML,
        content_type="text/html; charset=utf-8",
        headers={"ETag": '"abc"', "Last-Modified": "Wed, 21 Oct 2026 07:28:00 GMT", "Set-Cookie": "x=1"},
    )
    result = fetch("https://news.example/a?id=1#frag")
    assert result.url == "https://news.example/a?id=1#frag"
    assert result.final_url == "https://www.news.example/c"
    assert result.redirects == (
        Hop("https://news.example/a?id=1", 301),
        Hop("https://www.news.example/b", 302),
    )
    assert result.status == 200
    assert result.headers == {
        "content-type": "text/html; charset=utf-8",
        "etag": '"abc"',
        "last-modified": "Wed, 21 Oct 2026 07:28:00 GMT",
    }
    assert result.body == HTML
    assert result.sha256 == hashlib.sha256(HTML).hexdigest()
    assert result.fetched_at.tzinfo is UTC
    sent = responses.calls[0].request.headers
    assert sent["User-Agent"].startswith("claimdesk/")
    assert "text/html" in sent["Accept"]


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost:80/", "loopback"),
        ("http://intranet.example/", "private"),
        ("http://rebind.example/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("gopher://news.example/", "scheme 'gopher'"),
        ("https://news.example:8443/", "port 8443"),
    ],
)
@responses.activate
def test_redirect_to_forbidden_target_is_refused(location, reason):
    responses.get("https://news.example/go", status=302, headers={"Location": location})
    with pytest.raises(UrlRefused, match=reason):
        fetch("https://news.example/go")
    assert len(responses.calls) == 1  # the forbidden hop was never requested


@responses.activate
def test_name_resolving_to_private_address_is_refused_before_any_request():
    with pytest.raises(UrlRefused, match="intranet.example resolves to a private address"):
        fetch("http://intranet.example/")
    assert len(responses.calls) == 0


@responses.activate
def test_unresolvable_name():
    with pytest.raises(Unresolvable):
        fetch("https://gone.example/")


@pytest.mark.parametrize(
    ("ctype", "body"),
    [
        ("application/xhtml+xml", b"<html/>"),
        ("text/plain; charset=latin-1", b"plain"),
        ("application/json", b'{"a": 1}'),
        ("application/pdf", b"%PDF-1.7"),
    ],
)
@responses.activate
def test_accepted_types(ctype, body):
    responses.get("https://wire.example/x", body=body, content_type=ctype)
    assert fetch("https://wire.example/x").body == body


@pytest.mark.parametrize("ctype", ["image/jpeg", "application/octet-stream", "video/mp4", ""])
@responses.activate
def test_refused_types(ctype):
    responses.get("https://news.example/x", body=b"..", content_type=ctype or None)
    with pytest.raises(BadContentType):
        fetch("https://news.example/x")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410, 429, 500, 502, 503])
@responses.activate
def test_http_errors_carry_status(status):
    responses.get("https://news.example/x", status=status, body=b"err", content_type="text/html")
    with pytest.raises(HttpError) as err:
        fetch("https://news.example/x")
    assert err.value.status == status
    assert err.value.kind == "http_error"
    assert str(status) in err.value.reason


@responses.activate
def test_redirect_without_location_is_an_http_error():
    responses.get("https://news.example/x", status=302)
    with pytest.raises(HttpError) as err:
        fetch("https://news.example/x")
    assert err.value.status == 302


@responses.activate
def test_custom_policy_ports_and_redirect_count():
    responses.get("http://news.example:8080/x", body=b"ok", content_type="text/plain")
    result = fetch("http://news.example:8080/x", policy=FetchPolicy(allowed_ports=(8080,)))
    assert result.final_url == "http://news.example:8080/x"
