"""Bad input of every kind: each answers a clear 4xx problem+json, whole body asserted,
and changes nothing (row counts, the claim's version and the chain head are as before)."""
import http
import json

import pytest

from verify.models import MODELS, ChainHead, Claim
from verify.store.db import MAX_ID, database
from verify.store.pages import encode_cursor

CLAIMS = "/api/v1/claims"
LIMIT_RANGE = "Must be greater than or equal to 1 and less than or equal to 100."
ID_RANGE = "Must be greater than or equal to 1 and less than or equal to %d." % MAX_ID
NOT_CURSOR = "Not a cursor from a previous page."
NO_ROUTE = ("The requested URL was not found on the server. If you entered the URL manually "
            "please check your spelling and try again.")
TOO_LARGE = "The data value transmitted exceeds the capacity limit."
UNFETCHABLE = "This URL cannot be fetched."
STRONG_ETAG = 'If-Match must be one strong ETag such as "v3".'


def raw(data, content_type="application/json"):
    return {"data": data, "content_type": content_type}


def body(document):
    return {"json": document}


def field(name, reason, location="body"):
    return {"field": name, "location": location, "reason": reason}


# (id, method, path, request kwargs, status, detail, code, errors)
CASES = [
    ("malformed-json", "POST", CLAIMS, raw(b'{"text": '), 400, "Invalid JSON body.", None, None),
    ("trailing-garbage", "POST", CLAIMS, raw(b'{"text": "x"} x'), 400, "Invalid JSON body.",
     None, None),
    ("invalid-utf8", "POST", CLAIMS, raw(b'{"text": "\xff\xfe"}'), 400, "Invalid JSON body.",
     None, None),
    ("lone-surrogate", "POST", CLAIMS, raw(b'{"text": "\\udc00"}'), 400,
     "The JSON body contains a lone UTF-16 surrogate escape.", None, None),
    ("deeply-nested", "POST", CLAIMS,
     raw(b'{"text": ' + b"[" * 100000 + b"]" * 100000 + b"}"), 400,
     "The JSON body is nested too deeply.", None, None),
    ("nested-within-limit", "POST", CLAIMS, raw(b'{"text": ' + b"[" * 50 + b"]" * 50 + b"}"),
     422, None, None, [field("text", "Not a valid string.")]),
    ("not-an-object", "POST", CLAIMS, raw(b"[1, 2]"), 422, None, None,
     [field("_schema", "Invalid input type.")]),
    ("wrong-type-text", "POST", CLAIMS, body({"text": 5}), 422, None, None,
     [field("text", "Not a valid string.")]),
    ("wrong-type-id", "POST", CLAIMS, body({"text": "x", "document_id": "1"}), 422, None, None,
     [field("document_id", "Not a valid integer.")]),
    ("bool-as-id", "POST", CLAIMS, body({"text": "x", "speaker_id": True}), 422, None, None,
     [field("speaker_id", "Not a valid integer.")]),
    ("huge-id-in-body", "POST", CLAIMS, body({"text": "x", "speaker_id": 10**30}), 422, None,
     None, [field("speaker_id", ID_RANGE)]),
    ("missing-record-in-body", "POST", CLAIMS, body({"text": "x", "speaker_id": 999}), 422,
     None, None, [field("speaker_id", "Speaker 999 does not exist.")]),
    ("enormous-string", "POST", CLAIMS, body({"text": "a" * 5001}), 422, None, None,
     [field("text", "Length must be between 1 and 5000.")]),
    ("enormous-body", "POST", CLAIMS, body({"text": "a" * (1024 * 1024)}), 413, TOO_LARGE,
     None, None),
    ("control-character", "POST", CLAIMS, body({"text": "a\u0000b"}), 422, None, None,
     [field("text", "Contains control characters.")]),
    ("escape-character", "POST", CLAIMS, body({"text": "ok", "cue": "said\u001b[31m"}), 422,
     None, None, [field("cue", "Contains control characters.")]),
    ("unknown-field", "POST", CLAIMS, body({"text": "x", "verdict": "accurate"}), 422, None,
     None, [field("verdict", "Unknown field.")]),
    ("date-out-of-range", "POST", CLAIMS,
     body({"text": "x", "claimed_at": "0001-01-01T00:00:00+14:00"}), 422, None, None,
     [field("claimed_at", "Out of the range of dates.")]),
    ("not-json", "POST", CLAIMS, raw(b'{"text": "x"}', "text/plain"), 415,
     "Send the body as application/json.", None, None),
    ("url-scheme", "POST", "/api/v1/sources", body({"url": "javascript:alert(1)"}), 422,
     UNFETCHABLE, None, [field("url", "scheme 'javascript' is not allowed")]),
    ("url-file", "POST", "/api/v1/sources", body({"url": "file:///etc/passwd"}), 422,
     UNFETCHABLE, None, [field("url", "scheme 'file' is not allowed")]),
    ("url-broken-host", "POST", "/api/v1/sources", body({"url": "http://[::1/x"}), 422,
     UNFETCHABLE, None, [field("url", "malformed URL: Invalid IPv6 URL")]),
    ("url-control", "POST", "/api/v1/sources", body({"url": "https://example.com/a\u0000b"}),
     422, None, None, [field("url", "Contains control characters.")]),
    ("url-enormous", "POST", "/api/v1/sources",
     body({"url": "https://example.com/" + "a" * 2000}), 422, None, None,
     [field("url", "Length must be between 1 and 2000.")]),
    ("evidence-huge-source", "POST", CLAIMS + "/{claim}/evidence",
     body({"source_id": 2**64, "stance": "supports"}), 422, None, None,
     [field("source_id", ID_RANGE)]),
    ("limit-negative", "GET", CLAIMS + "?limit=-1", {}, 422, None, None,
     [field("limit", LIMIT_RANGE, "query")]),
    ("limit-zero", "GET", CLAIMS + "?limit=0", {}, 422, None, None,
     [field("limit", LIMIT_RANGE, "query")]),
    ("limit-huge", "GET", CLAIMS + "?limit=%d" % 10**30, {}, 422, None, None,
     [field("limit", LIMIT_RANGE, "query")]),
    ("limit-text", "GET", CLAIMS + "?limit=ten", {}, 422, None, None,
     [field("limit", "Not a valid integer.", "query")]),
    ("cursor-garbage", "GET", CLAIMS + "?cursor=!!!", {}, 422, None, None,
     [field("cursor", NOT_CURSOR, "query")]),
    ("cursor-negative", "GET", CLAIMS + "?cursor=" + encode_cursor(-1), {}, 422, None, None,
     [field("cursor", NOT_CURSOR, "query")]),
    ("cursor-huge", "GET", CLAIMS + "?cursor=" + encode_cursor(10**20), {}, 422, None, None,
     [field("cursor", NOT_CURSOR, "query")]),
    ("cursor-other-json", "GET", CLAIMS + "?cursor=WzFd", {}, 422, None, None,
     [field("cursor", NOT_CURSOR, "query")]),
    ("cursor-bytes", "GET", CLAIMS + "?cursor=%ff%fe", {}, 422, None, None,
     [field("cursor", NOT_CURSOR, "query")]),
    ("unknown-query", "GET", CLAIMS + "?stat=published", {}, 422, None, None,
     [field("stat", "Unknown field.", "query")]),
    ("filter-huge-id", "GET", CLAIMS + "?speaker=%d" % 10**20, {}, 422, None, None,
     [field("speaker", ID_RANGE, "query")]),
    ("filter-control", "GET", CLAIMS + "?verdict=%00", {}, 422, None, None,
     [field("verdict", "Contains control characters.", "query")]),
    ("filter-bad-date", "GET", CLAIMS + "?updated_since=yesterday", {}, 422, None, None,
     [field("updated_since", "Not a valid datetime.", "query")]),
    ("path-huge-id", "GET", CLAIMS + "/%d" % 10**20, {}, 404, NO_ROUTE, None, None),
    ("path-max-plus-one", "GET", CLAIMS + "/%d" % (MAX_ID + 1), {}, 404, NO_ROUTE, None, None),
    ("path-negative", "GET", CLAIMS + "/-1", {}, 404, NO_ROUTE, None, None),
    ("path-traversal", "GET", CLAIMS + "/..%2f..%2fetc%2fpasswd", {}, 404, NO_ROUTE, None,
     None),
    ("path-nul", "GET", CLAIMS + "/1%00", {}, 404, NO_ROUTE, None, None),
    ("missing-record", "GET", CLAIMS + "/987654", {}, 404, "claim 987654 does not exist", None,
     None),
    ("etag-missing", "PATCH", CLAIMS + "/{claim}", body({"text": "y"}), 428,
     'Send If-Match with the ETag you read (for example "v3").', None, None),
    ("etag-weak", "PATCH", CLAIMS + "/{claim}",
     dict(json={"text": "y"}, headers={"If-Match": 'W/"v1"'}), 412, STRONG_ETAG, None, None),
    ("etag-star", "PATCH", CLAIMS + "/{claim}",
     dict(json={"text": "y"}, headers={"If-Match": "*"}), 412, STRONG_ETAG, None, None),
    ("etag-list", "PATCH", CLAIMS + "/{claim}",
     dict(json={"text": "y"}, headers={"If-Match": '"v1", "v2"'}), 412, STRONG_ETAG, None, None),
    ("etag-unquoted", "PATCH", CLAIMS + "/{claim}",
     dict(json={"text": "y"}, headers={"If-Match": "v1"}), 412, STRONG_ETAG, None, None),
    ("etag-stale-huge", "PATCH", CLAIMS + "/{claim}",
     dict(json={"text": "y"}, headers={"If-Match": '"v%d"' % 10**30}), 412,
     "the claim changed since you read it (current version 1)", "stale_version", None),
]


