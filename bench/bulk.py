"""Bulk loading for the data generator: prepared multi-row inserts, deferred indexes and
PostgreSQL sequences, on whichever database ``verify.store.db.database`` is bound to."""
from peewee import quote

from verify.models import Claim, ClaimKey, Document, Event, Evidence, Source, Speaker
from verify.store.db import database, is_sqlite


def chunks(rows, size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert(model, fields, rows):
    """Bulk insert: one prepared statement, run by the driver for every row.

    Profiling ``insert_many`` showed peewee's SQL builder, which renders every value of
    every row, taking 80% of the load time; the driver's ``executemany`` (pipelined by
    psycopg) with values converted by the same fields' ``db_value`` does the same insert.
    Columns left out get the model's defaults, as peewee's own inserts would.
    """
    if not rows:
        return 0
    given = {f.name for f in fields}  # not `f in fields`: peewee's == builds SQL
    extra = [f for f in model._meta.sorted_fields if f.name not in given and f.default is not None]
    defaults = tuple(f.default() if callable(f.default) else f.default for f in extra)
    columns = list(fields) + extra
    sql = "INSERT INTO %s (%s) VALUES (%s)" % (
        quote((model._meta.table_name,), database.quote),
        ", ".join(quote((f.column_name,), database.quote) for f in columns),
        ", ".join([database.param] * len(columns)))
    convert = [f.db_value for f in columns]
    values = [tuple(c(v) for c, v in zip(convert, row + defaults)) for row in rows]
    database.cursor().executemany(sql, values)
    return len(rows)


def next_id(model):
    return (model.select(model.id).order_by(model.id.desc()).limit(1).scalar() or 0) + 1


def reset_sequences():
    """PostgreSQL serials do not move when ids are given explicitly; move them."""
    if is_sqlite():
        return
    for model in (Speaker, Source, Document, Claim, Evidence, Event):
        table = model._meta.table_name
        database.execute_sql(
            "SELECT setval(pg_get_serial_sequence('\"%s\"', 'id'), "
            "GREATEST((SELECT MAX(id) FROM \"%s\"), 1))" % (table, table))


BULK_TABLES = (Document, Claim, ClaimKey, Evidence, Event)


def deferred_indexes():
    """Drop the secondary indexes of the bulk tables; returns the SQL recreating them."""
    statements = []
    for model in BULK_TABLES:
        table = model._meta.table_name
        for index in database.get_indexes(table):
            if index.name.endswith("_pkey") or not index.sql:
                continue  # PostgreSQL's primary key constraint stays
            statements.append(index.sql)
            database.execute_sql("DROP INDEX %s" % quote((index.name,), database.quote))
    return statements
