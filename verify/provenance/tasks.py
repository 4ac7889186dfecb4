"""Queue tasks for sources. Each enqueues its follow-up only after its own transaction
committed (the domain functions commit before returning). Tasks return nothing: huey
would keep every return value in its result store, and nobody reads them."""
import datetime

from huey import crontab

from ..queue import queue
from . import archiving, fetching, linkhealth

LEASE = datetime.timedelta(hours=1)
# A fetch takes at most the total timeout (30 s) plus extraction: far less than this.
STALLED = datetime.timedelta(minutes=15)


@queue.task()
def fetch_task(source_id):
    outcome = fetching.fetch_source(source_id)
    if outcome.snapshot is not None:
        archive_task(outcome.snapshot.id)
    elif outcome.retry_in:
        # Only transient failures come back with a delay; huey's own retries would
        # also retry a 404 or a refused address.
        fetch_task.schedule((source_id,), delay=outcome.retry_in)


@queue.task()
def archive_task(snapshot_id):
    archiving.archive_snapshot(snapshot_id)


@queue.task()
def check_task(source_id):
    linkhealth.check_source(source_id)


def queue_due_checks():
    """Queue a link check for each source that is due; returns how many."""
    due = linkhealth.due_sources(lease=LEASE)
    for source_id in due:
        check_task(source_id)
    return len(due)


def requeue_stalled_fetches():
    """Queue again the fetches whose task was lost; returns how many."""
    stalled = fetching.stalled_sources(STALLED)
    for source_id in stalled:
        fetch_task(source_id)
    return len(stalled)


@queue.periodic_task(crontab(minute="*/15"))
def check_due_sources():
    """Every quarter hour: queue the link checks that are due, and lost fetches again."""
    queue_due_checks()
    requeue_stalled_fetches()
