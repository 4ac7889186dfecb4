"""The OpenAPI document validates, and every operation is documented."""
from openapi_spec_validator import validate


def test_openapi_document_validates(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"] == "3.1.0"
    validate(spec)


def test_every_operation_has_summary_security_and_errors(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = [(path, method, op) for path, item in spec["paths"].items()
                  for method, op in item.items() if method in ("get", "post", "patch", "delete", "put")]
    assert operations
    for path, method, op in operations:
        where = "%s %s" % (method.upper(), path)
        assert op.get("summary"), where
        assert op.get("security"), where
        assert {"401", "403"} <= set(op["responses"]), where
        for status, response in op["responses"].items():
            if status == "default" or int(status) >= 400:
                assert set(response) == {"$ref"}, where
                assert response["$ref"].startswith("#/components/responses/"), where
    problem = spec["components"]["responses"]["NOT_FOUND"]["content"]
    assert list(problem) == ["application/problem+json"]


def test_docs_page_served(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"swagger-ui" in response.data
