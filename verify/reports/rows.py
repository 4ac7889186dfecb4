"""Raw rows for reports: plain tuples as the driver returns them, read without peewee's
per-value conversion and without a dict per row (a report reads millions of values and
converts the few it shows itself)."""
from ..store.db import database


def flag(value):
    return None if value is None else bool(value)


class Prepared:
    """A query whose SQL is built once and run many times with new values.

    ``build(*markers)`` returns the peewee query with a marker in place of each value that
    changes between runs (a chunk's id range); ``rows(*values)`` runs it with the values.
    Peewee spends longer rendering a wide SELECT than SQLite spends answering it, and an
    export runs the same few queries for every chunk.
    """

    MARK = -7_300_000_001  # never an id: markers are negative and far from any real value

    def __init__(self, build, count):
        markers = [self.MARK - at for at in range(count)]
        self.sql, params = build(*markers).sql()
        self.params = list(params)
        self.slots = [(at, markers.index(value)) for at, value in enumerate(self.params)
                      if isinstance(value, int) and value in markers]

    def rows(self, *values):
        """Rows as tuples in the query's column order, values as the driver returns them
        (no per-value conversion: ``iso`` and ``flag`` convert the few a report shows)."""
        params = list(self.params)
        for at, which in self.slots:
            params[at] = values[which]
        return database.execute_sql(self.sql, params).fetchall()
