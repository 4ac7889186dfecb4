"""Wire schemas of the review workflow: transitions, history events, comments, audit."""
import marshmallow as ma
from marshmallow import fields, validate

from verify import vocabulary as vocab

from .schemas import PageArgsSchema, Strict, Text, UTCDateTime, one_of, user_name


class TransitionSchema(Strict):
    """An action and its parameters; which parameters each action takes is checked by
    ``verify.review.workflow`` (a parameter another action uses is refused)."""

    action = fields.String(required=True, validate=one_of(vocab.ACTIONS))
    verdict = fields.String(validate=validate.Length(min=1, max=32), metadata={
        "description": "propose: a verdict of the configured rating scale"})
    rationale = Text(validate=validate.Length(max=20000), metadata={
        "description": "propose: why (required)"})
    note = Text(validate=validate.Length(max=20000), metadata={
        "description": "request_changes: what to change (required); optional elsewhere"})
    reason = Text(validate=validate.Length(max=2000), metadata={
        "description": "reopen: why (required); dismiss: one of %s"
                       % ", ".join(vocab.DISMISS_REASONS)})
    duplicate_of = fields.Integer(strict=True, validate=validate.Range(min=1), metadata={
        "description": "dismiss with reason duplicate: the claim this one duplicates"})
    assignee = fields.Integer(strict=True, allow_none=True, validate=validate.Range(min=1),
                              metadata={"description": "assign: a user id, or null to "
                                        "unassign (a factchecker may assign only themself)"})


class EventSchema(ma.Schema):
    id = fields.Integer()
    claim_id = fields.Integer()
    version = fields.Integer(attribute="claim_version", metadata={
        "description": "The claim's version after this event"})
    action = fields.String()
    actor = fields.Function(lambda e: user_name(e, "actor"), allow_none=True)
    from_state = fields.String(allow_none=True)
    to_state = fields.String(allow_none=True)
    changes = fields.Dict(metadata={"description": "What changed: {field: [old, new]}, "
                                                   "evidence, note, reason or comment"})
    created_at = UTCDateTime()
    prev_hash = fields.String()
    hash = fields.String(metadata={
        "description": "SHA-256 of the previous hash and this event's canonical JSON"})


class HistoryArgsSchema(PageArgsSchema):
    action = fields.String(validate=validate.Length(max=40))


class CommentInputSchema(Strict):
    text = Text(required=True, validate=validate.Length(min=1, max=20000))


class CommentSchema(ma.Schema):
    """A comment is an event of the claim's history; ``id`` is the event's."""

    id = fields.Integer(dump_only=True)
    claim_id = fields.Integer(dump_only=True)
    text = fields.Function(lambda e: e.changes["comment"], dump_only=True)
    author = fields.Function(lambda e: user_name(e, "actor"), dump_only=True)
    version = fields.Integer(attribute="claim_version", dump_only=True)
    created_at = UTCDateTime(dump_only=True)


class AuditSchema(ma.Schema):
    ok = fields.Boolean()
    events = fields.Integer(metadata={"description": "Events checked"})
    head = fields.String(metadata={"description": "Hash of the last event checked"})
    first_broken = fields.Integer(allow_none=True, metadata={
        "description": "Id of the first event whose hash does not hold, or null"})
