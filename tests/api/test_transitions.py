"""POST /api/v1/claims/{id}/transitions: every state x action x role, and each refusal.

The expected outcome of each case comes from ISSUE_TABLE below, transcribed from the
issue's table, not from ``verify.review.workflow.TRANSITIONS``: the test checks the code against
the specification, not against itself.
"""
import datetime

import pytest

from tests.workflow_support import claim_in, link, person

STATES = ("unreviewed", "researching", "in_review", "published", "dismissed")
ROLES = ("viewer", "factchecker", "editor", "admin")
NOT_DISMISSED = {"unreviewed", "researching", "in_review", "published"}
SAME = "same"
# action: (states it may start from, state it leads to, roles that may take it). In the
# issue's order, which is also the order of ``allowed_actions``.
ISSUE_TABLE = {
    "start_research": ({"unreviewed"}, "researching", {"factchecker", "editor"}),
    "propose": ({"researching"}, "in_review", {"factchecker", "editor"}),
    "request_changes": ({"in_review"}, "researching", {"editor"}),
    "approve": ({"in_review"}, "published", {"editor"}),
    "reopen": ({"published"}, "researching", {"editor"}),
    "dismiss": ({"unreviewed", "researching"}, "dismissed", {"factchecker", "editor"}),
    "restore": ({"dismissed"}, "unreviewed", {"editor"}),
    "assign": (NOT_DISMISSED, SAME, {"factchecker", "editor"}),
}
NAMES = {role: "%s-user" % role for role in ROLES}


def acting_as(role):
    """Admins may do what editors do."""
    return "editor" if role == "admin" else role


def expected_outcome(state, action, role):
    froms, to, who = ISSUE_TABLE[action]
    if acting_as(role) not in who:
        return 403, None
    if state not in froms:
        return 409, None
    return 200, state if to == SAME else to


def allowed_for(state, role):
    return [action for action, (froms, _, who) in ISSUE_TABLE.items()
            if state in froms and acting_as(role) in who]


def params_for(action, actor_id):
    return {
        "propose": {"verdict": "unproven", "rationale": "No record either way."},
        "request_changes": {"note": "Find the port authority's own figures."},
        "reopen": {"reason": "The port published revised figures."},
        "dismiss": {"reason": "out_of_scope"},
        "assign": {"assignee": actor_id},
    }.get(action, {})


def effects(action, role, body):
    """What the action changes in the claim's body besides state, version, updated_at."""
    name = NAMES[role]
    if action == "propose":
        return {"verdict": "unproven", "rationale": "No record either way.",
                "proposed_by": name}
    if action == "approve":
        return {"published_verdict": {"verdict": "unproven", "label": "Unproven",
                                      "rating_value": 3, "approved_by": name,
                                      "approved_at": body["published_verdict"]["approved_at"]}}
    if action == "reopen":
        return {"under_review": True}
    if action == "dismiss":
        return {"dismiss_reason": "out_of_scope"}
    if action == "restore":
        return {"dismiss_reason": None}
    if action == "assign":
        return {"assignee": name}
    return {}


def url(claim_id, what="/transitions"):
    return "/api/v1/claims/%d%s" % (claim_id, what)


def when(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ISSUE_TABLE))
@pytest.mark.parametrize("state", STATES)
def test_every_state_action_and_role(client, auth, domain, state, action, role):
    claim = domain(claim_in, state)
    actor_id = domain(person, role).id
    before = client.get(url(claim.id, ""), headers=auth("viewer")).get_json()
    assert before["state"] == state
    response = client.post(url(claim.id), json={"action": action, **params_for(action, actor_id)},
                           headers=auth(role, **{"If-Match": '"v%d"' % claim.version}))
    status, to_state = expected_outcome(state, action, role)
    body = response.get_json()
    assert response.status_code == status, body
    if status == 200:
        assert response.headers["ETag"] == '"v%d"' % (claim.version + 1)
        assert when(body["updated_at"]) > when(before["updated_at"])
        assert body == dict(before, state=to_state, version=claim.version + 1,
                            updated_at=body["updated_at"], **effects(action, role, body))
        return
    if status == 403:
        detail = ("This needs the factchecker role or above; you are viewer." if role == "viewer"
                  else "'%s' is not for the %s role" % (action, role))
        assert body == {"type": "about:blank", "title": "Forbidden", "status": 403,
                        "detail": detail, "code": "forbidden", "instance": url(claim.id)}
    else:
        assert body == {"type": "about:blank", "title": "Conflict", "status": 409,
                        "detail": "'%s' is not allowed from state '%s'" % (action, state),
                        "code": "invalid_transition", "instance": url(claim.id),
                        "state": state, "allowed_actions": allowed_for(state, role)}
    assert client.get(url(claim.id, ""), headers=auth("viewer")).get_json() == before


