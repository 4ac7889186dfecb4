"""The workflow's domain rules, without HTTP: the evidence gate, the two-person rule,
parameters, assignment, reopening, and the rating scale."""
import pytest

from tests.workflow_support import act, claim_in, link, person
from verify.errors import InvalidTransition, PermissionDenied, StaleVersion, ValidationFailed
from verify.models import Claim, Event
from verify.review import workflow
from verify.review.evidence import remove_evidence
from verify.review.verdicts import VerdictScale


def events_of(claim):
    return Event.select().where(Event.claim == claim.id).count()


# The evidence gate --------------------------------------------------------------------

@pytest.mark.parametrize("verdict, stance", [
    ("false", "contradicts"), ("misleading", "contradicts"),
    ("mostly_accurate", "supports"), ("accurate", "supports"),
])
def test_gate_passes_with_two_independent_sources_of_the_right_stance(db, verdict, stance):
    claim = claim_in("researching")
    link(claim, "https://www.bbc.co.uk/news/1", stance)
    link(claim, "https://apnews.com/article/2", "context")
    with pytest.raises(ValidationFailed) as refused:
        act(claim, "factchecker", "propose", verdict=verdict, rationale="Checked.")
    assert refused.value.errors == {"evidence": "The verdict '%s' needs evidence from at least "
                                                "2 independent sources; the claim has 1 "
                                                "(www.bbc.co.uk)." % verdict}
    link(claim, "https://apnews.com/article/3", stance)
    claim = act(claim, "factchecker", "propose", verdict=verdict, rationale="Checked.")
    assert (claim.state, claim.verdict, claim.proposed_by_id) == ("in_review", verdict,
                                                                person("factchecker").id)


def test_two_pages_of_one_registrable_domain_count_once(db):
    claim = claim_in("researching")
    # Different hosts, one independence key: what the sources helper derives for bbc.co.uk.
    link(claim, "https://www.bbc.co.uk/news/a", "contradicts", key="bbc.co.uk")
    link(claim, "https://news.bbc.co.uk/b", "contradicts", key="bbc.co.uk")
    with pytest.raises(ValidationFailed) as refused:
        act(claim, "factchecker", "propose", verdict="false", rationale="Wrong.")
    assert refused.value.errors == {"evidence": "The verdict 'false' needs evidence from at "
                                                "least 2 independent sources; the claim has 1 "
                                                "(bbc.co.uk)."}
    assert "evidence from at least 2 independent sources" in refused.value.message
    link(claim, "https://reuters.com/c", "supports", key="reuters.com")
    assert act(claim, "factchecker", "propose", verdict="false",
               rationale="Wrong.").state == "in_review"


def test_gate_needs_the_stance_the_verdict_asserts(db):
    claim = claim_in("researching")
    link(claim, "https://a.example/1", "supports")
    link(claim, "https://b.example/1", "supports")
    with pytest.raises(ValidationFailed) as refused:
        act(claim, "factchecker", "propose", verdict="misleading", rationale="Spin.")
    assert refused.value.errors == {
        "evidence.contradicts": "The verdict 'misleading' needs at least one source that "
                                "contradicts the claim."}


def test_gate_ignores_removed_evidence_and_context(db):
    claim = claim_in("researching")
    link(claim, "https://a.example/1", "contradicts")
    gone = link(claim, "https://b.example/1", "contradicts")
    link(claim, "https://c.example/1", "context")
    evidence_id = gone.evidence.get().id
    claim.version = remove_evidence(claim.id, evidence_id, actor=person("factchecker"))
    with pytest.raises(ValidationFailed) as refused:
        act(claim, "factchecker", "propose", verdict="false", rationale="Wrong.")
    assert list(refused.value.errors) == ["evidence"]


def test_unproven_needs_no_evidence_and_min_sources_is_a_value(db):
    claim = claim_in("researching")
    assert act(claim, "factchecker", "propose", verdict="unproven",
               rationale="Nothing found.").state == "in_review"
    other = claim_in("researching")
    link(other, "https://a.example/1", "supports")
    claim = workflow.transition(other.id, actor=person("factchecker"), action="propose",
                                expected_version=other.version, min_sources=1,
                                verdict="accurate", rationale="Confirmed.")
    assert claim.state == "in_review"


