"""Claims over the API: whole bodies for create, read, list, edit."""
import re

import pytest

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")


class Any:
    """Matches a timestamp in the API's format (the one field a test cannot know)."""

    def __eq__(self, other):
        return isinstance(other, str) and bool(ISO.match(other))


TIME = Any()

SPEAKER = {"kind": "anonymous_person", "name": "",
           "description": "a senior official involved in the talks", "affiliation": "Ministry"}
DOC_TEXT = 'The talks failed. "They broke every promise," said a senior official involved in the talks.'


def make_document(client, auth, text=DOC_TEXT):
    response = client.post("/api/v1/documents", json={"text": text, "title": "Talks fail", "extract": False,
                                                     "url": "https://news.example/talks"},
                           headers=auth())
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def expected_claim(claim_id, document_id=None, **overrides):
    body = {
        "id": claim_id,
        "text": "The other side broke every promise.",
        "quote": None,
        "quote_kind": None,
        "speaker": None,
        "document": None,
        "quote_start": None,
        "quote_end": None,
        "cue": None,
        "claimed_at": None,
        "extracted": False,
        "confidence": None,
        "state": "unreviewed",
        "verdict": None,
        "rationale": None,
        "proposed_by": None,
        "published_verdict": None,
        "under_review": False,
        "assignee": None,
        "dismiss_reason": None,
        "duplicate_of": None,
        "version": 1,
        "created_by": "factchecker-user",
        "created_at": TIME,
        "updated_at": TIME,
        "url": "http://localhost/api/v1/claims/%d" % claim_id,
    }
    body.update(overrides)
    return body


def test_create_with_only_text(client, auth):
    response = client.post("/api/v1/claims", json={"text": "The other side broke every promise."},
                           headers=auth())
    assert response.status_code == 201
    body = response.get_json()
    assert body == expected_claim(body["id"])
    assert response.headers["ETag"] == '"v1"'
    assert response.headers["Location"] == body["url"]


def test_create_full_claim_places_quote_in_document(client, auth):
    document_id = make_document(client, auth)
    response = client.post("/api/v1/claims", json={
        "text": "The other side broke every promise.",
        "quote": "They broke every promise,",
        "quote_kind": "direct",
        "speaker": SPEAKER,
        "document_id": document_id,
        "cue": "said",
        "claimed_at": "2026-11-01T10:00:00+02:00",
    }, headers=auth())
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    start = DOC_TEXT.index("They broke")
    assert body == expected_claim(
        body["id"], quote="They broke every promise,", quote_kind="direct",
        speaker=dict(SPEAKER, id=body["speaker"]["id"]),
        document={"id": document_id, "title": "Talks fail", "url": "https://news.example/talks",
                  "publisher": None, "published_at": None},
        quote_start=start, quote_end=start + len("They broke every promise,"), cue="said",
        claimed_at="2026-11-01T08:00:00.000000Z",
    )


def test_same_speaker_is_shared(client, auth):
    ids = []
    for text in ("One.", "Two."):
        response = client.post("/api/v1/claims", json={"text": text, "speaker": SPEAKER},
                               headers=auth())
        ids.append(response.get_json()["speaker"]["id"])
    assert ids[0] == ids[1]


@pytest.mark.parametrize("payload, field, reason", [
    ({"text": "x", "quote": "not in there", "document_id": 1}, "quote",
     "Not found in the document's text."),
    ({"text": "x", "quote_start": 0, "quote_end": 3}, "quote_start", "Offsets need a document."),
    ({"text": "x", "quote_start": 0, "document_id": 1}, "quote_end",
     "quote_start and quote_end go together."),
    ({"text": "x", "quote": "The talks", "quote_start": 4, "quote_end": 13, "document_id": 1},
     "quote", "Differs from the document's text at 4-13."),
    ({"text": "x", "document_id": 99}, "document_id", "Document 99 does not exist."),
])
def test_quote_must_match_document(client, auth, payload, field, reason):
    make_document(client, auth)
    response = client.post("/api/v1/claims", json=payload, headers=auth())
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"field": field, "location": "body", "reason": reason}]
    assert client.get("/api/v1/claims", headers=auth()).get_json()["items"] == []


