"""Sourcing reports: the report model (``builder``) and its renderings.

Each format is a function ``render(report)`` that yields text chunks, so any of them can be
streamed or written to a file without holding the whole report in memory.
"""
import gc

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
           "filtered_report", "buffered", "write"]

# While a file export runs: a young-generation collection every 100,000 allocations
# instead of every 700 (see ``write``).
EXPORT_GC_THRESHOLD = 100_000


def write(report, fmt, fh):
    """Write a whole report in ``fmt`` to the open text file ``fh`` (``claimdesk export``,
    bench/export.py).

    An export allocates millions of short-lived row tuples and strings, all freed by
    reference counting as each chunk is written and none in a reference cycle (measured:
    ``gc.collect()`` finds nothing after an export); the cyclic collector still scanned them
    some 600 times, 6% of a 100k-claim JSON export's CPU. So collections are made rarer
    for the export's length, not disabled: a cycle would still be collected. Only for a
    process of its own: the API's streamed answers share the collector with other threads
    and leave it alone."""
    render = FORMATS[fmt][0]
    thresholds = gc.get_threshold()
    gc.set_threshold(EXPORT_GC_THRESHOLD, *thresholds[1:])
    try:
        fh.writelines(buffered(render(report)))
    finally:
        gc.set_threshold(*thresholds)


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
