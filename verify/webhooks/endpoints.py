"""Webhook endpoints (admin only) and their delivery log."""
from peewee import prefetch

from sources import webhook as transport
from sources.errors import SourceError

from ..errors import NotFound, ValidationFailed
from ..models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage
from ..store.db import database, utcnow
from ..store.pages import decode_cursor, encode_cursor, paginate
from . import settings
from .signing import new_secret, secret_problem


def _check_url(url):
    try:
        transport.check(url, settings.policy)
    except SourceError as e:
        raise ValidationFailed({"url": "Refused by the address guard: %s." % e.reason})


def _check(fields):
    if "url" in fields:
        _check_url(fields["url"])
    if fields.get("secret") is not None:
        problem = secret_problem(fields["secret"])
        if problem:
            raise ValidationFailed({"secret": problem})
    if "events" in fields:
        fields["events"] = sorted(set(fields["events"]))


def create_endpoint(*, actor, url, events, secret=None, description=""):
    """Register an endpoint; its secret (generated unless given) is on the result."""
    fields = {"url": url, "events": events, "secret": secret}
    _check(fields)
    with database.atomic():
        return WebhookEndpoint.create(url=url, events=fields["events"],
                                      secret=secret or new_secret(), description=description,
                                      created_by=actor)


def get_endpoint(endpoint_id):
    endpoint = WebhookEndpoint.get_or_none(WebhookEndpoint.id == endpoint_id)
    if endpoint is None:
        raise NotFound("webhook", endpoint_id)
    return endpoint


def list_endpoints(*, cursor=None, limit=50):
    return paginate(WebhookEndpoint.select(), WebhookEndpoint.id, cursor, limit)


def update_endpoint(endpoint_id, **fields):
    """Change url, events, description or enabled. Enabling again clears the reason it
    was disabled; deliveries left pending resume with the next sweep."""
    _check(fields)
    with database.atomic():
        endpoint = get_endpoint(endpoint_id)
        fields["updated_at"] = utcnow()
        if fields.get("enabled") and not endpoint.enabled:
            fields.update(disabled_reason=None, disabled_at=None)
        elif fields.get("enabled") is False and endpoint.enabled:
            fields.update(disabled_reason="Disabled by an admin.", disabled_at=fields["updated_at"])
        WebhookEndpoint.update(**fields).where(WebhookEndpoint.id == endpoint_id).execute()
    return get_endpoint(endpoint_id)


def delete_endpoint(endpoint_id):
    with database.atomic():
        get_endpoint(endpoint_id)
        WebhookEndpoint.delete().where(WebhookEndpoint.id == endpoint_id).execute()


def deliveries_of(endpoint_id, *, cursor=None, limit=50):
    """The endpoint's deliveries, newest first, each with its message and attempts."""
    get_endpoint(endpoint_id)
    query = (WebhookDelivery.select(WebhookDelivery, WebhookMessage).join(WebhookMessage)
             .where(WebhookDelivery.endpoint == endpoint_id))
    if cursor:
        query = query.where(WebhookDelivery.id < decode_cursor(cursor))
    query = query.order_by(WebhookDelivery.id.desc()).limit(limit + 1)
    rows = prefetch(query, WebhookAttempt.select().order_by(WebhookAttempt.id))
    following = encode_cursor(rows[limit - 1].id) if len(rows) > limit else None
    return rows[:limit], following
