"""Report test data: seed claims with sources, evidence and a published verdict, made
through the domain functions (so versions, events and the chain are real)."""
from verify.evidence import add_evidence
from verify.models import Claim, User
from verify.sourcing import record_source
from verify.workflow import transition

PUBLISHER = {"PUBLISHER_NAME": "Example Fact Check", "PUBLISHER_URL": "https://factcheck.example"}

HOSTILE = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> </script><script>'
           "alert(2)</script> & ' =1+1")


def user(name):
    return User.get(User.name == name)


def publish(claim_id, verdict, *, proposer, approver, rationale):
    """Research, propose and approve ``verdict`` through the review workflow."""
    for actor, action, params in ((proposer, "start_research", {}),
                                  (proposer, "propose", {"verdict": verdict,
                                                         "rationale": rationale}),
                                  (approver, "approve", {})):
        version = Claim.get_by_id(claim_id).version
        transition(claim_id, actor=actor, action=action, expected_version=version, **params)


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
