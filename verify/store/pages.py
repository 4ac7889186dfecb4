"""Keyset pagination with opaque cursors, in a stable order (ascending id)."""
import base64
import binascii
import json

from ..errors import ValidationFailed
from .db import MAX_ID


def encode_cursor(last_id):
    raw = json.dumps({"after": last_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["after"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise ValidationFailed({"cursor": "Not a cursor from a previous page."}, location="query")
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after <= MAX_ID:
        raise ValidationFailed({"cursor": "Not a cursor from a previous page."}, location="query")
    return after


def paginate(query, id_field, cursor=None, limit=50):
    """One page of ``query`` after ``cursor``: ``(rows, next_cursor or None)``."""
    if cursor:
        query = query.where(id_field > decode_cursor(cursor))
    rows = list(query.order_by(id_field).limit(limit + 1))
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor(rows[-1].id)
    return rows, None
