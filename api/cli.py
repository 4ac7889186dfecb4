"""The ``claimdesk`` command: Flask's CLI group, so ``flask --app wsgi …`` works too."""
import datetime
import json
import os
import sys

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from verify import users
from verify.errors import DomainError
from verify.intake.seed import load_seeds
from verify.models import Claim, User
from verify.reports import FORMATS, ReportSettings, filtered_report, write
from verify.review.history import verify_chain
from verify.store import migrate
from verify.store.db import database
from verify.vocabulary import ROLES, STATES


def fail(message):
    click.echo("error: %s" % message, err=True)
    sys.exit(1)


@click.group("db")
def db_group():
    """Database schema."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade():
    """Apply pending migrations."""
    applied = migrate.upgrade()
    click.echo("applied: %s" % (", ".join(applied) if applied else "nothing, up to date"))


@click.command("seed")
@with_appcontext
def seed():
    """Load the seed articles and their claims (idempotent)."""
    click.echo("seeded %d claims" % load_seeds())


@click.group("users")
def users_group():
    """People and roles."""


@users_group.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@with_appcontext
def users_create(name, role):
    """Create a user; the last line printed is their new token."""
    try:
        user, (_, token) = users.create_user(name=name, role=role)
    except DomainError as error:
        fail(error.message)
    click.echo("created user %s (id %d, %s); token:" % (user.name, user.id, user.role))
    click.echo(token)


@click.group("tokens")
def tokens_group():
    """API tokens."""


@tokens_group.command("create")
@click.argument("name")
@click.option("--label", default="", help="What the token is for")
@with_appcontext
def tokens_create(name, label):
    """Issue a token for user NAME; the last line printed is the token."""
    try:
        record, token = users.create_token(name, label)
    except DomainError as error:
        fail(error.message)
    click.echo("token %d for %s:" % (record.id, name))
    click.echo(token)


@tokens_group.command("revoke")
@click.argument("token_id", type=int)
@with_appcontext
def tokens_revoke(token_id):
    """Revoke token TOKEN_ID."""
    try:
        users.revoke_token(token_id)
    except DomainError as error:
        fail(error.message)
    click.echo("revoked token %d" % token_id)


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.File(encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def extract_command(files, fmt):
    """Print the attributed statements found in text FILES."""
    from verify.attribution import extract

    for handle in files:
        statements = extract(handle.read())
        if fmt == "json":
            rows = [statement.to_json() for statement in statements]
            click.echo(json.dumps({"id": handle.name, "statements": rows}, ensure_ascii=False))
            continue
        click.echo("%s: %d statements" % (handle.name, len(statements)))
        for n, st in enumerate(statements, 1):
            speaker = st.speaker or "?"
            if st.resolved_speaker is not None:
                speaker += " (= %s)" % st.resolved_speaker.text
            click.echo("%3d. [%s, %s, %.2f] %s -- %s: %s" % (
                n, st.kind, st.speaker_kind or "no speaker", st.confidence, speaker,
                st.cue or "", shorten(st.text, 100)))


def shorten(text, width):
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


@click.command("bootstrap")
@with_appcontext
def bootstrap():
    """Migrate, seed an empty database, and create a demo admin on first start."""
    migrate.upgrade()
    if not Claim.select().exists():
        click.echo("seeded %d claims" % load_seeds())
    if not User.select().exists():
        _, (_, token) = users.create_user(name="demo-admin", role="admin")
        click.echo("Created user demo-admin (admin). Its token, shown only this once:")
        click.echo("    %s" % token)
        click.echo("Try: curl -H 'Authorization: Bearer %s' "
                   "http://127.0.0.1:5000/api/v1/claims" % token)


@click.group("sources")
def sources_group():
    """Sources: link health."""


@sources_group.command("check")
@click.option("--due", is_flag=True, help="Only sources whose next check is due")
@with_appcontext
def sources_check(due):
    """Re-fetch sources now and record their link health (one line per source)."""
    from verify.provenance import linkhealth

    ids = linkhealth.due_sources() if due else linkhealth.all_sources()
    counts = {}
    for source_id in ids:
        check = linkhealth.check_source(source_id)
        counts[check.status] = counts.get(check.status, 0) + 1
        click.echo("source %d: %s%s" % (source_id, check.status,
                                        " (%s)" % check.error if check.error else ""))
    click.echo("checked %d sources%s" % (len(ids), "".join(
        ", %d %s" % (n, status) for status, n in sorted(counts.items()))))


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Worker threads")
@with_appcontext
def worker(workers):
    """Run the background worker (fetching, link checks, webhook deliveries)."""
    from verify.queue import queue
    from verify import tasks  # noqa: F401  (registers the tasks with the queue)

    if queue.immediate:
        fail("CLAIMDESK_QUEUE_URL is 'immediate': tasks run inline, there is no queue to consume")
    queue.create_consumer(workers=workers, worker_type="thread", periodic=True).run()


def on_terminal():
    return sys.stdout.isatty()


def _utc(ctx, param, value):
    """ISO 8601; a time without an offset is taken as UTC."""
    if value is None:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use ISO 8601, e.g. 2026-11-01T00:00:00Z")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.UTC).replace(tzinfo=None)
    return parsed


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(tuple(FORMATS)), default="json",
              show_default=True)
@click.option("--state", type=click.Choice(STATES))
@click.option("--verdict")
@click.option("--document", type=int, help="Document id")
@click.option("--speaker", type=int, help="Speaker id")
@click.option("--updated-since", callback=_utc, help="ISO 8601 time (UTC if no offset)")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True,
              help="File to write")
@with_appcontext
def export(fmt, out, **filters):
    """Write a sourcing report of the matching claims to a file."""
    partial = out + ".part"
    written = 0

    def advance(count, bar=None):
        nonlocal written
        written += count
        if bar is not None:
            bar.update(count)

    # Written beside the target and renamed at the end: a failed export leaves no
    # half-written file that looks complete.
    try:
        with database.connection_context(), open(partial, "w", encoding="utf-8",
                                                 newline="") as fh:
            report = filtered_report(ReportSettings.from_config(current_app.config), **filters)
            report.progress = advance
            if on_terminal():
                total = report.count()
                with click.progressbar(length=total, label="exporting %d claims" % total,
                                       file=sys.stdout) as bar:
                    report.progress = lambda count: advance(count, bar)
                    write(report, fmt, fh)
            else:
                write(report, fmt, fh)
        os.replace(partial, out)
    except DomainError as error:
        fail(error.message)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    click.echo("wrote %d claims (%s) to %s; audit chain head %s"
               % (written, fmt, out, report.head_hash))


@click.group("audit")
def audit_group():
    """The tamper-evident history."""


@audit_group.command("verify")
@with_appcontext
def audit_verify():
    """Recompute the event hash chain; print the result as JSON, exit 1 when broken."""
    result = verify_chain()
    click.echo(json.dumps(result))
    if not result["ok"]:
        sys.exit(1)


COMMANDS = [db_group, seed, users_group, tokens_group, sources_group, bootstrap, worker,
            extract_command, audit_group, export]


def register(app):
    for command in COMMANDS:
        app.cli.add_command(command)


def main():
    from . import create_app

    FlaskGroup(create_app=create_app, add_default_commands=True)(prog_name="claimdesk")
