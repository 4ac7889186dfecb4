"""Posting a webhook: the same address guard and pinned transport as fetching.

One POST, no redirects followed (a redirect is the receiver's misconfiguration, and
following it would let a public URL bounce us to a private one), a total deadline, and
nothing of the response read but its status line.
"""

from dataclasses import dataclass

import requests
import urllib3.exceptions

from sources import guard
from sources.errors import FetchConnectionError, FetchTimeout, SourceError
from sources.transport import Deadline, PinnedAdapter

USER_AGENT = "claimdesk-webhooks/1.0"


@dataclass(frozen=True)
class PostPolicy:
    allow_hosts: tuple[str, ...] = ()
    allowed_ports: tuple[int, ...] = guard.DEFAULT_PORTS
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 15.0


def check(url: str, policy: PostPolicy = PostPolicy()) -> None:
    """Raise UrlRefused or Unresolvable unless ``url`` may receive webhooks."""
    guard.check_url(url, allow_hosts=policy.allow_hosts, allowed_ports=policy.allowed_ports)


def post(url: str, body: bytes, headers: dict, policy: PostPolicy = PostPolicy()) -> int:
    """POST ``body`` to ``url``; return the status code, or raise a SourceError
    (UrlRefused, Unresolvable, FetchTimeout, FetchConnectionError)."""
    target = guard.check_url(url, allow_hosts=policy.allow_hosts,
                             allowed_ports=policy.allowed_ports)
    adapter = PinnedAdapter()
    with requests.Session() as session, Deadline(policy.total_timeout) as deadline:
        session.trust_env = False
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        p = target.parts
        last_error: Exception | None = None
        for address in target.addresses:
            adapter.pin(p.scheme, p.host, p.port, address)
            try:
                with session.post(url, data=body, stream=True, allow_redirects=False,
                                  headers={"User-Agent": USER_AGENT, **headers},
                                  timeout=(policy.connect_timeout, policy.read_timeout)) as r:
                    return r.status_code
            except SourceError:
                raise
            except requests.ConnectionError as e:
                if deadline.passed():
                    raise FetchTimeout("gave up after %g s" % policy.total_timeout) from e
                last_error = e  # try the next checked address
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as e:
                if deadline.passed() or isinstance(e, requests.Timeout):
                    raise FetchTimeout("the receiver did not answer in time") from e
                raise FetchConnectionError("request failed: %s" % e) from e
        raise FetchConnectionError("connection failed: %s" % last_error)
