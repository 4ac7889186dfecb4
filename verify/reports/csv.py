"""CSV: one row per evidence item (a claim without evidence is one row), claim columns
repeated, so the file sorts and filters in a spreadsheet without losing which claim a
source backs. Every row carries the export's time and chain head.

Cells that a spreadsheet would read as a formula (starting with = + - @ or a tab or
carriage return) are prefixed with an apostrophe: claim text is data, never a formula.
"""
import csv
import io
import json

from .builder import independent_sources_of_rows
from .rows import iso

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
FORMULA_START = "=+-@\t\r"
NO_EVIDENCE = (None,) * 21  # the evidence columns of a claim without evidence


def safe(text):
    """A text cell (None is written empty): a formula-looking start gets an apostrophe."""
    return "'" + text if text and text[0] in FORMULA_START else text


def render(report):
    header = report.header
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    rows = RowWriter(header, report.settings)
    for chunk in report.chunks():
        writer.writerows(rows.chunk(chunk))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


class RowWriter:
    """Each claim's rows, straight from a chunk's rows (``builder.Chunk``) rather than from
    the report dicts: the same cells as the dicts would give (tests/reports/
    test_fast_paths.py holds them to it) at a fraction of the cost."""

    def __init__(self, header, settings):
        self.scale = settings.scale
        self.urls = settings.claim_api_urls()
        self.tail = (header["generated_at"], header["chain_head"]["hash"])

    def rating(self, name):
        scale = self.scale
        known = name in scale
        return (safe(name), safe(scale.label(name) if known else name),
                scale.rating(name) if known else None, scale.best, 1)

    def chunk(self, chunk):
        names, archived = chunk.names, chunk.archived
        rows = []
        for row, evidence, events in chunk.claims:
            (claim_id, claim_text, quote, quote_kind, _, _, cue, claimed_at, _, _, state,
             verdict, rationale, proposed_by, published_verdict, published_by, published_at,
             _, _, version, _, _, _, speaker_id, speaker_kind, speaker_name,
             speaker_description, speaker_affiliation, document_id, document_title,
             document_url, document_publisher, _) = row
            timeline, proposed_at = [], None
            for _, event_version, actor, action, _, _, _, at, _ in events:
                at = iso(at)
                if action == "propose":
                    proposed_at = at
                timeline.append("v%s %s %s by %s" % (event_version, at, action,
                                                     names.get(actor) or "system"))
            cells = [evidence_cells(item, names, archived) for item in evidence]
            published = (None,) * 5
            approved = (None, None)
            if published_verdict is not None:
                published = self.rating(published_verdict)
                approved = (safe(names.get(published_by)), iso(published_at))
            head = (
                claim_id, safe(self.urls % claim_id), safe(claim_text), safe(state), version,
                *((safe(speaker_name), safe(speaker_description), safe(speaker_kind),
                   safe(speaker_affiliation)) if speaker_id is not None else (None,) * 4),
                safe(quote), safe(quote_kind), safe(cue), iso(claimed_at),
                *((document_id, safe(document_title), safe(document_url),
                   safe(document_publisher)) if document_id is not None else (None,) * 4),
                *published, safe(rationale), safe(names.get(proposed_by)), proposed_at,
                *approved, safe(verdict), independent_sources_of_rows(evidence))
            tail = (safe("; ".join(timeline)), events[-1][8] if events else None) + self.tail
            rows.extend(head + item + tail for item in cells or (NO_EVIDENCE,))
        return rows


def evidence_cells(item, names, archived):
    (evidence_id, _, stance, excerpt, _, verified, _, _, added_by, added_at, source_id, url,
     _, _, title, publisher, author, published_at, kind, independence_key, fetch_status,
     link_status) = item
    found = archived.get(evidence_id)
    if found is None:
        copy = (None,) * 5
    else:
        changed = found["changed_since_cited"]
        copy = (safe(found["archive_url"]), found["fetched_at"],
                safe(found["content_sha256"]), found["link_checked_at"],
                json.dumps(changed) if changed else None)
    return (evidence_id, safe(stance), safe(excerpt),
            None if verified is None else ("true" if verified else "false"),
            safe(names.get(added_by)), iso(added_at), source_id, safe(url), safe(title),
            safe(publisher), safe(author), iso(published_at), safe(kind),
            safe(independence_key), safe(fetch_status), safe(link_status)) + copy
