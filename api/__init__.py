"""The claimdesk web API: ``create_app`` builds the Flask application."""
import logging
import os

from flask import Flask, request
from flask_smorest import abort

from verify.provenance.settings import SourcingSettings, configure as configure_sourcing
from verify.queue import configure_queue
from verify.store.db import database, init_database
from verify.webhooks import configure as configure_webhooks, outbox

from . import config
from .smorest import Api, IdConverter

JSON_TYPES = ("application/json",)


def create_app(test_config=None):
    """Defaults, then the environment, then ``test_config``: the Flask tutorial's order."""
    app = Flask(__name__, instance_relative_config=True)
    app.url_map.converters["int"] = IdConverter
    app.config.from_mapping(
        API_TITLE="claimdesk",
        API_VERSION="1.0",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        API_SPEC_OPTIONS={
            "info": {"description": "Claim verification and sourcing for newsrooms."},
            "components": {"securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"}}},
        },
        JSON_SORT_KEYS=False,
        **config.defaults(),
    )
    app.config.update(config.from_environment())
    if test_config:
        app.config.update(test_config)
    if not app.config["DATABASE_URL"]:
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path,
                                                                 "claimdesk.db")
    logging.basicConfig(level=app.config["LOG_LEVEL"])

    if not app.config["QUEUE_URL"]:
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["QUEUE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "queue.db")

    init_database(app.config["DATABASE_URL"])
    configure_queue(app.config["QUEUE_URL"])
    # Fetch policy, archive credentials, owner map: values for the sourcing tasks, which
    # run in the worker (itself built by create_app) and never read the environment.
    configure_sourcing(SourcingSettings.from_config(app.config))
    configure_webhooks(public_url=app.config["PUBLIC_URL"], scale=app.config["VERDICT_SCALE"],
                       allow_hosts=app.config["FETCH_ALLOW_HOSTS"])
    app.before_request(_open_connection)
    app.before_request(_require_json_body)
    app.teardown_request(_close_connection)
    # Registered last so it runs first: webhook deliveries start once the request's
    # transactions have committed.
    app.teardown_request(_dispatch_webhooks)

    api = Api(app)
    from . import (
        claims,
        documents,
        evidence,
        health,
        reports,
        sources,
        status,
        users,
        webhooks,
        workflow,
    )

    for module in (claims, documents, evidence, reports, sources, status, users, webhooks,
                   workflow):
        api.register_blueprint(module.blp)
    app.register_blueprint(health.bp)

    from .cli import register

    register(app)
    return app


def _open_connection():
    database.connect(reuse_if_open=True)


def _dispatch_webhooks(exc):
    outbox.dispatch_pending()


def _close_connection(exc):
    # teardown_request runs even when the view raised, unlike after_request.
    if not database.is_closed():
        database.close()


def _require_json_body():
    """415 for a write whose body is not JSON, before any parsing or side effect."""
    if request.method in ("POST", "PUT", "PATCH") and (
        request.content_length or request.headers.get("Transfer-Encoding")
    ):
        mimetype = request.mimetype or ""
        if mimetype not in JSON_TYPES and not mimetype.endswith("+json"):
            abort(415, message="Send the body as application/json.")
