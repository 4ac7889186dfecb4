"""Sources: the material that evidence points to."""
from flask import g

from verify import sourcing as domain

from .conditional import page
from .schemas import PageArgsSchema, SourceSchema, page_schema
from .smorest import Blueprint

blp = Blueprint("sources", __name__, url_prefix="/api/v1/sources",
                description="Evidence material, one record per URL")


@blp.route("", methods=["POST"])
@blp.access("factchecker")
@blp.arguments(SourceSchema)
@blp.response(201, SourceSchema)
@blp.alt_response(200, schema=SourceSchema, success=True,
                  description="This URL was recorded before: that source")
def create_source(fields):
    """Record a source by URL, with metadata you know"""
    source, created = domain.record_source(actor=g.user, **fields)
    return source, 201 if created else 200


@blp.route("", methods=["GET"])
@blp.access("viewer")
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(SourceSchema))
def list_sources(args):
    """List sources, oldest first"""
    return page(*domain.list_sources(**args))


@blp.route("/<int:source_id>", methods=["GET"])
@blp.access("viewer", 404)
@blp.response(200, SourceSchema)
def get_source(source_id):
    """Read a source"""
    return domain.get_source(source_id)
