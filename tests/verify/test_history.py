"""The hash-chained history catches rows edited or removed behind the application's back."""
import pytest

from verify.claims import create_claim, update_claim
from verify.errors import StaleVersion
from verify.models import Event
from verify.review.history import verify_chain
from verify.store.db import database


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


def test_versions_equal_event_counts_and_chain_verifies(ctx):
    claim = create_claim(actor=None, text="one")
    update_claim(claim.id, actor=None, expected_version=1, text="two")
    update_claim(claim.id, actor=None, expected_version=2, cue="said")
    events = list(Event.select().where(Event.claim == claim.id).order_by(Event.id))
    assert [e.claim_version for e in events] == [1, 2, 3]
    assert [e.action for e in events] == ["create", "edit", "edit"]
    assert events[1].changes == {"text": ["one", "two"]}
    result = verify_chain()
    assert result == {"ok": True, "events": 3, "head": events[-1].hash, "first_broken": None}


def test_stale_version_changes_nothing(ctx):
    claim = create_claim(actor=None, text="one")
    with pytest.raises(StaleVersion):
        update_claim(claim.id, actor=None, expected_version=5, text="two")
    assert Event.select().count() == 1


def test_edited_event_is_caught(ctx):
    claim = create_claim(actor=None, text="one")
    update_claim(claim.id, actor=None, expected_version=1, text="two")
    second = Event.select().order_by(Event.id.desc()).first()
    database.execute_sql("UPDATE event SET changes = ? WHERE id = ?".replace(
        "?", "%s" if database.param == "%s" else "?"), ('{"text":["one","three"]}', second.id))
    assert verify_chain() == {"ok": False, "events": 2, "head": second.prev_hash,
                              "first_broken": second.id}


def test_deleted_event_is_caught(ctx):
    claim = create_claim(actor=None, text="one")
    for version in (1, 2):
        update_claim(claim.id, actor=None, expected_version=version, text="v%d" % version)
    middle = Event.select().order_by(Event.id).offset(1).first()
    Event.delete().where(Event.id == middle.id).execute()
    result = verify_chain()
    assert result["ok"] is False
    assert result["first_broken"] == middle.id + 1


def test_deleted_tail_is_caught(ctx):
    claim = create_claim(actor=None, text="one")
    update_claim(claim.id, actor=None, expected_version=1, text="two")
    last = Event.select().order_by(Event.id.desc()).first()
    Event.delete().where(Event.id == last.id).execute()
    assert verify_chain()["ok"] is False
