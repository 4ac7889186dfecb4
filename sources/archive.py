"""Internet Archive: Save Page Now 2 captures, or the closest existing snapshot.

archive.org is a fixed, trusted endpoint, so this module talks to it with a plain
requests session (no address guard). Nothing here raises for archive-side trouble:
every outcome is an :class:`ArchiveResult`, with ``error`` set when there is no
snapshot, because a missing archive copy must never fail the source itself.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import requests

SAVE_URL = "https://web.archive.org/save"
STATUS_URL = "https://web.archive.org/save/status/{job_id}"
AVAILABLE_URL = "https://archive.org/wayback/available"
SNAPSHOT_URL = "https://web.archive.org/web/{timestamp}/{url}"
TIMEOUT = (5, 30)


@dataclass(frozen=True)
class IACredentials:
    """An archive.org S3-style key pair (https://archive.org/account/s3.php)."""

    access_key: str
    secret_key: str

    def __repr__(self) -> str:  # keep the secret out of logs and tracebacks
        return f"IACredentials(access_key={self.access_key!r}, secret_key='***')"


@dataclass(frozen=True)
class ArchiveResult:
    """Where a snapshot lives. ``method`` is "spn2" (we asked for a capture) or
    "availability" (closest existing snapshot). On failure ``archive_url`` is None
    and ``error`` says why; ``job_id`` is kept so a pending capture can be polled
    again later with :func:`poll_capture`."""

    archive_url: str | None
    archived_at: datetime | None
    method: str
    error: str | None = None
    job_id: str | None = None


def archive(
    url: str,
    *,
    credentials: IACredentials | None = None,
    session: requests.Session | None = None,
    sleep: Callable[[float], None] = time.sleep,
    max_polls: int = 8,
) -> ArchiveResult:
    """Capture ``url`` with SPN2 when credentials are given, else look up the
    closest existing snapshot. Blocks while polling (run it in a worker)."""
    if session is None:
        with requests.Session() as own:
            return archive(url, credentials=credentials, session=own, sleep=sleep, max_polls=max_polls)
    if credentials is None:
        return lookup_snapshot(url, session=session)
    started = request_capture(url, credentials, session=session)
    if started.error or started.job_id is None:
        return started
    return poll_capture(started.job_id, credentials, session=session, sleep=sleep, max_polls=max_polls)


def request_capture(url: str, credentials: IACredentials, *, session: requests.Session) -> ArchiveResult:
    """Ask SPN2 to capture ``url``; the result carries the ``job_id`` to poll."""
    try:
        data = _request(session, "POST", SAVE_URL, data={"url": url}, headers=_auth(credentials))
    except _Failure as e:
        return ArchiveResult(None, None, "spn2", error=f"capture request failed: {e}")
    if data.get("status") == "error" or not data.get("job_id"):
        return ArchiveResult(None, None, "spn2", error=_spn_error(data))
    return ArchiveResult(None, None, "spn2", job_id=str(data["job_id"]))


def poll_capture(
    job_id: str,
    credentials: IACredentials,
    *,
    session: requests.Session,
    sleep: Callable[[float], None] = time.sleep,
    max_polls: int = 8,
    first_delay: float = 2.0,
    max_delay: float = 30.0,
) -> ArchiveResult:
    """Poll an SPN2 job with exponential backoff (2, 4, 8, ... capped at 30 s) until
    it succeeds, fails, or ``max_polls`` polls have been made."""
    delay = first_delay
    for _ in range(max_polls):
        sleep(delay)
        delay = min(delay * 2, max_delay)
        try:
            data = _request(session, "GET", STATUS_URL.format(job_id=job_id), headers=_auth(credentials))
        except _Failure as e:
            return ArchiveResult(None, None, "spn2", error=f"status request failed: {e}", job_id=job_id)
        status = data.get("status")
        if status == "success" and data.get("timestamp") and data.get("original_url"):
            return _snapshot(data["timestamp"], data["original_url"], "spn2", job_id=job_id)
        if status != "pending":
            return ArchiveResult(None, None, "spn2", error=_spn_error(data), job_id=job_id)
    pending = f"capture still pending after {max_polls} polls"
    return ArchiveResult(None, None, "spn2", error=pending, job_id=job_id)


def lookup_snapshot(url: str, *, session: requests.Session) -> ArchiveResult:
    """The closest existing Wayback snapshot of ``url`` (no credentials needed)."""
    try:
        data = _request(session, "GET", AVAILABLE_URL, params={"url": url})
    except _Failure as e:
        return ArchiveResult(None, None, "availability", error=f"availability lookup failed: {e}")
    closest = (data.get("archived_snapshots") or {}).get("closest") or {}
    if not closest.get("available") or not closest.get("timestamp"):
        return ArchiveResult(None, None, "availability", error="no snapshot in the Wayback Machine")
    if not str(closest.get("status", "200")).startswith(("2", "3")):
        return ArchiveResult(None, None, "availability",
                             error=f"the closest snapshot recorded HTTP {closest['status']}")
    # Build the address ourselves: the API answers with http:// snapshot links.
    return _snapshot(closest["timestamp"], url, "availability")


class _Failure(Exception):
    pass


def _request(session: requests.Session, method: str, url: str, **kwargs) -> dict:
    """One call to archive.org, decoded; any failure becomes a _Failure."""
    try:
        with session.request(method, url, timeout=TIMEOUT, **kwargs) as response:
            if response.status_code == 429:
                raise _Failure("rate limited by archive.org (429)")
            try:
                data = response.json()
            except ValueError:
                raise _Failure(f"archive.org answered {response.status_code} without JSON") from None
    except requests.RequestException as e:
        raise _Failure(str(e)) from e
    if not isinstance(data, dict):
        raise _Failure("unexpected answer from archive.org")
    if response.status_code >= 400 and data.get("status") != "error":
        raise _Failure(f"archive.org answered {response.status_code}")
    return data


def _auth(credentials: IACredentials) -> dict[str, str]:
    return {
        "Authorization": f"LOW {credentials.access_key}:{credentials.secret_key}",
        "Accept": "application/json",
    }


def _spn_error(data: dict) -> str:
    ext, message = data.get("status_ext"), data.get("message")
    if ext and message:
        return f"{message} ({ext})"
    return message or ext or "unexpected answer from Save Page Now"


def _snapshot(timestamp: str, url: str, method: str, job_id: str | None = None) -> ArchiveResult:
    try:
        archived_at = datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return ArchiveResult(None, None, method, error=f"bad snapshot timestamp {timestamp!r}", job_id=job_id)
    archive_url = SNAPSHOT_URL.format(timestamp=timestamp, url=url)
    return ArchiveResult(archive_url, archived_at, method, job_id=job_id)
