"""The one database handle, and the field types every model shares.

Models bind to ``database``, a proxy; ``init_database(url)`` points it at a SQLite file
(the embedded default) or a PostgreSQL server. Nothing else opens connections.
"""
import datetime
import json
from urllib.parse import parse_qsl, urlencode, urlparse

from peewee import DatabaseProxy, DateTimeField, Model, SqliteDatabase, TextField
from playhouse.db_url import connect
from playhouse.pool import PooledSqliteDatabase

database = DatabaseProxy()

# The largest integer SQLite stores (a signed 64-bit INTEGER). Ids and offsets beyond it
# can name no row; passed to the driver they raise OverflowError, so inputs are bounded.
MAX_ID = 2**63 - 1

# WAL lets readers proceed while one writer commits; the busy timeout makes a second
# writer wait instead of failing at once; SQLite leaves foreign keys off unless asked.
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -32000,
}


def init_database(url):
    """Bind the proxy to the database named by ``url`` and return it.

    ``sqlite:///path`` opens a file; ``postgresql://…`` is pooled. A ``search_path`` query
    parameter on a PostgreSQL URL selects a schema (tests give each test its own).
    """
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ":memory:"
        # BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads
        # and then writes can fail with SQLITE_BUSY when another writer got there first.
        # Pooled: close() at the end of a request hands the connection back instead of
        # closing the file, so the next request skips reopening it and the five pragmas
        # (measured: 8% of a one-claim read). A pooled connection serves one thread at a
        # time, hence check_same_thread off; an in-memory database is never pooled.
        if path == ":memory:":
            db = SqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE", timeout=10)
        else:
            db = PooledSqliteDatabase(path, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE",
                                      timeout=10, max_connections=64, stale_timeout=300,
                                      check_same_thread=False)
    elif parsed.scheme in ("postgres", "postgresql", "postgresql+pool", "postgres+pool"):
        base, _, query = url.split("://", 1)[1].partition("?")
        extra = dict(parse_qsl(query))
        options = {}
        if "search_path" in extra:
            options["options"] = "-csearch_path=%s" % extra.pop("search_path")
        max_connections = int(extra.pop("max_connections", 32))
        query = urlencode(extra)
        db = connect(
            "postgresql+pool://%s%s" % (base, "?" + query if query else ""),
            max_connections=max_connections,
            stale_timeout=300,
            **options,
        )
    else:
        raise ValueError("unsupported database URL %r: use sqlite:/// or postgresql://" % url)
    previous = database.obj
    if previous is not None and hasattr(previous, "close_idle"):
        # Switching databases (tests do, once per test): close the old pool's idle
        # connections now rather than leaving them to the garbage collector.
        previous.close_idle()
    database.initialize(db)
    return db


def is_sqlite():
    return isinstance(database.obj, SqliteDatabase)


def utcnow():
    """Naive UTC with microseconds: stored the same way on both engines."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def as_datetime(value):
    """A date column as a driver returns it, as a model would hold it: PostgreSQL gives a
    datetime, SQLite the text peewee stored ('2026-11-28 04:01:02.123456')."""
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            pass  # some other spelling: peewee's formats
    return _DATETIME.python_value(value)


def iso_z(value):
    """A date as every API body writes it: ISO 8601, UTC, microseconds, a Z. Takes a model's
    datetime or a date as the driver returned it; SQLite's stored text
    ('2026-11-28 04:01:02[.123456]') is rewritten rather than parsed (reports format
    millions of them)."""
    if value is None:
        return None
    if value.__class__ is str:
        size = len(value)
        if size == 26:
            return value[:10] + "T" + value[11:] + "Z"
        if size == 19:
            return value[:10] + "T" + value[11:] + ".000000Z"
        value = as_datetime(value)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


class JSONField(TextField):
    """JSON stored as text, so both engines hold and return exactly the same document."""

    def db_value(self, value):
        if value is None:
            return None
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def python_value(self, value):
        return None if value is None else json.loads(value)


class UTCDateTimeField(DateTimeField):
    """Naive UTC datetimes; aware values are converted to UTC before storing."""

    def db_value(self, value):
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return super().db_value(value)


_DATETIME = UTCDateTimeField()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False
