"""flask-smorest, adapted: problem+json errors everywhere, bearer auth declared per view.

``Blueprint.access(role, *statuses)`` is the one decorator that checks the caller's token
and documents the operation's security and its error responses in the OpenAPI document.
"""
import http
import json
from functools import wraps

import flask_smorest
import marshmallow as ma
from flask import current_app, g, request
from flask_smorest import abort
from flask_smorest.utils import prepare_response
from webargs import core
from webargs.flaskparser import FlaskParser
from werkzeug.routing import IntegerConverter

from verify.store.db import MAX_ID
from verify.users import authenticate, role_at_least

from . import errors


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details, as every error of this API is answered."""

    type = ma.fields.String(metadata={"description": "Problem type URI (about:blank)"})
    title = ma.fields.String(metadata={"description": "HTTP status phrase"})
    status = ma.fields.Integer()
    detail = ma.fields.String(metadata={"description": "What went wrong, for a person"})
    code = ma.fields.String(metadata={"description": "Machine-readable error code"})
    instance = ma.fields.String(metadata={"description": "The request path"})
    errors = ma.fields.List(
        ma.fields.Dict(),
        metadata={"description": "Field errors: {field, location, reason}"},
    )
    allowed_actions = ma.fields.List(
        ma.fields.String(), metadata={"description": "On 409 invalid_transition"})
    current_version = ma.fields.Integer(metadata={"description": "On 412 stale_version"})
    # Extras domain errors carry (verify.errors): undocumented, they broke the schema.
    resource = ma.fields.String(metadata={"description": "On 404: the kind of record missing"})
    state = ma.fields.String(metadata={"description": "On 409 invalid_transition: the state"})


class IdConverter(IntegerConverter):
    """``<int:…>`` bounded by what storage holds: a bigger id is a 404, not a driver
    OverflowError. flask-smorest documents the bound as the parameter's maximum."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class Parser(FlaskParser):
    """webargs' parser, stricter: unknown query parameters are refused like unknown body
    fields (a mistyped filter must not silently list everything), and JSON that Python
    parses but cannot use is a 400: nesting deep enough to exhaust the recursion limit,
    and lone surrogates (\\ud800), which no database can store as UTF-8."""

    DEFAULT_UNKNOWN_BY_LOCATION = dict(FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION,
                                       query=None, querystring=None)

    def _raw_load_json(self, req):
        try:
            data = super()._raw_load_json(req)
        except RecursionError:
            abort(400, message="The JSON body is nested too deeply.")
        if data is not core.missing:
            try:
                json.dumps(data, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:
                abort(400, message="The JSON body contains a lone UTF-16 surrogate escape.")
        return data


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        errors.init_app(self._app)

    def _register_responses(self):
        # As flask-smorest does, but error bodies are documented as problem+json.
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, errors.PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, errors.PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def authorize(minimum, public=False):
    """Set ``g.user`` from the bearer token, or refuse: 401 without a live token, 403
    when the role is below ``minimum``. ``public`` lets anonymous callers through with
    ``g.user = None`` (the view then shows only what is public); a string names the
    config flag that decides it per request (e.g. "PUBLIC_READ")."""
    if isinstance(public, str):
        public = bool(current_app.config.get(public))
    header = request.environ.get("HTTP_AUTHORIZATION", "")  # request.headers, faster
    if not header and public:
        g.user = None
        return
    challenge = 'Bearer realm="claimdesk"'
    if not header:
        abort(401, message="A bearer token is required.",
              headers={"WWW-Authenticate": challenge})
    scheme, _, token = header.partition(" ")
    user = authenticate(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if user is None:
        abort(401, message="The bearer token is not valid or was revoked.",
              headers={"WWW-Authenticate": challenge + ', error="invalid_token"'})
    if not role_at_least(user.role, minimum):
        abort(403, message="This needs the %s role or above; you are %s." % (minimum, user.role))
    g.user = user


def documenting(decorators, func):
    """``func`` with the OpenAPI documentation ``decorators`` (flask-smorest's, applied in
    order) would give it, but not their wrappers: each of them adds a call (and an
    ``ensure_sync`` check) to every request, and the status lookup, polled by newsroom
    tools, is measured against a bare Flask app (docs/PERFORMANCE.md)."""
    documented = func
    for decorator in decorators:
        documented = decorator(documented)
    func._apidoc = documented._apidoc
    return func


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = Parser()

    def access(self, role, *statuses, public=False):
        """Require a token of ``role`` or above; document 401, 403 and ``statuses``.
        ``public`` (True, or the name of a config flag) also admits anonymous callers."""

        def decorator(func):
            @wraps(func)
            def wrapper(*args, **kwargs):
                authorize(role, public=public)
                return func(*args, **kwargs)

            security = [{"bearerAuth": []}] + ([{}] if public else [])
            return documenting(
                [self.doc(security=security)] + [
                    self.alt_response(status, response=http.HTTPStatus(status).name)
                    for status in (401, 403) + statuses],
                wrapper)

        return decorator

    def arguments(self, schema, *, fast=None, **kwargs):
        """flask-smorest's ``arguments``; ``fast(request)``, when given, parses the common
        case of a hot path itself and returns the arguments, or None for anything else,
        which the schema then parses (and explains when it is wrong), as without it.
        webargs builds a schema instance per request: 25 µs of a 0.3 ms status lookup."""
        parse = super().arguments(schema, **kwargs)
        if fast is None:
            return parse

        def decorator(func):
            parsed = parse(func)

            @wraps(func)
            def wrapper(*args, **kwargs):
                found = fast(request)
                if found is None:
                    return parsed(*args, **kwargs)
                return func(found, *args, **kwargs)

            wrapper._apidoc = parsed._apidoc
            return wrapper

        return decorator

    def built_response(self, status_code, schema, **kwargs):
        """Document the response of a view that builds its own ``Response`` (a body
        serialised by hand): flask-smorest's ``response`` for the OpenAPI document, without
        the wrapper that would dump a returned object with ``schema``."""
        return lambda func: documenting([self.response(status_code, schema, **kwargs)], func)