def test_list_paginates_with_next_links_and_filters(client, auth):
    for n in range(5):
        client.post("/api/v1/claims", json={"text": "claim %d" % n}, headers=auth())
    seen, url = [], "/api/v1/claims?limit=2"
    while url:
        body = client.get(url, headers=auth("viewer")).get_json()
        seen.extend(item["text"] for item in body["items"])
        url = body["next"]
        if url:
            assert url.startswith("http://localhost/api/v1/claims?")
            assert "limit=2" in url
    assert seen == ["claim %d" % n for n in range(5)]
    body = client.get("/api/v1/claims?state=published", headers=auth("viewer")).get_json()
    assert body == {"items": [], "next": None}


def test_list_filters_by_document_speaker_and_time(client, auth):
    document_id = make_document(client, auth)
    first = client.post("/api/v1/claims", json={"text": "a", "document_id": document_id,
                                                "speaker": SPEAKER}, headers=auth()).get_json()
    second = client.post("/api/v1/claims", json={"text": "b"}, headers=auth()).get_json()

    def texts(query):
        body = client.get("/api/v1/claims?" + query, headers=auth()).get_json()
        return [item["text"] for item in body["items"]]

    assert texts("document=%d" % document_id) == ["a"]
    assert texts("speaker=%d" % first["speaker"]["id"]) == ["a"]
    assert texts("updated_since=" + second["updated_at"]) == ["b"]
    assert texts("updated_since=2999-01-01T00:00:00Z") == []


def test_patch_needs_if_match_and_bumps_version(client, auth):
    claim = client.post("/api/v1/claims", json={"text": "old"}, headers=auth()).get_json()
    url = "/api/v1/claims/%d" % claim["id"]
    response = client.patch(url, json={"text": "new"}, headers=auth())
    assert response.status_code == 428
    response = client.patch(url, json={"text": "new"}, headers=auth(**{"If-Match": '"v1"'}))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body == dict(expected_claim(claim["id"], text="new", version=2), evidence=[])
    assert response.headers["ETag"] == '"v2"'
    response = client.patch(url, json={"text": "newer"}, headers=auth(**{"If-Match": '"v1"'}))
    assert response.status_code == 412
    assert response.get_json()["current_version"] == 2
    assert client.get(url, headers=auth()).get_json()["text"] == "new"


def test_patch_without_change_keeps_version(client, auth):
    claim = client.post("/api/v1/claims", json={"text": "same"}, headers=auth()).get_json()
    response = client.patch("/api/v1/claims/%d" % claim["id"], json={"text": "same"},
                            headers=auth(**{"If-Match": '"v1"'}))
    assert response.status_code == 200
    assert response.get_json()["version"] == 1


def test_get_embeds_evidence_with_source(client, auth):
    claim = client.post("/api/v1/claims", json={"text": "c"}, headers=auth()).get_json()
    source = client.post("/api/v1/sources", json={"url": "https://stats.example.org/report",
                                                  "title": "Annual report"},
                         headers=auth()).get_json()
    added = client.post("/api/v1/claims/%d/evidence" % claim["id"], json={
        "source_id": source["id"], "stance": "contradicts", "excerpt": "fell by 3%"},
        headers=auth())
    assert added.status_code == 201, added.get_json()
    assert added.headers["ETag"] == '"v2"'
    body = client.get("/api/v1/claims/%d" % claim["id"], headers=auth()).get_json()
    assert body["version"] == 2
    assert body["evidence"] == [{
        "id": added.get_json()["id"],
        "claim_id": claim["id"],
        "source": {
            "id": source["id"], "url": "https://stats.example.org/report", "canonical_url": None,
            "domain": "stats.example.org", "title": "Annual report", "publisher": None,
            "author": None, "published_at": None, "kind": "other",
            "independence_key": "example.org",
            # The tests resolve no names, so the background fetch fails, and says why.
            "fetch_status": "failed",
            "fetch_error": "host 'stats.example.org' does not resolve "
                           "([Errno -2] Name or service not known (tests))",
            "link_status": "unchecked", "created_at": TIME, "updated_at": TIME,
        },
        "stance": "contradicts",
        "excerpt": "fell by 3%",
        "note": None,
        "excerpt_verified": None,
        "excerpt_start": None,
        "excerpt_end": None,
        "added_by": "factchecker-user",
        "created_at": TIME,
    }]
