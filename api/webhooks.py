"""Webhooks (admin only): endpoints that hear about claim and source events."""
from flask import g

from verify.webhooks import endpoints as domain

from .conditional import page
from .schemas import PageArgsSchema, page_schema
from .smorest import Blueprint
from .webhook_schemas import (
    DeliverySchema,
    NewWebhookSchema,
    WebhookPatchSchema,
    WebhookSchema,
)

blp = Blueprint("webhooks", __name__, url_prefix="/api/v1/webhooks",
                description="Signed event notifications (Standard Webhooks), admin only")


@blp.route("", methods=["POST"])
@blp.access("admin")
@blp.arguments(NewWebhookSchema)
@blp.response(201, NewWebhookSchema)
def create_webhook(fields):
    """Register an endpoint; the secret is shown only in this response"""
    return domain.create_endpoint(actor=g.user, **fields)


@blp.route("", methods=["GET"])
@blp.access("admin")
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(WebhookSchema))
def list_webhooks(args):
    """List endpoints, oldest first"""
    return page(*domain.list_endpoints(**args))


@blp.route("/<int:webhook_id>", methods=["GET"])
@blp.access("admin", 404)
@blp.response(200, WebhookSchema)
def get_webhook(webhook_id):
    """Read an endpoint (never its secret)"""
    return domain.get_endpoint(webhook_id)


@blp.route("/<int:webhook_id>", methods=["PATCH"])
@blp.access("admin", 404)
@blp.arguments(WebhookPatchSchema)
@blp.response(200, WebhookSchema)
def patch_webhook(fields, webhook_id):
    """Change an endpoint's URL, events or description, or enable it again"""
    return domain.update_endpoint(webhook_id, **fields)


@blp.route("/<int:webhook_id>", methods=["DELETE"])
@blp.access("admin", 404)
@blp.response(204)
def delete_webhook(webhook_id):
    """Remove an endpoint and its delivery log"""
    domain.delete_endpoint(webhook_id)
    return "", 204


@blp.route("/<int:webhook_id>/deliveries", methods=["GET"])
@blp.access("admin", 404)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(DeliverySchema))
def list_deliveries(args, webhook_id):
    """The endpoint's delivery log, newest first, with every attempt"""
    return page(*domain.deliveries_of(webhook_id, **args))
