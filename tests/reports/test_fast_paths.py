"""JSON, JSON Lines and CSV are written straight from the rows (verify/reports/json.py,
csv.py) for speed; they must give byte for byte what the report dicts give, encoded the
plain way. Checked on data with every odd value a report can meet."""
import csv
import datetime
import io
import json

import pytest

from bench.generate import generate
from tests.reports.helpers import HOSTILE, PUBLISHER, add_sources, publish, serve_sources, user
from verify.claims import create_claim
from verify.intake.documents import record_document
from verify.models import Claim, Evidence, LinkCheck, Snapshot, Source, User
from verify.reports import FORMATS, ReportSettings, claim_report, filtered_report
from verify.review.history import change_claim, lock_claim
from verify.store.db import database

ODD = "=SUM(A1) \u2028 \x01 é 𝄞 \"quoted\" \\ back\nline\ttab"


@pytest.fixture
def varied(app, tokens, monkeypatch, mocked):
    """Generated claims, plus a published claim whose text fields are hostile or odd,
    sources with snapshots and link checks, and values the generator never writes."""
    serve_sources(monkeypatch, mocked)
    app.config.update(PUBLISHER)
    with app.app_context():
        generate(120, evidence=(0, 3), published_share=0.3)
        checker, editor = user("factchecker-user"), user("editor-user")
        User.update(name="-" + ODD).where(User.id == checker.id).execute()
        document, _ = record_document(actor=checker, text="Said: " + HOSTILE, title=ODD,
                                      url="https://news.example/a?x=%22%3E", publisher=HOSTILE)
        claim = create_claim(actor=checker, text=ODD, quote=HOSTILE, cue="+" + ODD,
                             document_id=document.id,
                             speaker={"kind": "named_person", "name": "@" + ODD,
                                      "description": HOSTILE, "affiliation": ODD})
        first, _ = add_sources(claim.id, checker)
        # Each of the characters that make csv.writer quote a field, alone.
        source = Source.create(url="=" + ODD, domain="", independence_key="",
                               title="one, two", publisher="carriage\rreturn",
                               author="new\nline", canonical_url=ODD)
        odd_evidence = Evidence.create(claim=claim.id, source=source.id, stance="supports",
                                           excerpt="\t" + ODD, note=ODD, added_by=checker.id,
                                           excerpt_verified=False)
        publish(claim.id, "false", proposer=checker, approver=editor, rationale=ODD)
        with database.atomic():
            change_claim(lock_claim(claim.id), actor=editor, action="comment",
                         changes={"comment": ODD, "n": [1, 2.5, None, True]})
        Claim.update(confidence=0.30000000000000004, extracted=True, quote_start=3,
                     quote_end=9, dismiss_reason="-a, \"b\"", duplicate_of=1,
                     verdict="not-on-the-scale").where(Claim.id == 5).execute()
        Evidence.update(excerpt_verified=True, excerpt_start=0, excerpt_end=4).where(
            Evidence.claim == claim.id, Evidence.source == first.id).execute()
        cited = odd_evidence.created_at
        Snapshot.create(source=source.id, final_url=source.url, http_status=200,
                        fetched_at=cited - datetime.timedelta(days=1), sha256="a" * 64,
                        text="words", archive_url="https://web.archive.org/web/1/x")
        LinkCheck.create(source=source.id, checked_at=cited + datetime.timedelta(days=1),
                         status="changed", http_status=200, sha256="b" * 64)
        database.close()
    return claim.id


def settings():
    return ReportSettings(public_url="http://claimdesk.test/", publisher_name=ODD,
                          publisher_url="https://factcheck.example/checks/{id}")


def reference_json(report):
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return '{"report":%s,"claims":[%s]}\n' % (
        encode(report.header), ",".join(encode(claim) for claim in report.claims()))


def reference_lines(report):
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    return "".join(encode(record) + "\n" for record in (
        [{"record": "report", **report.header}]
        + [{"record": "claim", **claim} for claim in report.claims()]))


