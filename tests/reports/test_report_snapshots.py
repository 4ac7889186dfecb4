"""Archive and link-health fields in reports come from the sources' snapshots and link
checks, a query each per chunk; before any fetch they are null / "not yet fetched"."""
import datetime

import pytest

from tests.reports.helpers import add_sources, user
from verify.intake.seed import load_seeds
from verify.models import Evidence, LinkCheck, Snapshot
from verify.reports import ReportSettings, claim_report
from verify.reports.html import render as html
from verify.reports.markdown import render as markdown
from verify.store.db import database, iso_z


@pytest.fixture
def cited(app, tokens):
    with app.app_context():
        load_seeds()
        first, second = add_sources(1, user("factchecker-user"))
        cited_at = Evidence.get(Evidence.source == first.id).created_at
        before, after = cited_at - datetime.timedelta(days=1), cited_at + datetime.timedelta(days=2)
        # Source 1: fetched twice; only the first copy reached the archive. Later a link
        # check found the page changed.
        Snapshot.create(source=first.id, final_url=first.url, http_status=200,
                        fetched_at=before, sha256="a" * 64, text="old words",
                        archive_url="https://web.archive.org/web/1/" + first.url,
                        archived_at=before)
        Snapshot.create(source=first.id, final_url=first.url, http_status=200,
                        fetched_at=after, sha256="b" * 64, text="new words")
        LinkCheck.create(source=first.id, checked_at=cited_at - datetime.timedelta(hours=1),
                         status="alive", http_status=200, sha256="a" * 64)
        LinkCheck.create(source=first.id, checked_at=after, status="changed",
                         http_status=200, sha256="b" * 64)
        # Source 2: one snapshot, archived; changed only before it was cited.
        Snapshot.create(source=second.id, final_url=second.url, http_status=200,
                        fetched_at=before, sha256="c" * 64, text="words",
                        archive_url="https://web.archive.org/web/2/" + second.url,
                        archived_at=before)
        LinkCheck.create(source=second.id, checked_at=before, status="changed",
                         http_status=200, sha256="c" * 64)
        database.close()
    return {"cited_at": iso_z(cited_at), "before": iso_z(before), "after": iso_z(after)}


def test_report_shows_archive_and_link_health(app, cited):
    with app.app_context(), database.connection_context():
        [claim] = list(claim_report(ReportSettings(), 1).claims())
        first, second = (item["source"] for item in claim["evidence"])
        report_md = "".join(markdown(claim_report(ReportSettings(), 1)))
        report_html = "".join(html(claim_report(ReportSettings(), 1)))
    assert {k: first[k] for k in ("archive_url", "fetched_at", "content_sha256",
                                  "link_checked_at", "changed_since_cited")} == {
        "archive_url": "https://web.archive.org/web/1/https://www.gov.example/statement",
        "fetched_at": cited["before"],
        "content_sha256": "a" * 64,
        "link_checked_at": cited["after"],
        "changed_since_cited": {"cited_at": cited["cited_at"], "detected_at": cited["after"]},
    }
    assert {k: second[k] for k in ("archive_url", "content_sha256", "link_checked_at",
                                   "changed_since_cited")} == {
        "archive_url": "https://web.archive.org/web/2/https://news.example/report",
        "content_sha256": "c" * 64, "link_checked_at": cited["before"],
        "changed_since_cited": None}
    assert "changed since cited on %s" % cited["cited_at"].replace("_", "\\_") in report_md
    assert "changed since cited on %s" % cited["cited_at"] in report_html
    assert 'href="https://web.archive.org/web/1/https://www.gov.example/statement"' in report_html


def test_unfetched_sources_say_so(app, tokens):
    with app.app_context():
        load_seeds()
        add_sources(1, user("factchecker-user"))
        database.close()
        [claim] = list(claim_report(ReportSettings(), 1).claims())
        report_md = "".join(markdown(claim_report(ReportSettings(), 1)))
    for item in claim["evidence"]:
        assert item["source"]["archive_url"] is None
        assert item["source"]["fetched_at"] is None
        assert item["source"]["content_sha256"] is None
    # Tests resolve no names, so both fetches failed: the report says so rather than
    # implying the fetch is still to come.
    assert [item["source"]["fetch_status"] for item in claim["evidence"]] == ["failed", "failed"]
    assert report_md.count("Archived copy: none: the fetch failed") == 2


def test_missing_copy_notes():
    from verify.reports.snapshots import missing_copy_note

    assert missing_copy_note({"fetch_status": "pending", "fetched_at": None}) == "not yet fetched"
    assert missing_copy_note({"fetch_status": "failed", "fetched_at": None}) == (
        "none: the fetch failed")
    assert missing_copy_note({"fetch_status": "fetched", "fetched_at": "2026-01-01T00:00:00Z"}) == (
        "none yet (fetched, not archived)")
