"""Idempotency keys: a retried POST gets the first response instead of a second effect.

``run_once`` claims the (user, key) pair by inserting its record and runs the operation in
the same transaction, so two simultaneous requests with one key never both execute: on
SQLite the second waits for the write lock (BEGIN IMMEDIATE), on PostgreSQL its insert
waits on the unique index until the first commits, then fails and reads the stored
response. Only successful responses are stored: a failed operation changed nothing
(its transaction rolled back), so retrying it with the same key runs it again.

A key is remembered for ``RETENTION`` (24 hours, as Stripe and the IETF draft suggest):
clients retry within minutes, and a table of every POST ever made would only grow. An
expired record is ignored at once and deleted by the hourly ``purge_task``.
"""
import datetime

from huey import crontab
from peewee import IntegrityError

from .errors import ValidationFailed
from .models import IdempotencyRecord
from .queue import queue
from .store.db import database, utcnow

KEY_MAX = 200
RETENTION = datetime.timedelta(hours=24)


def _stored(user, key):
    record = IdempotencyRecord.get_or_none((IdempotencyRecord.user == user)
                                           & (IdempotencyRecord.key == key))
    if record is not None and record.created_at <= utcnow() - RETENTION:
        record.delete_instance()
        return None
    return record


def purge_expired(now=None):
    """Delete the records past their retention; returns how many."""
    cutoff = (now or utcnow()) - RETENTION
    with database.atomic():
        return IdempotencyRecord.delete().where(IdempotencyRecord.created_at <= cutoff).execute()


@queue.periodic_task(crontab(minute="7"))
def purge_task():
    purge_expired()


def run_once(*, user, key, method, path, request_hash, execute):
    """Run ``execute()`` -> ``(status, body, headers)`` at most once per (user, key).

    Returns ``(record, replayed)``: the stored response and whether it is a replay.
    The same key with another request (body, method or path) is refused.
    """
    if not 1 <= len(key) <= KEY_MAX:
        raise ValidationFailed({"Idempotency-Key": "Between 1 and %d characters." % KEY_MAX},
                               location="header")
    with database.atomic():
        record = _stored(user, key)
        if record is None:
            try:
                with database.atomic():  # a savepoint: a twin's committed insert fails ours
                    record = IdempotencyRecord.create(
                        key=key, user=user, method=method, path=path,
                        request_hash=request_hash, status=0, body="", headers={})
            except IntegrityError:
                record = _stored(user, key)
            else:
                status, body, headers = execute()
                if not 200 <= status < 300:
                    record.delete_instance()
                    return None, False
                record.status, record.body, record.headers = status, body, headers
                record.save()
                return record, False
        if record.request_hash != request_hash:
            raise ValidationFailed(
                {"Idempotency-Key": "This key was used for a different request (%s %s with "
                                    "another body); use a new key." % (record.method,
                                                                      record.path)},
                location="header")
        return record, True
