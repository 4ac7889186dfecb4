"""Evidence: the sources that support or contradict a claim."""
from flask import g

from verify.claims import get_claim
from verify.review import evidence as domain

from .conditional import expected_version, version_etag
from .idempotency import idempotent
from .schemas import EvidenceSchema, page_schema
from .smorest import Blueprint

blp = Blueprint("evidence", __name__, url_prefix="/api/v1/claims",
                description="Sources linked to a claim with a stance")


@blp.route("/<int:claim_id>/evidence", methods=["POST"])
@blp.access("factchecker", 404, 412)
@idempotent
@blp.arguments(EvidenceSchema)
@blp.response(201, EvidenceSchema)
def add_evidence(fields, claim_id):
    """Link a source to a claim (If-Match optional; the claim's version goes up)"""
    item, version = domain.add_evidence(claim_id, actor=g.user,
                                        expected_version=expected_version(required=False),
                                        **fields)
    return item, 201, {"ETag": version_etag(version)}


@blp.route("/<int:claim_id>/evidence", methods=["GET"])
@blp.access("viewer", 404)
@blp.response(200, page_schema(EvidenceSchema))
def list_evidence(claim_id):
    """List a claim's evidence, each with its source"""
    get_claim(claim_id)
    return {"items": domain.evidence_of(claim_id), "next": None}


@blp.route("/<int:claim_id>/evidence/<int:evidence_id>", methods=["DELETE"])
@blp.access("factchecker", 404, 412)
@blp.response(204)
def remove_evidence(claim_id, evidence_id):
    """Remove evidence from a claim (kept in the claim's history)"""
    version = domain.remove_evidence(claim_id, evidence_id, actor=g.user,
                                     expected_version=expected_version(required=False))
    return "", 204, {"ETag": version_etag(version)}
