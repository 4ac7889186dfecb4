import pytest

from sources.errors import UrlRefused
from sources.urls import normalize_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://Example.COM:80/a?b=2#top", "http://example.com/a?b=2"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("https://example.com./x", "https://example.com/x"),
        (
            "https://ex.com/p?utm_source=tw&z=1&UTM_Medium=x&a=2&fbclid=F&gclid=G",
            "https://ex.com/p?z=1&a=2",
        ),
        ("https://ex.com/p?mc_cid=1&mc_eid=2&ref_src=twsrc", "https://ex.com/p"),
        ("https://ex.com/p?q=a%20b&x=", "https://ex.com/p?q=a%20b&x="),
        ("https://ex.com/p?q=a+b", "https://ex.com/p?q=a+b"),
        ("https://ex.com/a b/é", "https://ex.com/a%20b/%C3%A9"),
        ("https://bücher.de/", "https://xn--bcher-kva.de/"),
        ("https://BÜCHER.de/", "https://xn--bcher-kva.de/"),
        ("http://[::FFFF:7f00:1]:8080/", "http://[::ffff:7f00:1]:8080/"),
        ("http://0x7f000001/", "http://127.0.0.1/"),
        ("  https://ex.com/  ", "https://ex.com/"),
    ],
)
def test_normalize(url, expected):
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme 'file' is not allowed"),
        ("javascript:alert(1)", "scheme 'javascript' is not allowed"),
        ("ftp://ex.com/", "scheme 'ftp' is not allowed"),
        ("ex.com/page", "no scheme"),
        ("https://", "no host"),
        ("https://ex.com:99999/", "invalid port"),
        ("https://a@ex.com/", "user names"),
        ("http://[::1/", "malformed"),
    ],
)
def test_refused(url, reason):
    with pytest.raises(UrlRefused, match=reason):
        normalize_url(url)
