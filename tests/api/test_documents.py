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
    assert [(c["quote"], c["quote_kind"], c["speaker"]["kind"], c["speaker"]["name"] or
             c["speaker"]["description"], c["cue"], c["extracted"], c["state"]) for c in claims] == [
        ("We will not sign this deal", "direct", "named_person", "Maria Lopez", "said",
         True, "unreviewed"),
        ("that talks would resume in May", "indirect", "anonymous_person",
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
    assert "Maria Lopez -- said" in table.output
    as_json = runner.invoke(args=["extract", "--format", "json", str(article)])
    row = json.loads(as_json.output)
    assert [s["speaker"] for s in row["statements"]] == ["Maria Lopez",
                                                         "A spokesperson for the ministry"]
