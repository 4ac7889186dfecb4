"""Evidence: a claim linked to a source with a stance. Adding or removing evidence is a
change to the claim, so it bumps the claim's version and appends to its history."""
from peewee import JOIN

from ..errors import NotFound, ValidationFailed
from ..models import Evidence, Source, User
from ..provenance.excerpts import check_evidence, latest_snapshot, lock_source
from ..store.db import database, utcnow
from ..store.prepared import Prepared
from .history import change_claim, lock_claim


def evidence_snapshot(item):
    return {
        "id": item.id,
        "source": item.source_id,
        "stance": item.stance,
        "excerpt": item.excerpt,
        "note": item.note,
    }


def add_evidence(claim_id, *, actor, source_id, stance, excerpt=None, note=None,
                 expected_version=None):
    """Link a source to a claim; returns ``(evidence, claim_version)``."""
    with database.atomic():
        claim = lock_claim(claim_id)
        if lock_source(source_id) is None:
            raise ValidationFailed({"source_id": "Source %s does not exist." % source_id})
        item = Evidence.create(claim=claim, source=source_id, stance=stance, excerpt=excerpt,
                               note=note, added_by=actor)
        # Checked now when the source has a snapshot; an excerpt not found is recorded
        # as unverified, not refused. Without a snapshot the fetch will check it.
        check_evidence(item, latest_snapshot(source_id))
        change_claim(claim, actor=actor, action="add_evidence", expected_version=expected_version,
                     changes={"evidence": evidence_snapshot(item)})
    return evidence_of(claim_id, evidence_id=item.id)[0], claim.version


def remove_evidence(claim_id, evidence_id, *, actor, expected_version=None):
    """Mark evidence removed; returns the claim's new version. The row stays, so the
    history can still show what it was."""
    with database.atomic():
        claim = lock_claim(claim_id)
        item = Evidence.get_or_none((Evidence.id == evidence_id) & (Evidence.claim == claim_id)
                                    & Evidence.removed_at.is_null())
        if item is None:
            raise NotFound("evidence", evidence_id)
        Evidence.update(removed_at=utcnow(), removed_by=actor).where(
            Evidence.id == evidence_id).execute()
        change_claim(claim, actor=actor, action="remove_evidence",
                     expected_version=expected_version,
                     changes={"evidence": evidence_snapshot(item)})
    return claim.version


def evidence_query(claims):
    """Live evidence of ``claims`` (an id or a list of ids), each with its source."""
    match = Evidence.claim.in_(claims) if isinstance(claims, (list, tuple)) else (
        Evidence.claim == claims)
    return _with_sources().where(match & Evidence.removed_at.is_null())


_evidence_of_claim = Prepared(evidence_query, int)


def evidence_of(*claim_ids, evidence_id=None):
    """Live evidence of the given claims, each with its source, in one query."""
    if len(claim_ids) == 1 and evidence_id is None:
        return _evidence_of_claim(int(claim_ids[0]))
    query = evidence_query(list(claim_ids))
    if evidence_id is not None:
        query = query.where(Evidence.id == evidence_id)
    return list(query)


def evidence_by_ids(ids):
    """Evidence rows by id, removed or not (the history shows what once was live)."""
    return list(_with_sources().where(Evidence.id.in_(list(ids)))) if ids else []


def _with_sources():
    adder = User.alias("adder")
    return (
        Evidence.select(Evidence, Source, adder.id, adder.name)
        .join(Source)
        .switch(Evidence)
        .join(adder, JOIN.LEFT_OUTER, on=(Evidence.added_by == adder.id), attr="added_by")
        .order_by(Evidence.id)
    )
