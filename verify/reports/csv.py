"""CSV: one row per evidence item (a claim without evidence is one row), claim columns
repeated, so the file sorts and filters in a spreadsheet without losing which claim a
source backs. Every row carries the export's time and chain head.

Cells that a spreadsheet would read as a formula (starting with = + - @ or a tab or
carriage return) are prefixed with an apostrophe: claim text is data, never a formula.
"""
import csv
import io
import json

from ..store.db import iso_z
from .builder import independent_sources_of_rows

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
NO_EVIDENCE = ",".join([""] * 21)  # the evidence columns of a claim without evidence


def text(value):
    """A text cell as csv.writer writes it (QUOTE_MINIMAL, quotes doubled; None empty),
    after a formula-looking start got its apostrophe."""
    if not value:
        return ""
    if value[0] in FORMULA_START:
        value = "'" + value
    if '"' in value:
        return '"%s"' % value.replace('"', '""')
    if "," in value or "\n" in value or "\r" in value:
        return '"%s"' % value
    return value


def number(value):
    return "" if value is None else "%d" % value


def render(report):
    header = io.StringIO()
    csv.writer(header, lineterminator="\r\n").writerow(COLUMNS)
    yield header.getvalue()
    lines = LineWriter(report.header, report.settings)
    for chunk in report.chunks():
        yield "".join(lines.chunk(chunk))


class LineWriter:
    """Each claim's lines, straight from a chunk's rows (``builder.Chunk``) rather than
    from the report dicts through csv.writer: the claim's columns are formatted once for
    all its evidence rows. The bytes are what csv.writer gives for the dicts' cells
    (tests/reports/test_fast_paths.py holds them to it) at a fraction of the cost."""

    def __init__(self, header, settings):
        self.scale = settings.scale
        self.urls = settings.claim_api_urls()
        self.exported = ",%s,%s\r\n" % (header["generated_at"], header["chain_head"]["hash"])
        self.ratings = {}

    def rating(self, name):
        """verdict, verdict_label, rating_value, best_rating, worst_rating."""
        found = self.ratings.get(name)
        if found is None:
            scale = self.scale
            known = name in scale
            found = self.ratings[name] = ",".join((
                text(name), text(scale.label(name) if known else name),
                number(scale.rating(name) if known else None), number(scale.best), "1"))
        return found

    def chunk(self, chunk):
        names, archived = chunk.names, chunk.archived
        who = {user_id: text(name) for user_id, name in names.items()}
        lines = []
        for row, evidence, events in chunk.claims:
            (claim_id, claim_text, quote, quote_kind, _, _, cue, claimed_at, _, _, state,
             verdict, rationale, proposed_by, published_verdict, published_by, published_at,
             _, _, version, _, _, _, speaker_id, speaker_kind, speaker_name,
             speaker_description, speaker_affiliation, document_id, document_title,
             document_url, document_publisher, _) = row
            timeline, proposed_at = [], ""
            for _, event_version, actor, action, _, _, _, at, _, _ in events:
                at = iso_z(at)
                if action == "propose":
                    proposed_at = at
                timeline.append("v%s %s %s by %s" % (event_version, at, action,
                                                     names.get(actor) or "system"))
            rating, approved_by, approved_at = ",,,,", "", ""
            if published_verdict is not None:
                rating = self.rating(published_verdict)
                approved_by, approved_at = who.get(published_by, ""), iso_z(published_at) or ""
            head = ",".join((
                "%d" % claim_id, text(self.urls % claim_id), text(claim_text), text(state),
                number(version),
                "%s,%s,%s,%s" % (text(speaker_name), text(speaker_description),
                                 text(speaker_kind), text(speaker_affiliation))
                if speaker_id is not None else ",,,",
                text(quote), text(quote_kind), text(cue), iso_z(claimed_at) or "",
                "%d,%s,%s,%s" % (document_id, text(document_title), text(document_url),
                                 text(document_publisher))
                if document_id is not None else ",,,",
                rating, text(rationale), who.get(proposed_by, ""), proposed_at, approved_by,
                approved_at, text(verdict), "%d" % independent_sources_of_rows(evidence)))
            tail = ",%s,%s%s" % (text("; ".join(timeline)), events[-1][8] if events else "",
                                 self.exported)
            lines.extend(head + "," + cells + tail for cells in (
                [evidence_cells(item, who, archived) for item in evidence] or [NO_EVIDENCE]))
        return lines


def evidence_cells(item, who, archived):
    (evidence_id, _, stance, excerpt, _, verified, _, _, added_by, added_at, source_id, url,
     _, _, title, publisher, author, published_at, kind, independence_key, fetch_status,
     link_status) = item
    found = archived.get(evidence_id)
    if found is None:
        copy = ",,,,"
    else:
        changed = found["changed_since_cited"]
        copy = ",".join((text(found["archive_url"]), found["fetched_at"] or "",
                         text(found["content_sha256"]), found["link_checked_at"] or "",
                         text(json.dumps(changed)) if changed else ""))
    return ",".join((
        "%d" % evidence_id, text(stance), text(excerpt),
        "" if verified is None else ("true" if verified else "false"),
        who.get(added_by, ""), iso_z(added_at), "%d" % source_id, text(url), text(title),
        text(publisher), text(author), iso_z(published_at) or "", text(kind),
        text(independence_key), text(fetch_status), text(link_status), copy))
