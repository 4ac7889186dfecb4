"""Wire schemas for sources, their snapshots and link checks."""
from flask import url_for
from marshmallow import fields, validate

from verify import vocabulary as vocab

from .schemas import SourceSchema, Strict, Text, UTCDateTime, one_of


class SourceInputSchema(Strict):
    """What a person gives: the URL, and metadata they know (it wins over the page's)."""

    # Plain text, not fields.Url: the address guard gives the reason a URL is refused
    # ("scheme 'file' is not allowed", "resolves to a private address"...).
    url = Text(required=True, validate=validate.Length(min=1, max=2000))
    title = Text(allow_none=True, validate=validate.Length(max=1000))
    publisher = Text(allow_none=True, validate=validate.Length(max=300))
    author = Text(allow_none=True, validate=validate.Length(max=300))
    published_at = UTCDateTime(allow_none=True)
    kind = fields.String(load_default="other", validate=one_of(vocab.SOURCE_KINDS))


class SnapshotSummarySchema(Strict):
    id = fields.Integer()
    final_url = fields.String()
    http_status = fields.Integer()
    fetched_at = UTCDateTime()
    sha256 = fields.String()
    archive_url = fields.String(allow_none=True)
    archived_at = UTCDateTime(allow_none=True)


class SnapshotSchema(SnapshotSummarySchema):
    headers = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "Selected response headers (content-type, etag, last-modified, "
                       "content-length)"})
    archive_error = fields.String(allow_none=True)
    metadata = fields.Dict(metadata={"description": "What the page itself declared"})
    text = fields.String(allow_none=True, metadata={
        "description": "Extracted main text; evidence excerpt offsets point into it"})


class LinkCheckSchema(Strict):
    id = fields.Integer()
    checked_at = UTCDateTime()
    status = fields.String(metadata={"enum": list(vocab.LINK_STATUSES)})
    http_status = fields.Integer(allow_none=True)
    final_url = fields.String(allow_none=True)
    sha256 = fields.String(allow_none=True)
    error = fields.String(allow_none=True)


class SourceMetadataSchema(Strict):
    client = fields.Dict(metadata={"description": "Given when the source was recorded"})
    extracted = fields.Dict(metadata={"description": "Read from the latest snapshot"})


class SourceDetailSchema(SourceSchema):
    fetch_attempts = fields.Integer(dump_only=True)
    last_fetched_at = UTCDateTime(dump_only=True, allow_none=True)
    next_check_at = UTCDateTime(dump_only=True, allow_none=True)
    snapshot = fields.Function(
        lambda s: SnapshotSummarySchema().dump(s.latest_snapshot) if s.latest_snapshot else None,
        dump_only=True, allow_none=True, metadata={"description": "The latest snapshot"})
    metadata = fields.Function(
        lambda s: {"client": s.client_metadata or {}, "extracted": s.extracted_metadata or {}},
        dump_only=True)
    snapshots_url = fields.Function(
        lambda s: url_for("sources.source_snapshots", source_id=s.id, _external=True),
        dump_only=True)
    checks_url = fields.Function(
        lambda s: url_for("sources.source_checks", source_id=s.id, _external=True),
        dump_only=True)
