"""Eight clients race over three claims through real HTTP: transitions, evidence, edits.

Phase one is lock-step: in each round every thread reads the same claim, waits for the
others, then writes with the ETag it read, so exactly one write may win and the seven
others must lose with 412 or 409. Phase two lets the threads run free. Afterwards every
claim's version equals its number of events and the hash chain verifies.
"""
import random
import threading

import requests

from tests.workflow_support import person
from verify.store.db import database

THREADS = 8
ROLES = ["factchecker", "editor", "editor2", "admin"] * 2
NAMES = {"factchecker": "factchecker-user", "editor": "editor-user", "editor2": "editor-2",
         "admin": "admin-user"}
ROUNDS = 12
FREE_OPS = 10
WON, LOST = {200, 201}, {409, 412}


def choose(rng, kind, role, claim, sources, me):
    """A write that is valid for the claim as read, so only a lost race can refuse it."""
    url = "/api/v1/claims/%d" % claim["id"]
    if kind == "edit":
        return "PATCH", url, {"text": "Reworded %08x." % rng.getrandbits(32)}
    if kind == "evidence":
        return "POST", url + "/evidence", {"source_id": rng.choice(sources),
                                           "stance": rng.choice(["supports", "contradicts"])}
    editor = role != "factchecker"
    state = claim["state"]
    if state == "unreviewed":
        action = {"action": "start_research"}
    elif state == "researching":
        action = {"action": "propose", "verdict": "unproven", "rationale": "Unsettled."}
    elif state == "in_review" and editor and claim["proposed_by"] != NAMES[role]:
        action = {"action": "approve"}
    elif state == "in_review" and editor:
        action = {"action": "request_changes", "note": "Another look."}
    elif state == "published" and editor:
        action = {"action": "reopen", "reason": "New figures."}
    else:
        action = {"action": "assign", "assignee": me}
    return "POST", url + "/transitions", action


def test_racing_writers_never_lose_an_update(live_server, tokens, app, client, auth):
    with app.app_context():
        database.connect(reuse_if_open=True)
        ids = {role: person(role).id for role in set(ROLES)}
        database.close()
    claims = [client.post("/api/v1/claims", json={"text": "Claim %d." % n},
                          headers=auth()).get_json()["id"] for n in range(3)]
    sources = [client.post("/api/v1/sources", json={"url": "https://s%d.example/" % n},
                           headers=auth()).get_json()["id"] for n in range(4)]
    barrier = threading.Barrier(THREADS)
    outcomes = [[] for _ in range(THREADS)]
    failures = []

    def run(index):
        role = ROLES[index]
        rng = random.Random(index)
        session = requests.Session()
        session.headers["Authorization"] = "Bearer %s" % tokens[role]

        def attempt(claim_id, kind, phase, round_):
            read = session.get("%s/api/v1/claims/%d" % (live_server, claim_id), timeout=60)
            claim, etag = read.json(), read.headers["ETag"]
            if phase == "lockstep":
                barrier.wait()
            method, path, body = choose(rng, kind, role, claim, sources, ids[role])
            response = session.request(method, live_server + path, json=body,
                                        headers={"If-Match": etag}, timeout=60)
            outcomes[index].append((phase, round_, claim_id, kind, response.status_code))

        try:
            for round_ in range(ROUNDS):
                kind = ("transition", "evidence", "edit")[(index + round_) % 3]
                attempt(claims[round_ % 3], kind, "lockstep", round_)
                barrier.wait()  # every write of the round is done before the next read
            for op in range(FREE_OPS):
                attempt(rng.choice(claims), rng.choice(["transition", "evidence", "edit"]),
                        "free", op)
        except Exception as error:  # reported below; a thread must not die silently
            failures.append(repr(error))
            barrier.abort()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    results = [outcome for per_thread in outcomes for outcome in per_thread]
    assert len(results) == THREADS * (ROUNDS + FREE_OPS)
    statuses = {outcome[-1] for outcome in results}
    assert statuses <= WON | LOST, statuses
    for round_ in range(ROUNDS):
        this_round = [o[-1] for o in results if o[:2] == ("lockstep", round_)]
        assert sorted(s in WON for s in this_round) == [False] * 7 + [True], this_round
    for claim_id in claims:
        body = client.get("/api/v1/claims/%d" % claim_id, headers=auth("viewer")).get_json()
        events = client.get("/api/v1/claims/%d/history?limit=100" % claim_id,
                            headers=auth("viewer")).get_json()
        wins = sum(1 for o in results if o[2] == claim_id and o[-1] in WON)
        assert events["next"] is None
        assert body["version"] == len(events["items"]) == 1 + wins
        assert [e["version"] for e in events["items"]] == list(range(1, body["version"] + 1))
    audit = client.get("/api/v1/audit/verify", headers=auth("viewer")).get_json()
    total = sum(1 for o in results if o[-1] in WON) + len(claims)
    assert (audit["ok"], audit["events"], audit["first_broken"]) == (True, total, None)
