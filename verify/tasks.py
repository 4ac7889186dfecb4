"""Every background task module, imported so the worker knows all tasks.

Each concern declares its tasks beside its domain code (sources fetching, link checks,
webhook delivery) with ``@queue.task``; this module only imports them.
"""
from . import idempotency  # noqa: F401,E402  (the hourly purge of expired keys)
from .provenance import tasks as provenance_tasks  # noqa: F401,E402
from .webhooks import delivery  # noqa: E402,F401  (webhook delivery and the sweep)
