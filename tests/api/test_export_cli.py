"""claimdesk export: the report written to a file, filters applied, refusals reported."""
import csv
import json

from tests.reports.helpers import PUBLISHER, add_sources, publish, user
from verify.intake.seed import load_seeds
from verify.models import ChainHead
from verify.store.db import database


def seed(app):
    with app.app_context():
        load_seeds()
        checker = user("factchecker-user")
        add_sources(1, checker)
        publish(1, "false", proposer=checker, approver=user("editor-user"), rationale="No.")
        head = ChainHead.get_by_id(1).hash
        database.close()
    return head


def test_export_writes_the_file(app, runner, tokens, tmp_path):
    head = seed(app)
    out = tmp_path / "claims.jsonl"
    result = runner.invoke(args=["export", "--format", "jsonl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote 6 claims (jsonl) to %s; audit chain head %s\n" % (out, head)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines[0]["chain_head"]["hash"] == head
    assert [line["id"] for line in lines[1:]] == [1, 2, 3, 4, 5, 6]
    assert not (tmp_path / "claims.jsonl.part").exists()


def test_export_filters(app, runner, tokens, tmp_path):
    seed(app)
    out = tmp_path / "published.csv"
    result = runner.invoke(args=["export", "--format", "csv", "--state", "published",
                                 "--updated-since", "2000-01-01T00:00:00Z", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["claim_id"], r["stance"], r["verdict_label"]) for r in rows] == [
        ("1", "supports", "False"), ("1", "contradicts", "False")]
    result = runner.invoke(args=["export", "--format", "csv", "--document", "99",
                                 "--out", str(out)])
    assert result.exit_code == 0 and result.output.startswith("wrote 0 claims")


def test_export_progress_bar_only_on_a_terminal(app, runner, tokens, tmp_path, monkeypatch):
    seed(app)
    out = tmp_path / "r.md"
    plain = runner.invoke(args=["export", "--format", "markdown", "--out", str(out)])
    assert "exporting" not in plain.output
    monkeypatch.setattr("api.cli.on_terminal", lambda: True)
    shown = runner.invoke(args=["export", "--format", "markdown", "--out", str(out)])
    assert shown.exit_code == 0, shown.output
    assert "exporting 6 claims" in shown.output
    assert out.read_text(encoding="utf-8").startswith("# Sourcing report")


def test_export_refusal_leaves_no_file(app, runner, tokens, tmp_path):
    seed(app)
    out = tmp_path / "reviews.jsonld"
    result = runner.invoke(args=["export", "--format", "claimreview", "--out", str(out)])
    assert result.exit_code == 1
    assert "CLAIMDESK_PUBLISHER_URL must name the publisher's http(s) site" in result.output
    assert not out.exists() and not (tmp_path / "reviews.jsonld.part").exists()
    app.config.update(PUBLISHER)
    result = runner.invoke(args=["export", "--format", "claimreview", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [r["reviewRating"]["alternateName"] for r in json.loads(out.read_text())] == ["False"]


def test_export_rejects_a_bad_time(app, runner, tmp_path):
    result = runner.invoke(args=["export", "--updated-since", "yesterday",
                                 "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 2
    assert "use ISO 8601" in result.output
