"""Documents: ingestion records extracted statements as unreviewed claims, once."""
import json

from tests.api.test_claims import TIME

TEXT = ('Officials met on Monday. "We will not sign this deal," said Maria Lopez, the trade '
        'minister. A spokesperson for the ministry said that talks would resume in May.')


def test_ingest_records_extracted_claims_once(client, auth):
    response = client.post("/api/v1/documents", json={
        "text": TEXT, "title": "Trade talks", "url": "https://news.example/trade",
        "publisher": "News Example", "language": "en"}, headers=auth())
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    document_id = body["id"]
    claims = body.pop("claims")
    assert body == {
        "id": document_id, "url": "https://news.example/trade", "canonical_url": None,
        "title": "Trade talks", "publisher": "News Example", "published_at": None,
        "language": "en", "sha256": body["sha256"], "length": len(TEXT), "created_at": TIME,
        "claims_url": "http://localhost/api/v1/documents/%d/claims" % document_id,
    }
    # a named speaker's role is its description
    assert [(c["quote"], c["quote_kind"], c["speaker"]["kind"], c["speaker"]["name"],
             c["speaker"]["description"], c["cue"], c["extracted"], c["state"])
            for c in claims] == [
        ("We will not sign this deal", "direct", "named_person", "Maria Lopez",
         "the trade minister", "said", True, "unreviewed"),
        ("that talks would resume in May", "indirect", "anonymous_person", "",
         "A spokesperson for the ministry", "said", True, "unreviewed"),
    ]
    for claim in claims:
        assert TEXT[claim["quote_start"]:claim["quote_end"]] == claim["quote"]
        assert 0 < claim["confidence"] <= 1

    again = client.post("/api/v1/documents", json={"text": TEXT}, headers=auth())
    assert again.status_code == 200
    assert again.get_json()["id"] == document_id
    assert again.get_json()["claims"] == []
    listed = client.get("/api/v1/documents/%d/claims" % document_id, headers=auth()).get_json()
    assert [c["id"] for c in listed["items"]] == [c["id"] for c in claims]


def test_ingest_without_extraction(client, auth):
    body = client.post("/api/v1/documents", json={"text": TEXT, "extract": False},
                       headers=auth()).get_json()
    assert body["claims"] == []


def test_get_document_includes_text(client, auth):
    document_id = client.post("/api/v1/documents", json={"text": TEXT, "extract": False},
                              headers=auth()).get_json()["id"]
    body = client.get("/api/v1/documents/%d" % document_id, headers=auth("viewer")).get_json()
    assert body["text"] == TEXT
    listed = client.get("/api/v1/documents", headers=auth("viewer")).get_json()
    assert [d["id"] for d in listed["items"]] == [document_id]
    assert "text" not in listed["items"][0]


def test_cli_extract(runner, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    table = runner.invoke(args=["extract", str(article)])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines()[0] == "%s: 2 statements" % article
    assert "Maria Lopez, the trade minister -- said" in table.output
    as_json = runner.invoke(args=["extract", "--format", "json", str(article)])
    row = json.loads(as_json.output)
    assert [s["speaker"] for s in row["statements"]] == ["Maria Lopez, the trade minister",
                                                         "A spokesperson for the ministry"]


ARTICLE_PARAGRAPHS = [
    "The port authority announced on Friday that the northern terminal will close for "
    "repairs for six weeks starting in March, diverting cargo to the southern docks.",
    '"We have no choice but to close the terminal," said Jonas Berg, the authority\'s '
    "director, adding that the repairs had been postponed twice already.",
    "Shipping companies said that the diversion would add two days to delivery times for "
    "goods bound for the inland markets during the closure.",
]


def test_ingest_by_url_fetches_through_the_guard(client, auth, mocked):
    from tests.api.test_api_sources_loopback import use_policy
    from tests.site import Site, article

    with Site() as site:
        mocked.add_passthru(site.base)
        site.routes["/port"] = (200, {}, article(ARTICLE_PARAGRAPHS, title="Terminal to close",
                                                 author="Ines Duarte", site="Harbour News",
                                                 published="2026-02-01"))
        use_policy()
        response = client.post("/api/v1/documents", json={"url": site.url("/port"),
                                                         "publisher": "Harbour Daily"},
                               headers=auth())
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["url"], body["title"], body["publisher"], body["published_at"],
            body["language"]) == (site.url("/port"), "Terminal to close", "Harbour Daily",
                                  "2026-02-01T00:00:00.000000Z", "en")
    speakers = [(c["speaker"]["name"] or c["speaker"]["description"]) for c in body["claims"]]
    assert "Jonas Berg" in speakers and "Shipping companies" in speakers


def test_ingest_by_url_refuses_private_addresses_and_unreadable_pages(client, auth):
    refused = client.post("/api/v1/documents", json={"url": "http://127.0.0.1/x"},
                          headers=auth())
    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["field"] == "url"
    assert "loopback" in refused.get_json()["errors"][0]["reason"]
    unresolved = client.post("/api/v1/documents", json={"url": "https://nowhere.example/a"},
                             headers=auth())
    assert unresolved.status_code == 422
    assert unresolved.get_json()["errors"] == [{
        "field": "url", "location": "body",
        "reason": "host 'nowhere.example' does not resolve "
                  "([Errno -2] Name or service not known (tests))"}]
    neither = client.post("/api/v1/documents", json={"title": "x"}, headers=auth())
    assert neither.get_json()["errors"] == [{
        "field": "text", "location": "body",
        "reason": "Give the text, or a url to fetch it from."}]


def test_ingestion_marks_likely_duplicates_from_other_documents(client, auth):
    first = client.post("/api/v1/documents", json={"text": TEXT}, headers=auth()).get_json()
    quoted = first["claims"][0]
    assert quoted["likely_duplicates"] == []
    retold = ("Later coverage repeated it. \"We will not sign this deal,\" said Maria Lopez "
              "again on Tuesday.")
    second = client.post("/api/v1/documents", json={"text": retold}, headers=auth()).get_json()
    marked = second["claims"][0]["likely_duplicates"]
    assert [(m["id"], m["likely_duplicate"], m["state"]) for m in marked] == [
        (quoted["id"], True, "unreviewed")]
    assert marked[0]["score"] == 1.0


def test_ingestion_lists_the_three_oldest_exact_copies(client, auth):
    said = '"We will not sign this deal," said Maria Lopez.'
    ids = []
    for n in range(4):
        body = client.post("/api/v1/documents", json={"text": "Report %d. %s" % (n, said)},
                           headers=auth()).get_json()
        assert len(body["claims"]) == 1
        ids.append(body["claims"][0]["id"])
    assert body["claims"][0]["likely_duplicates"] == [{
        "id": claim_id, "text": "We will not sign this deal", "speaker": "Maria Lopez",
        "state": "unreviewed", "published_verdict": None, "score": 1.0,
        "likely_duplicate": True, "url": "http://localhost/api/v1/claims/%d" % claim_id,
    } for claim_id in ids[:3]]
