"""Claim matching: POST /api/v1/claims/match finds claims saying the same thing."""
import re

import pytest

from tests.newsroom_helpers import iso, make_claim, publish, row
from verify.newsroom.matching import STOP_WORDS
from verify.store.db import database


def expected_score(a, b):
    """The documented formula, written again here from docs/NEWSROOM.md."""
    def toks(text):
        return [t.lower() for t in re.findall(r"[^\W_]+", text)]

    def grams(text):
        s = " ".join(toks(text))
        return {s[i:i + 3] for i in range(len(s) - 2)}

    def jac(x, y):
        return len(x & y) / len(x | y) if x and y else 0.0

    content = lambda t: set(toks(t)) - STOP_WORDS  # noqa: E731
    return round((jac(content(a), content(b)) + jac(grams(a), grams(b))) / 2, 4)


@pytest.fixture
def claims(app, tokens):
    ids = {
        "same": make_claim("Unemployment fell by half in 2023.",
                           speaker={"kind": "named_person", "name": "Jane Doe"}),
        "close": make_claim("In 2023 unemployment fell by almost half."),
        "other": make_claim("The bridge cost half a billion."),
        "far": make_claim("Inflation rose in 2023."),
        "dup": make_claim("Unemployment fell by a half in 2023, figures show."),
    }
    publish(ids["dup"], "mostly_accurate")
    publish(ids["other"], "false")
    database.close()
    return ids


def test_match(client, auth, claims):
    text = "Unemployment fell by half in 2023"
    response = client.post("/api/v1/claims/match", json={"text": text}, headers=auth("viewer"))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()

    def item(name, speaker=None, verdict=None):
        claim = row(claims[name])
        score = expected_score(text, claim.text)
        return {
            "id": claim.id, "text": claim.text, "speaker": speaker, "state": claim.state,
            "published_verdict": None if verdict is None else {
                "verdict": verdict[0], "label": verdict[1], "rating_value": verdict[2],
                "approved_by": "editor-user", "approved_at": iso(claim.published_at)},
            "score": score, "likely_duplicate": score >= 0.6,
            "url": "http://localhost/api/v1/claims/%d" % claim.id,
        }

    expected_items = sorted(
        [item("same", "Jane Doe"), item("close"), item("dup", None, ("mostly_accurate",
                                                                    "Mostly accurate", 4)),
         item("other", None, ("false", "False", 1)), item("far")],
        key=lambda i: (-i["score"], i["id"]))
    expected_items = [i for i in expected_items if i["score"] >= 0.2]
    dup = row(claims["dup"])
    assert body == {
        "items": expected_items,
        "already_checked": {
            "claim_id": dup.id,
            "url": "http://localhost/api/v1/claims/%d" % dup.id,
            "report_url": "http://claimdesk.test/api/v1/claims/%d/report" % dup.id,
            "published_verdict": {"verdict": "mostly_accurate", "label": "Mostly accurate",
                                  "rating_value": 4, "approved_by": "editor-user",
                                  "approved_at": iso(dup.published_at)},
        },
    }
    # The same statement scores 1; unrelated ones fall below the floor.
    assert body["items"][0]["id"] == claims["same"] and body["items"][0]["score"] == 1.0
    assert claims["far"] not in [i["id"] for i in body["items"]]
    assert [i["score"] for i in body["items"]] == sorted(
        (i["score"] for i in body["items"]), reverse=True)


def test_match_excludes_and_limits(client, auth, claims):
    response = client.post("/api/v1/claims/match", headers=auth("viewer"), json={
        "text": "Unemployment fell by half in 2023.", "exclude": claims["same"], "limit": 1})
    body = response.get_json()
    assert [i["id"] for i in body["items"]] == [claims["close"]] or \
        [i["id"] for i in body["items"]] == [claims["dup"]]
    assert len(body["items"]) == 1 and body["items"][0]["id"] != claims["same"]


@pytest.mark.parametrize("text", ["the of and", "!!!", "NOT AND", '"'])
def test_match_without_content_words_finds_nothing(client, auth, claims, text):
    response = client.post("/api/v1/claims/match", json={"text": text}, headers=auth("viewer"))
    assert response.status_code == 200
    assert response.get_json() == {"items": [], "already_checked": None}


def test_match_refuses_empty_text(client, auth):
    response = client.post("/api/v1/claims/match", json={"text": ""}, headers=auth("viewer"))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"field": "text", "location": "body", "reason": "Length must be between 1 and 5000."}]
