"""Standard Webhooks signatures: ``v1,<base64 HMAC-SHA256>`` over ``id.timestamp.body``,
keyed with the base64-decoded part of a ``whsec_`` secret."""
import base64
import binascii
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
KEY_BYTES = (24, 64)


def new_secret():
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_problem(secret):
    """Why ``secret`` is unusable, or None."""
    if not secret.startswith(PREFIX):
        return "A secret starts with whsec_."
    try:
        key = base64.b64decode(secret[len(PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        return "After whsec_ comes base64."
    if not KEY_BYTES[0] <= len(key) <= KEY_BYTES[1]:
        return "The key must be %d to %d bytes." % KEY_BYTES
    return None


def sign(secret, msg_id, timestamp, body):
    """The ``webhook-signature`` header value for ``body`` (bytes)."""
    key = base64.b64decode(secret[len(PREFIX):])
    signed = b"%s.%d.%s" % (msg_id.encode("ascii"), timestamp, body)
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
