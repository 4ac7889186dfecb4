"""User and token administration (admin only): whole bodies, tokens shown once."""
from tests.api.test_claims import TIME


def test_create_user_shows_token_once(client, auth):
    response = client.post("/api/v1/users", json={"name": "priya", "role": "factchecker"},
                           headers=auth("admin"))
    assert response.status_code == 201
    body = response.get_json()
    token = body["token"]["token"]
    assert token.startswith("cd_") and len(token) > 40
    assert body == {
        "user": {"id": body["user"]["id"], "name": "priya", "role": "factchecker",
                 "created_at": TIME},
        "token": {"id": body["token"]["id"], "user": "priya", "name": "initial",
                  "created_at": TIME, "last_used_at": None, "revoked_at": None, "token": token},
    }
    listed = client.get("/api/v1/users/%d/tokens" % body["user"]["id"],
                        headers=auth("admin")).get_json()
    assert listed == {"items": [{"id": body["token"]["id"], "user": "priya", "name": "initial",
                                 "created_at": TIME, "last_used_at": None,
                                 "revoked_at": None}], "next": None}
    assert client.get("/api/v1/claims", headers={"Authorization": "Bearer " + token}
                      ).status_code == 200


def test_issue_and_revoke_tokens(client, auth):
    user = client.post("/api/v1/users", json={"name": "bot", "role": "viewer"},
                       headers=auth("admin")).get_json()["user"]
    issued = client.post("/api/v1/users/%d/tokens" % user["id"], json={"name": "cms plugin"},
                         headers=auth("admin"))
    assert issued.status_code == 201
    token = issued.get_json()
    headers = {"Authorization": "Bearer " + token["token"]}
    assert client.get("/api/v1/claims", headers=headers).status_code == 200
    assert client.delete("/api/v1/tokens/%d" % token["id"], headers=auth("admin")).status_code == 204
    assert client.get("/api/v1/claims", headers=headers).status_code == 401
    revoked = client.get("/api/v1/users/%d/tokens" % user["id"], headers=auth("admin")).get_json()
    assert [t["revoked_at"] is not None for t in revoked["items"]] == [False, True]
    assert client.delete("/api/v1/tokens/999", headers=auth("admin")).status_code == 404
    assert client.post("/api/v1/users/999/tokens", json={}, headers=auth("admin")).status_code == 404


def test_list_users(client, auth):
    body = client.get("/api/v1/users", headers=auth("admin")).get_json()
    assert [(u["name"], u["role"]) for u in body["items"]] == [
        ("viewer-user", "viewer"), ("factchecker-user", "factchecker"),
        ("editor-user", "editor"), ("admin-user", "admin"), ("editor-2", "editor")]
    assert body["next"] is None
