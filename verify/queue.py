"""The background queue (huey): fetching sources, checking links, delivering webhooks.

Tasks are declared against ``queue`` at import time; ``configure_queue(url)`` then binds it
to its storage: a SQLite file (the embedded default), PostgreSQL, Redis, or ``immediate``
(tasks run inline, which tests use). Enqueue only after the transaction that made the work
has committed, or a worker may look for a row that is not there yet.
"""
from urllib.parse import urlparse

from huey import Huey
from huey.storage import MemoryStorage, PostgresStorage, RedisStorage, SqliteStorage

from .store.db import database

queue = Huey("claimdesk", storage_class=MemoryStorage, immediate=True, utc=True)


def configure_queue(url):
    """Bind the queue to the storage named by ``url``."""
    if url == "immediate":
        queue.immediate = True
        return queue
    queue.immediate = False
    scheme = urlparse(url).scheme
    if scheme.startswith("sqlite"):
        queue.storage = SqliteStorage("claimdesk", filename=url.split(":///", 1)[1])
    elif scheme in ("postgres", "postgresql"):
        queue.storage = PostgresStorage("claimdesk", dsn=url)
    elif scheme in ("redis", "rediss"):
        queue.storage = RedisStorage("claimdesk", url=url)
    else:
        raise ValueError("unsupported queue URL %r: sqlite:///, postgresql://, redis:// "
                         "or immediate" % url)
    return queue


@queue.pre_execute()
def _connect(task):
    database.connect(reuse_if_open=True)


@queue.post_execute()
def _close(task, task_value, exc):
    # Each task returns its connection (to the pool, on PostgreSQL) when it ends.
    if not database.is_closed():
        database.close()
