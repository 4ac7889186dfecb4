"""PlannedDump (api/dumping.py) answers exactly what marshmallow's own dump answers."""
import marshmallow as ma
import pytest

from api.dumping import PlannedDump

PATHS = ["/api/v1/claims/{claim}", "/api/v1/claims/{claim}/evidence", "/api/v1/claims",
         "/api/v1/claims?limit=1", "/api/v1/sources", "/api/v1/sources/{source}",
         "/api/v1/documents/{document}/claims", "/api/v1/claims/{bare}"]


@pytest.fixture
def records(client, auth):
    document = client.post("/api/v1/documents", headers=auth(), json={
        "text": "The mayor said the bridge cost 3 million.", "title": "Bridge",
        "url": "https://news.example/bridge"}).get_json()
    source = client.post("/api/v1/sources", headers=auth(), json={
        "url": "https://budget.example/2026", "title": "Budget"}).get_json()
    claim = client.post("/api/v1/claims", headers=auth(), json={
        "text": "The bridge cost 3 million.", "quote": "the bridge cost 3 million",
        "document_id": document["id"], "claimed_at": "2026-11-02T10:00:00Z",
        "speaker": {"kind": "named_person", "name": "The Mayor", "affiliation": "City"}}
    ).get_json()
    for stance, excerpt in (("supports", "3 million"), ("contradicts", None)):
        assert client.post("/api/v1/claims/%d/evidence" % claim["id"], headers=auth(), json={
            "source_id": source["id"], "stance": stance, "excerpt": excerpt,
            "note": "checked"}).status_code == 201
    bare = client.post("/api/v1/claims", headers=auth(), json={"text": "Taxes rose."}).get_json()
    return {"claim": claim["id"], "source": source["id"], "document": document["id"],
            "bare": bare["id"]}


def test_planned_dump_answers_as_marshmallow(client, auth, records, monkeypatch):
    planned = {path: client.get(path.format(**records), headers=auth("viewer"))
               for path in PATHS}
    monkeypatch.setattr(PlannedDump, "dump",
                        lambda self, obj, *, many=None: ma.Schema.dump(self, obj, many=many))
    for path, response in planned.items():
        plain = client.get(path.format(**records), headers=auth("viewer"))
        assert response.status_code == plain.status_code == 200, path
        assert response.get_data() == plain.get_data(), path
    claim = planned["/api/v1/claims/{claim}"].get_json()
    assert [e["stance"] for e in claim["evidence"]] == ["supports", "contradicts"]
    assert claim["speaker"]["name"] == "The Mayor" and claim["document"]["title"] == "Bridge"


def test_a_read_without_query_loads_what_the_schema_loads():
    """GET /claims/<id> skips webargs when there is no query string (schemas.no_query)."""
    from types import SimpleNamespace

    from api.schemas import ClaimReadArgsSchema, no_query

    assert no_query(SimpleNamespace(query_string=b"")) == ClaimReadArgsSchema().load({}) == {}
    assert no_query(SimpleNamespace(query_string=b"as_of=2026-01-01T00:00:00Z")) is None


@pytest.mark.parametrize("base_url", ["http://localhost", "https://desk.example:8443/sub"])
def test_claim_url_is_url_for(app, base_url):
    """Claim URLs come from a template remembered per host (schemas.claim_urls), which
    must give what url_for gives, for any host, scheme and mount point; and url_for
    itself outside a request."""
    from types import SimpleNamespace

    from flask import url_for

    from api.schemas import claim_url

    for _ in range(2):  # the second time from the remembered template
        with app.test_request_context("/api/v1/claims/7", base_url=base_url):
            assert claim_url(SimpleNamespace(id=7)) == url_for(
                "claims.get_claim", claim_id=7, _external=True) == base_url + "/api/v1/claims/7"


def test_one_claim_from_light_rows_answers_as_from_models(client, auth, records, domain,
                                                          monkeypatch):
    """GET /claims/<id> dumps light rows (verify/claim_rows.py); the body must be the one
    the same schema gives from the models, with every column the claim can show set:
    users named four ways, a published verdict under review, a duplicate, confidence,
    verified and unverified excerpts, evidence whose adder is gone, removed evidence."""
    from api import claims as views
    from verify import claims as claim_domain
    from verify.store.db import utcnow
    from verify.models import Claim, Evidence, User

    def fill():
        editor = User.get(User.name == "editor-user")
        admin = User.get(User.name == "admin-user")
        Claim.update(state="in_review", verdict="misleading", rationale="Half of it.",
                     proposed_by=editor, assignee=admin, published_verdict="false",
                     published_by=admin, published_at=utcnow(), confidence=0.25,
                     extracted=True, dismiss_reason="duplicate",
                     duplicate_of=records["bare"]).where(Claim.id == records["claim"]).execute()
        first, second = (Evidence.select().where(Evidence.claim == records["claim"])
                         .order_by(Evidence.id))
        Evidence.update(excerpt_verified=True, excerpt_start=4, excerpt_end=13).where(
            Evidence.id == first.id).execute()
        Evidence.update(excerpt_verified=False, added_by=None).where(
            Evidence.id == second.id).execute()
        return first.id

    first = domain(fill)
    assert client.post("/api/v1/claims/%d/evidence" % records["claim"], headers=auth(), json={
        "source_id": records["source"], "stance": "context"}).status_code == 201
    removed = client.get("/api/v1/claims/%d" % records["claim"], headers=auth()).get_json()
    gone = removed["evidence"][-1]["id"]
    assert client.delete("/api/v1/claims/%d/evidence/%d" % (records["claim"], gone),
                         headers=auth()).status_code in (200, 204)
    paths = ["/api/v1/claims/%d" % records[name] for name in ("claim", "bare")]
    light = [client.get(path, headers=auth("viewer")) for path in paths]
    monkeypatch.setattr(views, "claim_with_evidence",
                        lambda claim_id: views.with_evidence(claim_domain.get_claim(claim_id)))
    for path, response in zip(paths, light):
        models = client.get(path, headers=auth("viewer"))
        assert response.status_code == models.status_code == 200, path
        assert response.get_data() == models.get_data(), path
        assert response.headers["ETag"] == models.headers["ETag"], path
    body = light[0].get_json()
    assert [e["id"] for e in body["evidence"]][0] == first and gone not in [
        e["id"] for e in body["evidence"]]
    assert body["assignee"] == "admin-user" and body["proposed_by"] == "editor-user"
    assert body["published_verdict"]["approved_by"] == "admin-user" and body["under_review"]
    assert body["evidence"][1]["added_by"] is None
    assert body["evidence"][0]["excerpt_verified"] is True


def test_values_passed_unchanged_are_those_marshmallow_passes_unchanged():
    """PlannedDump skips ``_serialize`` only where it would return the value as it is."""
    from marshmallow import fields

    from api.dumping import _unchanged
    from api.schemas import UTCDateTime

    cases = [(fields.Integer(), [0, 7, None]), (fields.Float(), [0.25, None]),
             (fields.String(), ["", "é", None]), (fields.Boolean(), [True, 1, None])]
    for field, values in cases:
        kind = _unchanged(field)
        for value in values:
            if value is None or kind is object or type(value) is kind:
                assert field._serialize(value, "x", None) is value, (field, value)
    assert _unchanged(fields.Integer()) is int and fields.Integer()._serialize(True, "x", None) == 1
    assert _unchanged(fields.Integer(as_string=True)) is None
    assert _unchanged(fields.Decimal()) is None and _unchanged(UTCDateTime()) is None
    assert _unchanged(fields.Nested(ma.Schema)) is None
