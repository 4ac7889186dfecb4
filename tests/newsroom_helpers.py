"""Shared helpers of the newsroom tests: claims made and published directly in storage,
so these tests do not depend on the workflow's transition rules."""
from verify.claims import create_claim
from verify.intake.documents import record_document
from verify.models import Claim, User
from verify.store.db import database, utcnow


def iso(value):
    return None if value is None else value.isoformat(timespec="microseconds") + "Z"


def make_claim(text, **fields):
    return create_claim(actor=None, text=text, **fields).id


def make_document(text, url=None, canonical_url=None):
    document, _ = record_document(actor=None, text=text, url=url, canonical_url=canonical_url)
    return document.id


def publish(claim_id, verdict="false", approver="editor-user", state="published"):
    """Set a published verdict as an approval would (a direct update, no event)."""
    with database.atomic():
        Claim.update(state=state, verdict=verdict, published_verdict=verdict,
                     published_by=User.get(User.name == approver), published_at=utcnow(),
                     version=Claim.version + 1, updated_at=utcnow()).where(
            Claim.id == claim_id).execute()


def row(claim_id):
    return Claim.get_by_id(claim_id)


class QueryCounter:
    """Counts the SQL statements the database runs while active."""

    def __init__(self, monkeypatch):
        self.statements = []
        db = database.obj
        real = db.execute_sql

        def counting(sql, params=None):
            self.statements.append(sql)
            return real(sql, params)

        monkeypatch.setattr(db, "execute_sql", counting)

    def __len__(self):
        return len(self.statements)
