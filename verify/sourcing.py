"""Source records: the material evidence points to, one row per normalised URL."""
from urllib.parse import urlsplit

from peewee import IntegrityError

from .db import database
from .errors import NotFound
from .models import Source
from .pages import paginate


def record_source(*, actor, url, **metadata):
    """Store a source, or return the one already recorded for this URL: ``(source, created)``."""
    existing = Source.get_or_none(Source.url == url)
    if existing is not None:
        return existing, False
    domain = (urlsplit(url).hostname or "").lower()
    try:
        with database.atomic():
            source = Source.create(url=url, domain=domain, independence_key=domain,
                                   created_by=actor, **metadata)
            return source, True
    except IntegrityError:
        return Source.get(Source.url == url), False


def get_source(source_id):
    source = Source.get_or_none(Source.id == source_id)
    if source is None:
        raise NotFound("source", source_id)
    return source


def list_sources(*, cursor=None, limit=50):
    return paginate(Source.select(), Source.id, cursor, limit)