def test_gate_refusal_changes_nothing(db):
    claim = claim_in("researching")
    before = (claim.version, events_of(claim))
    with pytest.raises(ValidationFailed):
        act(claim, "factchecker", "propose", verdict="accurate", rationale="Sure.")
    fresh = Claim.get_by_id(claim.id)
    assert (fresh.version, events_of(fresh), fresh.state, fresh.verdict) == (
        before + ("researching", None))


# Two people, roles, order of checks ----------------------------------------------------

def test_the_proposer_never_approves_their_own_proposal(db):
    claim = claim_in("researching")
    claim = act(claim, "editor", "propose", verdict="unproven", rationale="Unclear.")
    with pytest.raises(PermissionDenied) as refused:
        act(claim, "editor", "approve")
    assert refused.value.message == "you proposed this verdict; another editor must approve it"
    assert "approve" not in workflow.allowed_actions(claim, person("editor"))
    assert "approve" in workflow.allowed_actions(claim, person("editor2"))
    claim = act(claim, "editor2", "approve")
    assert (claim.state, claim.published_verdict, claim.published_by_id) == (
        "published", "unproven", person("editor2").id)


def test_an_admin_who_proposed_cannot_approve_either(db):
    claim = act(claim_in("researching"), "admin", "propose", verdict="unproven",
                rationale="Unclear.")
    with pytest.raises(PermissionDenied):
        act(claim, "admin", "approve")


def test_role_is_checked_before_version_and_version_before_state(db):
    claim = claim_in("unreviewed")
    with pytest.raises(PermissionDenied):
        workflow.transition(claim.id, actor=person("factchecker"), action="approve",
                            expected_version=99)
    with pytest.raises(StaleVersion) as stale:
        workflow.transition(claim.id, actor=person("editor"), action="approve",
                            expected_version=99)
    assert stale.value.extra == {"current_version": 1}
    with pytest.raises(InvalidTransition) as invalid:
        act(claim, "editor", "approve")
    assert invalid.value.extra == {"state": "unreviewed",
                                   "allowed_actions": ["start_research", "dismiss", "assign"]}


# Parameters -------------------------------------------------------------------------

@pytest.mark.parametrize("state, action, params, errors", [
    ("researching", "propose", {"verdict": "unproven"}, {"rationale": "Required by 'propose'."}),
    ("researching", "propose", {"verdict": "unproven", "rationale": "  "},
     {"rationale": "Required by 'propose'."}),
    ("researching", "propose", {"verdict": "pants_on_fire", "rationale": "x"},
     {"verdict": "Must be one of: false, misleading, unproven, mostly_accurate, accurate."}),
    ("in_review", "request_changes", {}, {"note": "Required by 'request_changes'."}),
    ("published", "reopen", {}, {"reason": "Required by 'reopen'."}),
    ("unreviewed", "dismiss", {"reason": "boring"},
     {"reason": "Must be one of: not_checkable, duplicate, out_of_scope."}),
    ("unreviewed", "dismiss", {"reason": "duplicate"},
     {"duplicate_of": "Required when the reason is duplicate."}),
    ("unreviewed", "dismiss", {"reason": "duplicate", "duplicate_of": 999},
     {"duplicate_of": "Claim 999 does not exist."}),
    ("unreviewed", "dismiss", {"reason": "not_checkable", "duplicate_of": 1},
     {"duplicate_of": "Only with the reason duplicate."}),
    ("in_review", "approve", {"verdict": "false"}, {"verdict": "Not used by 'approve'."}),
    ("unreviewed", "assign", {}, {"assignee": "Required by 'assign'."}),
    ("unreviewed", "assign", {"assignee": 999}, {"assignee": "User 999 does not exist."}),
])
def test_invalid_parameters_are_refused(db, state, action, params, errors):
    claim = claim_in(state)
    with pytest.raises(ValidationFailed) as refused:
        act(claim, "editor", action, **params)
    assert refused.value.errors == errors


def test_a_claim_cannot_duplicate_itself_but_may_duplicate_another(db):
    first, claim = claim_in("unreviewed"), claim_in("researching")
    with pytest.raises(ValidationFailed) as refused:
        act(claim, "factchecker", "dismiss", reason="duplicate", duplicate_of=claim.id)
    assert refused.value.errors == {"duplicate_of": "A claim cannot duplicate itself."}
    claim = act(claim, "factchecker", "dismiss", reason="duplicate", duplicate_of=first.id)
    assert (claim.state, claim.dismiss_reason, claim.duplicate_of_id) == (
        "dismissed", "duplicate", first.id)
    claim = act(claim, "editor", "restore")
    fresh = Claim.get_by_id(claim.id)
    assert (fresh.state, fresh.dismiss_reason, fresh.duplicate_of_id) == (
        "unreviewed", None, None)


