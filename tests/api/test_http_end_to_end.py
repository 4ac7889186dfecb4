"""The served app over real HTTP on loopback: the walkthrough of the README."""
import requests


def test_walkthrough_over_http(live_server, tokens, app, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    session = requests.Session()
    session.headers["Authorization"] = "Bearer %s" % tokens["factchecker"]

    assert session.get(live_server + "/healthz").json() == {"status": "ok", "database": "ok"}
    claims = session.get(live_server + "/api/v1/claims").json()["items"]
    backtrack = next(c for c in claims if "backtracked" in c["quote"])
    assert backtrack["speaker"]["kind"] == "anonymous_person"
    assert backtrack["speaker"]["description"] == (
        "a senior Pakistani official involved in the negotiations")

    source = session.post(live_server + "/api/v1/sources", json={
        "url": "https://www.example.gov/statements/ttp", "kind": "official_statement"})
    assert source.status_code in (201, 202), source.text
    added = session.post(live_server + "/api/v1/claims/%d/evidence" % backtrack["id"], json={
        "source_id": source.json()["id"], "stance": "supports"})
    assert added.status_code == 201, added.text
    claim = session.get(backtrack["url"])
    assert claim.headers["ETag"] == '"v2"'
    patched = session.patch(backtrack["url"], json={"cue": "disclosed"},
                            headers={"If-Match": claim.headers["ETag"]})
    assert patched.status_code == 200
    stale = session.patch(backtrack["url"], json={"cue": "said"},
                          headers={"If-Match": claim.headers["ETag"]})
    assert stale.status_code == 412
    assert stale.headers["Content-Type"] == "application/problem+json"