def reference_csv(report):
    """The CSV cells as read from the report dicts (docs/REPORTS.md, CSV columns)."""
    from verify.reports.csv import COLUMNS

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
            return "'" + value
        return value

    header = report.header
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for claim in report.claims():
        statement, verdict = claim["statement"], claim["verdict"]
        speaker, document = statement["speaker"] or {}, statement["document"] or {}
        published, timeline = verdict["published"] or {}, claim["timeline"]
        base = {
            "claim_id": claim["id"], "claim_url": claim["url"], "text": claim["text"],
            "state": claim["state"], "version": claim["version"],
            "speaker_name": speaker.get("name"),
            "speaker_description": speaker.get("description"),
            "speaker_kind": speaker.get("kind"),
            "speaker_affiliation": speaker.get("affiliation"), "quote": statement["quote"],
            "quote_kind": statement["quote_kind"], "cue": statement["cue"],
            "claimed_at": statement["claimed_at"], "document_id": document.get("id"),
            "document_title": document.get("title"), "document_url": document.get("url"),
            "document_publisher": document.get("publisher"),
            "verdict": published.get("verdict"), "verdict_label": published.get("label"),
            "rating_value": published.get("rating_value"),
            "best_rating": published.get("best_rating"),
            "worst_rating": published.get("worst_rating"), "rationale": verdict["rationale"],
            "proposed_by": verdict["proposed_by"], "proposed_at": verdict["proposed_at"],
            "approved_by": published.get("approved_by"),
            "approved_at": published.get("approved_at"),
            "working_verdict": (verdict["working"] or {}).get("verdict"),
            "independent_sources": claim["independent_sources"],
            "timeline": "; ".join("v%s %s %s by %s" % (e["version"], e["at"], e["action"],
                                                       e["actor"] or "system")
                                  for e in timeline),
            "last_event_hash": timeline[-1]["hash"] if timeline else None,
            "exported_at": header["generated_at"], "chain_head": header["chain_head"]["hash"],
        }
        for item in claim["evidence"] or [None]:
            row = dict(base)
            if item:
                source = item["source"]
                row.update({
                    "evidence_id": item["id"], "stance": item["stance"],
                    "excerpt": item["excerpt"], "excerpt_verified": item["excerpt_verified"],
                    "evidence_added_by": item["added_by"], "evidence_added_at": item["added_at"],
                    "source_id": source["id"], "source_url": source["url"],
                    "source_title": source["title"], "source_publisher": source["publisher"],
                    "source_author": source["author"],
                    "source_published_at": source["published_at"],
                    "source_kind": source["kind"], "independence_key": source["independence_key"],
                    "fetch_status": source["fetch_status"], "link_status": source["link_status"],
                    "archive_url": source["archive_url"], "fetched_at": source["fetched_at"],
                    "content_sha256": source["content_sha256"],
                    "link_checked_at": source["link_checked_at"],
                    "changed_since_cited": json.dumps(source["changed_since_cited"])
                    if source["changed_since_cited"] else None})
            writer.writerow([cell(row.get(name)) for name in COLUMNS])
    return buffer.getvalue()


REFERENCES = {"json": reference_json, "jsonl": reference_lines, "csv": reference_csv}


@pytest.mark.parametrize("fmt", sorted(REFERENCES))
def test_fast_formats_match_the_report_dicts(app, varied, fmt, monkeypatch):
    monkeypatch.setattr("verify.reports.builder.CHUNK", 50)  # several chunks
    render = FORMATS[fmt][0]
    with app.app_context(), database.connection_context():
        for make in (lambda: filtered_report(settings()),
                     lambda: filtered_report(settings(), state="published"),
                     lambda: claim_report(settings(), varied)):
            report = make()
            written = "".join(render(report))
            assert written == REFERENCES[fmt](report)
    claims = json.loads(written)["claims"] if fmt == "json" else None
    if claims:  # the odd claim's values did reach the output
        assert claims[0]["text"] == ODD and claims[0]["evidence"][2]["source"][
            "changed_since_cited"] is not None
