"""Documents: the articles and transcripts claims appear in. Identified by their text's
SHA-256, so recording the same text twice returns the first record."""
import hashlib

from peewee import IntegrityError

from ..errors import NotFound
from ..models import Document
from ..store.db import database
from ..store.pages import paginate


def text_sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_document(*, actor, text, **metadata):
    """Store a document; returns ``(document, created)``."""
    digest = text_sha256(text)
    existing = Document.get_or_none(Document.sha256 == digest)
    if existing is not None:
        return existing, False
    try:
        with database.atomic():
            return Document.create(text=text, sha256=digest, created_by=actor, **metadata), True
    except IntegrityError:
        # The same text arrived concurrently; the first one wins.
        return Document.get(Document.sha256 == digest), False


def get_document(document_id):
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise NotFound("document", document_id)
    return document


def list_documents(*, cursor=None, limit=50):
    return paginate(Document.select(), Document.id, cursor, limit)
