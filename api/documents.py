"""Documents: the articles and transcripts claims appear in."""
from flask import g

from verify.claims import list_claims
from verify.intake import documents as domain
from verify.intake.ingest import ingest_document, ingest_url

from .conditional import page
from .newsroom_schemas import IngestedDocumentSchema
from .schemas import (
    ClaimSchema,
    DocumentInputSchema,
    DocumentSchema,
    DocumentTextSchema,
    PageArgsSchema,
    page_schema,
)
from .smorest import Blueprint

blp = Blueprint("documents", __name__, url_prefix="/api/v1/documents",
                description="Articles and transcripts that claims appear in")


@blp.route("", methods=["POST"])
@blp.access("factchecker")
@blp.arguments(DocumentInputSchema)
@blp.response(201, IngestedDocumentSchema)
@blp.alt_response(200, schema=IngestedDocumentSchema, success=True,
                  description="The same text was recorded before: that document, no new claims")
def create_document(fields):
    """Ingest a document and record its attributed statements as claims"""
    extract = fields.pop("extract")
    ingest = ingest_document if fields.get("text") else ingest_url
    document, created, claims = ingest(actor=g.user, extract_claims=extract, **fields)
    document.claims = claims
    return document, 201 if created else 200


@blp.route("", methods=["GET"])
@blp.access("viewer")
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(DocumentSchema))
def list_documents(args):
    """List documents, oldest first"""
    return page(*domain.list_documents(**args))


@blp.route("/<int:document_id>", methods=["GET"])
@blp.access("viewer", 404)
@blp.response(200, DocumentTextSchema)
def get_document(document_id):
    """Read a document with its full text"""
    return domain.get_document(document_id)


@blp.route("/<int:document_id>/claims", methods=["GET"])
@blp.access("viewer", 404)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_schema(ClaimSchema))
def document_claims(args, document_id):
    """List the claims made in a document"""
    domain.get_document(document_id)
    return page(*list_claims(document=document_id, **args))
