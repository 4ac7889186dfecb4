"""Sourcing report endpoints, end to end: whole bodies, each format, hostile text."""
import csv
import io
import json

import extruct
import lxml.html
import pytest
from markdown_it import MarkdownIt

from tests.reports.helpers import (
    HOSTILE,
    PUBLISHER,
    add_sources,
    publish,
    serve_sources,
    user,
)
from verify.claims import create_claim
from verify.intake.documents import record_document
from verify.intake.seed import load_seeds
from verify.models import ChainHead, Claim, Evidence, Event, Snapshot, Source
from verify.review.evidence import add_evidence
from verify.review.history import change_claim, lock_claim
from verify.store.db import database


def iso(value):
    return value.isoformat(timespec="microseconds") + "Z"


@pytest.fixture
def seeded(app, tokens, monkeypatch, mocked):
    """Seed claim 1 with two pieces of evidence from fetched and archived sources, and a
    published verdict."""
    serve_sources(monkeypatch, mocked)
    app.config.update(PUBLISHER)
    with app.app_context():
        load_seeds()
        checker, editor = user("factchecker-user"), user("editor-user")
        add_sources(1, checker)
        publish(1, "misleading", proposer=checker, approver=editor,
                rationale="The statement omits the later agreement.")
        database.close()
    return app


def expected_claim_one():
    """The report of seed claim 1 as stored: every value read back from the rows."""
    claim = Claim.get_by_id(1)
    events = list(Event.select().where(Event.claim == 1).order_by(Event.claim_version))
    evidence = list(Evidence.select().where(Evidence.claim == 1).order_by(Evidence.id))
    snapshots = [Snapshot.get(Snapshot.source == source) for source in (1, 2)]
    names = {None: None, 2: "factchecker-user", 3: "editor-user"}
    return {
        "id": 1,
        "url": "http://claimdesk.test/api/v1/claims/1",
        "text": "The Taliban administration has backtracked on its anti-terror pledges.",
        "state": "published",
        "version": 6,
        "created_by": None,
        "created_at": iso(claim.created_at),
        "updated_at": iso(claim.updated_at),
        "statement": {
            "speaker": {"id": 1, "kind": "anonymous_person", "name": "",
                        "description": "a senior Pakistani official involved in the negotiations",
                        "affiliation": "Government of Pakistan"},
            "quote": "The Taliban administration has clearly backtracked on their anti-terror "
                     "pledges",
            "quote_kind": "direct", "quote_start": 698, "quote_end": 777, "cue": "revealed",
            "claimed_at": None,
            "document": {"id": 1, "title": "Pakistan-Taliban peace talks collapse in Turkiye "
                                           "amid terrorism allegations",
                         "url": None, "publisher": None, "published_at": None},
            "extracted": False, "confidence": None,
        },
        "verdict": {
            "working": {"verdict": "misleading", "label": "Misleading", "rating_value": 2,
                        "worst_rating": 1, "best_rating": 5},
            "rationale": "The statement omits the later agreement.",
            "proposed_by": "factchecker-user",
            "proposed_at": iso(events[4].created_at),
            "published": {"verdict": "misleading", "label": "Misleading", "rating_value": 2,
                          "worst_rating": 1, "best_rating": 5, "approved_by": "editor-user",
                          "approved_at": iso(claim.published_at)},
            "review_url": "https://factcheck.example/claims/1",
            "dismiss_reason": None,
            "duplicate_of": None,
        },
        "evidence": [
            {"id": evidence[0].id, "stance": "supports", "excerpt": "the pledges were not kept",
             "excerpt_verified": True, "excerpt_start": 186, "excerpt_end": 211, "note": None,
             "added_by": "factchecker-user", "added_at": iso(evidence[0].created_at),
             "source": {"id": 1, "url": "https://www.gov.example/statement",
                        "canonical_url": None, "domain": "www.gov.example",
                        # What the person recorded wins over what the page says.
                        "title": "Official statement", "publisher": "Ministry of Examples",
                        "author": "Press office",
                        "published_at": "2026-03-10T00:00:00.000000Z",
                        "kind": "official_statement", "independence_key": "gov.example",
                        "fetch_status": "fetched", "link_status": "alive",
                        "archive_url": "https://web.archive.org/web/20261101090000/"
                                       "https://www.gov.example/statement",
                        "fetched_at": iso(snapshots[0].fetched_at),
                        "content_sha256": snapshots[0].sha256,
                        "link_checked_at": None, "changed_since_cited": None}},
            {"id": evidence[1].id, "stance": "contradicts",
             "excerpt": "officials said talks went well",
             "excerpt_verified": True, "excerpt_start": 475, "excerpt_end": 505,
             "note": "Later report",
             "added_by": "factchecker-user", "added_at": iso(evidence[1].created_at),
             "source": {"id": 2, "url": "https://news.example/report",
                        "canonical_url": None, "domain": "news.example",
                        "title": "Talks report", "publisher": "Example News",
                        "author": "Maria Lopez",  # from the page: nobody gave one
                        "published_at": "2026-03-10T00:00:00.000000Z",
                        "kind": "news_report", "independence_key": "news.example",
                        "fetch_status": "fetched", "link_status": "alive",
                        "archive_url": "https://web.archive.org/web/20261102100000/"
                                       "https://news.example/report",
                        "fetched_at": iso(snapshots[1].fetched_at),
                        "content_sha256": snapshots[1].sha256,
                        "link_checked_at": None, "changed_since_cited": None}},
        ],
        "independent_sources": 2,
        "timeline": [
            {"version": e.claim_version, "at": iso(e.created_at), "actor": names[e.actor_id],
             "action": action, "from_state": from_state, "to_state": to_state,
             "changes": e.changes, "hash": e.hash}
            for e, (action, from_state, to_state) in zip(events, [
                ("create", None, "unreviewed"), ("add_evidence", None, None),
                ("add_evidence", None, None), ("start_research", "unreviewed", "researching"),
                ("propose", "researching", "in_review"), ("approve", "in_review", "published")])
        ],
    }


