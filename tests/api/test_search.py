"""Full-text search on GET /api/v1/claims?q=…: the same answers on SQLite and PostgreSQL."""
import pytest

from tests.newsroom_helpers import make_claim, publish
from verify.store.db import database

MINISTER = {"kind": "named_person", "name": "Jane Doe", "description": "finance minister"}
OPPOSITION = {"kind": "group", "name": "", "description": "the opposition party"}


@pytest.fixture
def corpus(app, tokens):
    ids = {
        "fell": make_claim("Unemployment fell by half in 2023.", speaker=MINISTER),
        "rose": make_claim("Unemployment rose sharply, the opposition said.",
                           speaker=OPPOSITION),
        "inflation": make_claim("Inflation fell to 3.5 percent.", quote="prices fell"),
        "bridge": make_claim("The bridge cost half a billion."),
        "minister": make_claim("The minister resigned over the bridge."),
    }
    publish(ids["rose"], "accurate")
    database.close()
    return ids


def everything(client, auth):
    items = client.get("/api/v1/claims?limit=100", headers=auth("viewer")).get_json()["items"]
    return {item["id"]: item for item in items}


def search(client, auth, query, **args):
    response = client.get("/api/v1/claims", query_string={"q": query, **args},
                          headers=auth("viewer"))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.mark.parametrize("query, expected", [
    ("unemployment", ["rose", "fell"]),  # the shorter claim (speaker included) first
    ('"fell by half"', ["fell"]),
    ("half", ["bridge", "fell"]),
    ("unemployment -opposition", ["fell"]),
    ('fell -"by half"', ["inflation"]),
    ("unemploy*", ["rose", "fell"]),
    ("doe", ["fell"]),           # speaker name
    ("prices", ["inflation"]),   # quote
    ("3.5", ["inflation"]),      # "3 5" as a phrase on both engines
    ("MINISTER", ["minister", "fell"]),  # text outranks speaker description
    ("nothing-like-this", []),
])
def test_search(client, auth, corpus, query, expected):
    body = search(client, auth, query)
    if query == "half":  # both say it once; the shorter claim ranks first
        assert [i["id"] for i in body["items"]] == [corpus[n] for n in expected]
    all_claims = everything(client, auth)
    assert body == {"items": [all_claims[corpus[name]] for name in expected], "next": None}


def test_search_combines_with_filters(client, auth, corpus):
    body = search(client, auth, "unemployment", state="published")
    assert body == {"items": [everything(client, auth)[corpus["rose"]]], "next": None}


def test_edits_reindex(client, auth, corpus):
    claim_id = corpus["bridge"]
    response = client.patch("/api/v1/claims/%d" % claim_id, json={"text": "The tunnel cost more."},
                            headers=auth("factchecker", **{"If-Match": '"v1"'}))
    assert response.status_code == 200, response.get_json()
    assert search(client, auth, "bridge")["items"] == [everything(client, auth)[corpus["minister"]]]
    assert [i["id"] for i in search(client, auth, "tunnel")["items"]] == [claim_id]


def test_speaker_changes_reindex(client, auth, corpus):
    from verify.models import Claim, Event, Speaker

    speaker_id = Claim.get_by_id(corpus["fell"]).speaker_id
    Speaker.update(name="Janet Roe").where(Speaker.id == speaker_id).execute()
    database.close()
    assert [i["id"] for i in search(client, auth, "roe")["items"]] == [corpus["fell"]]
    assert search(client, auth, "doe")["items"] == []
    # Claims are never deleted by the API (their history holds them); the index follows
    # a deletion anyway.
    Event.delete().where(Event.claim == corpus["minister"]).execute()
    Claim.delete().where(Claim.id == corpus["minister"]).execute()
    database.close()
    assert [i["id"] for i in search(client, auth, "minister")["items"]] == [corpus["fell"]]


def test_ranked_pagination_is_complete_and_stable(client, auth, app, tokens):
    # Different term frequencies and lengths give different ranks, and some ties (broken
    # by id): walking the pages must give exactly the one-page order.
    ids = [make_claim(" ".join(["tax"] * (n % 4 + 1) + ["word"] * n)) for n in range(9)]
    database.close()
    whole = search(client, auth, "tax", limit=100)["items"]
    assert sorted(i["id"] for i in whole) == ids
    seen, url = [], "/api/v1/claims?q=tax&limit=2"
    while url:
        response = client.get(url, headers=auth("viewer"))
        assert response.status_code == 200
        body = response.get_json()
        seen.extend(body["items"])
        url = body["next"]
        assert url is None or url.startswith("http://localhost/api/v1/claims?")
    assert seen == whole


def test_work_is_bounded(client, auth, app, tokens, monkeypatch):
    """Only the SCAN newest matches are ranked and the CANDIDATES best of them kept."""
    from verify.newsroom import search as engine

    # Same length, older claims say "tax" more often: older ones rank better.
    ids = [make_claim(("tax " * (5 - n)) + "rates " * n) for n in range(5)]
    database.close()
    monkeypatch.setattr(engine, "SCAN", 3)
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    body = search(client, auth, "tax", limit=10)
    assert [item["id"] for item in body["items"]] == ids[2:4]
    assert body["next"] is None


def test_search_refuses_bad_input(client, auth, corpus):
    response = client.get("/api/v1/claims", query_string={"q": "-tax"}, headers=auth("viewer"))
    assert response.status_code == 422
    assert response.get_json() == {
        "type": "about:blank", "title": "Unprocessable Entity", "status": 422,
        "detail": "The request has invalid fields.", "code": "validation_failed",
        "instance": "/api/v1/claims",
        "errors": [{"field": "q", "location": "query",
                    "reason": "Exclusions alone match nothing: add a word to find."}],
    }
    plain_cursor = client.get("/api/v1/claims?limit=1", headers=auth("viewer")).get_json()["next"]
    cursor = plain_cursor.split("cursor=")[1]
    response = client.get("/api/v1/claims", query_string={"q": "half", "cursor": cursor},
                          headers=auth("viewer"))
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{
        "field": "cursor", "location": "query",
        "reason": "Not a cursor from a previous page of this search."}]


HOSTILE = ['"', '""', "*", "-", "--", "NOT", "AND OR NOT", "(", ")", "a:b", "text:foo",
           "^half", 'half"bar', "'", "\\", "!", ":*", "&|!<->", "NEAR(half bridge)",
           "half'; DROP TABLE claim; --", "%", "_", "half*" * 50, "\u202e\u0000x",
           "🙂 half", "x" * 500, "- - - half", '-"half', "* half *", "half OR bridge"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(client, auth, corpus, query):
    response = client.get("/api/v1/claims", query_string={"q": query}, headers=auth("viewer"))
    assert response.status_code in (200, 422), response.get_json()
    if response.status_code == 422:
        assert response.get_json()["errors"][0]["field"] == "q"
