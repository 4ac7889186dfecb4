"""URL normalisation: one spelling per page, so the same source is stored once."""

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

import idna

from sources.addresses import parse_ip
from sources.errors import UrlRefused

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Click and campaign identifiers: they change per share, never the page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "igshid", "mc_cid", "mc_eid", "ref_src", "ref_url", "_hsenc", "_hsmi",
        "mkt_tok", "vero_id", "oly_anon_id", "oly_enc_id", "__twitter_impression",
    }
)
TRACKING_PREFIXES = ("utm_",)

# Characters left alone when re-quoting; everything else (spaces, non-ASCII) is
# percent-encoded. '%' is kept so existing escapes are not double-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


@dataclass(frozen=True)
class UrlParts:
    """A split, validated absolute http(s) URL. ``host`` is ASCII (IDNA), lower
    case, without brackets or trailing dot; ``port`` is explicit."""

    scheme: str
    host: str
    port: int
    path: str
    query: str

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.port == DEFAULT_PORTS[self.scheme]:
            return host
        return f"{host}:{self.port}"


def split_url(url: str) -> UrlParts:
    """Validate and split ``url``; raise :class:`UrlRefused` with a human reason."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError as e:  # e.g. an unbalanced '[' in the host
        raise UrlRefused(f"malformed URL: {e}") from e
    scheme = parts.scheme.lower()
    if not scheme:
        raise UrlRefused("URL has no scheme (expected http:// or https://)")
    if scheme not in ALLOWED_SCHEMES:
        raise UrlRefused(f"scheme {scheme!r} is not allowed")
    if parts.username is not None or parts.password is not None:
        # "https://trusted.example@evil.example/" reads like the wrong host.
        raise UrlRefused("URLs with user names or passwords are not allowed")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as e:
        raise UrlRefused(f"invalid port: {e}") from e
    return UrlParts(
        scheme=scheme,
        host=canonical_host(parts.hostname or ""),
        port=port,
        path=quote(parts.path, safe=_PATH_SAFE) or "/",
        query=quote(parts.query, safe=_QUERY_SAFE),
    )


def canonical_host(host: str) -> str:
    """Lower-case ASCII host: IP literals in canonical form, names IDNA-encoded."""
    host = host.strip().rstrip(".")
    if not host:
        raise UrlRefused("URL has no host")
    ip = parse_ip(host)
    if ip is not None:
        return str(ip)
    if ":" in host or "%" in host:
        raise UrlRefused(f"invalid host {host!r}")
    try:
        # UTS #46 mapping lower-cases and folds full-width characters first.
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as e:
        # Names with '_' or other non-LDH labels are not valid IDNA but do exist in
        # DNS; accept plain ASCII ones as they are.
        if host.isascii() and re.fullmatch(r"[A-Za-z0-9_.-]+", host):
            return host.lower()
        raise UrlRefused(f"invalid host name {host!r}: {e}") from e


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """Return the canonical spelling of an http(s) URL.

    Lower-cases scheme and host, IDNA-encodes the host, drops the default port, the
    fragment and tracking parameters (``utm_*``, ``fbclid``, ``gclid``, ...). Other
    query parameters keep their order and their exact encoding. An empty path
    becomes ``/``. Raises :class:`UrlRefused` for non-http(s) schemes, credentials
    in the URL, and malformed hosts or ports.
    """
    p = split_url(url)
    kept = [
        pair
        for pair in p.query.split("&")
        if pair and not is_tracking_param(unquote_plus(pair.split("=", 1)[0]))
    ]
    return urlunsplit((p.scheme, p.netloc, p.path, "&".join(kept), ""))