def test_claim_report_json_whole_body(seeded, client, auth):
    response = client.get("/api/v1/claims/1/report", headers=auth("viewer"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="claim-1-report.json"'
    body = response.get_json()
    with seeded.app_context():
        head = ChainHead.get_by_id(1)
        expected = {
            "report": {
                "generated_at": body["report"]["generated_at"],
                "scope": {"claim": 1},
                "chain_head": {"hash": head.hash, "events": head.events},
                "publisher": {"name": "Example Fact Check", "url": "https://factcheck.example"},
                "verdict_scale": [
                    {"verdict": "false", "label": "False", "rating_value": 1},
                    {"verdict": "misleading", "label": "Misleading", "rating_value": 2},
                    {"verdict": "unproven", "label": "Unproven", "rating_value": 3},
                    {"verdict": "mostly_accurate", "label": "Mostly accurate", "rating_value": 4},
                    {"verdict": "accurate", "label": "Accurate", "rating_value": 5},
                ],
            },
            "claims": [expected_claim_one()],
        }
        # The head covers the approval: the report's last event is the chain's newest.
        assert head.hash == expected["claims"][0]["timeline"][-1]["hash"]
    assert body["report"]["generated_at"].endswith("Z")
    assert body == expected


def test_report_csv_header_and_rows(seeded, client, auth):
    response = client.get("/api/v1/reports?format=csv&state=published", headers=auth("viewer"))
    assert response.status_code == 200
    assert "Content-Length" not in response.headers  # streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="claims-report-')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:5] == ["claim_id", "claim_url", "text", "state", "version"]
    assert len(rows) == 3  # header + one row per evidence item of the one published claim
    records = [dict(zip(rows[0], row)) for row in rows[1:]]
    with seeded.app_context():
        head = ChainHead.get_by_id(1).hash
    assert [(r["claim_id"], r["stance"], r["source_url"], r["verdict_label"], r["rating_value"],
             r["approved_by"], r["independence_key"], r["archive_url"], r["chain_head"])
            for r in records] == [
        ("1", "supports", "https://www.gov.example/statement", "Misleading", "2", "editor-user",
         "gov.example",
         "https://web.archive.org/web/20261101090000/https://www.gov.example/statement", head),
        ("1", "contradicts", "https://news.example/report", "Misleading", "2", "editor-user",
         "news.example", "https://web.archive.org/web/20261102100000/https://news.example/report",
         head),
    ]
    assert records[0]["timeline"].startswith("v1 ") and "v6 " in records[0]["timeline"]


def test_claim_without_evidence_is_one_csv_row(seeded, client, auth):
    response = client.get("/api/v1/claims/2/report?format=csv", headers=auth("viewer"))
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 2 and rows[1][0] == "2" and rows[1][rows[0].index("evidence_id")] == ""


def test_jsonl_report_of_a_document(seeded, client, auth):
    response = client.get("/api/v1/documents/1/report?format=jsonl", headers=auth("viewer"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/jsonl"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert lines[0]["record"] == "report"
    assert lines[0]["scope"]["document"]["id"] == 1
    assert [line["id"] for line in lines[1:]] == [1, 2, 3, 4, 5, 6]
    assert {line["record"] for line in lines[1:]} == {"claim"}


def test_markdown_report(seeded, client, auth):
    response = client.get("/api/v1/claims/1/report?format=markdown", headers=auth("viewer"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    text = response.get_data(as_text=True)
    for expected in ("## Claim 1: The Taliban administration has backtracked on its "
                     "anti-terror pledges.",
                     "- Speaker: a senior Pakistani official involved in the negotiations "
                     "(anonymous person, Government of Pakistan)",
                     "- Published verdict: **Misleading** (rating 2 of 5, worst 1)",
                     "1. **supports**: Official statement",
                     "   - Archived copy: https://web.archive.org/web/20261101090000/"
                     "https://www.gov.example/statement; retrieved: 20",
                     "   - Excerpt (verified in the archived copy): the pledges were not kept",
                     "   - Independence key: gov.example; link: alive",
                     "- v6 ", "approve by editor-user (in\\_review → published)"):
        assert expected in text, expected
    with seeded.app_context():
        assert "Audit chain head: `%s`" % ChainHead.get_by_id(1).hash in text


def test_html_report_content_and_claimreview(seeded, client, auth):
    response = client.get("/api/v1/claims/1/report?format=html", headers=auth("viewer"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    page = response.get_data(as_text=True)
    tree = lxml.html.fromstring(page)
    assert tree.xpath("string(//h2)") == ("Claim 1: The Taliban administration has "
                                          "backtracked on its anti-terror pledges.")
    assert [a.get("href") for a in tree.xpath("//a")] == [
        "https://factcheck.example/claims/1", "https://www.gov.example/statement",
        "https://web.archive.org/web/20261101090000/https://www.gov.example/statement",
        "https://news.example/report",
        "https://web.archive.org/web/20261102100000/https://news.example/report"]
    assert not tree.xpath("//link|//img|//script[@src]")  # self-contained
    data = extruct.extract(page, base_url="http://claimdesk.test/", syntaxes=["json-ld"])
    [review] = data["json-ld"]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == ("The Taliban administration has backtracked on its "
                                       "anti-terror pledges.")
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 2, "bestRating": 5,
                                      "worstRating": 1, "alternateName": "Misleading"}
    assert review["url"] == "https://factcheck.example/claims/1"
    assert review["author"] == {"@type": "Organization", "name": "Example Fact Check",
                                "url": "https://factcheck.example"}
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "description": "a senior Pakistani official involved in the negotiations",
        "affiliation": {"@type": "Organization", "name": "Government of Pakistan"}}


@pytest.fixture
def hostile(app, tokens, monkeypatch, mocked):
    """A published claim whose every text field is markup meant to run."""
    serve_sources(monkeypatch, mocked)
    app.config.update(PUBLISHER)
    with app.app_context():
        checker, editor = user("factchecker-user"), user("editor-user")
        document, _ = record_document(actor=checker, text="Said: " + HOSTILE, title=HOSTILE,
                                      url="https://news.example/a?x=%22%3E", publisher=HOSTILE)
        claim = create_claim(actor=checker, text=HOSTILE, quote=HOSTILE, cue=HOSTILE,
                             document_id=document.id,
                             speaker={"kind": "named_person", "name": HOSTILE,
                                      "description": HOSTILE, "affiliation": HOSTILE})
        add_sources(claim.id, checker)  # what the evidence gate asks of a 'false' verdict
        # The API refuses such a URL; a row from elsewhere (an import) must still be inert.
        source = Source.create(url="javascript:alert(3)", domain="", title=HOSTILE,
                               publisher=HOSTILE, author=HOSTILE)
        add_evidence(claim.id, actor=checker, source_id=source.id, stance="supports",
                     excerpt=HOSTILE, note=HOSTILE)
        publish(claim.id, "false", proposer=checker, approver=editor, rationale=HOSTILE)
        with database.atomic():
            change_claim(lock_claim(claim.id), actor=editor, action="comment",
                         changes={"comment": HOSTILE})
        database.close()
    return claim.id


def test_hostile_text_is_escaped_in_html(hostile, client, auth):
    response = client.get("/api/v1/claims/%d/report?format=html" % hostile,
                          headers=auth("viewer"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    tree = lxml.html.fromstring(page)
    # The one script element is our JSON-LD; nothing the claim said became an element.
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert not tree.xpath("//img|//*[@onerror]")
    # The javascript: source URL is shown as text, never as a link.
    assert [a.get("href") for a in tree.xpath("//a")] == [
        "https://news.example/a?x=%22%3E", "https://factcheck.example/claims/%d" % hostile,
        "https://www.gov.example/statement",
        "https://web.archive.org/web/20261101090000/https://www.gov.example/statement",
        "https://news.example/report",
        "https://web.archive.org/web/20261102100000/https://news.example/report"]
    assert "javascript:alert(3)" in tree.xpath("string(//ol)")
    assert tree.xpath("string(//h2)") == "Claim %d: %s" % (hostile, HOSTILE)
    assert tree.xpath("string(//blockquote)") == HOSTILE
    assert tree.xpath("string(//tbody/tr[last()]/td[6])") == HOSTILE  # the comment
    # Inside the JSON-LD no character can end the script element.
    raw = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw
    [review] = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
    assert review["claimReviewed"] == HOSTILE
    assert review["itemReviewed"]["author"]["name"] == HOSTILE


def test_hostile_text_is_inert_in_markdown(hostile, client, auth):
    text = client.get("/api/v1/claims/%d/report?format=markdown" % hostile,
                      headers=auth("viewer")).get_data(as_text=True)
    rendered = MarkdownIt("commonmark", {"html": True}).render(text)
    tree = lxml.html.fromstring(rendered)
    assert not tree.xpath("//script|//img|//*[@onerror]|//a")
    assert tree.xpath("string(//h2)") == "Claim %d: %s" % (hostile, HOSTILE)


def test_hostile_text_cannot_be_a_csv_formula(app, client, auth, tokens):
    with app.app_context():
        create_claim(actor=None, text="=HYPERLINK(\"http://evil.example\")")
        database.close()
    rows = list(csv.reader(io.StringIO(
        client.get("/api/v1/reports?format=csv", headers=auth("viewer")).get_data(as_text=True))))
    assert rows[1][2] == "'=HYPERLINK(\"http://evil.example\")"


def test_claimreview_format(seeded, client, auth):
    response = client.get("/api/v1/claims/1/report?format=claimreview", headers=auth("viewer"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/ld+json"
    review = response.get_json(force=True)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    listing = client.get("/api/v1/reports?format=claimreview", headers=auth("viewer"))
    assert [r["url"] for r in json.loads(listing.get_data(as_text=True))] == [
        "https://factcheck.example/claims/1"]


def test_claimreview_of_unpublished_claim_is_refused(seeded, client, auth):
    response = client.get("/api/v1/claims/2/report?format=claimreview", headers=auth("viewer"))
    assert response.status_code == 409
    assert response.get_json() == {
        "type": "about:blank", "title": "Conflict", "status": 409,
        "detail": "claim 2 has no published verdict, so it has no ClaimReview",
        "code": "conflict", "instance": "/api/v1/claims/2/report"}


def test_claimreview_without_publisher_is_refused(seeded, client, auth):
    seeded.config.update(PUBLISHER_URL=None)
    response = client.get("/api/v1/claims/1/report?format=claimreview", headers=auth("viewer"))
    assert response.status_code == 409
    body = response.get_json()
    assert body["problems"] == [{"field": "url", "reason": "CLAIMDESK_PUBLISHER_URL must name "
                                                           "the publisher's http(s) site"}]
    # The HTML report still renders, saying why it carries no markup.
    page = client.get("/api/v1/claims/1/report?format=html",
                      headers=auth("viewer")).get_data(as_text=True)
    assert "application/ld+json" not in page
    assert "No ClaimReview markup: url CLAIMDESK_PUBLISHER_URL must name" in page


@pytest.mark.parametrize("path, status", [
    ("/api/v1/claims/99/report", 404),
    ("/api/v1/documents/99/report", 404),
    ("/api/v1/claims/1/report?format=pdf", 422),
    ("/api/v1/reports?state=nonsense", 422),
])
def test_report_errors(seeded, client, auth, path, status):
    response = client.get(path, headers=auth("viewer"))
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"


def test_reports_need_a_token(seeded, client):
    assert client.get("/api/v1/reports").status_code == 401


@pytest.mark.parametrize("fmt, streamed", [
    ("json", True), ("jsonl", True), ("csv", True), ("markdown", True), ("html", True),
    ("claimreview", False)])
def test_which_formats_stream(seeded, client, auth, fmt, streamed):
    response = client.get("/api/v1/reports?format=" + fmt, headers=auth("viewer"))
    assert response.status_code == 200
    # A body produced while sent has no length up front; one rendered whole has.
    assert ("Content-Length" not in response.headers) is streamed
    response.close()


def test_streamed_report_holds_its_own_connection(seeded, client, auth, monkeypatch):
    """The body is read after teardown closed the request's connection; the stream opens
    one for itself, spans several chunks, and leaves no connection open behind it."""
    monkeypatch.setattr("verify.reports.builder.CHUNK", 2)
    response = client.get("/api/v1/reports?format=jsonl", headers=auth("viewer"))
    assert "Content-Length" not in response.headers
    lines = response.get_data(as_text=True).splitlines()
    assert [json.loads(line)["id"] for line in lines[1:]] == [1, 2, 3, 4, 5, 6]
    assert database.is_closed()


def test_streamed_report_over_real_http(seeded, live_server, tokens, monkeypatch):
    import requests

    monkeypatch.setattr("verify.reports.builder.CHUNK", 2)
    response = requests.get(live_server + "/api/v1/reports?format=json",
                            headers={"Authorization": "Bearer %s" % tokens["viewer"]},
                            stream=True, timeout=30)
    assert response.headers["Transfer-Encoding"] == "chunked"
    body = json.loads(b"".join(response.iter_content(chunk_size=64)))
    assert [claim["id"] for claim in body["claims"]] == [1, 2, 3, 4, 5, 6]
