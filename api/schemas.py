"""Wire schemas. ``load()`` gives plain dicts for ``verify``; ``dump()`` reads records.

Vocabularies come from ``verify.vocabulary``; input schemas refuse unknown fields
(marshmallow's default), so a typo is a 422 naming the field, not a silent no-op.
"""
import datetime
import functools
import re

import marshmallow as ma
from flask import current_app, has_request_context, request, url_for
from marshmallow import fields, validate

from verify import vocabulary as vocab
from verify.errors import ValidationFailed
from verify.newsroom import status as claim_status
from verify.store.db import MAX_ID, iso_z
from verify.store.pages import decode_cursor

from .dumping import PlannedDump

# Control characters other than tab and line breaks have no place in text people write.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Text(fields.String):
    """A string that refuses control characters."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if CONTROL.search(value):
            raise ma.ValidationError("Contains control characters.")
        return value


class Link(fields.Url):
    """An http(s) URL without control characters (the URL validator lets NUL through)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("schemes", {"http", "https"})
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        if CONTROL.search(value):
            raise ma.ValidationError("Contains control characters.")
        return value


def ids(**kwargs):
    """A record id: a strict integer from 1 to the largest id storage can hold."""
    return fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), **kwargs)


class Cursor(fields.String):
    """An opaque page cursor, checked here so a bogus one is a query-parameter error."""

    def _deserialize(self, value, attr, data, **kwargs):
        value = super()._deserialize(value, attr, data, **kwargs)
        try:
            decode_cursor(value)
        except ValidationFailed as error:
            raise ma.ValidationError(error.errors["cursor"])
        return value


class UTCDateTime(fields.DateTime):
    """ISO 8601 in UTC with a Z; input without an offset is taken as UTC."""

    def _serialize(self, value, attr, obj, **kwargs):
        return iso_z(value)

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is not None:
            try:
                parsed = parsed.astimezone(datetime.UTC).replace(tzinfo=None)
            except OverflowError:  # 0001-01-01T00:00+14:00 has no UTC datetime
                raise ma.ValidationError("Out of the range of dates.")
        return parsed


def one_of(values):
    return validate.OneOf(values, error="Must be one of: {choices}.")


class Strict(ma.Schema):
    class Meta:
        unknown = ma.RAISE


# Users -------------------------------------------------------------------------------

class UserSchema(Strict):
    id = fields.Integer(dump_only=True)
    name = Text(required=True, validate=validate.Length(min=1, max=100))
    role = fields.String(required=True, validate=one_of(vocab.ROLES))
    created_at = UTCDateTime(dump_only=True)


class TokenSchema(Strict):
    id = fields.Integer(dump_only=True)
    user = fields.Function(lambda t: t.user.name, dump_only=True)
    name = Text(load_default="", validate=validate.Length(max=100))
    created_at = UTCDateTime(dump_only=True)
    last_used_at = UTCDateTime(dump_only=True, allow_none=True)
    revoked_at = UTCDateTime(dump_only=True, allow_none=True)
    token = fields.String(dump_only=True, metadata={
        "description": "The bearer token; shown only in the response that creates it"})


class NewUserSchema(Strict):
    user = fields.Nested(UserSchema)
    token = fields.Nested(TokenSchema)


# Speakers and documents -------------------------------------------------------------

class SpeakerSchema(PlannedDump, Strict):
    id = fields.Integer(dump_only=True)
    kind = fields.String(required=True, validate=one_of(vocab.SPEAKER_KINDS))
    name = Text(load_default="", validate=validate.Length(max=300))
    description = Text(load_default="", validate=validate.Length(max=1000), metadata={
        "description": "How the text identifies the speaker, e.g. 'a senior official'"})
    affiliation = Text(load_default="", validate=validate.Length(max=300))

    @ma.validates_schema
    def identified(self, data, **kwargs):
        if not data.get("name") and not data.get("description"):
            raise ma.ValidationError("A speaker needs a name or a description.", "name")


class DocumentSummarySchema(PlannedDump, ma.Schema):
    id = fields.Integer()
    title = fields.String()
    url = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published_at = UTCDateTime(allow_none=True)