def test_two_person_rule_over_http(client, auth, domain):
    claim = domain(claim_in, "researching")
    response = client.post(url(claim.id), json={"action": "propose", "verdict": "unproven",
                                                "rationale": "Nothing on record."},
                           headers=auth("editor", **{"If-Match": '"v2"'}))
    assert response.status_code == 200
    response = client.post(url(claim.id), json={"action": "approve"},
                           headers=auth("editor", **{"If-Match": '"v3"'}))
    assert response.get_json() == {
        "type": "about:blank", "title": "Forbidden", "status": 403,
        "detail": "you proposed this verdict; another editor must approve it",
        "code": "forbidden", "instance": url(claim.id)}
    # What the proposer may still do: everything but approving.
    response = client.post(url(claim.id), json={"action": "reopen", "reason": "x"},
                           headers=auth("editor", **{"If-Match": '"v3"'}))
    assert response.get_json()["allowed_actions"] == ["request_changes", "assign"]
    response = client.post(url(claim.id), json={"action": "approve"},
                           headers=auth("editor2", **{"If-Match": '"v3"'}))
    body = response.get_json()
    assert response.status_code == 200
    assert body["published_verdict"] == {
        "verdict": "unproven", "label": "Unproven", "rating_value": 3,
        "approved_by": "editor-2", "approved_at": body["published_verdict"]["approved_at"]}
    assert (body["proposed_by"], body["state"], body["under_review"]) == (
        "editor-user", "published", False)


def test_a_published_verdict_survives_reopening_until_replaced(client, auth, domain):
    claim = domain(claim_in, "published")
    published = client.get(url(claim.id, ""), headers=auth("viewer")).get_json()
    response = client.post(url(claim.id), json={"action": "reopen", "reason": "New data."},
                           headers=auth("editor", **{"If-Match": '"v4"'}))
    body = client.get(url(claim.id, ""), headers=auth("viewer")).get_json()
    assert response.status_code == 200
    assert (body["state"], body["under_review"], body["verdict"]) == (
        "researching", True, "unproven")
    assert body["published_verdict"] == published["published_verdict"]
    assert published["published_verdict"]["approved_by"] == "admin-user"


def test_dismissing_a_reopened_claim_ends_its_review(client, auth, domain):
    """Reopened, then dismissed: nothing awaits approval any more, so no reader may be told
    that the published verdict is being reconsidered; restoring starts the review again."""
    claim = domain(claim_in, "published")
    steps = [({"action": "reopen", "reason": "New data."}, "researching", True),
             ({"action": "dismiss", "reason": "out_of_scope"}, "dismissed", False),
             ({"action": "restore"}, "unreviewed", True)]
    for version, (step, state, reviewing) in enumerate(steps, start=claim.version):
        response = client.post(url(claim.id), json=step,
                               headers=auth("editor", **{"If-Match": '"v%d"' % version}))
        assert response.status_code == 200, response.get_json()
        body = client.get(url(claim.id, ""), headers=auth("viewer")).get_json()
        status = client.get("/api/v1/status?ids=%d" % claim.id,
                            headers=auth("viewer")).get_json()["items"][0]
        assert (body["state"], body["under_review"]) == (state, reviewing)
        assert (status["state"], status["under_review"]) == (state, reviewing)
        assert body["published_verdict"]["verdict"] == "unproven"
        assert status["published_verdict"] == body["published_verdict"]


def test_the_evidence_gate_over_http(client, auth, domain):
    claim = domain(claim_in, "researching")
    domain(link, claim, "https://www.bbc.co.uk/news/1", "supports", key="bbc.co.uk")
    domain(link, claim, "https://www.bbc.co.uk/news/2", "supports", key="bbc.co.uk")
    response = client.post(url(claim.id), json={"action": "propose", "verdict": "false",
                                                "rationale": "Wrong."},
                           headers=auth(**{"If-Match": '"v%d"' % claim.version}))
    first = "The verdict 'false' needs evidence from at least 2 independent sources; the claim " \
            "has 1 (bbc.co.uk)."
    second = "The verdict 'false' needs at least one source that contradicts the claim."
    assert response.status_code == 422
    assert response.get_json() == {
        "type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "The evidence gate is not met: %s %s" % (first, second),
        "code": "validation_failed", "instance": url(claim.id),
        "errors": [{"field": "evidence", "location": "body", "reason": first},
                   {"field": "evidence.contradicts", "location": "body", "reason": second}]}


def test_the_minimum_of_sources_comes_from_configuration(client, auth, domain, app):
    app.config["EVIDENCE_MIN_SOURCES"] = 1
    claim = domain(claim_in, "researching")
    domain(link, claim, "https://apnews.com/1", "supports")
    response = client.post(url(claim.id), json={"action": "propose", "verdict": "accurate",
                                                "rationale": "Confirmed."},
                           headers=auth(**{"If-Match": '"v%d"' % claim.version}))
    assert response.status_code == 200, response.get_json()


