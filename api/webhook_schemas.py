"""Wire schemas of webhook endpoints and their delivery log."""
import marshmallow as ma
from marshmallow import fields, validate

from verify import vocabulary as vocab

from .schemas import Strict, Text, UTCDateTime, one_of


def url_field(**kwargs):
    return fields.Url(schemes={"http", "https"}, validate=validate.Length(max=2000), metadata={
        "description": "Must pass the address guard (no private addresses unless "
                       "allow-listed in CLAIMDESK_FETCH_ALLOW_HOSTS)"}, **kwargs)


def events_field(**kwargs):
    return fields.List(fields.String(validate=one_of(vocab.WEBHOOK_EVENTS)),
                       validate=validate.Length(min=1, max=len(vocab.WEBHOOK_EVENTS)), **kwargs)


class WebhookSchema(Strict):
    id = fields.Integer(dump_only=True)
    url = url_field(required=True)
    events = events_field(required=True)
    description = Text(load_default="", validate=validate.Length(max=1000))
    enabled = fields.Boolean(dump_only=True)
    disabled_reason = fields.String(dump_only=True, allow_none=True)
    disabled_at = UTCDateTime(dump_only=True, allow_none=True)
    last_success_at = UTCDateTime(dump_only=True, allow_none=True)
    created_by = fields.Function(lambda e: e.created_by.name if e.created_by_id else None,
                                 dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)


class NewWebhookSchema(WebhookSchema):
    secret = fields.String(allow_none=True, validate=validate.Length(max=200), metadata={
        "description": "whsec_<base64 of 24-64 bytes>; generated when absent. Shown only "
                       "in this response"})


class WebhookPatchSchema(Strict):
    url = url_field()
    events = events_field()
    description = Text(validate=validate.Length(max=1000))
    enabled = fields.Boolean(metadata={"description": "true re-enables a disabled endpoint"})


class AttemptSchema(ma.Schema):
    attempted_at = UTCDateTime()
    status_code = fields.Integer(allow_none=True)
    error = fields.String(allow_none=True)
    duration_ms = fields.Integer()


class DeliverySchema(ma.Schema):
    id = fields.Integer()
    webhook_id = fields.Function(lambda d: d.message.msg_id, metadata={
        "description": "The webhook-id header: the same on every retry"})
    event_type = fields.Function(lambda d: d.message.event_type)
    status = fields.String(validate=one_of(vocab.WEBHOOK_DELIVERY_STATUSES))
    attempts = fields.Integer()
    next_attempt_at = UTCDateTime(allow_none=True)
    last_status_code = fields.Integer(allow_none=True)
    last_error = fields.String(allow_none=True)
    created_at = UTCDateTime()
    finished_at = UTCDateTime(allow_none=True)
    attempt_log = fields.List(fields.Nested(AttemptSchema), data_key="attempt_log")
