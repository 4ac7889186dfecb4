"""All I/O with the outside web: checking, fetching, extracting and archiving sources.

Modules are imported individually (``from sources.fetch import fetch``) so that a
caller that only checks URLs does not load trafilatura. See docs/FETCHING.md for the
policy and the public API. This package imports neither ``verify`` nor ``api``, nor
Flask or peewee.
"""
