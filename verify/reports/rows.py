"""Raw rows for reports: read without peewee's per-value conversion (a report reads
hundreds of thousands of values and converts the few it shows itself)."""
from ..db import database


def iso(value):
    """Datetimes as the API writes them: ISO 8601 UTC with a Z. Raw rows hold datetimes
    (PostgreSQL) or the text peewee stored ('2026-11-28 04:01:02.123456', SQLite)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.replace(" ", "T", 1)
        return (text if "." in text else text + ".000000") + "Z"
    return value.isoformat(timespec="microseconds") + "Z"


def flag(value):
    return None if value is None else bool(value)


def fetch(query):
    """Rows as dicts keyed by column name, without peewee's per-value conversion: a
    report reads hundreds of thousands of values and converts the few it needs itself."""
    cursor = database.execute(query)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
