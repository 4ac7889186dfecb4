"""The shared data loader (bench.generate) writes what the domain would have written:
a version per event, a valid chain, and published claims whose history matches the one
``verify.review.workflow.transition`` writes, with verdicts the evidence gate accepts."""
from bench.generate import generate
from verify.models import ChainHead, Claim, ClaimKey, Event, Evidence, User
from verify.newsroom.matching import claim_keys
from verify.review import workflow
from verify.review.history import verify_chain
from verify.review.verdicts import VerdictScale
from verify.store.db import database

WORKFLOW_COLUMNS = ("verdict", "rationale", "proposed_by_id", "published_verdict",
                    "published_by_id", "published_at")


def history(claim_id):
    return list(Event.select().where(Event.claim == claim_id).order_by(Event.claim_version))


def shape(event):
    """What an event says, without the values that differ from claim to claim."""
    return (event.action, event.from_state, event.to_state, event.actor.role,
            {name: [old, type(new).__name__] for name, (old, new) in event.changes.items()}
            if event.changes else {})


def test_published_claims_have_the_workflow_history(app):
    with app.app_context(), database.connection_context():
        counts = generate(80, chunk=30, seed=5, evidence=(0, 3), published_share=0.4)
        claims = list(Claim.select().order_by(Claim.id))
        assert verify_chain()["ok"] and counts["event"] == sum(c.version for c in claims)
        assert ChainHead.get_by_id(1).events == counts["event"]
        evidence = {c.id: Evidence.select().where(Evidence.claim == c.id).count()
                    for c in claims}
        assert set(evidence.values()) == {0, 1, 2, 3}
        published = [c for c in claims if c.state == "published"]
        assert 15 <= len(published) <= 50 and {c.state for c in claims} == {
            "published", "unreviewed"}
        verdicts = set()
        for claim in claims:
            events = history(claim.id)
            assert [e.claim_version for e in events] == list(range(1, claim.version + 1))
            assert claim.version == 1 + evidence[claim.id] + 3 * (claim.state == "published")
            if claim.state != "published":
                assert [getattr(claim, name) for name in WORKFLOW_COLUMNS] == [None] * 6
                continue
            assert [e.action for e in events[-3:]] == ["start_research", "propose", "approve"]
            assert claim.published_verdict == claim.verdict and claim.rationale
            assert claim.proposed_by_id != claim.published_by_id
            assert claim.published_at == claim.updated_at == events[-1].created_at
            # The evidence gate (default scale and N) would have let this verdict through.
            workflow.evidence_gate(claim.id, claim.verdict, VerdictScale(), 2)
            verdicts.add(claim.verdict)
        assert len(verdicts) > 1, verdicts

        # The same three steps through the real workflow write the same kind of history.
        real = next(c for c in claims if c.state == "unreviewed")
        factchecker = User.get(User.id == real.created_by_id)
        editor = User.get(User.id == published[0].published_by_id)
        for actor, action, params in ((factchecker, "start_research", {}),
                                      (factchecker, "propose", {"verdict": "unproven",
                                                                "rationale": "No record."}),
                                      (editor, "approve", {})):
            real = workflow.transition(real.id, actor=actor, action=action,
                                       expected_version=real.version, **params)
        real = Claim.get_by_id(real.id)
        assert [shape(e) for e in history(real.id)[-3:]] == [
            shape(e) for e in history(published[0].id)[-3:]]
        assert ([getattr(real, name) is None for name in WORKFLOW_COLUMNS]
                == [getattr(published[0], name) is None for name in WORKFLOW_COLUMNS])
        assert (real.proposed_by_id, real.published_by_id) == (
            published[0].proposed_by_id, published[0].published_by_id)
        assert verify_chain()["ok"]


def test_generated_claims_have_their_match_keys(app):
    with app.app_context(), database.connection_context():
        generate(30, chunk=10, seed=3, evidence=1)
        stored = {}
        for claim_id, key in ClaimKey.select(ClaimKey.claim, ClaimKey.key).tuples():
            stored.setdefault(claim_id, []).append(key)
        assert {c.id: claim_keys(c.text, c.quote) for c in Claim.select()} == \
            {claim_id: sorted(keys) for claim_id, keys in stored.items()}
