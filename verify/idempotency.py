"""Idempotency keys: a retried POST gets the first response instead of a second effect.

``run_once`` claims the (user, key) pair by inserting its record and runs the operation in
the same transaction, so two simultaneous requests with one key never both execute: on
SQLite the second waits for the write lock (BEGIN IMMEDIATE), on PostgreSQL its insert
waits on the unique index until the first commits, then fails and reads the stored
response. Only successful responses are stored: a failed operation changed nothing
(its transaction rolled back), so retrying it with the same key runs it again.
"""
from peewee import IntegrityError

from .db import database
from .errors import ValidationFailed
from .models import IdempotencyRecord

KEY_MAX = 200


def _stored(user, key):
    return IdempotencyRecord.get_or_none((IdempotencyRecord.user == user)
                                         & (IdempotencyRecord.key == key))


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
