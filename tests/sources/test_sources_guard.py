import pytest

from sources import guard
from sources.addresses import parse_inet_aton
from sources.errors import Unresolvable, UrlRefused

FAKE_DNS = {
    "news.example": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "intranet.example": ["10.1.2.3"],
    "mixed.example": ["93.184.216.34", "192.168.1.10"],
    "metadata.example": ["169.254.169.254"],
    "v6private.example": ["fd12:3456::1"],
}


def fake_resolver(host):
    if host not in FAKE_DNS:
        raise Unresolvable(f"host {host!r} does not resolve")
    return FAKE_DNS[host]


@pytest.fixture(autouse=True)
def patched_dns(monkeypatch):
    monkeypatch.setattr(guard, "resolve", fake_resolver)


SSRF_TABLE = [
    ("http://localhost/", "loopback"),
    ("http://sub.localhost/", "loopback"),
    ("http://127.0.0.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://017700000001/", "loopback"),
    ("http://0x7f.0.0.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped"),
    ("http://[2002:7f00:1::]/", "6to4"),
    ("http://[64:ff9b::a00:1]/", "NAT64"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("http://[fd00:ec2::254]/", "metadata"),
    ("http://100.100.100.200/", "metadata"),
    ("http://10.0.0.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://0/", "unspecified"),
    ("http://[::]/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[fe80::1]/", "link-local"),
    ("http://240.0.0.1/", "reserved"),
    ("http://intranet.example/", "resolves to a private address (10.1.2.3)"),
    ("http://mixed.example/", "resolves to a private address"),
    ("http://metadata.example/", "cloud metadata"),
    ("http://v6private.example/", "unique local"),
    ("file:///etc/passwd", "scheme 'file' is not allowed"),
    ("gopher://news.example:70/_GET", "scheme 'gopher' is not allowed"),
    ("ftp://news.example/", "scheme 'ftp' is not allowed"),
    ("dict://news.example:11211/", "scheme 'dict' is not allowed"),
    ("http://news.example:8080/", "port 8080 is not allowed"),
    ("https://news.example:22/", "port 22 is not allowed"),
    ("http://user:pw@news.example/", "user names or passwords"),
]


@pytest.mark.parametrize(("url", "reason"), SSRF_TABLE)
def test_ssrf_table_is_refused(url, reason):
    with pytest.raises(UrlRefused) as err:
        guard.check_url(url)
    assert reason in err.value.reason
    assert err.value.kind == "refused"


def test_public_host_returns_every_checked_address():
    target = guard.check_url("https://NEWS.example/story?id=1")
    assert target.addresses == tuple(FAKE_DNS["news.example"])
    assert (target.parts.host, target.parts.port) == ("news.example", 443)


def test_unresolvable_is_its_own_kind():
    with pytest.raises(Unresolvable) as err:
        guard.check_url("https://nowhere.example/")
    assert err.value.kind == "unresolvable"


def test_empty_answer_is_unresolvable():
    with pytest.raises(Unresolvable):
        guard.check_url("https://x.example/", resolver=lambda host: [])


def test_explicit_resolver_wins_over_module_default():
    target = guard.check_url("http://x.example/", resolver=lambda host: ["8.8.8.8"])
    assert target.addresses == ("8.8.8.8",)


@pytest.mark.parametrize(
    "entries",
    [["intranet.example"], ["10.1.2.3"], ["10.0.0.0/8"], [" Intranet.Example. "]],
)
def test_allowlist_lets_private_host_through_on_any_port(entries):
    target = guard.check_url("http://intranet.example:8080/wiki", allow_hosts=entries)
    assert target.addresses == ("10.1.2.3",)


def test_allowlisted_range_does_not_open_other_ports_of_public_hosts():
    with pytest.raises(UrlRefused, match="port 8080"):
        guard.check_url("http://news.example:8080/", allow_hosts=["10.0.0.0/8"])


def test_allowlist_by_name_does_not_cover_other_names_at_that_address():
    with pytest.raises(UrlRefused, match="private"):
        guard.check_url("http://mixed.example/", allow_hosts=["intranet.example"])


def test_metadata_stays_refused_even_when_allowlisted():
    with pytest.raises(UrlRefused, match="metadata"):
        guard.check_url("http://169.254.169.254/", allow_hosts=["169.254.0.0/16"])
    with pytest.raises(UrlRefused, match="metadata"):
        guard.check_url("http://metadata.example/", allow_hosts=["metadata.example"])


def test_allowlisted_loopback_literal():
    target = guard.check_url("http://127.0.0.1:8765/", allow_hosts=["127.0.0.1"])
    assert target.addresses == ("127.0.0.1",)


def test_custom_ports():
    target = guard.check_url("http://news.example:8080/", allowed_ports=[8080])
    assert target.parts.port == 8080
    with pytest.raises(UrlRefused, match="port 80 is not allowed"):
        guard.check_url("http://news.example/", allowed_ports=[443])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("0xA.0x0.0.1", "10.0.0.1"),
        ("4294967295", "255.255.255.255"),
        ("4294967296", None),
        ("1.256.0.0", None),
        ("1.2.3.4.5", None),
        ("08", None),
        ("1.2.3.a", None),
        ("", None),
        ("news.example", None),
    ],
)
def test_inet_aton_forms(text, expected):
    ip = parse_inet_aton(text)
    assert (str(ip) if ip else None) == expected
