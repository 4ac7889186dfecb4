"""The claim history: an append-only, hash-chained event log, and versioned updates.

Every change to a claim goes through ``change_claim``: a compare-and-set update of the
claim row (``WHERE id = ? AND version = ?``) and the append of one event, in the caller's
transaction. So a claim's version always equals its number of events, and the chain's
hashes let anyone detect a row edited or removed behind the application's back.
"""
import hashlib
import json

from ..errors import NotFound, StaleVersion
from ..models import ChainHead, Claim, Event
from ..store.db import is_sqlite, utcnow
from ..webhooks import outbox

GENESIS = "0" * 64


def canonical(payload):
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def event_payload(event):
    """The fields an event's hash covers (everything but its own id and hashes)."""
    return {
        "claim": event.claim_id,
        "claim_version": event.claim_version,
        "actor": event.actor_id,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "changes": event.changes,
        "created_at": event.created_at.isoformat(timespec="microseconds"),
    }


def event_hash(prev_hash, payload):
    return hashlib.sha256((prev_hash + canonical(payload)).encode("utf-8")).hexdigest()


def _locked_head():
    """The chain head, locked until commit so appends line up one after another.

    SQLite transactions here are BEGIN IMMEDIATE, which already admits one writer at a
    time; PostgreSQL needs the row lock.
    """
    def read():
        query = ChainHead.select().where(ChainHead.id == 1)
        return (query if is_sqlite() else query.for_update()).first()

    head = read()
    if head is None:
        ChainHead.insert(id=1, hash=GENESIS, events=0).on_conflict_ignore().execute()
        head = read()
    return head


def append_event(*, action, actor=None, claim_id=None, claim_version=None, from_state=None,
                 to_state=None, changes=None):
    """Append one event to the chain. Call inside a transaction."""
    head = _locked_head()
    event = Event(
        claim=claim_id,
        claim_version=claim_version,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        changes=changes or {},
        created_at=utcnow(),
        prev_hash=head.hash,
    )
    event.hash = event_hash(head.hash, event_payload(event))
    event.save(force_insert=True)
    ChainHead.update(hash=event.hash, events=ChainHead.events + 1).where(
        ChainHead.id == 1
    ).execute()
    # The one place claim changes become webhook events, in this same transaction.
    outbox.record_claim_event(event, actor_name=getattr(actor, "name", None))
    return event


def lock_claim(claim_id):
    """Read a claim for update inside a transaction; raise NotFound if it is not there."""
    query = Claim.select().where(Claim.id == claim_id)
    if not is_sqlite():
        query = query.for_update()
    claim = query.first()
    if claim is None:
        raise NotFound("claim", claim_id)
    return claim


def change_claim(claim, *, actor, action, expected_version=None, changes=None,
                 from_state=None, to_state=None, **columns):
    """Compare-and-set the claim's columns, bump its version and append the event.

    ``claim`` was read in this transaction (see ``lock_claim``). ``expected_version`` is
    the client's If-Match; without one the version just read is expected.
    """
    expected = claim.version if expected_version is None else expected_version
    if expected != claim.version:
        raise StaleVersion(claim.version)
    now = utcnow()
    columns["updated_at"] = now
    rows = (
        Claim.update(version=Claim.version + 1, **columns)
        .where((Claim.id == claim.id) & (Claim.version == expected))
        .execute()
    )
    if rows != 1:
        raise StaleVersion(Claim.get_by_id(claim.id).version)
    append_event(
        action=action,
        actor=actor,
        claim_id=claim.id,
        claim_version=expected + 1,
        from_state=from_state,
        to_state=to_state,
        changes=changes,
    )
    for name, value in columns.items():
        setattr(claim, name, value)
    claim.version = expected + 1
    return claim


def verify_chain(batch=5000):
    """Recompute every hash in order. Returns ``{ok, events, head, first_broken}``.

    The head row is read first and only the events it counts are checked, so appends that
    commit during the scan neither count nor break it; no transaction is held open.
    """
    head_row = ChainHead.get_or_none(ChainHead.id == 1)
    expected = head_row.events if head_row else 0
    prev, count, last_id = GENESIS, 0, 0
    while count < expected:
        rows = list(
            Event.select()
            .where(Event.id > last_id)
            .order_by(Event.id)
            .limit(min(batch, expected - count))
        )
        if not rows:
            break
        for event in rows:
            count += 1
            if event.prev_hash != prev or event.hash != event_hash(prev, event_payload(event)):
                return {"ok": False, "events": count, "head": prev, "first_broken": event.id}
            prev = event.hash
        last_id = rows[-1].id
    if count != expected or (head_row and head_row.hash != prev):
        # Events were removed: what remains is consistent but does not reach the head.
        return {"ok": False, "events": count, "head": prev, "first_broken": last_id + 1}
    return {"ok": True, "events": count, "head": prev, "first_broken": None}
