"""The claimdesk command line."""

from verify.models import ApiToken, Claim, Document, User


def test_users_create_prints_token_last(runner, app, client):
    result = runner.invoke(args=["users", "create", "dana", "--role", "editor"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("cd_")
    response = client.get("/api/v1/claims", headers={"Authorization": "Bearer " + token})
    assert response.status_code == 200


def test_users_create_refuses_duplicates_and_bad_roles(runner):
    assert runner.invoke(args=["users", "create", "dana", "--role", "viewer"]).exit_code == 0
    result = runner.invoke(args=["users", "create", "dana", "--role", "viewer"])
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert runner.invoke(args=["users", "create", "eve", "--role", "boss"]).exit_code == 2


def test_tokens_create_and_revoke(runner, app, client):
    runner.invoke(args=["users", "create", "dana", "--role", "viewer"])
    result = runner.invoke(args=["tokens", "create", "dana", "--label", "bot"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    headers = {"Authorization": "Bearer " + token}
    assert client.get("/api/v1/claims", headers=headers).status_code == 200
    with app.app_context():
        record = ApiToken.get(ApiToken.name == "bot")
        assert record.last_used_at is not None
        assert record.token_hash != token and token not in record.token_hash
    result = runner.invoke(args=["tokens", "revoke", str(record.id)])
    assert result.exit_code == 0
    assert client.get("/api/v1/claims", headers=headers).status_code == 401
    assert runner.invoke(args=["tokens", "revoke", "999"]).exit_code == 1
    assert runner.invoke(args=["tokens", "create", "nobody"]).exit_code == 1


def test_seed_is_idempotent(runner, app):
    assert runner.invoke(args=["seed"]).output.strip() == "seeded 6 claims"
    assert runner.invoke(args=["seed"]).output.strip() == "seeded 0 claims"
    with app.app_context():
        assert Claim.select().count() == 6
        assert Document.select().count() == 1


def test_bootstrap_seeds_and_creates_demo_admin_once(runner, app):
    first = runner.invoke(args=["bootstrap"])
    assert first.exit_code == 0, first.output
    assert "seeded 6 claims" in first.output
    assert "demo-admin" in first.output
    second = runner.invoke(args=["bootstrap"])
    assert second.output == ""
    with app.app_context():
        assert [u.name for u in User.select()] == ["demo-admin"]


def test_db_upgrade_reports_nothing_to_do(runner):
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0
    assert result.output.strip() == "applied: nothing, up to date"
