"""Every error path answers RFC 9457 problem+json of one shape, and changes nothing."""
import pytest

from verify.models import Claim, Event

KEYS = {"type", "title", "status", "detail", "code", "instance"}


def assert_problem(response, status, code, **expected):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert KEYS <= set(body), body
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.get_data(as_text=True)
    for key, value in expected.items():
        assert body[key] == value, (key, body)
    return body


@pytest.fixture
def claim(client, auth):
    return client.post("/api/v1/claims", json={"text": "c"}, headers=auth()).get_json()


def counts(app):
    with app.app_context():
        return Claim.select().count(), Event.select().count()


def test_400_malformed_json(client, auth, app):
    before = counts(app)
    response = client.post("/api/v1/claims", data=b'{"text": ', headers=auth(),
                           content_type="application/json")
    assert_problem(response, 400, "bad_request", instance="/api/v1/claims")
    assert counts(app) == before


def test_401_without_token(client):
    response = client.get("/api/v1/claims")
    assert_problem(response, 401, "unauthorized", detail="A bearer token is required.")
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="claimdesk"'


@pytest.mark.parametrize("header", ["Bearer nope", "Basic dXNlcjpwYXNz", "Bearer", "Bearer  "])
def test_401_bad_token(client, header):
    response = client.get("/api/v1/claims", headers={"Authorization": header})
    assert_problem(response, 401, "unauthorized",
                   detail="The bearer token is not valid or was revoked.")
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_403_role_too_low(client, auth, app):
    before = counts(app)
    response = client.post("/api/v1/claims", json={"text": "c"}, headers=auth("viewer"))
    assert_problem(response, 403, "forbidden",
                   detail="This needs the factchecker role or above; you are viewer.")
    assert counts(app) == before


@pytest.mark.parametrize("path", ["/api/v1/claims/999", "/api/v1/documents/999",
                                  "/api/v1/sources/999", "/api/v1/claims/999/evidence",
                                  "/api/v1/nothing-here"])
def test_404(client, auth, path):
    assert_problem(client.get(path, headers=auth()), 404, "not_found")


def test_405_lists_allowed_methods(client, auth):
    response = client.delete("/api/v1/claims", headers=auth())
    assert_problem(response, 405, "method_not_allowed")
    assert set(response.headers["Allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}


def test_409_duplicate_user(client, auth):
    payload = {"name": "someone", "role": "viewer"}
    assert client.post("/api/v1/users", json=payload, headers=auth("admin")).status_code == 201
    response = client.post("/api/v1/users", json=payload, headers=auth("admin"))
    assert_problem(response, 409, "conflict", detail="a user named 'someone' already exists")


def test_412_stale_and_malformed_etags(client, auth, claim, app):
    url = "/api/v1/claims/%d" % claim["id"]
    for tag in ('"v7"', "v1", 'W/"v1"', "*", '"v1", "v2"'):
        response = client.patch(url, json={"text": "x"}, headers=auth(**{"If-Match": tag}))
        assert_problem(response, 412, "stale_version" if tag == '"v7"' else "precondition_failed")
    assert client.get(url, headers=auth()).get_json()["text"] == "c"


def test_413_body_over_limit(app, client, auth):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/v1/claims", json={"text": "x" * 2000}, headers=auth())
    assert_problem(response, 413, "payload_too_large")


def test_415_not_json(client, auth, app):
    before = counts(app)
    response = client.post("/api/v1/claims", data="text=hello", headers=auth(),
                           content_type="application/x-www-form-urlencoded")
    assert_problem(response, 415, "unsupported_media_type",
                   detail="Send the body as application/json.")
    assert counts(app) == before


def test_422_lists_each_field(client, auth, app):
    before = counts(app)
    response = client.post("/api/v1/claims", json={
        "quote_kind": "shouted", "speaker": {"kind": "alien"}, "colour": "red"}, headers=auth())
    body = assert_problem(response, 422, "validation_failed",
                          detail="The request has invalid fields.")
    assert sorted(body["errors"], key=lambda e: e["field"]) == [
        {"field": "colour", "location": "body", "reason": "Unknown field."},
        {"field": "quote_kind", "location": "body",
         "reason": "Must be one of: direct, indirect, mixed."},
        {"field": "speaker.kind", "location": "body",
         "reason": "Must be one of: named_person, anonymous_person, group, organization, "
                   "document."},
        {"field": "text", "location": "body", "reason": "Missing data for required field."},
    ]
    assert counts(app) == before


def test_422_query_arguments(client, auth):
    body = assert_problem(client.get("/api/v1/claims?limit=0&state=lost", headers=auth()),
                          422, "validation_failed")
    assert sorted(e["field"] for e in body["errors"]) == ["limit", "state"]
    assert {e["location"] for e in body["errors"]} == {"query"}


def test_422_bad_cursor(client, auth):
    body = assert_problem(client.get("/api/v1/claims?cursor=bogus", headers=auth()), 422,
                          "validation_failed")
    assert body["errors"] == [{"field": "cursor", "location": "query",
                               "reason": "Not a cursor from a previous page."}]


def test_428_if_match_required(client, auth, claim):
    response = client.patch("/api/v1/claims/%d" % claim["id"], json={"text": "x"}, headers=auth())
    assert_problem(response, 428, "precondition_required")


def test_500_hides_the_trace(app, client, auth, monkeypatch):
    import verify.claims

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(verify.claims, "list_claims", explode)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/api/v1/claims", headers=auth())
    assert_problem(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)
