"""All migrations apply to an empty database, and the result matches the models."""
from playhouse.schema_diff import diff_models

from verify.models import MODELS
from verify.store import migrate
from verify.store.db import database, init_database


def test_upgrade_from_empty_matches_models(database_url):
    init_database(database_url)
    with database.connection_context():
        assert migrate.pending() != []
        applied = migrate.upgrade()
        assert applied == [name for name in sorted(applied)]
        assert migrate.pending() == []
        assert migrate.upgrade() == []
        drift = diff_models(database.obj, MODELS)
        assert not drift, str(drift)
    if hasattr(database.obj, "close_all"):
        database.obj.close_all()
