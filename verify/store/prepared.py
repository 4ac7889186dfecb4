"""Hot reads with their SQL rendered once: peewee queries reused with new values.

Rendering SQL from a query with several joins is most of peewee's cost on the small reads
that make up the traffic (profiled with ``python -m bench.profile``: about 40% of a
one-claim read went to ``Query.sql()``). ``Prepared`` builds the query once per engine
with marker values where the parameters go, keeps the rendered SQL and where each marker
landed, and on every call runs that SQL with the real values, turning rows into models
with the query's own cursor wrapper, exactly as iterating the query would. The wrapper's
set-up (matching result columns to models, fields and converters: 20% of the same read)
depends only on the SQL, so it is done once too and copied into each new wrapper.

The query still comes from the same builder the rest of the code uses (``claims_query``),
so a column added there is picked up here.

``tuples()`` skips the models too: the driver's rows as they come, for the reads so hot
that turning a row into models costs more than SQLite answering (the token lookup and
the status of a claim: about 10 µs of each 16 µs read, with ``bench.profile``).
"""
from .db import database

# Values no caller passes: ids are positive; the text marker holds a NUL.
INT_MARKER = -(2**62)
TEXT_MARKER = "\x00prepared-marker-%d"
# A cursor wrapper's attributes that belong to one result, not to the SQL.
PER_RESULT = frozenset(("cursor", "count", "index", "initialized", "populated", "row_cache"))


class Prepared:
    def __init__(self, build, *kinds):
        """``build(*markers)`` returns the query; ``kinds`` gives each parameter's type
        (``int`` or ``str``), in the order ``build`` takes them."""
        self.build = build
        self.markers = [INT_MARKER - i if kind is int else TEXT_MARKER % i
                        for i, kind in enumerate(kinds)]
        self.rendered = {}
        self.setups = {}

    def _render(self):
        # Keyed by engine class: SQLite and PostgreSQL differ in parameter style.
        key = type(database.obj)
        found = self.rendered.get(key)
        if found is None:
            query = self.build(*self.markers)
            sql, params = query.sql()
            positions = [params.index(marker) for marker in self.markers]
            if sorted(positions) != [i for i, p in enumerate(params) if p in self.markers]:
                raise ValueError("each parameter must appear exactly once in the query")
            found = self.rendered[key] = (query, sql, tuple(params), positions)
        return found

    def _execute(self, values):
        query, sql, params, positions = self._render()
        params = list(params)
        for position, value in zip(positions, values):
            params[position] = value
        return query, database.execute_sql(sql, params)

    def tuples(self, *values):
        """The rows for these values as the driver returns them: tuples in the order of
        the query's columns, values unconverted (dates are datetimes from PostgreSQL and
        the stored text from SQLite: ``verify.store.db.as_datetime`` reads both)."""
        return self._execute(values)[1].fetchall()

    def __call__(self, *values):
        """The rows (models, joins attached) for these parameter values."""
        query, cursor = self._execute(values)
        wrapper = query._get_cursor_wrapper(cursor)
        key = type(database.obj)
        setup = self.setups.get(key)
        if setup is not None:
            wrapper.__dict__.update(setup)
            wrapper.initialized = True
        rows = list(wrapper)
        if setup is None and wrapper.initialized:
            self.setups[key] = {name: value for name, value in wrapper.__dict__.items()
                                if name not in PER_RESULT}
        return rows
