"""Delivering webhook messages: sign, POST, log the attempt, retry or give up.

Retries keep the message's ``webhook-id`` and body; each attempt is signed afresh with
the time of that attempt. After attempt n fails the next waits RETRY_DELAYS[n-1]:
5 s, 25 s, 2 min, 10 min, 1 h, 6 h, 12 h (seven retries, about 19.2 h in all). Then the
delivery is failed, and its endpoint disabled unless it accepted something since the
delivery began (persistent failure). A 410 Gone disables the endpoint at once.
"""
import datetime
import logging
import time

from huey import crontab
from peewee import JOIN

from sources import webhook as transport
from sources.errors import FetchError, SourceError

from ..models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage
from ..queue import queue
from ..store.db import database, utcnow
from . import outbox, settings
from .signing import sign

log = logging.getLogger("claimdesk.webhooks")

RETRY_DELAYS = (5, 25, 120, 600, 3600, 6 * 3600, 12 * 3600)
# While a worker sends, the row is leased; a worker that dies frees it after this.
LEASE = datetime.timedelta(seconds=120)
SWEEP_BATCH = 200


@queue.task()
def deliver_task(delivery_id):
    deliver(delivery_id)


@queue.periodic_task(crontab(minute="*"))
def sweep_task():
    """Deliver what is due: retries whose time came, and rows a crash left behind."""
    sweep()


@queue.post_execute()
def _dispatch_after_task(task, task_value, exc):
    # Tasks that change claims or sources (fetching) emit events too.
    outbox.dispatch_pending()


def sweep(now=None, limit=SWEEP_BATCH):
    now = now or utcnow()
    due = (WebhookDelivery.select(WebhookDelivery.id)
           .join(WebhookEndpoint)
           .where(WebhookDelivery.status.in_(("pending", "sending"))
                  & (WebhookDelivery.next_attempt_at <= now)
                  & (WebhookEndpoint.enabled == True))  # noqa: E712
           .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
           .limit(limit))
    ids = [delivery_id for (delivery_id,) in due.tuples()]
    return [deliver(delivery_id, now=now) for delivery_id in ids]


def _lease(delivery_id, now):
    """Take the delivery if it is due and nobody holds it; one UPDATE decides."""
    with database.atomic():
        taken = (WebhookDelivery.update(status="sending", next_attempt_at=now + LEASE)
                 .where((WebhookDelivery.id == delivery_id)
                        & WebhookDelivery.status.in_(("pending", "sending"))
                        & (WebhookDelivery.next_attempt_at <= now))
                 .execute())
    if not taken:
        return None
    return (WebhookDelivery.select(WebhookDelivery, WebhookEndpoint, WebhookMessage)
            .join(WebhookEndpoint, JOIN.INNER).switch(WebhookDelivery)
            .join(WebhookMessage, JOIN.INNER)
            .where(WebhookDelivery.id == delivery_id).first())


def send(delivery):
    """One signed POST: ``(status_code or None, error or None, milliseconds)``."""
    message, endpoint = delivery.message, delivery.endpoint
    body = message.body.encode("utf-8")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "webhook-id": message.msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, message.msg_id, timestamp, body),
    }
    started = time.monotonic()
    try:
        code, error = transport.post(endpoint.url, body, headers, settings.policy), None
    except FetchError as e:
        code, error = None, e.reason  # "connection failed: …", "… did not answer in time"
    except SourceError as e:
        code, error = None, "%s: %s" % (e.kind, e.reason)  # refused, unresolvable
    return code, error, int((time.monotonic() - started) * 1000)


def deliver(delivery_id, now=None):
    """Attempt one delivery if it is due; returns its new status, or None if it was not
    due, taken by another worker, or its endpoint is disabled."""
    now = now or utcnow()
    delivery = _lease(delivery_id, now)
    if delivery is None:
        return None
    endpoint = delivery.endpoint
    if not endpoint.enabled:
        with database.atomic():
            WebhookDelivery.update(status="pending", next_attempt_at=now).where(
                WebhookDelivery.id == delivery_id).execute()
        return None
    code, error, took = send(delivery)
    if code is not None and not 200 <= code < 300:
        error = "HTTP %d" % code
    return _record(delivery, now, code, error, took)


def _record(delivery, now, code, error, took):
    endpoint, attempts = delivery.endpoint, delivery.attempts + 1
    changes = {"attempts": attempts, "last_status_code": code, "last_error": error}
    disable = None
    if error is None:
        changes.update(status="succeeded", finished_at=now)
    elif code == 410:
        changes.update(status="failed", finished_at=now)
        disable = "The receiver answered 410 Gone."
    elif attempts > len(RETRY_DELAYS):
        changes.update(status="failed", finished_at=now)
        if endpoint.last_success_at is None or endpoint.last_success_at < delivery.created_at:
            disable = "Every attempt failed for %d attempts since %s (last: %s)." % (
                attempts, delivery.created_at.isoformat(timespec="seconds"), error)
    else:
        delay = RETRY_DELAYS[attempts - 1]
        changes.update(status="pending",
                       next_attempt_at=now + datetime.timedelta(seconds=delay))
    with database.atomic():
        if not WebhookDelivery.update(**changes).where(
                WebhookDelivery.id == delivery.id).execute():
            return None  # the endpoint was deleted while we were sending
        WebhookAttempt.create(delivery=delivery.id, attempted_at=now, status_code=code,
                              error=error, duration_ms=took)
        if error is None:
            WebhookEndpoint.update(last_success_at=now).where(
                WebhookEndpoint.id == endpoint.id).execute()
        if disable:
            log.warning("webhook endpoint %d disabled: %s", endpoint.id, disable)
            WebhookEndpoint.update(enabled=False, disabled_reason=disable, disabled_at=now,
                                   updated_at=now).where(
                WebhookEndpoint.id == endpoint.id).execute()
    if changes["status"] == "pending":
        deliver_task.schedule((delivery.id,), delay=RETRY_DELAYS[attempts - 1])
    return changes["status"]
