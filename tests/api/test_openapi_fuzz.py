"""schemathesis against the OpenAPI document, in-process: every operation, with a valid
token, valid (positive) and invalid (negative) inputs. No 5xx; every response has a
documented status, content type, headers and schema. Without a token, or with a bad one,
every operation answers 401; a method a path does not document answers 405 with the
right Allow. Bounded (MAX_EXAMPLES per operation and mode) and deterministic
(derandomized, no example database) so CI stays within a minute or two.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from bench.generate import generate
from verify.review.history import verify_chain
from verify.store.db import database

MAX_EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
FUZZ = settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck))


@pytest.fixture
def schema(app, client):
    """The served OpenAPI document, with a few records for generated ids to find."""
    with app.app_context():
        database.connect(reuse_if_open=True)
        generate(30, chunk=10)
        database.close()
    document = client.get("/api/v1/openapi.json").get_json()
    return schemathesis.openapi.from_dict(document)


def operations(schema):
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 15  # every blueprint's operations are in the document
    return found


def run_cases(operation, mode, test, examples=MAX_EXAMPLES):
    @settings(FUZZ, max_examples=examples)
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        test(case)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["positive", "negative"])
def test_every_operation_conforms(app, schema, tokens, mode):
    headers = {"Authorization": "Bearer %s" % tokens["admin"]}
    statuses = {}

    def test(case):
        response = case.call(app=app, headers=headers)
        statuses.setdefault(case.operation.label, set()).add(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    for operation in operations(schema):
        run_cases(operation, mode, test)
    with app.app_context():
        database.connect(reuse_if_open=True)
        assert verify_chain()["ok"]  # whatever the fuzzer wrote, the history holds
        database.close()
    if mode is GenerationMode.POSITIVE:
        # Valid input really reached the views: some operations succeeded.
        assert sum(1 for codes in statuses.values() if any(c < 300 for c in codes)) >= 10


@pytest.mark.parametrize("credentials", [None, "Bearer cd_not-a-token", "Basic YTpi",
                                         "Bearer"], ids=["none", "bad-token", "basic", "empty"])
def test_every_operation_refuses_strangers(app, schema, credentials):
    def test(case):
        headers = {"Authorization": credentials} if credentials else {}
        case.headers = {k: v for k, v in (case.headers or {}).items()
                        if k.lower() != "authorization"}
        response = case.call(app=app, headers=headers)
        assert response.status_code == 401, (case.operation.label, response.text)
        got = {name.lower(): values for name, values in response.headers.items()}
        assert got["content-type"] == ["application/problem+json"]
        assert got["www-authenticate"][0].startswith('Bearer realm="claimdesk"')
        assert response.json()["code"] == "unauthorized"

    for operation in operations(schema):
        if operation.path == "/healthz":
            continue
        # Authentication comes before any parsing, so a few examples per operation suffice.
        run_cases(operation, GenerationMode.POSITIVE, test, examples=5)


def test_undocumented_methods_answer_405_with_allow(client, schema, auth):
    document = client.get("/api/v1/openapi.json").get_json()
    checked = 0
    for path, item in document["paths"].items():
        url = path.replace("{", "").replace("}", "")
        url = "/".join("1" if part.endswith("_id") else part for part in url.split("/"))
        documented = {m.upper() for m in item if m.upper() in METHODS}
        allowed = documented | {"OPTIONS"} | ({"HEAD"} if "GET" in documented else set())
        for method in set(METHODS) - documented:
            response = client.open(url, method=method, headers=auth("admin"))
            assert response.status_code == 405, (method, url)
            assert set(response.headers["Allow"].split(", ")) == allowed, (method, url)
            assert response.mimetype == "application/problem+json"
            assert response.get_json()["code"] == "method_not_allowed"
            checked += 1
    assert checked >= 10
