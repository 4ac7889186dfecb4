import pytest

from verify.store.db import database


@pytest.fixture
def db(app, tokens):
    """Domain tests call verify/ directly: an app context and an open connection."""
    with app.app_context():
        database.connect(reuse_if_open=True)
        yield
        database.close()
