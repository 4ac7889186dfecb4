def test_health(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_create_and_read_claim(client, auth):
    response = client.post("/api/v1/claims", json={"text": "The sky is green."}, headers=auth())
    assert response.status_code == 201, response.get_json()
    claim_id = response.get_json()["id"]
    response = client.get("/api/v1/claims/%d" % claim_id, headers=auth("viewer"))
    assert response.status_code == 200
    assert response.headers["ETag"] == '"v1"'
