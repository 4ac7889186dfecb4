"""The values the sourcing work needs, handed over by the app factory.

The worker builds the app too (``claimdesk worker``), so the web process and the worker
configure this the same way; tasks read ``current()`` instead of any environment.
"""
import datetime
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sources.archive import IACredentials
from sources.fetch import FetchPolicy
from sources.guard import Allowlist
from sources.urls import canonical_host


@dataclass(frozen=True)
class SourcingSettings:
    policy: FetchPolicy = FetchPolicy()
    ia_credentials: IACredentials | None = None
    # {domain: owner}: several domains of one owner count as one independent source.
    owner_map: Mapping[str, str] = field(default_factory=dict)
    check_interval: datetime.timedelta = datetime.timedelta(days=7)
    # Transient failures (timeouts, resets, 5xx, 429, DNS) are retried this many times in
    # all, waiting retry_delay * 4**n seconds: 30 s, 2 min, 8 min by default.
    max_attempts: int = 4
    retry_delay: float = 30.0
    # SPN2 status polling: how many polls, and how to wait between them (tests pass a no-op).
    archive_max_polls: int = 8
    archive_sleep: Callable[[float], None] = time.sleep

    @property
    def allowlist(self):
        return Allowlist.parse(self.policy.allow_hosts)

    @classmethod
    def from_config(cls, config):
        """Build from the app's config keys (see api/config.py)."""
        credentials = None
        if config.get("IA_ACCESS_KEY") and config.get("IA_SECRET_KEY"):
            credentials = IACredentials(config["IA_ACCESS_KEY"], config["IA_SECRET_KEY"])
        policy = FetchPolicy(
            allow_hosts=tuple(config.get("FETCH_ALLOW_HOSTS") or ()),
            connect_timeout=config.get("FETCH_CONNECT_TIMEOUT", 5.0),
            read_timeout=config.get("FETCH_READ_TIMEOUT", 15.0),
            total_timeout=config.get("FETCH_TOTAL_TIMEOUT", 30.0),
            max_bytes=config.get("FETCH_MAX_BYTES", 5 * 1024 * 1024),
        )
        owners = {canonical_host(domain): owner
                  for domain, owner in (config.get("OWNER_MAP") or {}).items()}
        return cls(policy=policy, ia_credentials=credentials, owner_map=owners,
                   check_interval=datetime.timedelta(days=config.get("LINK_CHECK_DAYS", 7.0)))


_current = SourcingSettings()


def configure(settings):
    global _current
    _current = settings
    return settings


def current():
    return _current
