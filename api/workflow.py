"""The review workflow over HTTP: transitions, history, comments and the audit check."""
from flask import current_app, g

from verify.claims import get_claim
from verify.review import timeline, workflow
from verify.review.history import verify_chain

from .claims import with_evidence
from .conditional import expected_version, page, version_etag
from .idempotency import idempotent
from .schemas import ClaimWithEvidenceSchema, PageArgsSchema, page_schema
from .smorest import Blueprint
from .workflow_schemas import (
    AuditSchema,
    CommentInputSchema,
    CommentSchema,
    EventSchema,
    HistoryArgsSchema,
    TransitionSchema,
)

blp = Blueprint("workflow", __name__, url_prefix="/api/v1",
                description="Review workflow, claim history, comments and the audit check")


def policy():
    """The workflow's configured values, passed in: verify reads no configuration."""
    return {"scale": current_app.config["VERDICT_SCALE"],
            "min_sources": current_app.config["EVIDENCE_MIN_SOURCES"]}


@blp.route("/claims/<int:claim_id>/transitions", methods=["POST"])
@blp.access("factchecker", 404, 409, 412, 428)
@idempotent
@blp.arguments(TransitionSchema)
@blp.response(200, ClaimWithEvidenceSchema)
def transition(fields, claim_id):
    """Take a workflow action on a claim (If-Match required)"""
    workflow.transition(claim_id, actor=g.user, expected_version=expected_version(),
                        **fields, **policy())
    claim = with_evidence(get_claim(claim_id))
    return claim, 200, {"ETag": version_etag(claim.version)}


@blp.route("/claims/<int:claim_id>/history", methods=["GET"])
@blp.access("viewer", 404)
@blp.arguments(HistoryArgsSchema, location="query")
@blp.response(200, page_schema(EventSchema))
def history(args, claim_id):
    """List a claim's history: every change, oldest first"""
    return page(*timeline.history_of(claim_id, **args))


@blp.route("/claims/<int:claim_id>/comments", methods=["POST"])
@blp.access("factchecker", 404, 412)
@idempotent
@blp.arguments(CommentInputSchema)
@blp.response(201, CommentSchema)
def add_comment(fields, claim_id):
    """Comment on a claim (part of its history; If-Match optional)"""
    event = workflow.add_comment(claim_id, actor=g.user,
                                 expected_version=expected_version(required=False), **fields)
    return event, 201, {"ETag": version_etag(event.claim_version)}


@blp.route("/claims/<int:claim_id>/comments", methods=["GET"])
@blp.access("viewer", 404)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(CommentSchema))
def list_comments(args, claim_id):
    """List a claim's comments, oldest first"""
    return page(*timeline.history_of(claim_id, action="comment", **args))


@blp.route("/audit/verify", methods=["GET"])
@blp.access("viewer")
@blp.response(200, AuditSchema)
def audit_verify():
    """Recompute the history's hash chain and report the first broken event"""
    return verify_chain()
