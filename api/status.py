"""Status for newsroom tools: what is the verdict on these claims, or this article's?

The hottest path of the API: one query after authentication, rows serialised by hand,
a strong ETag over the exact body and 304 for a matching If-None-Match.
"""
import hashlib
import json

from flask import Response, current_app, g, request

from verify.newsroom import status as domain

from .newsroom_schemas import StatusArgsSchema, StatusLookupSchema, StatusPageSchema, plain_ids
from .schemas import claim_urls
from .smorest import Blueprint

blp = Blueprint("status", __name__, url_prefix="/api/v1/status",
                description="Claim status for CMS plugins, live blogs and bots")


# Built once: json.dumps with options builds a new encoder on every call.
ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
CACHE_CONTROL = {True: "public, no-cache", False: "private, no-cache"}


def not_modified(etag):
    header = request.environ.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    # If-None-Match compares weakly (RFC 9110 13.1.2): W/ is ignored, * matches any.
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags or "*" in tags


def status_response(rows, missing):
    scale = current_app.config["VERDICT_SCALE"]
    claim_url, report_url = claim_urls()
    body = ENCODE({"items": [domain.status_dict(row, scale, claim_url, report_url)
                             for row in rows],
                   "missing": missing}).encode("utf-8")
    etag = '"%s"' % hashlib.sha256(body).hexdigest()[:32]
    headers = [("ETag", etag), ("Vary", "Authorization"),
               ("Cache-Control", CACHE_CONTROL[g.user is None])]
    if not_modified(etag):
        return Response(status=304, headers=headers)
    return Response(body, 200, headers=headers, content_type="application/json")


@blp.route("", methods=["GET"])
@blp.access("viewer", 304, 422, public="PUBLIC_READ")
@blp.arguments(StatusArgsSchema, location="query", fast=plain_ids)
@blp.built_response(200, StatusPageSchema)
def status(args):
    """Status of up to 100 claims by id (ETag; If-None-Match answers 304)"""
    return status_response(*domain.status_by_ids(args["ids"], public_only=g.user is None))


@blp.route("/lookup", methods=["POST"])
@blp.access("viewer", 304, 422, public="PUBLIC_READ")
@blp.arguments(StatusLookupSchema)
@blp.built_response(200, StatusPageSchema)
def lookup(args):
    """Status of claims by ids, or of the claims in articles by URL"""
    public_only = g.user is None
    if "ids" in args:
        return status_response(*domain.status_by_ids(args["ids"], public_only=public_only))
    return status_response(*domain.status_by_urls(args["urls"], public_only=public_only))
