"""Streamed reports stay flat in memory however many claims they cover, and read the
database a chunk at a time (a fixed number of queries per chunk, never per claim)."""
import json
import tracemalloc

from bench.generate import generate
from verify.reports import FORMATS, ReportSettings, filtered_report
from verify.review.history import verify_chain
from verify.store.db import database

# Up to three evidence links per claim and a third published, so reports carry ClaimReview data.
DATA = {"evidence": (0, 3), "published_share": 0.3}


def peak_while_streaming(fmt):
    """Peak traced memory while a whole report is rendered and thrown away."""
    render = FORMATS[fmt][0]
    report = filtered_report(ReportSettings())
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        size = sum(len(piece) for piece in render(report))
        return tracemalloc.get_traced_memory()[1], size
    finally:
        tracemalloc.stop()


def test_streamed_export_memory_is_flat(app):
    formats = ("json", "csv")  # jsonl renders the same dicts as json
    with app.app_context(), database.connection_context():
        generate(5000, **DATA)
        small = {fmt: peak_while_streaming(fmt) for fmt in formats}
        generate(15000, seed=43, **DATA)
        large = {fmt: peak_while_streaming(fmt) for fmt in formats}
        assert verify_chain() == {"ok": True, "events": verify_chain()["events"],
                                  "head": verify_chain()["head"], "first_broken": None}
    for fmt in formats:
        (small_peak, small_size), (large_peak, large_size) = small[fmt], large[fmt]
        # Four times the claims, four times the output...
        assert large_size > 3.5 * small_size, fmt
        # ...but not more memory: one chunk of claims is held at a time.
        assert large_peak < small_peak * 1.3, (fmt, small_peak, large_peak)


def test_queries_per_chunk_not_per_claim(app):
    with app.app_context(), database.connection_context():
        generate(1200, **DATA)
        executed = []
        real = database.obj.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            executed.append(sql)
            return real(sql, params, *args, **kwargs)

        database.obj.execute_sql = counting
        try:
            claims = list(filtered_report(ReportSettings()).claims())
        finally:
            del database.obj.execute_sql
    assert len(claims) == 1200
    assert sum(len(c["timeline"]) for c in claims) == sum(c["version"] for c in claims)
    # Head + head event, then per chunk of 500 (3 chunks): claims, evidence, events,
    # users, snapshots, link checks.
    assert len(executed) <= 2 + 3 * 6, executed


def test_filtered_chunks_match_a_direct_query(app, monkeypatch):
    """Chunks of a filtered report hold exactly the matching claims, each with exactly
    its own evidence and events, however the chunk boundaries fall."""
    from verify.models import Claim, Event, Evidence

    monkeypatch.setattr("verify.reports.builder.CHUNK", 7)
    with app.app_context(), database.connection_context():
        generate(300, **DATA)
        claims = list(filtered_report(ReportSettings(), state="published").claims())
        published = [c.id for c in Claim.select(Claim.id).where(Claim.state == "published")
                     .order_by(Claim.id)]
        assert [c["id"] for c in claims] == published and len(published) > 50
        for claim in claims:
            assert [e["id"] for e in claim["evidence"]] == [
                e.id for e in Evidence.select(Evidence.id).where(Evidence.claim == claim["id"])
                .order_by(Evidence.id)]
            assert [t["hash"] for t in claim["timeline"]] == [
                e.hash for e in Event.select(Event.hash).where(Event.claim == claim["id"])
                .order_by(Event.claim_version)]


def test_events_written_during_an_export_are_left_out(app):
    """The timeline stops at the chain head read when the report began, in every format,
    so the exported head vouches for every event shown."""
    from verify.review.history import change_claim, lock_claim
    from verify.models import Event, User

    with app.app_context(), database.connection_context():
        generate(20, **DATA)
        reports = {fmt: filtered_report(ReportSettings()) for fmt in ("json", "csv")}
        before = [e.hash for e in Event.select(Event.hash).where(Event.claim == 3)
                  .order_by(Event.claim_version)]
        actor = User.select().first()
        with database.atomic():
            change_claim(lock_claim(3), actor=actor.id, action="comment",
                         changes={"comment": "written while the export runs"})
        written = {fmt: "".join(FORMATS[fmt][0](report)) for fmt, report in reports.items()}
        [claim] = [c for c in filtered_report(ReportSettings()).claims() if c["id"] == 3]
    assert len(claim["timeline"]) == len(before) + 1  # a new report shows it
    [exported] = [c for c in json.loads(written["json"])["claims"] if c["id"] == 3]
    assert [entry["hash"] for entry in exported["timeline"]] == before
    assert "written while the export runs" not in written["json"]
    assert written["csv"].count("comment by") == 0
