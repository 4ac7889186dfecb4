"""Provenance of sources: fetching and snapshots, excerpt checks, independence keys,
web archiving and link health. The I/O itself lives in ``sources``; this package stores
what it returns and decides what happens next. Tasks for the queue are in ``tasks``."""
