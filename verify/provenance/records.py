"""Source records: the material evidence points to, one row per normalised URL.

A new source is answered at once and fetched in the background (verify.provenance):
the URL is normalised and checked by the address guard here, at submission, so a URL
that can never be fetched is refused with its reason instead of failing later.
"""
from urllib.parse import urlsplit

from peewee import IntegrityError

from ..errors import NotFound
from ..models import LinkCheck, Snapshot, Source
from ..store.db import database, utcnow
from ..store.pages import paginate
from .excerpts import latest_snapshot
from .fetching import checked_url
from .independence import domain_key
from .settings import current

CLIENT_METADATA = ("title", "publisher", "author", "published_at")


def record_source(*, actor, url, kind="other", **metadata):
    """Store a source and queue its fetch, or return the one already recorded for this
    URL: ``(source, created)``. Raises ValidationFailed({"url": reason}) for a URL the
    guard refuses."""
    url = checked_url(url)
    existing = Source.get_or_none(Source.url == url)
    if existing is not None:
        return get_source(existing.id), False
    client = {name: _plain(metadata[name]) for name in CLIENT_METADATA
              if metadata.get(name) is not None}
    domain = (urlsplit(url).hostname or "").lower()
    try:
        with database.atomic():
            source = Source.create(url=url, domain=domain, kind=kind, created_by=actor,
                                   independence_key=domain_key(url, current().owner_map),
                                   client_metadata=client, **metadata)
    except IntegrityError:
        return get_source(Source.get(Source.url == url).id), False
    _enqueue_fetch(source.id)  # after the commit: the worker must find the row
    return get_source(source.id), True


def refetch_source(source_id):
    """Queue a new fetch (a new snapshot, excerpts re-checked); returns the source."""
    with database.atomic():
        source = get_source(source_id)
        Source.update(fetch_status="pending", fetch_attempts=0, updated_at=utcnow()).where(
            Source.id == source.id).execute()
    _enqueue_fetch(source.id)
    return get_source(source.id)


def _enqueue_fetch(source_id):
    from .tasks import fetch_task  # the queue module imports models lazily

    fetch_task(source_id)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def get_source(source_id):
    source = Source.get_or_none(Source.id == source_id)
    if source is None:
        raise NotFound("source", source_id)
    source.latest_snapshot = latest_snapshot(source.id)
    return source


def list_sources(*, cursor=None, limit=50):
    return paginate(Source.select(), Source.id, cursor, limit)


def snapshots_of(source_id, *, cursor=None, limit=50):
    get_source(source_id)
    return paginate(Snapshot.select().where(Snapshot.source == source_id), Snapshot.id,
                    cursor, limit)


def checks_of(source_id, *, cursor=None, limit=50):
    get_source(source_id)
    return paginate(LinkCheck.select().where(LinkCheck.source == source_id), LinkCheck.id,
                    cursor, limit)
