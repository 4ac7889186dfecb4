"""Schema migrations: numbered scripts in ``verify/store/migrations``, applied in order by
peewee's migration runner and recorded in the ``schema_migration`` table."""
import os

from playhouse.migrations import Runner

from .db import database

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")


def runner():
    return Runner(database.obj, directory=MIGRATIONS)


def upgrade():
    """Apply pending migrations; returns the names applied."""
    return runner().up()


def pending():
    return [m.name for m in runner().status() if not m.applied]
