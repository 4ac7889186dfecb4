"""Every background task module, imported so the worker knows all tasks.

Each concern declares its tasks beside its domain code (sources fetching, link checks,
webhook delivery) with ``@queue.task``; this module only imports them.
"""
from .provenance import tasks as provenance_tasks  # noqa: F401,E402
