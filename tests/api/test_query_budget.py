"""Query budgets: how many SQL statements one request runs, whatever the data.

Counting rule: every statement the request sends through the database handle
(``execute_sql``, which every peewee query goes through), the bearer-token lookup
included. Not counted: opening the connection (SQLite's pragmas, the pool's checkout),
which is connection setup rather than work for this request. The token's ``last_used_at``
is written at most once a minute (``verify.users.LAST_USED_RESOLUTION``), so budgets are
measured once the token has been used; a separate test pins that write to one request.
"""
import re

import pytest

from bench.generate import generate
from verify.models import Claim
from verify.store.db import database

BUDGETS = {
    "one claim with evidence and sources": ("/api/v1/claims/{claim}", 3),
    "a claim's evidence": ("/api/v1/claims/{claim}/evidence", 3),
    "a page of 100 claims": ("/api/v1/claims?limit=100", 5),
    "a page of 100 claims after a cursor": ("/api/v1/claims?limit=100&cursor={cursor}", 5),
    "a page of 100 claims, filtered": ("/api/v1/claims?limit=100&state=unreviewed", 5),
    "a document's claims": ("/api/v1/documents/{document}/claims?limit=100", 5),
    "a page of 100 sources": ("/api/v1/sources?limit=100", 5),
    "a page of 100 documents": ("/api/v1/documents?limit=100", 5),
}
TRANSACTION_CONTROL = re.compile(r"^\s*(SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT)\b", re.I)


class StatementLog:
    """Records the statements run through the bound database while ``active``."""

    def __init__(self):
        self.active = False
        self.statements = []

    def __len__(self):
        return len([sql for sql in self.statements if not TRANSACTION_CONTROL.match(sql)])

    def run(self, client, *args, **kwargs):
        self.statements = []
        self.active = True
        try:
            return client.get(*args, **kwargs)
        finally:
            self.active = False


@pytest.fixture
def statements(app, monkeypatch):
    log = StatementLog()
    db = database.obj
    real = db.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        if log.active:
            log.statements.append(sql)
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", counting)
    return log


def load(app, evidence):
    with app.app_context():
        database.connect(reuse_if_open=True)
        generate(150, chunk=50, evidence=evidence)
        claim = Claim.select().order_by(Claim.id).first()
        database.close()
    return {"claim": claim.id, "document": claim.document_id}


def measure(client, statements, auth, ids):
    counts = {}
    # The first use of a token records last_used_at; budgets are for the requests after.
    assert client.get("/api/v1/claims?limit=1", headers=auth("viewer")).status_code == 200
    first = client.get("/api/v1/claims?limit=100", headers=auth("viewer")).get_json()
    ids = dict(ids, cursor=first["next"].split("cursor=")[1])
    for name, (path, _) in BUDGETS.items():
        response = statements.run(client, path.format(**ids), headers=auth("viewer"))
        assert response.status_code == 200, (name, response.get_json())
        counts[name] = len(statements)
    return counts, first


@pytest.mark.parametrize("evidence", [1, 20])
def test_budgets(app, client, auth, statements, evidence):
    ids = load(app, evidence)
    counts, first = measure(client, statements, auth, ids)
    assert counts == {name: min(counts[name], budget)
                      for name, (_, budget) in BUDGETS.items()}, counts
    # The page really is 100 claims, and each claim its evidence.
    assert len(first["items"]) == 100
    claim = client.get("/api/v1/claims/%d" % ids["claim"], headers=auth("viewer")).get_json()
    assert len(claim["evidence"]) == evidence
    assert all(item["source"]["url"].startswith("https://") for item in claim["evidence"])


def test_budgets_do_not_depend_on_evidence(app, client, auth, statements, tmp_path):
    ids = load(app, 1)
    few, _ = measure(client, statements, auth, ids)
    with app.app_context():
        database.connect(reuse_if_open=True)
        generate(150, chunk=50, evidence=20, seed=7)
        many_id = Claim.select(Claim.id).order_by(Claim.id.desc()).scalar()
        database.close()
    many = {}
    for name, (path, _) in BUDGETS.items():
        if "{claim}" in path:
            statements.run(client, path.format(claim=many_id), headers=auth("viewer"))
            many[name] = len(statements)
    assert many == {name: few[name] for name in many}


def test_token_use_is_recorded_at_most_once_a_minute(app, client, auth, statements):
    ids = load(app, 3)
    path = "/api/v1/claims/%d" % ids["claim"]
    writes = []
    for _ in range(3):
        statements.run(client, path, headers=auth("viewer"))
        writes.append([sql for sql in statements.statements if sql.lstrip().upper().startswith(
            "UPDATE")])
    assert [len(w) for w in writes] == [1, 0, 0]
    assert "api_token" in writes[0][0]