class DocumentSchema(Strict):
    id = fields.Integer(dump_only=True)
    text = Text(required=True, validate=validate.Length(min=1), load_only=True)
    url = Link(allow_none=True)
    canonical_url = Link(allow_none=True)
    title = Text(load_default="", validate=validate.Length(max=1000))
    publisher = Text(allow_none=True, validate=validate.Length(max=300))
    published_at = UTCDateTime(allow_none=True)
    language = Text(allow_none=True, validate=validate.Length(max=16))
    sha256 = fields.String(dump_only=True)
    length = fields.Function(lambda d: len(d.text), dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    claims_url = fields.Function(
        lambda d: url_for("documents.document_claims", document_id=d.id, _external=True),
        dump_only=True)


class DocumentTextSchema(DocumentSchema):
    text = fields.String(dump_only=True)


class DocumentInputSchema(DocumentSchema):
    text = Text(validate=validate.Length(min=1), load_only=True, metadata={
        "description": "The article's text; without it, the article at url is fetched"})
    extract = fields.Boolean(load_default=True, metadata={
        "description": "Record the statements the extractor finds as unreviewed claims"})

    @ma.validates_schema
    def text_or_url(self, data, **kwargs):
        if not data.get("text") and not data.get("url"):
            raise ma.ValidationError("Give the text, or a url to fetch it from.", "text")


# Sources and evidence ---------------------------------------------------------------

class SourceSchema(PlannedDump, Strict):
    id = fields.Integer(dump_only=True)
    url = Link(required=True, validate=validate.Length(max=2000))
    canonical_url = fields.String(dump_only=True, allow_none=True)
    domain = fields.String(dump_only=True)
    title = Text(allow_none=True, validate=validate.Length(max=1000))
    publisher = Text(allow_none=True, validate=validate.Length(max=300))
    author = Text(allow_none=True, validate=validate.Length(max=300))
    published_at = UTCDateTime(allow_none=True)
    kind = fields.String(load_default="other", validate=one_of(vocab.SOURCE_KINDS))
    independence_key = fields.String(dump_only=True)
    fetch_status = fields.String(dump_only=True)
    fetch_error = fields.String(dump_only=True, allow_none=True)
    link_status = fields.String(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)


class EvidenceSchema(PlannedDump, Strict):
    id = fields.Integer(dump_only=True)
    claim_id = fields.Integer(dump_only=True)
    source_id = ids(required=True, load_only=True)
    source = fields.Nested(SourceSchema, dump_only=True)
    stance = fields.String(required=True, validate=one_of(vocab.STANCES))
    excerpt = Text(allow_none=True, validate=validate.Length(max=20000))
    note = Text(allow_none=True, validate=validate.Length(max=20000))
    excerpt_verified = fields.Boolean(dump_only=True, allow_none=True)
    excerpt_start = fields.Integer(dump_only=True, allow_none=True)
    excerpt_end = fields.Integer(dump_only=True, allow_none=True)
    added_by = fields.Function(lambda e: e.added_by.name if e.added_by_id else None,
                               dump_only=True)
    created_at = UTCDateTime(dump_only=True)


# Claims ------------------------------------------------------------------------------

class ClaimInputSchema(Strict):
    """What a person may set on a claim; the workflow sets the rest."""

    text = Text(required=True, validate=validate.Length(min=1, max=5000))
    quote = Text(allow_none=True, validate=validate.Length(min=1, max=20000))
    quote_kind = fields.String(allow_none=True, validate=one_of(vocab.QUOTE_KINDS))
    speaker = fields.Nested(SpeakerSchema, allow_none=True, metadata={
        "description": "The speaker as written; the same speaker is shared across claims"})
    speaker_id = ids(allow_none=True)
    document_id = ids(allow_none=True)
    quote_start = fields.Integer(allow_none=True, strict=True,
                                 validate=validate.Range(min=0, max=MAX_ID))
    quote_end = fields.Integer(allow_none=True, strict=True,
                               validate=validate.Range(min=1, max=MAX_ID))
    cue = Text(allow_none=True, validate=validate.Length(max=200))
    claimed_at = UTCDateTime(allow_none=True)

    @ma.validates_schema
    def one_speaker(self, data, **kwargs):
        if "speaker" in data and "speaker_id" in data:
            raise ma.ValidationError("Give speaker or speaker_id, not both.", "speaker_id")


# Keyed by what request.url_root is made of; the Host header is the client's, so the
# memory is bounded.
_URLS = {}


def claim_urls():
    """``%d`` templates of a claim's URL (as this request names the API) and of its
    public report. ``request.url_root`` (and ``url_for``, which builds the same URL) is
    worked out afresh for every request (about 15 µs of a status lookup), so the
    templates are remembered per host and scheme."""
    environ = request.environ
    key = (environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"),
           environ.get("SERVER_NAME"), environ.get("SERVER_PORT"), environ.get("SCRIPT_NAME"),
           current_app.config["PUBLIC_URL"])
    found = _URLS.get(key)
    if found is None:
        if len(_URLS) >= 64:
            _URLS.clear()
        found = _URLS[key] = (request.url_root + "api/v1/claims/%d",
                              key[-1].rstrip("/") + "/api/v1/claims/%d/report")
    return found


def claim_url(claim):
    """A claim's URL, as ``url_for("claims.get_claim", claim_id=…, _external=True)``."""
    if not has_request_context():
        return url_for("claims.get_claim", claim_id=claim.id, _external=True)
    return claim_urls()[0] % claim.id


def user_name(record, field):
    """The name of the user a record points to through ``field``, or None."""
    return getattr(record, field).name if getattr(record, field + "_id") else None


def published_verdict(claim):
    """The last approved verdict, or None: never the working (unapproved) one."""
    return claim_status.published_verdict(
        current_app.config["VERDICT_SCALE"], claim.published_verdict,
        claim.published_by.name if claim.published_by_id else None, claim.published_at)


class ClaimSchema(PlannedDump, ClaimInputSchema):
    id = fields.Integer(dump_only=True)
    speaker = fields.Nested(SpeakerSchema, allow_none=True, dump_only=True)
    speaker_id = fields.Integer(load_only=True)
    document_id = fields.Integer(load_only=True)
    document = fields.Nested(DocumentSummarySchema, allow_none=True, dump_only=True)
    extracted = fields.Boolean(dump_only=True)
    confidence = fields.Float(dump_only=True, allow_none=True)
    state = fields.String(dump_only=True)
    verdict = fields.String(dump_only=True, allow_none=True, metadata={
        "description": "The working verdict; see published_verdict for the approved one"})
    rationale = fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Why the working verdict was proposed"})
    proposed_by = fields.Function(lambda c: user_name(c, "proposed_by"), dump_only=True,
                                  allow_none=True)
    published_verdict = fields.Function(published_verdict, dump_only=True, allow_none=True,
                                        metadata={"description": "The last approved verdict: "
                                                  "{verdict, label, rating_value, "
                                                  "approved_by, approved_at}, or null"})
    under_review = fields.Function(
        lambda c: vocab.under_review(c.state, c.published_verdict), dump_only=True,
        metadata={"description": "True while a reopened claim awaits a new approval"})
    assignee = fields.Function(lambda c: user_name(c, "assignee"), dump_only=True,
                               allow_none=True)
    dismiss_reason = fields.String(dump_only=True, allow_none=True)
    duplicate_of = fields.Integer(attribute="duplicate_of_id", dump_only=True, allow_none=True)
    version = fields.Integer(dump_only=True)
    created_by = fields.Function(lambda c: c.created_by.name if c.created_by_id else None,
                                 dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    updated_at = UTCDateTime(dump_only=True)
    url = fields.Function(claim_url, dump_only=True)


class ClaimPatchSchema(ClaimInputSchema):
    pass


class ClaimWithEvidenceSchema(ClaimSchema):
    evidence = fields.List(fields.Nested(EvidenceSchema), dump_only=True)


# Lists -------------------------------------------------------------------------------

class PageArgsSchema(Strict):
    cursor = Cursor(validate=validate.Length(max=200), metadata={
        "description": "Opaque cursor from a previous page's next link"})
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=100))