@pytest.fixture
def claim_id(client, auth):
    response = client.post(CLAIMS, json={"text": "The river rose two metres."}, headers=auth())
    assert response.status_code == 201
    return response.get_json()["id"]


def state(app, claim):
    with app.app_context():
        database.connect(reuse_if_open=True)
        counts = {model.__name__: model.select().count() for model in MODELS}
        head = ChainHead.get_by_id(1)
        version = Claim.get_by_id(claim).version
        database.close()
    return counts, head.hash, head.events, version


def expected(status, detail, code, errors, instance, **extra):
    document = {
        "type": "about:blank",
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or "The request has invalid fields.",
        "code": code or {400: "bad_request", 404: "not_found", 412: "precondition_failed",
                         413: "payload_too_large", 415: "unsupported_media_type",
                         422: "validation_failed", 428: "precondition_required"}[status],
        "instance": instance,
    }
    if errors:
        document["errors"] = errors
    document.update(extra)
    return document


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_bad_input(app, client, auth, claim_id, case):
    name, method, path, kwargs, status, detail, code, errors = case
    kwargs = dict(kwargs, headers=auth(**kwargs.get("headers", {})))
    path = path.format(claim=claim_id)
    before = state(app, claim_id)
    response = client.open(path, method=method, **kwargs)
    instance = path.split("?")[0]
    instance = instance.replace("%2f", "/").replace("%00", "\x00")
    extra = {}
    if name == "missing-record":
        extra["resource"] = "claim"
    if name == "etag-stale-huge":
        extra["current_version"] = 1
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/problem+json"
    assert json.loads(response.get_data()) == expected(status, detail, code, errors, instance,
                                                       **extra)
    assert state(app, claim_id) == before


def test_body_limit_is_configurable(app, client, auth, claim_id):
    app.config["MAX_CONTENT_LENGTH"] = 2000
    before = state(app, claim_id)
    small = client.post(CLAIMS, json={"text": "a" * 1000}, headers=auth())
    assert small.status_code == 201
    before = state(app, claim_id)
    response = client.post(CLAIMS, json={"text": "a" * 2000}, headers=auth())
    assert response.status_code == 413
    assert response.get_json() == expected(413, TOO_LARGE, None, None, CLAIMS)
    assert state(app, claim_id) == before
