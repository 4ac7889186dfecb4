"""CSV: one row per evidence item (a claim without evidence is one row), claim columns
repeated, so the file sorts and filters in a spreadsheet without losing which claim a
source backs. Every row carries the export's time and chain head.

Cells that a spreadsheet would read as a formula (starting with = + - @ or a tab or
carriage return) are prefixed with an apostrophe: claim text is data, never a formula.
"""
import csv
import io
import json

COLUMNS = (
    "claim_id", "claim_url", "text", "state", "version",
    "speaker_name", "speaker_description", "speaker_kind", "speaker_affiliation",
    "quote", "quote_kind", "cue", "claimed_at",
    "document_id", "document_title", "document_url", "document_publisher",
    "verdict", "verdict_label", "rating_value", "best_rating", "worst_rating",
    "rationale", "proposed_by", "proposed_at", "approved_by", "approved_at",
    "working_verdict", "independent_sources",
    "evidence_id", "stance", "excerpt", "excerpt_verified", "evidence_added_by",
    "evidence_added_at",
    "source_id", "source_url", "source_title", "source_publisher", "source_author",
    "source_published_at", "source_kind", "independence_key", "fetch_status", "link_status",
    "archive_url", "fetched_at", "content_sha256", "link_checked_at", "changed_since_cited",
    "timeline", "last_event_hash", "exported_at", "chain_head",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def claim_columns(claim, header):
    statement, verdict = claim["statement"], claim["verdict"]
    speaker = statement["speaker"] or {}
    document = statement["document"] or {}
    published = verdict["published"] or {}
    timeline = claim["timeline"]
    return {
        "claim_id": claim["id"], "claim_url": claim["url"], "text": claim["text"],
        "state": claim["state"], "version": claim["version"],
        "speaker_name": speaker.get("name"), "speaker_description": speaker.get("description"),
        "speaker_kind": speaker.get("kind"), "speaker_affiliation": speaker.get("affiliation"),
        "quote": statement["quote"], "quote_kind": statement["quote_kind"],
        "cue": statement["cue"], "claimed_at": statement["claimed_at"],
        "document_id": document.get("id"), "document_title": document.get("title"),
        "document_url": document.get("url"), "document_publisher": document.get("publisher"),
        "verdict": published.get("verdict"), "verdict_label": published.get("label"),
        "rating_value": published.get("rating_value"),
        "best_rating": published.get("best_rating"),
        "worst_rating": published.get("worst_rating"),
        "rationale": verdict["rationale"], "proposed_by": verdict["proposed_by"],
        "proposed_at": verdict["proposed_at"], "approved_by": published.get("approved_by"),
        "approved_at": published.get("approved_at"),
        "working_verdict": (verdict["working"] or {}).get("verdict"),
        "independent_sources": claim["independent_sources"],
        "timeline": "; ".join("v%s %s %s by %s" % (e["version"], e["at"], e["action"],
                                                   e["actor"] or "system") for e in timeline),
        "last_event_hash": timeline[-1]["hash"] if timeline else None,
        "exported_at": header["generated_at"], "chain_head": header["chain_head"]["hash"],
    }


def evidence_columns(item):
    source = item["source"]
    return {
        "evidence_id": item["id"], "stance": item["stance"], "excerpt": item["excerpt"],
        "excerpt_verified": item["excerpt_verified"], "evidence_added_by": item["added_by"],
        "evidence_added_at": item["added_at"],
        "source_id": source["id"], "source_url": source["url"],
        "source_title": source["title"], "source_publisher": source["publisher"],
        "source_author": source["author"], "source_published_at": source["published_at"],
        "source_kind": source["kind"], "independence_key": source["independence_key"],
        "fetch_status": source["fetch_status"], "link_status": source["link_status"],
        "archive_url": source["archive_url"], "fetched_at": source["fetched_at"],
        "content_sha256": source["content_sha256"],
        "link_checked_at": source["link_checked_at"],
        "changed_since_cited": json.dumps(source["changed_since_cited"])
        if source["changed_since_cited"] else None,
    }


def render(report, rows_per_piece=200):
    header = report.header
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    pending = 0
    for claim in report.claims():
        base = claim_columns(claim, header)
        for item in claim["evidence"] or [None]:
            row = dict(base, **evidence_columns(item)) if item else base
            writer.writerow([cell(row.get(name)) for name in COLUMNS])
            pending += 1
        if pending >= rows_per_piece:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue()
