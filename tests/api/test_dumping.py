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