def test_the_verdict_scale_comes_from_configuration(client, auth, domain, app):
    from api.config import from_environment

    app.config.update(from_environment({"CLAIMDESK_VERDICT_SCALE":
                                        "wrong:Wrong,unclear:Unclear,right:Right"}))
    claim = domain(claim_in, "researching")
    response = client.post(url(claim.id), json={"action": "propose", "verdict": "unproven",
                                                "rationale": "x"},
                           headers=auth(**{"If-Match": '"v2"'}))
    assert response.get_json()["errors"] == [{"field": "verdict", "location": "body",
                                              "reason": "Must be one of: wrong, unclear, right."}]
    response = client.post(url(claim.id), json={"action": "propose", "verdict": "unclear",
                                                "rationale": "x"},
                           headers=auth(**{"If-Match": '"v2"'}))
    response = client.post(url(claim.id), json={"action": "approve"},
                           headers=auth("editor", **{"If-Match": '"v3"'}))
    published = response.get_json()["published_verdict"]
    assert (published["label"], published["rating_value"]) == ("Unclear", 2)


@pytest.mark.parametrize("headers, status, detail, code, extra", [
    ({}, 428, 'Send If-Match with the ETag you read (for example "v3").',
     "precondition_required", {}),
    ({"If-Match": "W/\"v2\""}, 412, 'If-Match must be one strong ETag such as "v3".',
     "precondition_failed", {}),
    ({"If-Match": '"v1"'}, 412, "the claim changed since you read it (current version 2)",
     "stale_version", {"current_version": 2}),
])
def test_if_match_is_required_and_checked(client, auth, domain, headers, status, detail, code,
                                          extra):
    claim = domain(claim_in, "researching")
    response = client.post(url(claim.id), json={"action": "dismiss", "reason": "out_of_scope"},
                           headers=auth(**headers))
    assert response.status_code == status
    assert response.get_json() == {
        "type": "about:blank", "title": response.get_json()["title"], "status": status,
        "detail": detail, "code": code, "instance": url(claim.id), **extra}


@pytest.mark.parametrize("body, errors", [
    ({"action": "fly"}, [{"field": "action", "location": "body", "reason":
                          "Must be one of: start_research, propose, request_changes, approve, "
                          "reopen, dismiss, restore, assign."}]),
    ({}, [{"field": "action", "location": "body",
           "reason": "Missing data for required field."}]),
    ({"action": "dismiss", "reason": "duplicate"},
     [{"field": "duplicate_of", "location": "body",
       "reason": "Required when the reason is duplicate."}]),
    ({"action": "dismiss", "reason": "out_of_scope", "colour": "red"},
     [{"field": "colour", "location": "body", "reason": "Unknown field."}]),
    ({"action": "start_research", "verdict": "false"},
     [{"field": "verdict", "location": "body", "reason": "Not used by 'start_research'."}]),
])
def test_invalid_bodies_answer_422(client, auth, domain, body, errors):
    claim = domain(claim_in, "unreviewed")
    response = client.post(url(claim.id), json=body, headers=auth(**{"If-Match": '"v1"'}))
    assert response.status_code == 422
    assert response.get_json() == {
        "type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "The request has invalid fields.", "code": "validation_failed",
        "instance": url(claim.id), "errors": errors}


def test_unknown_claim_is_404(client, auth):
    response = client.post(url(999), json={"action": "start_research"},
                           headers=auth(**{"If-Match": '"v1"'}))
    assert response.status_code == 404
    assert response.get_json()["detail"] == "claim 999 does not exist"


def test_workflow_endpoints_are_documented(client):
    from openapi_spec_validator import validate

    spec = client.get("/api/v1/openapi.json").get_json()
    validate(spec)
    paths = spec["paths"]
    expected = {
        ("/api/v1/claims/{claim_id}/transitions", "post"):
            {"200", "401", "403", "404", "409", "412", "422", "428"},
        ("/api/v1/claims/{claim_id}/history", "get"): {"200", "401", "403", "404", "422"},
        ("/api/v1/claims/{claim_id}/comments", "post"):
            {"201", "401", "403", "404", "412", "422"},
        ("/api/v1/claims/{claim_id}/comments", "get"): {"200", "401", "403", "404", "422"},
        ("/api/v1/audit/verify", "get"): {"200", "401", "403"},
        ("/api/v1/claims/{claim_id}", "get"): {"200", "401", "403", "404", "422"},
    }
    for (path, method), statuses in expected.items():
        operation = paths[path][method]
        assert set(operation["responses"]) == statuses | {"default"}, (path, method)
        assert operation["summary"]
    for path in ("/api/v1/claims", "/api/v1/claims/{claim_id}/evidence",
                 "/api/v1/claims/{claim_id}/transitions", "/api/v1/claims/{claim_id}/comments"):
        names = [p["name"] for p in paths[path]["post"].get("parameters", [])]
        assert "Idempotency-Key" in names, path
    as_of = [p for p in paths["/api/v1/claims/{claim_id}"]["get"]["parameters"]
             if p["name"] == "as_of"]
    assert as_of and as_of[0]["in"] == "query"
