"""Claims: record, read, list and edit attributed statements."""
from flask import g, jsonify

from verify import claims as domain
from verify.claim_rows import claim_with_evidence
from verify.newsroom import matching
from verify.newsroom import status as claim_status
from verify.review.evidence import evidence_of
from verify.review.timeline import claim_as_of

from .conditional import expected_version, page, version_etag
from .idempotency import idempotent
from .newsroom_schemas import MatchInputSchema, MatchResultSchema, PublicClaimSchema
from .schemas import (
    ClaimInputSchema,
    ClaimListArgsSchema,
    ClaimPatchSchema,
    ClaimReadArgsSchema,
    ClaimSchema,
    ClaimWithEvidenceSchema,
    no_query,
    page_schema,
)
from .smorest import Blueprint

blp = Blueprint("claims", __name__, url_prefix="/api/v1/claims",
                description="Attributed statements and their verification")


def public_claim(claim_id):
    """What an anonymous reader may see (CLAIMDESK_PUBLIC_READ): a published claim only."""
    claim = claim_status.get_published_claim(claim_id)
    return jsonify(PublicClaimSchema().dump(claim)), 200, {"ETag": version_etag(claim.version)}


def with_evidence(claim):
    claim.evidence = evidence_of(claim.id)
    return claim


@blp.route("", methods=["POST"])
@blp.access("factchecker", 409)
@idempotent
@blp.arguments(ClaimInputSchema)
@blp.response(201, ClaimSchema)
def create_claim(fields):
    """Record a claim (only text is required)"""
    claim = domain.create_claim(actor=g.user, **fields)
    claim = domain.get_claim(claim.id)
    return claim, 201, {"ETag": version_etag(claim.version), "Location": ClaimSchema().dump(claim)["url"]}


@blp.route("", methods=["GET"])
@blp.access("viewer")
@blp.arguments(ClaimListArgsSchema, location="query")
@blp.response(200, page_schema(ClaimSchema))
def list_claims(args):
    """List claims, filtered, oldest first; with q, search them, best first"""
    rows, cursor = domain.list_claims(**args)
    return page(rows, cursor)


@blp.route("/match", methods=["POST"])
@blp.access("viewer")
@blp.arguments(MatchInputSchema)
@blp.response(200, MatchResultSchema)
def match_claims(fields):
    """Claims that say the same thing as a text, best first, with a score in [0, 1]"""
    found = matching.find_matches(query=domain.claims_query(), **fields)
    for claim, score in found:
        claim.score, claim.likely_duplicate = score, score >= matching.DUPLICATE
    return {"items": [claim for claim, _ in found],
            "already_checked": matching.already_checked(found)}


@blp.route("/<int:claim_id>", methods=["GET"])
@blp.access("viewer", 404, public="PUBLIC_READ")
@blp.arguments(ClaimReadArgsSchema, location="query", fast=no_query)
@blp.response(200, ClaimWithEvidenceSchema)
def get_claim(args, claim_id):
    """Read a claim with its evidence (as_of: as it stood then; public read: published only)"""
    if g.user is None:
        return public_claim(claim_id)
    if "as_of" in args:
        return claim_as_of(claim_id, args["as_of"])
    # Light rows, not models: the schema dumps them the same (verify/claim_rows.py).
    claim = claim_with_evidence(claim_id)
    return claim, 200, {"ETag": version_etag(claim.version)}


@blp.route("/<int:claim_id>", methods=["PATCH"])
@blp.access("factchecker", 404, 412, 428)
@blp.arguments(ClaimPatchSchema(partial=True))
@blp.response(200, ClaimWithEvidenceSchema)
def patch_claim(fields, claim_id):
    """Edit a claim's statement, speaker or quote (If-Match required)"""
    version = expected_version()
    claim = with_evidence(domain.update_claim(claim_id, actor=g.user,
                                              expected_version=version, **fields))
    return claim, 200, {"ETag": version_etag(claim.version)}
