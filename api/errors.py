"""The one error body of the API: RFC 9457 problem details (application/problem+json).

Every error path ends in ``problem()``: HTTP errors raised by Flask, werkzeug or webargs,
domain errors from ``verify`` (mapped to statuses here, since ``verify`` knows no HTTP),
and unexpected exceptions, which answer 500 without leaking a trace.
"""
import http
import json
import logging

from flask import Response, request
from werkzeug.exceptions import HTTPException

from verify.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("claimdesk")

# A short machine-readable code for each status; domain errors may refine it.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
}

DOMAIN_STATUS = (
    (NotFound, 404),
    (ValidationFailed, 422),
    (PermissionDenied, 403),
    (StaleVersion, 412),
    (Conflict, 409),
)


def problem(status, detail=None, *, code=None, errors=None, headers=None, **extra):
    """Build a problem+json response. ``errors`` lists ``{field, location, reason}``."""
    body = {
        "type": "about:blank",
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or http.HTTPStatus(status).description,
        "code": code or CODES.get(status, "error"),
        "instance": request.path if request else None,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = Response(json.dumps(body, ensure_ascii=False), status=status,
                        mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def field_errors(messages, location="body"):
    """Flatten marshmallow/webargs messages ({field: [reasons]} nested) into a list."""
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, path + [str(key)])
        elif isinstance(node, (list, tuple)) and node and all(isinstance(x, str) for x in node):
            for reason in node:
                found.append({"field": ".".join(path) or None, "location": location,
                              "reason": reason})
        elif isinstance(node, (list, tuple)):
            for index, value in enumerate(node):
                walk(value, path + [str(index)])
        else:
            found.append({"field": ".".join(path) or None, "location": location,
                          "reason": str(node)})

    walk(messages, [])
    return found


WEBARGS_LOCATIONS = {"json": "body", "query": "query", "headers": "header",
                     "view_args": "path", "form": "body"}


def handle_http_exception(error):
    data = getattr(error, "data", None) or {}
    status = error.code or 500
    headers = dict(error.get_headers()) if hasattr(error, "get_headers") else {}
    headers.pop("Content-Type", None)
    headers.update(data.get("headers") or {})
    errors = None
    messages = data.get("messages") or data.get("errors")
    if messages:
        errors = []
        for location, inner in messages.items():
            errors.extend(field_errors(inner, WEBARGS_LOCATIONS.get(location, location)))
    detail = data.get("message") or error.description
    if status == 422 and errors:
        detail = "The request has invalid fields."
    if status == 400 and errors:
        detail = "; ".join(e["reason"] for e in errors)
        errors = None
    return problem(status, detail, errors=errors, headers=headers, **data.get("extra", {}))


def handle_domain_error(error):
    for kind, status in DOMAIN_STATUS:
        if isinstance(error, kind):
            break
    else:
        status = 500
    errors = None
    if isinstance(error, ValidationFailed):
        errors = [{"field": field, "location": error.location, "reason": reason}
                  for field, reason in error.errors.items()]
    code = None
    if status == 409 and "allowed_actions" in error.extra:
        code = "invalid_transition"
    elif status == 412:
        code = "stale_version"
    return problem(status, error.message, code=code, errors=errors, **error.extra)


def handle_unexpected(error):
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    return problem(500, "An unexpected error occurred; it has been logged.")


def init_app(app):
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(Exception, handle_unexpected)
