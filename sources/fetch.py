"""Safe fetching of outside pages: guard every hop, pin the address, cap size and time."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlunsplit

import requests
import urllib3.exceptions

from sources import guard
from sources.errors import (
    BadContentType,
    FetchConnectionError,
    FetchTimeout,
    HttpError,
    SourceError,
    TooLarge,
    TooManyRedirects,
)
from sources.transport import Deadline, PinnedAdapter

DEFAULT_USER_AGENT = "claimdesk/0.1 (+https://github.com/claimdesk; newsroom claim verification)"
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/json",
    "application/pdf",
)
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-length")
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchPolicy:
    """How far the fetcher may go. Values, not environment: the app's config module
    builds one from the CLAIMDESK_FETCH_* settings.

    ``total_timeout`` bounds the whole fetch including redirects, so a server that
    drips bytes slowly enough to never trip ``read_timeout`` still fails.
    ``verify`` is passed to requests: True, or a CA bundle path for private CAs of
    allow-listed intranet hosts.
    """

    allow_hosts: tuple[str, ...] = ()
    allowed_ports: tuple[int, ...] = guard.DEFAULT_PORTS
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 3
    user_agent: str = DEFAULT_USER_AGENT
    accepted_types: tuple[str, ...] = ACCEPTED_TYPES
    verify: bool | str = True
    resolver: guard.Resolver | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Hop:
    """One redirect response on the way to the final URL."""

    url: str
    status: int


@dataclass(frozen=True)
class FetchResult:
    """A fetched page. ``headers`` holds only KEPT_HEADERS (lower-case names) that
    were present; ``body`` is the decoded (gunzipped) payload that ``sha256`` hashes;
    ``redirects`` lists the hops before ``final_url``, in order."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    fetched_at: datetime
    body: bytes
    sha256: str
    redirects: tuple[Hop, ...] = ()

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' if none was sent)."""
        return media_type(self.headers.get("content-type", ""))


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def fetch(url: str, *, policy: FetchPolicy = FetchPolicy()) -> FetchResult:
    """Fetch ``url`` under ``policy`` and return the final response.

    Redirects are followed here, not by requests, so every hop goes through the
    address guard again and is pinned to the address that was checked. Raises a
    :class:`~sources.errors.SourceError` subclass: UrlRefused, Unresolvable,
    FetchTimeout, TooLarge, BadContentType, HttpError, TooManyRedirects or
    FetchConnectionError, each with a human ``reason``.
    """
    adapter = PinnedAdapter()
    with requests.Session() as session, Deadline(policy.total_timeout) as deadline:
        # No proxies, .netrc or CA bundle from the environment: the policy decides.
        session.trust_env = False
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.update({"User-Agent": policy.user_agent, "Accept": _accept(policy.accepted_types)})
        try:
            return _fetch(session, adapter, url, policy, deadline)
        except SourceError:
            raise
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as e:
            if deadline.passed():
                raise FetchTimeout(f"gave up after {deadline.seconds:g} s") from e
            raise _translate(e) from e


def _fetch(session, adapter, url, policy, deadline) -> FetchResult:
    hops: list[Hop] = []
    current = url
    while True:
        target = guard.check_url(
            current,
            allow_hosts=policy.allow_hosts,
            allowed_ports=policy.allowed_ports,
            resolver=policy.resolver,
        )
        p = target.parts
        current = urlunsplit((p.scheme, p.netloc, p.path, p.query, ""))
        response = _get_any(session, adapter, current, target, policy, deadline)
        with response:
            # When the deadline fires mid-headers, http.client takes the shutdown for
            # the end of the headers and returns a plausible response: never trust it.
            _check(deadline)
            location = session.get_redirect_target(response)
            if response.status_code in _REDIRECT_STATUSES and location:
                hops.append(Hop(current, response.status_code))
                if len(hops) > policy.max_redirects:
                    raise TooManyRedirects(f"more than {policy.max_redirects} redirects")
                current = urljoin(current, location)
                continue
            return _read_final(url, current, response, hops, policy, deadline)


def _get_any(session, adapter, url, target, policy, deadline) -> requests.Response:
    """GET ``url`` from the first checked address that accepts a connection.

    Only connection failures move on to the next address (an unroutable IPv6
    address listed first is common); any answer from a server is final.
    """
    p = target.parts
    for i, address in enumerate(target.addresses):
        adapter.pin(p.scheme, p.host, p.port, address)
        remaining = deadline.remaining()
        try:
            return session.get(
                url,
                stream=True,
                allow_redirects=False,
                verify=policy.verify,
                timeout=(min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining)),
            )
        except (requests.ConnectTimeout, requests.ConnectionError) as e:
            last = i == len(target.addresses) - 1
            if last or deadline.passed() or not _connect_failed(e):
                raise
    raise AssertionError("unreachable: the guard returns at least one address")


def _connect_failed(e: requests.RequestException) -> bool:
    reason = getattr(e.args[0] if e.args else None, "reason", None)
    return isinstance(e, requests.ConnectTimeout) or isinstance(
        reason, urllib3.exceptions.NewConnectionError
    )


def _read_final(url, final_url, response, hops, policy, deadline) -> FetchResult:
    status = response.status_code
    if status >= 300:
        raise HttpError(f"the server answered {status} {response.reason or ''}".strip(), status)
    headers = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
    kind = media_type(headers.get("content-type", ""))
    if kind not in policy.accepted_types:
        raise BadContentType(f"content type {kind or '(none)'!r} is not accepted")
    announced = headers.get("content-length", "")
    if announced.isdigit() and int(announced) > policy.max_bytes:
        raise TooLarge(f"the page announces {int(announced)} bytes, over the {policy.max_bytes} limit")
    body = _read_capped(response, policy.max_bytes, deadline)
    return FetchResult(
        url=url,
        final_url=final_url,
        status=status,
        headers=headers,
        fetched_at=datetime.now(UTC),
        body=body,
        sha256=hashlib.sha256(body).hexdigest(),
        redirects=tuple(hops),
    )


def _read_capped(response, max_bytes: int, deadline: Deadline) -> bytes:
    """Read the decoded body, never holding more than ``max_bytes`` (+ one chunk).

    read1() returns whatever one socket read produced, so the deadline is looked at
    between every few bytes of a drip feed, not after a full chunk has arrived.
    """
    chunks, size = [], 0
    while True:
        _check(deadline)
        chunk = response.raw.read1(_CHUNK, decode_content=True)
        if not chunk:
            _check(deadline)  # a shutdown looks like the end of a close-delimited body
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"the page is larger than the {max_bytes} byte limit")
        chunks.append(chunk)


def _check(deadline: Deadline) -> None:
    if deadline.passed():
        raise FetchTimeout(f"gave up after {deadline.seconds:g} s")


def _accept(types: Iterable[str]) -> str:
    return ", ".join(types) + ", */*;q=0.1"


def _translate(e: Exception) -> SourceError:
    if isinstance(e, (requests.Timeout, urllib3.exceptions.TimeoutError, TimeoutError)):
        return FetchTimeout(f"the server did not answer in time ({_short(e)})")
    if isinstance(e, requests.exceptions.SSLError):
        return FetchConnectionError(f"TLS failure: {_short(e)}")
    return FetchConnectionError(f"connection failed: {_short(e)}")


def _short(e: Exception) -> str:
    # urllib3 nests the useful part several reprs deep; the innermost cause reads best.
    for _ in range(10):
        inner = e.__cause__ or (e.args[0] if e.args and isinstance(e.args[0], Exception) else None)
        if inner is None:
            break
        e = inner
    return str(e) or type(e).__name__