class ClaimReadArgsSchema(Strict):
    as_of = UTCDateTime(metadata={
        "description": "ISO 8601 moment: the claim as it stood then, rebuilt from its history"})


def no_query(request):
    """``ClaimReadArgsSchema``'s result for a read without a query string (all but as_of
    reads), without building the schema (``Blueprint.arguments(fast=...)``)."""
    return {} if not request.query_string else None


class ClaimListArgsSchema(PageArgsSchema):
    q = Text(validate=validate.Length(min=1, max=500), metadata={
        "description": 'Full-text search: words, "phrases", prefix*, -exclusions; '
                       "results best first (see docs/NEWSROOM.md)"})
    state = fields.String(validate=one_of(vocab.STATES))
    verdict = Text(validate=validate.Length(max=32))
    speaker = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    document = fields.Integer(validate=validate.Range(min=1, max=MAX_ID))
    updated_since = UTCDateTime()


@functools.cache
def page_schema(item_schema):
    """The list envelope: ``{"items": [...], "next": URL or null}``."""
    return type(
        item_schema.__name__.replace("Schema", "PageSchema"),
        (ma.Schema,),
        {
            "items": fields.List(fields.Nested(item_schema)),
            "next": fields.String(allow_none=True, metadata={
                "description": "URL of the next page, or null on the last"}),
        },
    )


class HealthSchema(ma.Schema):
    status = fields.String()
    database = fields.String()
