"""Report test data: seed claims with sources, evidence and a published verdict, made
through the domain functions (so versions, events and the chain are real)."""
from verify.db import database, utcnow
from verify.evidence import add_evidence
from verify.history import change_claim, lock_claim
from verify.models import User
from verify.sourcing import record_source

PUBLISHER = {"PUBLISHER_NAME": "Example Fact Check", "PUBLISHER_URL": "https://factcheck.example"}

HOSTILE = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> </script><script>'
           "alert(2)</script> & ' =1+1")


def user(name):
    return User.get(User.name == name)


def publish(claim_id, verdict, *, proposer, approver, rationale):
    """Propose then approve ``verdict``: the two events the workflow records."""
    with database.atomic():
        claim = lock_claim(claim_id)
        change_claim(claim, actor=proposer, action="propose", from_state=claim.state,
                     to_state="in_review", changes={"verdict": [claim.verdict, verdict]},
                     state="in_review", verdict=verdict, rationale=rationale,
                     proposed_by=proposer)
    with database.atomic():
        claim = lock_claim(claim_id)
        change_claim(claim, actor=approver, action="approve", from_state="in_review",
                     to_state="published", changes={"published_verdict": [None, verdict]},
                     state="published", published_verdict=verdict, published_by=approver,
                     published_at=utcnow())


def add_sources(claim_id, actor):
    """Two sources from different owners, one supporting and one contradicting."""
    first, _ = record_source(actor=actor, url="https://www.gov.example/statement",
                             title="Official statement", publisher="Ministry of Examples",
                             author="Press office", kind="official_statement")
    second, _ = record_source(actor=actor, url="https://news.example/report",
                              title="Talks report", publisher="Example News", kind="news_report")
    add_evidence(claim_id, actor=actor, source_id=first.id, stance="supports",
                 excerpt="the pledges were not kept")
    add_evidence(claim_id, actor=actor, source_id=second.id, stance="contradicts",
                 excerpt="officials said talks went well", note="Later report")
    return first, second
