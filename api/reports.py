"""Sourcing reports of a claim, a document or a filtered set of claims, in six formats.

Every format but ClaimReview is streamed: the body is produced a chunk of claims at a
time while it is sent. Flask pops the request context (and our teardown closes the database
connection) as soon as the view returns, before the body is iterated; so the generator
opens its own connection for as long as it runs (``connected``). ``stream_with_context``
pushes the request context again around the body, and popping it runs teardown_request a
second time when the body ends: that closes the generator's connection (on PostgreSQL,
returns it to the pool). ClaimReview is rendered in the view, so a refusal (an unpublished claim, markup that
would break the rules) is a proper problem+json answer rather than a truncated body.
"""
from flask import Response, current_app, stream_with_context
from marshmallow import fields

from verify.reports import (
    FORMATS,
    STREAMED,
    ReportSettings,
    buffered,
    claim_report,
    document_report,
    filtered_report,
)
from verify.reports.html import CSP
from verify.store.db import database

from .schemas import ClaimListArgsSchema, Strict, one_of
from .smorest import Blueprint

blp = Blueprint("reports", __name__, url_prefix="/api/v1",
                description="Sourcing reports and schema.org ClaimReview")


class ReportArgsSchema(Strict):
    format = fields.String(load_default="json", validate=one_of(tuple(FORMATS)), metadata={
        "description": "json, jsonl, csv, markdown, html or claimreview (JSON-LD)"})


class ReportListArgsSchema(ReportArgsSchema, ClaimListArgsSchema):
    """The claim list's filters, exactly (one definition, one set of bounds), without its
    paging: a report covers every matching claim."""

    class Meta(ClaimListArgsSchema.Meta):
        # q is left out too: a search is capped (docs/NEWSROOM.md), a report is not.
        exclude = ("cursor", "limit", "q")


# What the 200 answer may be, per format, for the OpenAPI document.
REPORT_RESPONSES = {"responses": {"200": {
    "description": "The report in the requested format (streamed, except claimreview)",
    "content": {media.split(";")[0]: {"schema": {"json": {"type": "object"},
                                                 "claimreview": {}}.get(name, {"type": "string"})}
                for name, (_, media, _) in FORMATS.items()},
}}}


def connected(chunks):
    """Iterate ``chunks`` on a database connection of its own (see the module doc).

    Flask runs teardown_request again once the streamed body ends, which closes it; the
    ``finally`` covers a body abandoned half-way (the client went away)."""
    opened = database.is_closed()
    if opened:
        database.connect()
    try:
        yield from chunks
    finally:
        if opened and not database.is_closed():
            database.close()


def send(report, fmt, name):
    render, media, extension = FORMATS[fmt]
    disposition = "inline" if fmt == "html" else "attachment"
    headers = {
        "Content-Disposition": '%s; filename="%s.%s"' % (disposition, name, extension),
        "X-Content-Type-Options": "nosniff",
    }
    if fmt == "html":
        headers["Content-Security-Policy"] = CSP
    if fmt in STREAMED:
        body = stream_with_context(connected(buffered(render(report))))
    else:
        body = "".join(render(report))
    return Response(body, content_type=media, headers=headers)


def settings():
    return ReportSettings.from_config(current_app.config)


@blp.route("/claims/<int:claim_id>/report", methods=["GET"])
@blp.access("viewer", 404, 409, 422)
@blp.arguments(ReportArgsSchema, location="query")
@blp.doc(**REPORT_RESPONSES)
def claim_report_view(args, claim_id):
    """Sourcing report of one claim (409 for ClaimReview of an unpublished claim)"""
    return send(claim_report(settings(), claim_id), args["format"], "claim-%d-report" % claim_id)


@blp.route("/documents/<int:document_id>/report", methods=["GET"])
@blp.access("viewer", 404, 409, 422)
@blp.arguments(ReportArgsSchema, location="query")
@blp.doc(**REPORT_RESPONSES)
def document_report_view(args, document_id):
    """Sourcing report of every claim made in a document"""
    return send(document_report(settings(), document_id), args["format"],
                "document-%d-report" % document_id)


@blp.route("/reports", methods=["GET"])
@blp.access("viewer", 409, 422)
@blp.arguments(ReportListArgsSchema, location="query")
@blp.doc(**REPORT_RESPONSES)
def reports_view(args):
    """Sourcing report of the claims matching the list filters (streamed)"""
    fmt = args.pop("format")
    report = filtered_report(settings(), **args)
    return send(report, fmt, "claims-report-%s" % report.generated_at.strftime("%Y%m%dT%H%M%SZ"))
