"""Sources: the material that evidence points to, fetched, archived and re-checked."""
from flask import g

from verify.provenance import records as domain

from .conditional import page
from .schemas import PageArgsSchema, SourceSchema, page_schema
from .smorest import Blueprint
from .source_schemas import (
    LinkCheckSchema,
    SnapshotSchema,
    SourceDetailSchema,
    SourceInputSchema,
)

blp = Blueprint("sources", __name__, url_prefix="/api/v1/sources",
                description="Evidence material, one record per normalised URL")


@blp.route("", methods=["POST"])
@blp.access("factchecker", 422)
@blp.arguments(SourceInputSchema)
@blp.response(202, SourceDetailSchema, description="Recorded; the page is fetched in the "
              "background (watch fetch_status)")
@blp.alt_response(200, schema=SourceDetailSchema, success=True,
                  description="This URL was recorded before: that source")
def create_source(fields):
    """Record a source by URL (normalised, checked, fetched in the background)"""
    source, created = domain.record_source(actor=g.user, **fields)
    return source, 202 if created else 200


@blp.route("", methods=["GET"])
@blp.access("viewer")
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(SourceSchema))
def list_sources(args):
    """List sources, oldest first"""
    return page(*domain.list_sources(**args))


@blp.route("/<int:source_id>", methods=["GET"])
@blp.access("viewer", 404)
@blp.response(200, SourceDetailSchema)
def get_source(source_id):
    """Read a source: fetch status, latest snapshot, metadata, link health"""
    return domain.get_source(source_id)


@blp.route("/<int:source_id>/snapshots", methods=["GET"])
@blp.access("viewer", 404)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(SnapshotSchema))
def source_snapshots(args, source_id):
    """List a source's snapshots, oldest first, with their text"""
    return page(*domain.snapshots_of(source_id, **args))


@blp.route("/<int:source_id>/checks", methods=["GET"])
@blp.access("viewer", 404)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(LinkCheckSchema))
def source_checks(args, source_id):
    """List a source's link-health checks, oldest first"""
    return page(*domain.checks_of(source_id, **args))


@blp.route("/<int:source_id>/refetch", methods=["POST"])
@blp.access("factchecker", 404)
@blp.response(202, SourceDetailSchema)
def refetch_source(source_id):
    """Fetch the source again: a new snapshot, excerpts re-checked"""
    return domain.refetch_source(source_id)
