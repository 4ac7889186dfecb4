"""The role matrix: every endpoint × every role, against a table written here, not taken
from the code. A new endpoint fails ``test_matrix_covers_every_endpoint`` until added."""
import pytest

from verify.vocabulary import ROLES

# (method, path template, least role allowed, JSON body)
MATRIX = [
    ("GET", "/api/v1/claims", "viewer", None),
    ("POST", "/api/v1/claims", "factchecker", {"text": "t"}),
    ("GET", "/api/v1/claims/{claim}", "viewer", None),
    ("PATCH", "/api/v1/claims/{claim}", "factchecker", {"text": "t2"}),
    ("GET", "/api/v1/claims/{claim}/evidence", "viewer", None),
    ("POST", "/api/v1/claims/{claim}/evidence", "factchecker",
     {"source_id": "{source}", "stance": "supports"}),
    ("DELETE", "/api/v1/claims/{claim}/evidence/{evidence}", "factchecker", None),
    ("POST", "/api/v1/claims/{claim}/transitions", "factchecker",
     {"action": "assign", "assignee": "{me}"}),
    ("GET", "/api/v1/claims/{claim}/history", "viewer", None),
    ("POST", "/api/v1/claims/{claim}/comments", "factchecker", {"text": "Call them."}),
    ("GET", "/api/v1/claims/{claim}/comments", "viewer", None),
    ("GET", "/api/v1/audit/verify", "viewer", None),
    ("GET", "/api/v1/claims/{claim}/report", "viewer", None),
    ("GET", "/api/v1/documents/{document}/report", "viewer", None),
    ("GET", "/api/v1/reports", "viewer", None),
    ("GET", "/api/v1/documents", "viewer", None),
    ("POST", "/api/v1/documents", "factchecker", {"text": "some text"}),
    ("GET", "/api/v1/documents/{document}", "viewer", None),
    ("GET", "/api/v1/documents/{document}/claims", "viewer", None),
    ("GET", "/api/v1/sources", "viewer", None),
    ("POST", "/api/v1/sources", "factchecker", {"url": "https://example.org/a"}),
    ("GET", "/api/v1/sources/{source}", "viewer", None),
    ("GET", "/api/v1/sources/{source}/snapshots", "viewer", None),
    ("GET", "/api/v1/sources/{source}/checks", "viewer", None),
    ("POST", "/api/v1/sources/{source}/refetch", "factchecker", None),
    ("GET", "/api/v1/users", "admin", None),
    ("POST", "/api/v1/users", "admin", {"name": "new", "role": "viewer"}),
    ("GET", "/api/v1/users/{user}/tokens", "admin", None),
    ("POST", "/api/v1/users/{user}/tokens", "admin", {"name": "ci"}),
    ("DELETE", "/api/v1/tokens/{token}", "admin", None),
    ("GET", "/api/v1/status?ids={claim}", "viewer", None),
    ("POST", "/api/v1/status/lookup", "viewer", {"ids": ["{claim}"]}),
    ("POST", "/api/v1/claims/match", "viewer", {"text": "c"}),
    ("GET", "/api/v1/webhooks", "admin", None),
    ("POST", "/api/v1/webhooks", "admin",
     {"url": "https://93.184.215.14/hook", "events": ["claim.created"]}),
    ("GET", "/api/v1/webhooks/{webhook}", "admin", None),
    ("PATCH", "/api/v1/webhooks/{webhook}", "admin", {"description": "d"}),
    ("DELETE", "/api/v1/webhooks/{webhook}", "admin", None),
    ("GET", "/api/v1/webhooks/{webhook}/deliveries", "admin", None),
]


@pytest.fixture
def ids(app, client, auth):
    claim = client.post("/api/v1/claims", json={"text": "c"}, headers=auth()).get_json()
    source = client.post("/api/v1/sources", json={"url": "https://example.org/s"},
                         headers=auth()).get_json()
    evidence = client.post("/api/v1/claims/%d/evidence" % claim["id"],
                           json={"source_id": source["id"], "stance": "context"},
                           headers=auth()).get_json()
    document = client.post("/api/v1/documents", json={"text": "doc"}, headers=auth()).get_json()
    user = client.post("/api/v1/users", json={"name": "target", "role": "viewer"},
                       headers=auth("admin")).get_json()
    webhook = client.post("/api/v1/webhooks", json={"url": "https://93.184.215.14/w",
                                                    "events": ["source.changed"]},
                          headers=auth("admin")).get_json()
    return {"claim": claim["id"], "source": source["id"], "evidence": evidence["id"],
            "document": document["id"], "user": user["user"]["id"], "token": user["token"]["id"],
            "webhook": webhook["id"],
            "people": {u["role"]: u["id"] for u in client.get(
                "/api/v1/users", headers=auth("admin")).get_json()["items"]
                if u["name"] == "%s-user" % u["role"]}}


def fill(value, ids):
    if isinstance(value, str):
        for name, ident in ids.items():
            if value == "{%s}" % name:
                return ident
            value = value.replace("{%s}" % name, str(ident))
        return value
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    return value


@pytest.mark.parametrize("method, path, least, body", MATRIX,
                         ids=["%s %s" % (m, p) for m, p, _, _ in MATRIX])
@pytest.mark.parametrize("role", (None,) + ROLES)
def test_role_matrix(client, tokens, ids, method, path, least, body, role):
    headers = {"Authorization": "Bearer %s" % tokens[role]} if role else {}
    # A factchecker may assign only themself: each role assigns itself.
    ids = dict(ids, me=ids["people"].get(role))
    if (method == "PATCH" and "/claims/" in path) or path.endswith("/transitions"):
        version = client.get(fill("/api/v1/claims/{claim}", ids),
                             headers={"Authorization": "Bearer %s" % tokens["admin"]}).get_json()
        headers["If-Match"] = '"v%d"' % version["version"]
    response = client.open(fill(path, ids), method=method, json=fill(body, ids), headers=headers)
    if role is None:
        assert response.status_code == 401
    elif ROLES.index(role) < ROLES.index(least):
        assert response.status_code == 403, response.get_json()
    else:
        assert response.status_code < 300, response.get_json()


def test_matrix_covers_every_endpoint(app):
    covered = {(m, p.split("?")[0].replace("{", "<").replace("}", ">")) for m, p, _, _ in MATRIX}
    import re

    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or "openapi" in rule.rule or "/docs" in rule.rule:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "<%s>" % m.group(1).replace("_id", ""),
                      rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((method, path))
    assert found - covered == set()
