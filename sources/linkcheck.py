"""Classify a re-fetch of a source against its last snapshot (pure, no I/O)."""

from dataclasses import dataclass

from sources.errors import HttpError, SourceError, UrlRefused
from sources.fetch import FetchResult
from sources.urls import normalize_url

# In order of precedence when several apply (a moved page usually changed too).
LINK_STATES = ("gone", "unreachable", "moved", "changed", "alive")
GONE_STATUSES = (404, 410)


@dataclass(frozen=True)
class LinkCheck:
    """The verdict on one re-fetch. ``reason`` is for people; ``final_url``,
    ``status`` and ``sha256`` describe the new fetch when there was a response."""

    state: str
    reason: str
    final_url: str | None = None
    status: int | None = None
    sha256: str | None = None


def classify_recheck(
    outcome: FetchResult | SourceError, *, last_final_url: str, last_sha256: str
) -> LinkCheck:
    """Compare a re-fetch (the FetchResult, or the error ``fetch`` raised) with the
    last snapshot's final URL and body hash.

    gone: 404 or 410. unreachable: any other failure (timeouts, DNS, refusals,
    5xx, 403...), which may be temporary. moved: the final URL differs after
    normalisation (tracking parameters and fragments do not count). changed: same
    URL, different body hash. alive: same URL, same body.
    """
    if isinstance(outcome, HttpError):
        state = "gone" if outcome.status in GONE_STATUSES else "unreachable"
        return LinkCheck(state, outcome.reason, status=outcome.status)
    if isinstance(outcome, SourceError):
        return LinkCheck("unreachable", outcome.reason)
    seen = dict(final_url=outcome.final_url, status=outcome.status, sha256=outcome.sha256)
    if _same_url(outcome.final_url, last_final_url):
        if outcome.sha256 == last_sha256:
            return LinkCheck("alive", "unchanged since the last snapshot", **seen)
        return LinkCheck("changed", "the page content differs from the last snapshot", **seen)
    return LinkCheck("moved", f"now ends at {outcome.final_url}", **seen)


def _same_url(a: str, b: str) -> bool:
    try:
        return normalize_url(a) == normalize_url(b)
    except UrlRefused:
        return a == b
