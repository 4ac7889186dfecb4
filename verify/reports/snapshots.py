"""Archive and link-health fields of each evidence item's source, read in one query each
per chunk of evidence (never per item).

- the archived copy a reader can open: the source's newest snapshot that an archive holds,
  else its newest snapshot; ``fetched_at`` and ``content_sha256`` are that snapshot's, so
  the hash describes the copy linked;
- ``link_checked_at``: the newest link check;
- ``changed_since_cited``: ``{cited_at, detected_at}`` when a link check found the page
  changed after the evidence was added.
Until a source has been fetched these are null and ``fetch_status`` says why.
"""
from peewee import Case, fn

from ..models import LinkCheck, Snapshot
from ..store.db import iso_z

# What a source shows before any snapshot exists.
NOT_FETCHED = {
    "archive_url": None,
    "fetched_at": None,
    "content_sha256": None,
    "link_checked_at": None,
    "changed_since_cited": None,
}


def copies_query(sources):
    """The newest snapshot and the newest archived snapshot of each source in the
    ``sources`` subquery. The text column (the page's words) is never read here."""
    newest = (Snapshot.select(fn.MAX(Snapshot.id)).where(Snapshot.source.in_(sources))
              .group_by(Snapshot.source))
    archived = (Snapshot.select(fn.MAX(Snapshot.id))
                .where(Snapshot.source.in_(sources) & Snapshot.archive_url.is_null(False))
                .group_by(Snapshot.source))
    return (Snapshot.select(Snapshot.id, Snapshot.source, Snapshot.fetched_at, Snapshot.sha256,
                            Snapshot.archive_url)
            .where(Snapshot.id.in_(newest) | Snapshot.id.in_(archived))
            .order_by(Snapshot.id))


def checks_query(sources):
    """Per source in ``sources``: when it was last checked, and last found changed."""
    changed_at = Case(None, [(LinkCheck.status == "changed", LinkCheck.checked_at)], None)
    return (LinkCheck.select(LinkCheck.source,
                             fn.MAX(LinkCheck.checked_at).alias("last_check"),
                             fn.MAX(changed_at).alias("last_change"))
            .where(LinkCheck.source.in_(sources)).group_by(LinkCheck.source))


def for_evidence(evidence, copy_rows, check_rows):
    """``{evidence id: archive fields}`` from the rows of the two queries above, for
    ``evidence`` given as ``(evidence id, source id, cited at)``; evidence whose source
    has neither a snapshot nor a link check is left out (``NOT_FETCHED``)."""
    copies = {}
    for row in copy_rows:
        _, source_id, _, _, archive_url = row
        held = copies.get(source_id)
        if held is None or archive_url or not held[4]:
            copies[source_id] = row
    checks = {source_id: (iso_z(last), iso_z(changed)) for source_id, last, changed in check_rows}
    found = {}
    for evidence_id, source_id, cited_at in evidence:
        copy = copies.get(source_id)
        last, changed = checks.get(source_id, (None, None))
        if copy is None and last is None:
            continue  # NOT_FETCHED
        cited = iso_z(cited_at)
        found[evidence_id] = {
            "archive_url": copy[4] if copy else None,
            "fetched_at": iso_z(copy[2]) if copy else None,
            "content_sha256": copy[3] if copy else None,
            "link_checked_at": last,
            # ISO texts of one format compare in time order.
            "changed_since_cited": {"cited_at": cited, "detected_at": changed}
            if changed and changed > cited else None,
        }
    return found


def missing_copy_note(source):
    """Why a source shows no archived copy, in words for a reader of the report."""
    if source["fetch_status"] == "failed":
        return "none: the fetch failed"
    if source.get("fetched_at"):
        return "none yet (fetched, not archived)"
    return "not yet fetched"
