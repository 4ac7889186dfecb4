"""Wire schemas of the newsroom endpoints: status lookups, search matching, webhooks."""
import re

import marshmallow as ma
from flask import current_app
from marshmallow import fields, validate

from verify import vocabulary as vocab
from verify.newsroom import status as claim_status
from verify.store.db import MAX_ID

from .schemas import (
    ClaimSchema,
    DocumentSchema,
    DocumentSummarySchema,
    SpeakerSchema,
    Strict,
    Text,
    UTCDateTime,
    claim_url,
    one_of,
    published_verdict,
)


class IdList(fields.Field):
    """Claim ids, as ``1,2,3`` in a query string or a JSON array in a body."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            parts = value.split(",") if value.strip() else []
        else:
            parts = value
        if not isinstance(parts, list):
            raise ma.ValidationError("Give claim ids as 1,2,3 or a JSON array.")
        ids = []
        for part in parts:
            if isinstance(part, str) and part.strip().isdigit() and part.strip().isascii():
                part = int(part)
            if not isinstance(part, int) or isinstance(part, bool) or not 1 <= part <= MAX_ID:
                raise ma.ValidationError("Claim ids are positive integers: %r is not." % (part,))
            ids.append(part)
        if not 1 <= len(ids) <= claim_status.MAX_IDS:
            raise ma.ValidationError("Give 1 to %d ids (got %d)." % (claim_status.MAX_IDS,
                                                                        len(ids)))
        return ids


class StatusArgsSchema(Strict):
    ids = IdList(required=True, metadata={"description": "Comma-separated claim ids (1-100)",
                                          "type": "string", "example": "1,2,3"})


PLAIN_IDS = re.compile(rb"ids=([0-9]{1,19}(?:,[0-9]{1,19}){0,%d})" % (claim_status.MAX_IDS - 1))


def plain_ids(request):
    """``StatusArgsSchema``'s result for the query newsroom tools send, ``ids=1,2,3``
    (nothing else, ASCII digits, 1 to 100 valid ids), read straight from the query string;
    None for anything else, which the schema parses and explains (a test checks that the
    two agree wherever this answers)."""
    match = PLAIN_IDS.fullmatch(request.query_string)
    if match is None:
        return None
    ids = [int(part) for part in match.group(1).split(b",")]
    if not all(1 <= i <= MAX_ID for i in ids):
        return None
    return {"ids": ids}


class StatusLookupSchema(Strict):
    ids = IdList(metadata={"type": "array", "items": {"type": "integer"}})
    urls = fields.List(fields.Url(schemes={"http", "https"}, validate=validate.Length(max=2000)),
                       validate=validate.Length(min=1, max=claim_status.MAX_URLS), metadata={
                           "description": "Article URLs: the claims of those documents"})

    @ma.validates_schema
    def exactly_one(self, data, **kwargs):
        if ("ids" in data) == ("urls" in data):
            raise ma.ValidationError("Give either ids or urls.", "ids" if "ids" in data
                                     else "urls")


class PublishedVerdictSchema(ma.Schema):
    verdict = fields.String()
    label = fields.String()
    rating_value = fields.Integer()
    approved_by = fields.String(allow_none=True)
    approved_at = fields.String(metadata={"format": "date-time"})


class StatusSchema(ma.Schema):
    """Documents the status item; the view builds it by hand (status.status_dict)."""

    id = fields.Integer()
    state = fields.String(validate=one_of(vocab.STATES))
    published_verdict = fields.Nested(PublishedVerdictSchema, allow_none=True, metadata={
        "description": "The last approved verdict; a proposed verdict never shows here"})
    under_review = fields.Boolean(metadata={
        "description": "A published verdict is being reconsidered"})
    version = fields.Integer()
    updated_at = fields.String(metadata={"format": "date-time"})
    document_id = fields.Integer(allow_none=True)
    url = fields.String()
    report_url = fields.String()


class StatusPageSchema(ma.Schema):
    items = fields.List(fields.Nested(StatusSchema))
    missing = fields.List(fields.Raw(), metadata={
        "description": "Ids or URLs asked for that matched nothing you may read"})


def report_url(claim):
    return "%s/api/v1/claims/%d/report" % (current_app.config["PUBLIC_URL"].rstrip("/"), claim.id)


class PublicClaimSchema(ma.Schema):
    """A published claim as anyone may read it (CLAIMDESK_PUBLIC_READ): the statement and
    its approved verdict; never the working verdict, rationale, people or evidence."""

    id = fields.Integer()
    text = fields.String()
    quote = fields.String(allow_none=True)
    quote_kind = fields.String(allow_none=True)
    speaker = fields.Nested(SpeakerSchema, allow_none=True)
    document = fields.Nested(DocumentSummarySchema, allow_none=True)
    claimed_at = UTCDateTime(allow_none=True)
    published_verdict = fields.Function(published_verdict)
    under_review = fields.Function(lambda c: vocab.under_review(c.state, c.published_verdict))
    url = fields.Function(claim_url)
    report_url = fields.Function(report_url)


# Matching ---------------------------------------------------------------------------

class MatchInputSchema(Strict):
    text = Text(required=True, validate=validate.Length(min=1, max=5000))
    limit = fields.Integer(load_default=10, strict=True, validate=validate.Range(min=1, max=50))
    exclude = fields.Integer(strict=True, validate=validate.Range(min=1, max=MAX_ID), metadata={
        "description": "A claim id to leave out (the claim being checked itself)"})


class MatchSchema(ma.Schema):
    id = fields.Integer()
    text = fields.String()
    speaker = fields.Function(lambda c: c.speaker.name or c.speaker.description
                              if c.speaker_id else None)
    state = fields.String()
    published_verdict = fields.Function(published_verdict)
    score = fields.Float(metadata={"description": "Similarity in [0, 1], 1 = same words"})
    likely_duplicate = fields.Boolean()
    url = fields.Function(claim_url)


class IngestedClaimSchema(ClaimSchema):
    likely_duplicates = fields.List(fields.Nested(MatchSchema), dump_only=True, metadata={
        "description": "Earlier claims from other documents that likely say the same thing"})


class IngestedDocumentSchema(DocumentSchema):
    claims = fields.List(fields.Nested(IngestedClaimSchema), dump_only=True, metadata={
        "description": "Claims recorded from the document by this request"})


class AlreadyCheckedSchema(ma.Schema):
    claim_id = fields.Integer(attribute="id")
    url = fields.Function(claim_url)
    report_url = fields.Function(report_url)
    published_verdict = fields.Function(published_verdict)


class MatchResultSchema(ma.Schema):
    items = fields.List(fields.Nested(MatchSchema))
    already_checked = fields.Nested(AlreadyCheckedSchema, allow_none=True, metadata={
        "description": "The best likely duplicate that has a published verdict"})