def test_assignment_rules(db):
    claim = claim_in("in_review")
    factchecker, editor, viewer = person("factchecker"), person("editor"), person("viewer")
    with pytest.raises(PermissionDenied) as refused:
        act(claim, "factchecker", "assign", assignee=editor.id)
    assert refused.value.message == "a factchecker may assign only themself"
    with pytest.raises(PermissionDenied):
        act(claim, "factchecker", "assign", assignee=None)
    claim = act(claim, "factchecker", "assign", assignee=factchecker.id)
    assert (claim.state, claim.assignee_id) == ("in_review", factchecker.id)
    with pytest.raises(ValidationFailed) as invalid:
        act(claim, "editor", "assign", assignee=viewer.id)
    assert invalid.value.errors == {"assignee": "viewer-user is a viewer and cannot research "
                                                "claims."}
    claim = act(claim, "editor", "assign", assignee=None)
    assert Claim.get_by_id(claim.id).assignee_id is None


def test_reopen_keeps_the_published_verdict_until_the_next_approval(db):
    claim = claim_in("published")
    approved_at = claim.published_at
    claim = act(claim, "editor", "reopen", reason="New figures were released.")
    fresh = Claim.get_by_id(claim.id)
    assert (fresh.state, fresh.published_verdict, fresh.published_at) == (
        "researching", "unproven", approved_at)
    link(claim, "https://a.example/1", "supports")
    link(claim, "https://b.example/1", "supports")
    claim = act(claim, "factchecker", "propose", verdict="accurate", rationale="Confirmed.")
    assert Claim.get_by_id(claim.id).published_verdict == "unproven"
    claim = act(claim, "editor", "approve")
    fresh = Claim.get_by_id(claim.id)
    assert (fresh.published_verdict, fresh.published_by_id) == ("accurate", person("editor").id)
    assert fresh.published_at > approved_at


def test_every_transition_is_one_version_and_one_event(db):
    claim = claim_in("published")
    claim = act(claim, "editor", "reopen", reason="Again.")
    claim = act(claim, "factchecker", "assign", assignee=person("factchecker").id)
    fresh = Claim.get_by_id(claim.id)
    assert fresh.version == events_of(fresh) == 6
    actions = [e.action for e in Event.select().where(Event.claim == claim.id).order_by(Event.id)]
    assert actions == ["create", "start_research", "propose", "approve", "reopen", "assign"]


def test_comments_are_events_of_the_history(db):
    claim = claim_in("unreviewed")
    event = workflow.add_comment(claim.id, actor=person("viewer"), text="Ask the port.")
    assert (event.action, event.changes, event.claim_version) == (
        "comment", {"comment": "Ask the port."}, 2)
    with pytest.raises(StaleVersion):
        workflow.add_comment(claim.id, actor=person("editor"), text="x", expected_version=1)
    with pytest.raises(ValidationFailed):
        workflow.add_comment(claim.id, actor=person("editor"), text="   ")


# The rating scale -----------------------------------------------------------------

def test_a_configured_scale_drives_validation_and_the_gate(db):
    scale = VerdictScale.parse("pants_on_fire:Pants on fire,false:False,"
                               "half_true:Half true,true:True,unknown:Unknown:none")
    assert [scale.needs(name) for name in scale.names] == [
        "contradicts", "contradicts", None, "supports", None]
    claim = claim_in("researching")
    with pytest.raises(ValidationFailed) as refused:
        workflow.transition(claim.id, actor=person("factchecker"), action="propose",
                            expected_version=claim.version, scale=scale, verdict="accurate",
                            rationale="x")
    assert refused.value.errors == {"verdict": "Must be one of: pants_on_fire, false, "
                                               "half_true, true, unknown."}
    claim = workflow.transition(claim.id, actor=person("factchecker"), action="propose",
                                expected_version=claim.version, scale=scale,
                                verdict="unknown", rationale="x")
    assert claim.verdict == "unknown"


@pytest.mark.parametrize("text", ["", "only", "a:A,a:B", "Bad Name:B,c:C", "a:A:maybe,b:B"])
def test_malformed_scales_are_refused(text):
    with pytest.raises(ValueError):
        VerdictScale.parse(text)
