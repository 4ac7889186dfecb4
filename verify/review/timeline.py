"""Reading the history: a claim's events, and the claim as it stood at a past moment.

The past is rebuilt from events alone (the creation snapshot, then each change's new
values), never from the current row, so ``as_of`` shows what the history says happened.
"""
import datetime

from peewee import JOIN

from ..claims import get_claim
from ..errors import NotFound
from ..models import Claim, Event, User
from ..store.pages import paginate
from .evidence import evidence_by_ids

# Claim columns an event can set; references are stored by id, dates as ISO text.
COLUMNS = ("text", "quote", "quote_kind", "speaker", "document", "quote_start", "quote_end",
           "cue", "claimed_at", "extracted", "confidence", "verdict", "rationale", "assignee",
           "proposed_by", "dismiss_reason", "duplicate_of", "published_verdict",
           "published_by", "published_at")
REFERENCES = ("speaker", "document", "assignee", "proposed_by", "duplicate_of", "published_by")
DATES = ("claimed_at", "published_at")


def _events():
    return (Event.select(Event, User.id, User.name)
            .join(User, JOIN.LEFT_OUTER, on=(Event.actor == User.id), attr="actor"))


def history_of(claim_id, *, action=None, cursor=None, limit=50):
    """A claim's events, oldest first, a page at a time."""
    get_claim(claim_id)
    query = _events().where(Event.claim == claim_id)
    if action:
        query = query.where(Event.action == action)
    return paginate(query, Event.id, cursor, limit)


def claim_as_of(claim_id, when):
    """The claim as its events describe it at ``when`` (naive UTC), evidence included."""
    current = get_claim(claim_id)
    events = list(Event.select()
                  .where((Event.claim == claim_id) & (Event.created_at <= when))
                  .order_by(Event.id))
    if not events:
        raise NotFound("claim", "%s as of %s" % (claim_id, when.isoformat()))
    past = Claim(id=current.id, created_by=current.created_by_id,
                 created_at=current.created_at)
    for name in COLUMNS:
        _set(past, name, None)
    live = {}
    for event in events:
        if event.action == "create":
            values = event.changes
        else:
            values = {name: change[1] for name, change in event.changes.items()
                      if name in COLUMNS and isinstance(change, list) and len(change) == 2}
        for name, value in values.items():
            if name in COLUMNS:
                _set(past, name, value)
        if event.to_state:
            past.state = event.to_state
        item = event.changes.get("evidence") if isinstance(event.changes, dict) else None
        if event.action == "add_evidence":
            live[item["id"]] = item
        elif event.action == "remove_evidence":
            live.pop(item["id"], None)
    past.version = events[-1].claim_version
    past.updated_at = events[-1].created_at
    past.evidence = evidence_by_ids(live)
    for row in past.evidence:
        # Evidence is never edited, but the event is the record of what was linked.
        row.stance, row.excerpt, row.note = (live[row.id]["stance"], live[row.id]["excerpt"],
                                             live[row.id]["note"])
    return past


def _set(claim, name, value):
    if name in DATES and isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if name in REFERENCES:
        setattr(claim, name + "_id", value)
    else:
        setattr(claim, name, value)
