"""IP address parsing and the table of address ranges we never fetch from.

Kept apart from ``guard`` because ``urls`` needs the same numeric-host parser to
canonicalise hosts such as ``0x7f000001`` without pulling in resolution.

The table is explicit instead of relying on ``ipaddress``' ``is_private``/``is_global``
alone: those flags changed between CPython patch releases (gh-113171), and we want the
guard to behave the same on every interpreter. ``is_global`` is still used as a final
backstop for anything the table misses.
"""

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud instance metadata endpoints: never fetched, not even when allow-listed.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean, ...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "100.100.100.200",  # Alibaba Cloud
    )
)

# (network, reason); first match wins, so specific entries come first.
_BLOCKED = [
    (ipaddress.ip_network(net), reason)
    for net, reason in (
        ("0.0.0.0/8", "an unspecified ('this network') address"),
        ("10.0.0.0/8", "a private address"),
        ("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
        ("127.0.0.0/8", "a loopback address"),
        ("169.254.0.0/16", "a link-local address"),
        ("172.16.0.0/12", "a private address"),
        ("192.0.0.0/24", "a reserved (IETF protocol) address"),
        ("192.0.2.0/24", "a reserved (documentation) address"),
        ("192.88.99.0/24", "a reserved (6to4 relay) address"),
        ("192.168.0.0/16", "a private address"),
        ("198.18.0.0/15", "a reserved (benchmarking) address"),
        ("198.51.100.0/24", "a reserved (documentation) address"),
        ("203.0.113.0/24", "a reserved (documentation) address"),
        ("224.0.0.0/4", "a multicast address"),
        ("240.0.0.0/4", "a reserved address"),
        ("::/128", "an unspecified address"),
        ("::1/128", "a loopback address"),
        ("64:ff9b:1::/48", "a reserved (local NAT64) address"),
        ("100::/64", "a reserved (discard) address"),
        ("2001:db8::/32", "a reserved (documentation) address"),
        ("2001::/23", "a reserved (IETF protocol) address"),
        ("3fff::/20", "a reserved (documentation) address"),
        ("5f00::/16", "a reserved (segment routing) address"),
        ("fc00::/7", "a private (unique local) address"),
        ("fe80::/10", "a link-local address"),
        ("fec0::/10", "a private (site-local) address"),
        ("ff00::/8", "a multicast address"),
    )
]
_GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)$")


def parse_inet_aton(text: str) -> ipaddress.IPv4Address | None:
    """Parse an IPv4 address the way C ``inet_aton`` does, or return None.

    glibc's resolver (and so urllib3 and every ``getaddrinfo`` caller) accepts 1-4
    dot-separated parts, each decimal, octal (leading 0) or hex (0x), the last part
    filling the remaining bytes: ``127.1``, ``0x7f000001``, ``2130706433`` and
    ``017700000001`` are all 127.0.0.1. Recognising them here means the guard never
    has to trust the OS to interpret a numeric host the same way we do.
    """
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or not all(_PART.match(p) for p in parts):
        return None
    values = []
    for p in parts:
        if p[:2] in ("0x", "0X"):
            values.append(int(p[2:] or "0", 16))  # inet_aton takes a bare "0x" as 0
        elif p.startswith("0"):
            values.append(int(p, 8))
        else:
            values.append(int(p))
    *head, last = values
    if any(v > 0xFF for v in head) or last >= 1 << (8 * (4 - len(head))):
        return None
    number = last
    for i, v in enumerate(head):
        number |= v << (24 - 8 * i)
    return ipaddress.IPv4Address(number)


def parse_ip(host: str) -> IPAddress | None:
    """Return the address a literal host denotes (``[::1]``, ``::1``, any inet_aton
    form, IPv6 zone ids stripped), or None when the host is a name."""
    host = host.strip().rstrip(".")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    return parse_inet_aton(host)


def embedded_ipv4(ip: IPAddress) -> tuple[ipaddress.IPv4Address, str] | None:
    """The IPv4 address an IPv6 address actually routes to, with how it is embedded."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "IPv4-mapped"
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64"
    if ip.sixtofour is not None:
        return ip.sixtofour, "6to4"
    if ip.teredo is not None:
        # A Teredo address names a server and a client; both are reached. Check the
        # worse one by returning whichever is blocked, else the client.
        server, client = ip.teredo
        return (server if blocked_reason(server) else client), "Teredo"
    return None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` must not be fetched from ("a private address"), or None if public."""
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    embedded = embedded_ipv4(ip)
    if embedded is not None:
        inner, how = embedded
        reason = blocked_reason(inner)
        return f"{reason} ({how} {inner})" if reason else None
    for net, reason in _BLOCKED:
        if ip.version == net.version and ip in net:
            return reason
    if ip.version == 6 and ip not in _GLOBAL_UNICAST_V6:
        return "a reserved address"
    if not ip.is_global:
        return "a non-global address"
    return None
