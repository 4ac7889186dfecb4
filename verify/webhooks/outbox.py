"""The outbox: webhook messages written in the same transaction as the change they
report, so a change that commits is never lost and one that rolls back is never sent.

Delivery starts after commit: the ids of new deliveries wait in a per-thread list until
``dispatch_pending`` (called when a request or a task ends) enqueues them; the periodic
sweep in ``delivery`` catches anything a crash left behind.
"""
import json
import secrets
import threading

from ..models import Evidence, Source, WebhookDelivery, WebhookEndpoint, WebhookMessage
from ..newsroom.status import status_by_ids, status_dict
from ..store.db import iso_z, utcnow
from . import settings

_pending = threading.local()


def events_for(action, from_state, to_state):
    """The webhook events one history event stands for, in a stable order."""
    found = []
    if action == "create":
        found.append("claim.created")
    if from_state and to_state and from_state != to_state:
        found.append("claim.state_changed")
        if to_state == "published":
            found.append("claim.published")
    if action == "reopen":
        found.append("claim.reopened")
    if action == "add_evidence":
        found.append("evidence.added")
    return found


def subscribers(event_types):
    """Enabled endpoints, grouped by which of ``event_types`` they want (one query)."""
    wanted = {event_type: [] for event_type in event_types}
    for endpoint in WebhookEndpoint.select().where(WebhookEndpoint.enabled == True):  # noqa: E712
        for event_type in event_types:
            if event_type in endpoint.events:
                wanted[event_type].append(endpoint)
    return wanted


def claim_status(claim_id):
    rows, _ = status_by_ids([claim_id])
    base = settings.public_url + "/api/v1/claims/%d"
    return status_dict(rows[0], settings.scale, base, base + "/report") if rows else None


def record_claim_event(event, actor_name=None):
    """The hook ``append_event`` calls, inside the change's transaction."""
    types = events_for(event.action, event.from_state, event.to_state)
    if not types or event.claim_id is None:
        return
    wanted = subscribers(types)
    if not any(wanted.values()):
        return
    data = {
        "claim": claim_status(event.claim_id),
        "change": {"action": event.action, "actor": actor_name,
                   "from_state": event.from_state, "to_state": event.to_state,
                   "version": event.claim_version, "at": iso_z(event.created_at)},
    }
    if event.action == "add_evidence":
        data["evidence"] = event.changes.get("evidence")
    for event_type, endpoints in wanted.items():
        _write(event_type, data, endpoints)


def emit(event_type, data):
    """Record an event that is not claim history, in the caller's transaction. ``data``
    may be a function, called only when some endpoint listens."""
    endpoints = subscribers([event_type])[event_type]
    if endpoints:
        _write(event_type, data() if callable(data) else data, endpoints)


def source_changed(source_id, check):
    """A link check found the source's page changed or moved (verify.provenance)."""
    def data():
        source = Source.get_by_id(source_id)
        claims = (Evidence.select(Evidence.claim).distinct()
                  .where((Evidence.source == source_id) & Evidence.removed_at.is_null())
                  .order_by(Evidence.claim))
        return {
            "source": {"id": source.id, "url": source.url, "title": source.title,
                       "link_status": check.status,
                       "url_api": settings.public_url + "/api/v1/sources/%d" % source.id},
            "check": {"status": check.status, "http_status": check.http_status,
                      "final_url": check.final_url, "sha256": check.sha256,
                      "error": check.error, "checked_at": iso_z(check.checked_at)},
            "claims": [row.claim_id for row in claims],
        }

    emit("source.changed", data)


def _write(event_type, data, endpoints):
    if not endpoints:
        return
    now = utcnow()
    body = json.dumps({"type": event_type, "timestamp": iso_z(now), "data": data},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    message = WebhookMessage.create(msg_id="msg_" + secrets.token_hex(16),
                                    event_type=event_type, body=body, created_at=now)
    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = []
    for endpoint in endpoints:
        ids.append(WebhookDelivery.create(endpoint=endpoint, message=message, created_at=now,
                                          next_attempt_at=now).id)


def dispatch_pending():
    """Enqueue the deliveries recorded by this thread; call after commit. A delivery
    whose transaction rolled back is simply not found by the task."""
    ids = getattr(_pending, "ids", None)
    if not ids:
        return
    _pending.ids = []
    from .delivery import deliver_task

    for delivery_id in ids:
        deliver_task(delivery_id)
