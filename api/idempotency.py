"""``Idempotency-Key`` on POSTs: a retry with the same key and payload replays the first
response (status, body, ETag and Location), whatever changed since; the same key with
another payload answers 422. Keys are per user. The bookkeeping lives in
``verify.idempotency``; this module only adapts it to Flask responses."""
import hashlib
from functools import wraps

import flask_smorest
from flask import Response, current_app, g, request

from verify.idempotency import KEY_MAX, run_once
from verify.review.history import canonical

HEADER = "Idempotency-Key"
REPLAYED_HEADERS = ("Content-Type", "ETag", "Location")
PARAMETER = {
    "name": HEADER, "in": "header", "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": KEY_MAX},
    "description": "Any unique string. Retrying with the same key and body replays the "
                   "first response (with Idempotent-Replayed: true); the same key with "
                   "another body answers 422.",
}


def request_hash():
    body = request.get_json(silent=True)
    if body is None:
        body = request.get_data(as_text=True)
    payload = {"method": request.method, "path": request.path, "body": body}
    return hashlib.sha256(canonical(payload).encode("utf-8")).hexdigest()


def idempotent(view):
    """Place between ``access`` (which sets g.user) and ``arguments``."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        fresh = []

        def execute():
            response = current_app.make_response(view(*args, **kwargs))
            fresh.append(response)
            headers = {name: response.headers[name] for name in REPLAYED_HEADERS
                       if name in response.headers}
            return response.status_code, response.get_data(as_text=True), headers

        record, replayed = run_once(user=g.user, key=key.strip(), method=request.method,
                                    path=request.path, request_hash=request_hash(),
                                    execute=execute)
        if not replayed:
            return fresh[0]
        response = Response(record.body, status=record.status, headers=record.headers)
        response.headers["Idempotent-Replayed"] = "true"
        return response

    return flask_smorest.Blueprint.doc(parameters=[PARAMETER])(wrapper)
