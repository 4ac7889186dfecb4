"""Web archive copies of snapshots (Internet Archive), requested after the snapshot is
stored and run as their own task, so neither the API nor the fetch waits for archive.org.

With IA credentials a Save Page Now 2 capture is requested and polled with backoff;
without, the closest existing Wayback snapshot is looked up. Pages the guard would refuse
without the allowlist (intranet hosts) are never sent to archive.org.
"""
import logging

from sources import archive, guard
from sources.errors import Unresolvable, UrlRefused

from ..models import Snapshot
from ..store.db import database
from .settings import current

log = logging.getLogger("claimdesk.sources")
ALL_PORTS = range(1, 65536)


def archive_snapshot(snapshot_id, settings=None):
    """Ask the archive for a copy of the snapshot's page and record the answer."""
    settings = settings or current()
    snapshot = Snapshot.get_or_none(Snapshot.id == snapshot_id)
    if snapshot is None:
        return None
    try:
        # Addresses only, without the allowlist: what only the allowlist lets us fetch is
        # an intranet page. Any port: the archive's own policy decides about ports.
        guard.check_url(snapshot.final_url, allowed_ports=ALL_PORTS,
                        resolver=settings.policy.resolver)
    except Unresolvable:
        pass  # the archive may still reach it; let it try
    except UrlRefused as error:
        return _record(snapshot_id, None, None, "not archived: a private page (%s)" % error.reason)
    result = archive.archive(snapshot.final_url, credentials=settings.ia_credentials,
                             sleep=settings.archive_sleep, max_polls=settings.archive_max_polls)
    if result.error:
        log.info("snapshot %s: not archived (%s)", snapshot_id, result.error)
    return _record(snapshot_id, result.archive_url, result.archived_at, result.error)


def _record(snapshot_id, archive_url, archived_at, error):
    with database.atomic():
        Snapshot.update(archive_url=archive_url, archived_at=archived_at,
                        archive_error=error).where(Snapshot.id == snapshot_id).execute()
    return Snapshot.get_by_id(snapshot_id)
