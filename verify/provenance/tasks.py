"""Queue tasks for sources. Each enqueues its follow-up only after its own transaction
committed (the domain functions commit before returning)."""
import datetime

from huey import crontab

from ..queue import queue
from . import archiving, fetching, linkhealth

LEASE = datetime.timedelta(hours=1)


@queue.task()
def fetch_task(source_id):
    outcome = fetching.fetch_source(source_id)
    if outcome.snapshot is not None:
        archive_task(outcome.snapshot.id)
    elif outcome.retry_in:
        # Only transient failures come back with a delay; huey's own retries would
        # also retry a 404 or a refused address.
        fetch_task.schedule((source_id,), delay=outcome.retry_in)
    return outcome.error


@queue.task()
def archive_task(snapshot_id):
    archiving.archive_snapshot(snapshot_id)


@queue.task()
def check_task(source_id):
    check = linkhealth.check_source(source_id)
    return check.status if check else None


@queue.periodic_task(crontab(minute="*/15"))
def check_due_sources():
    """Every quarter hour: queue a link check for each source that is due."""
    due = linkhealth.due_sources(lease=LEASE)
    for source_id in due:
        check_task(source_id)
    return len(due)


def enqueue_fetch(source_id):
    fetch_task(source_id)


__all__ = ["fetch_task", "archive_task", "check_task", "check_due_sources", "enqueue_fetch"]
