"""Link health: re-fetch a source and compare with its last snapshot.

Every check is kept (LinkCheck), so a report can say "changed since cited on ...". The
reference stays the last snapshot: a changed page keeps ``link_status`` "changed" until
someone re-fetches the source (POST /sources/{id}/refetch), which makes a new snapshot.
"""
import logging

from sources import fetch as fetcher
from sources.errors import SourceError
from sources.linkcheck import classify_recheck

from ..models import LinkCheck, Source
from ..store.db import database, utcnow
from ..webhooks import outbox
from .excerpts import latest_snapshot
from .settings import current

log = logging.getLogger("claimdesk.sources")


def on_source_changed(source, check):
    """Called once, after commit, when a check first finds the page changed or moved.

    The single place where a change becomes news. The "source.changed" webhook event is
    written just before, inside the check's transaction (verify.webhooks.outbox).
    """
    log.info("source %s %s: %s", source.id, check.status, check.error or check.final_url)


def due_sources(now=None, lease=None):
    """Ids of sources whose next check is due, oldest due first. With ``lease`` (a
    timedelta) their next check moves that far ahead at once, so a periodic run does not
    queue the same source again while its check is still waiting in the queue."""
    now = now or utcnow()
    with database.atomic():
        query = (Source.select(Source.id)
                 .where(Source.next_check_at.is_null(False) & (Source.next_check_at <= now))
                 .order_by(Source.next_check_at, Source.id))
        ids = [row.id for row in query]
        if lease and ids:
            Source.update(next_check_at=now + lease).where(Source.id.in_(ids)).execute()
    return ids


def all_sources():
    return [row.id for row in Source.select(Source.id).order_by(Source.id)]


def check_source(source_id, settings=None):
    """Re-fetch one source, record the check and set ``link_status``; returns the check."""
    settings = settings or current()
    source = Source.get_or_none(Source.id == source_id)
    if source is None:
        return None
    last = latest_snapshot(source_id)
    try:
        outcome = fetcher.fetch(source.url, policy=settings.policy)
    except SourceError as error:
        outcome = error
    verdict = classify_recheck(outcome, last_final_url=last.final_url if last else source.url,
                               last_sha256=last.sha256 if last else "")
    status = verdict.state
    if last is None and status == "changed":
        status = "alive"  # nothing to compare with: the page answers, that is all we know
    now = utcnow()
    with database.atomic():
        previous = (LinkCheck.select().where(LinkCheck.source == source_id)
                    .order_by(LinkCheck.id.desc()).first())
        check = LinkCheck.create(
            source=source_id, checked_at=now, status=status, http_status=verdict.status,
            final_url=verdict.final_url, sha256=verdict.sha256,
            error=None if status == "alive" else verdict.reason)
        Source.update(link_status=status, next_check_at=now + settings.check_interval,
                      updated_at=now).where(Source.id == source_id).execute()
        news = status in ("changed", "moved") and not _same_news(previous, check)
        if news:
            # The webhook event is written with the change, in this transaction.
            outbox.source_changed(source_id, check)
    if news:
        on_source_changed(Source.get_by_id(source_id), check)
    return check


def _same_news(previous, check):
    """True when the previous check already reported this very change."""
    return (previous is not None and previous.status == check.status
            and previous.sha256 == check.sha256 and previous.final_url == check.final_url)
