"""Sourcing reports: the report model (``builder``) and its renderings.

Each format is a function ``render(report)`` that yields text chunks, so any of them can be
streamed or written to a file without holding the whole report in memory.
"""
from . import claimreview, csv, html, json, markdown
from .builder import ReportSettings, claim_report, document_report, filtered_report

# name -> (renderer, media type, file extension)
FORMATS = {
    "json": (json.render, "application/json", "json"),
    "jsonl": (json.render_lines, "application/jsonl", "jsonl"),
    "csv": (csv.render, "text/csv; charset=utf-8", "csv"),
    "markdown": (markdown.render, "text/markdown; charset=utf-8", "md"),
    "html": (html.render, "text/html; charset=utf-8", "html"),
    "claimreview": (claimreview.render, "application/ld+json", "jsonld"),
}
# Formats that can be sent while they are produced: a claim's output never depends on a
# later claim and rendering never refuses half-way (the HTML report notes a refused
# ClaimReview instead of failing). ClaimReview output may be refused, so it is rendered
# whole before an answer starts.
STREAMED = ("json", "jsonl", "csv", "markdown", "html")

__all__ = ["FORMATS", "STREAMED", "ReportSettings", "claim_report", "document_report",
           "filtered_report", "buffered"]


def buffered(chunks, size=64 * 1024):
    """Join small text chunks into pieces of about ``size`` characters: one write per
    piece instead of one per claim."""
    pending, length = [], 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    if pending:
        yield "".join(pending)
