"""Evidence excerpt checks against a source's latest snapshot text.

``excerpt_verified`` is None only while the source has no snapshot; once one exists the
excerpt is either found (True, with offsets into ``Snapshot.text``) or not (False). An
excerpt that cannot be found is shown as unverified, never refused.
"""
from sources.excerpts import find_excerpt

from ..models import Evidence, Snapshot, Source
from ..store.db import is_sqlite


def lock_source(source_id):
    """The source row, locked for this transaction on PostgreSQL (SQLite's BEGIN
    IMMEDIATE already serialises writers). Adding evidence and storing a snapshot both
    take it, so whichever commits second sees the other's row: an excerpt is never left
    unchecked because its evidence and the snapshot arrived at the same moment."""
    query = Source.select().where(Source.id == source_id)
    return (query if is_sqlite() else query.for_update()).first()


def latest_snapshot(source_id):
    return (Snapshot.select().where(Snapshot.source == source_id)
            .order_by(Snapshot.id.desc()).first())


def locate(excerpt, snapshot):
    """``(verified, start, end)`` for ``excerpt`` in ``snapshot``'s text."""
    if snapshot is None:
        return None, None, None
    found = find_excerpt(excerpt, snapshot.text) if snapshot.text else None
    if found is None:
        return False, None, None
    return True, found[0], found[1]


def check_evidence(item, snapshot):
    """Set and save the excerpt check of one evidence row (caller's transaction)."""
    if not item.excerpt:
        return item
    item.excerpt_verified, item.excerpt_start, item.excerpt_end = locate(item.excerpt, snapshot)
    Evidence.update(excerpt_verified=item.excerpt_verified, excerpt_start=item.excerpt_start,
                    excerpt_end=item.excerpt_end).where(Evidence.id == item.id).execute()
    return item


def recheck_source(source_id, snapshot):
    """Re-run the check of every live evidence excerpt citing the source; returns the count."""
    rows = Evidence.select().where((Evidence.source == source_id)
                                   & Evidence.removed_at.is_null()
                                   & Evidence.excerpt.is_null(False))
    count = 0
    for item in rows:
        check_evidence(item, snapshot)
        count += 1
    return count
