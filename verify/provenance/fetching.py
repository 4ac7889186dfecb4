"""Fetch a source and keep what came back: a snapshot, its body once per hash, the page's
metadata, the independence key, and fresh excerpt checks for the evidence citing it.

Network I/O and extraction happen outside any transaction (a slow server must never hold
SQLite's write lock); the results are then stored in one short transaction.
"""
import datetime
import logging
from collections import namedtuple

from sources import extract as extractor, fetch as fetcher, guard, urls
from sources.errors import (
    FetchConnectionError,
    FetchTimeout,
    HttpError,
    SourceError,
    Unresolvable,
    UrlRefused,
)
from sources.independence import text_fingerprint

from ..errors import ValidationFailed
from ..models import Blob, Snapshot, Source
from ..store.db import database, utcnow
from . import excerpts, independence
from .settings import current

log = logging.getLogger("claimdesk.sources")

# Worth another try later: the server or the network may recover.
TRANSIENT_HTTP = (408, 425, 429, 500, 502, 503, 504)
METADATA_FIELDS = ("title", "author", "publisher", "published", "canonical_url", "language",
                   "description")
# Client-given metadata keys and the visible Source columns they fill.
VISIBLE = {"title": "title", "author": "author", "publisher": "publisher"}

Outcome = namedtuple("Outcome", "snapshot error retry_in")


def checked_url(url, settings=None):
    """The normalised ``url`` if the guard accepts it now; ValidationFailed({"url": why})
    if not. A name that does not resolve yet is accepted: its fetch will say so."""
    settings = settings or current()
    try:
        normalized = urls.normalize_url(url)
        guard.check_url(normalized, allow_hosts=settings.allowlist,
                        allowed_ports=settings.policy.allowed_ports,
                        resolver=settings.policy.resolver)
    except Unresolvable:
        pass
    except UrlRefused as error:
        raise ValidationFailed({"url": error.reason}, message="This URL cannot be fetched.")
    return normalized


def is_transient(error):
    if isinstance(error, (FetchTimeout, FetchConnectionError, Unresolvable)):
        return True
    return isinstance(error, HttpError) and error.status in TRANSIENT_HTTP


def fetch_source(source_id, settings=None):
    """Fetch the source now; returns an Outcome (snapshot, or error and retry delay)."""
    settings = settings or current()
    with database.atomic():
        updated = (Source.update(fetch_status="fetching", fetch_attempts=Source.fetch_attempts + 1,
                                 updated_at=utcnow())
                   .where(Source.id == source_id).execute())
    if not updated:
        return Outcome(None, "source %s does not exist" % source_id, None)
    source = Source.get_by_id(source_id)
    try:
        result = fetcher.fetch(source.url, policy=settings.policy)
        extracted = extractor.extract(result.body, result.headers.get("content-type", ""),
                                      result.final_url)
    except SourceError as error:
        return _failed(source, error.reason, is_transient(error), settings)
    except Exception as error:  # a bug in extraction must not leave the source "fetching"
        log.exception("fetching source %s failed unexpectedly", source_id)
        return _failed(source, "unexpected error while fetching (%s)" % type(error).__name__,
                       False, settings)
    return Outcome(store_snapshot(source, result, extracted, settings), None, None)


def stalled_sources(older_than, now=None):
    """Ids of sources left "pending" or "fetching" for longer than ``older_than``: their
    task was lost (the queue was down after the commit, or a worker died mid-fetch).
    Touches them, so the next sweep does not pick them again at once."""
    now = now or utcnow()
    with database.atomic():
        query = (Source.select(Source.id)
                 .where(Source.fetch_status.in_(("pending", "fetching"))
                        & (Source.updated_at < now - older_than))
                 .order_by(Source.id))
        ids = [row.id for row in query]
        if ids:
            Source.update(updated_at=now).where(Source.id.in_(ids)).execute()
    return ids


def _failed(source, reason, transient, settings):
    retry_in = None
    if transient and source.fetch_attempts < settings.max_attempts:
        retry_in = settings.retry_delay * 4 ** (source.fetch_attempts - 1)
    with database.atomic():
        Source.update(fetch_status="failed", fetch_error=reason, updated_at=utcnow()).where(
            Source.id == source.id).execute()
    log.info("source %s: fetch failed (%s)%s", source.id, reason,
             " - retrying in %gs" % retry_in if retry_in else "")
    return Outcome(None, reason, retry_in)


def extracted_metadata(extracted):
    found = {name: getattr(extracted, name) for name in METADATA_FIELDS}
    found["kind"] = extracted.kind
    return found


def visible_metadata(client, extracted):
    """The Source columns shown to people: the client's value wins, the page fills gaps."""
    shown = {column: client.get(key) or extracted.get(key) for key, column in VISIBLE.items()}
    shown["published_at"] = _parse_date(client.get("published_at")) or _parse_date(
        extracted.get("published"))
    shown["canonical_url"] = extracted.get("canonical_url")
    return shown


def _parse_date(value):
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def store_snapshot(source, result, extracted, settings):
    """Store one successful fetch and everything that follows from it; returns the snapshot."""
    metadata = extracted_metadata(extracted)
    fingerprint = text_fingerprint(extracted.text) if extracted.text else None
    key = independence.key_for(source.id, result.final_url, fingerprint, settings.owner_map)
    now = utcnow()
    with database.atomic():
        excerpts.lock_source(source.id)
        # Bodies are content-addressed: the same bytes fetched again are not stored again.
        Blob.insert(sha256=result.sha256, body=result.body, size=len(result.body),
                    created_at=now).on_conflict_ignore().execute()
        snapshot = Snapshot.create(
            source=source.id, final_url=result.final_url, http_status=result.status,
            headers=result.headers, fetched_at=result.fetched_at, sha256=result.sha256,
            text=extracted.text, metadata=metadata)
        Source.update(
            extracted_metadata=metadata, fingerprint=fingerprint.to_str() if fingerprint else None,
            independence_key=key, fetch_status="fetched", fetch_error=None,
            link_status="alive", last_fetched_at=now,
            next_check_at=now + settings.check_interval, updated_at=now,
            **visible_metadata(source.client_metadata or {}, metadata),
        ).where(Source.id == source.id).execute()
        independence.index_fingerprint(source.id, fingerprint)
        excerpts.recheck_source(source.id, snapshot)
    log.info("source %s: snapshot %s (%s, %d bytes)", source.id, snapshot.id, result.sha256[:12],
             len(result.body))
    return snapshot
