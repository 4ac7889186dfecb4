"""Hot reads with their SQL rendered once: peewee queries reused with new values.

Rendering SQL from a query with several joins is most of peewee's cost on the small reads
that make up the traffic (profiled with ``python -m bench.profile``: about 40% of a
one-claim read went to ``Query.sql()``). ``Prepared`` builds the query once per engine
with marker values where the parameters go, keeps the rendered SQL and where each marker
landed, and on every call runs that SQL with the real values, turning rows into models
with the query's own cursor wrapper, exactly as iterating the query would.

The query still comes from the same builder the rest of the code uses (``claims_query``),
so a column added there is picked up here.
"""
from .db import database

# Values no caller passes: ids are positive; the text marker holds a NUL.
INT_MARKER = -(2**62)
TEXT_MARKER = "\x00prepared-marker-%d"


class Prepared:
    def __init__(self, build, *kinds):
        """``build(*markers)`` returns the query; ``kinds`` gives each parameter's type
        (``int`` or ``str``), in the order ``build`` takes them."""
        self.build = build
        self.markers = [INT_MARKER - i if kind is int else TEXT_MARKER % i
                        for i, kind in enumerate(kinds)]
        self.rendered = {}

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

    def __call__(self, *values):
        """The rows (models, joins attached) for these parameter values."""
        query, sql, params, positions = self._render()
        params = list(params)
        for position, value in zip(positions, values):
            params[position] = value
        cursor = database.execute_sql(sql, params)
        return list(query._get_cursor_wrapper(cursor))
