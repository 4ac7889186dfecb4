"""Helpers shared by the workflow tests: the people of the ``tokens`` fixture and claims
brought to a given state through the workflow itself (never by writing columns)."""
from verify.claims import create_claim
from verify.models import Source
from verify.review import workflow
from verify.review.evidence import add_evidence
from verify.users import find_user

NAMES = {"editor2": "editor-2"}


def person(role):
    """The user the ``tokens`` fixture made for ``role`` ("editor2" is a second editor)."""
    return find_user(NAMES.get(role, "%s-user" % role))


def act(claim, role, action, **params):
    """Take an action with the claim's current version; returns the updated claim."""
    return workflow.transition(claim.id, actor=person(role), action=action,
                               expected_version=claim.version, **params)


# How each state is reached: the second editor proposes, so editor and admin may approve.
ROUTES = {
    "unreviewed": [],
    "researching": [("factchecker", "start_research", {})],
    "in_review": [("factchecker", "start_research", {}),
                  ("editor2", "propose", {"verdict": "unproven", "rationale": "No record."})],
    "published": [("factchecker", "start_research", {}),
                  ("editor2", "propose", {"verdict": "unproven", "rationale": "No record."}),
                  ("admin", "approve", {})],
    "dismissed": [("factchecker", "dismiss", {"reason": "out_of_scope"})],
}


def claim_in(state, text="The port handled 40% more cargo in 2024."):
    claim = create_claim(actor=person("factchecker"), text=text)
    for role, action, params in ROUTES[state]:
        claim = act(claim, role, action, **params)
    return claim


def source(url, key=None, **fields):
    """A source row; ``key`` sets its independence key directly (the sources helper would
    derive it from the URL)."""
    row = Source.create(url=url, domain=url.split("/")[2], independence_key=key or
                        url.split("/")[2], **fields)
    return row


def link(claim, url, stance, key=None, role="factchecker"):
    """Add evidence from a new source; returns the claim's new version."""
    row = source(url, key)
    _, version = add_evidence(claim.id, actor=person(role), source_id=row.id, stance=stance)
    claim.version = version
    return row
