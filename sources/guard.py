"""SSRF address guard: decide whether a URL may be fetched, and from which address.

The guard resolves the host itself and returns the checked addresses; the fetcher
then connects to one of exactly those addresses (see ``sources.fetch``), so a DNS
answer that changes between check and connect (DNS rebinding) cannot slip through.
"""

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sources.addresses import METADATA_ADDRESSES, IPAddress, blocked_reason, parse_ip
from sources.errors import Unresolvable, UrlRefused
from sources.urls import UrlParts, split_url

DEFAULT_PORTS = (80, 443)

Resolver = Callable[[str], Sequence[str]]


def system_resolver(host: str) -> list[str]:
    """All A and AAAA addresses of ``host`` via the OS resolver, in its order."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise Unresolvable(f"host {host!r} does not resolve ({e})") from e
    seen: dict[str, None] = {}
    for family, _, _, _, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6):
            seen.setdefault(str(sockaddr[0]).split("%", 1)[0])
    return list(seen)


# Tests patch this name (``monkeypatch.setattr(guard, "resolve", fake)``); callers can
# also pass ``resolver=`` explicitly.
resolve: Resolver = system_resolver


@dataclass(frozen=True)
class Allowlist:
    """Hosts the operator trusts although they are private (e.g. an intranet wiki).

    Built from entries that are host names (exact match after IDNA/lower-casing),
    IP addresses, or CIDR ranges. Allowed hosts may use any port. Cloud metadata
    addresses stay refused whatever the list says.
    """

    names: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> "Allowlist":
        names, networks = set(), []
        for entry in entries:
            entry = entry.strip()
            if not entry:
                continue
            ip = parse_ip(entry)
            if ip is not None:
                networks.append(ipaddress.ip_network(ip))
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                names.add(entry.lower().rstrip("."))
        return cls(frozenset(names), tuple(networks))

    def covers(self, ip: IPAddress) -> bool:
        return any(ip.version == n.version and ip in n for n in self.networks)


@dataclass(frozen=True)
class CheckedTarget:
    """A URL that passed the guard, with the addresses it may be fetched from."""

    parts: UrlParts
    addresses: tuple[str, ...]


def check_url(
    url: str,
    *,
    allow_hosts: "Allowlist | Iterable[str]" = (),
    allowed_ports: Iterable[int] = DEFAULT_PORTS,
    resolver: Resolver | None = None,
) -> CheckedTarget:
    """Check ``url`` and return the addresses it resolves to, all of them checked.

    Raises :class:`UrlRefused` ("scheme 'file' is not allowed", "port 8080 is not
    allowed", "localhost resolves to a loopback address", ...) or
    :class:`Unresolvable` when the name has no address.
    """
    allow = allow_hosts if isinstance(allow_hosts, Allowlist) else Allowlist.parse(allow_hosts)
    parts = split_url(url)
    name_allowed = parts.host in allow.names
    port_ok = name_allowed or parts.port in set(allowed_ports)
    if not port_ok and not allow.networks:
        # Without address ranges in the allowlist, no resolution can make it OK.
        raise UrlRefused(f"port {parts.port} is not allowed")

    literal = parse_ip(parts.host)
    if not name_allowed and (parts.host == "localhost" or parts.host.endswith(".localhost")):
        # RFC 6761: always loopback, whatever a resolver might answer.
        raise UrlRefused(f"{parts.host} is a loopback name")
    if literal is not None:
        addresses = [literal]
    else:
        try:
            found = (resolver or resolve)(parts.host)
        except Unresolvable:
            raise
        except OSError as e:
            raise Unresolvable(f"host {parts.host!r} does not resolve ({e})") from e
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
        if not addresses:
            raise Unresolvable(f"host {parts.host!r} has no address")

    for ip in addresses:
        if ip in METADATA_ADDRESSES:
            raise UrlRefused(_refusal(parts.host, literal, ip, "a cloud metadata address"))
        if name_allowed or allow.covers(ip):
            continue
        reason = blocked_reason(ip)
        if reason:
            raise UrlRefused(_refusal(parts.host, literal, ip, reason))
        if not port_ok:
            raise UrlRefused(f"port {parts.port} is not allowed")
    return CheckedTarget(parts, tuple(str(ip) for ip in addresses))


def _refusal(host: str, literal: IPAddress | None, ip: IPAddress, reason: str) -> str:
    if literal is not None:
        return f"{host} is {reason}"
    return f"{host} resolves to {reason} ({ip})"
