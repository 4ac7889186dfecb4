"""verify.provenance without the API: retry policy, leases for due checks, settings."""
import datetime
import json

import pytest

from api import config
from sources import guard
from sources.archive import IACredentials
from sources.errors import BadContentType, FetchTimeout, HttpError, TooLarge, Unresolvable
from tests.site import fake_resolver
from verify.models import Source
from verify.provenance import fetching, linkhealth
from verify.provenance.settings import SourcingSettings
from verify.store.db import database, utcnow

PAGE = "https://wire-example.org/busy"


@pytest.fixture
def db(app):
    with app.app_context():
        database.connect(reuse_if_open=True)
        yield
        database.close()


def test_transient_failures_back_off_then_stop(db, mocked, monkeypatch):
    monkeypatch.setattr(guard, "resolve", fake_resolver({"wire-example.org": ["93.184.215.14"]}))
    mocked.get(PAGE, status=503, body=b"busy")
    source = Source.create(url=PAGE, domain="wire-example.org")
    settings = SourcingSettings(max_attempts=4, retry_delay=30)
    delays = [fetching.fetch_source(source.id, settings).retry_in for _ in range(5)]
    assert delays == [30, 120, 480, None, None]
    source = Source.get_by_id(source.id)
    assert (source.fetch_status, source.fetch_attempts, source.fetch_error) == (
        "failed", 5, "the server answered 503 Service Unavailable")


@pytest.mark.parametrize("error,transient", [
    (FetchTimeout("slow"), True), (Unresolvable("no name"), True),
    (HttpError("x", 429), True), (HttpError("x", 502), True),
    (HttpError("x", 404), False), (HttpError("x", 403), False),
    (TooLarge("big"), False), (BadContentType("png"), False),
])
def test_only_transient_errors_are_retried(error, transient):
    assert fetching.is_transient(error) is transient


def test_due_sources_are_leased(db):
    past = utcnow() - datetime.timedelta(minutes=5)
    due = Source.create(url="https://a.example/", next_check_at=past)
    Source.create(url="https://b.example/", next_check_at=utcnow() + datetime.timedelta(days=1))
    Source.create(url="https://c.example/")  # never fetched: nothing to check against yet
    assert linkhealth.due_sources(lease=datetime.timedelta(hours=1)) == [due.id]
    assert linkhealth.due_sources() == []


def test_visible_metadata_client_wins():
    extracted = {"title": "Page title", "author": "Page author", "publisher": "Site",
                 "published": "2026-03-10", "canonical_url": "https://x.example/a"}
    shown = fetching.visible_metadata({"title": "Mine", "published_at": "2026-03-09T18:30:00"},
                                      extracted)
    assert shown == {"title": "Mine", "author": "Page author", "publisher": "Site",
                     "published_at": datetime.datetime(2026, 3, 9, 18, 30),
                     "canonical_url": "https://x.example/a"}
    assert fetching.visible_metadata({}, extracted)["published_at"] == datetime.datetime(
        2026, 3, 10)


def test_settings_from_environment(tmp_path):
    groups = tmp_path / "owners.json"
    groups.write_text(json.dumps({"herald-group": ["herald-example.com", "Wire-Example.org"]}))
    env = {"CLAIMDESK_FETCH_ALLOW_HOSTS": "intranet.example, 10.8.0.0/16",
           "CLAIMDESK_FETCH_MAX_BYTES": "1000", "CLAIMDESK_FETCH_CONNECT_TIMEOUT": "2.5",
           "CLAIMDESK_FETCH_READ_TIMEOUT": "7", "CLAIMDESK_IA_ACCESS_KEY": "AK",
           "CLAIMDESK_IA_SECRET_KEY": "SK", "CLAIMDESK_OWNER_MAP": str(groups),
           "CLAIMDESK_LINK_CHECK_DAYS": "2"}
    settings = SourcingSettings.from_config({**config.defaults(),
                                             **config.from_environment(env)})
    assert settings.policy.allow_hosts == ("intranet.example", "10.8.0.0/16")
    assert (settings.policy.max_bytes, settings.policy.connect_timeout,
            settings.policy.read_timeout, settings.policy.total_timeout) == (1000, 2.5, 7.0, 30.0)
    assert settings.ia_credentials == IACredentials("AK", "SK")
    assert settings.owner_map == {"herald-example.com": "herald-group",
                                  "wire-example.org": "herald-group"}
    assert settings.check_interval == datetime.timedelta(days=2)


def test_owner_map_inline_and_defaults():
    assert config.from_environment({"CLAIMDESK_OWNER_MAP": "a.example=acme, b.example=acme"}) == {
        "OWNER_MAP": {"a.example": "acme", "b.example": "acme"}}
    assert config.from_environment({"CLAIMDESK_OWNER_MAP": '{"acme": ["a.example"]}'}) == {
        "OWNER_MAP": {"a.example": "acme"}}
    settings = SourcingSettings.from_config(config.defaults())
    assert (settings.ia_credentials, settings.owner_map, settings.policy.allow_hosts) == (
        None, {}, ())
    # One key without the other is not a credential pair: availability lookups only.
    assert SourcingSettings.from_config({"IA_ACCESS_KEY": "AK"}).ia_credentials is None


def test_fingerprint_index_is_replaced_on_refetch(db, mocked, monkeypatch):
    from sources.independence import text_fingerprint
    from tests.site import OTHER_STORY, article
    from verify.models import SourceShingle

    monkeypatch.setattr(guard, "resolve", fake_resolver({"wire-example.org": ["93.184.215.14"]}))
    mocked.get(PAGE, body=article(), content_type="text/html")
    source = Source.create(url=PAGE, domain="wire-example.org")
    settings = SourcingSettings()
    first = fetching.fetch_source(source.id, settings).snapshot
    mocked.upsert("GET", PAGE, body=article(OTHER_STORY, title="Bridge opens"),
                  content_type="text/html")
    second = fetching.fetch_source(source.id, settings).snapshot
    stored = {row.hash % (1 << 64) for row in SourceShingle.select().where(
        SourceShingle.source == source.id)}
    assert stored == set(text_fingerprint(second.text).sketch)
    assert stored.isdisjoint(text_fingerprint(first.text).sketch)


def test_lost_fetches_are_queued_again(db, mocked, monkeypatch):
    from verify.provenance.tasks import requeue_stalled_fetches

    monkeypatch.setattr(guard, "resolve", fake_resolver({"wire-example.org": ["93.184.215.14"]}))
    mocked.get(PAGE, status=404, body=b"")
    old = utcnow() - datetime.timedelta(hours=1)
    lost = Source.create(url=PAGE, fetch_status="fetching", updated_at=old)
    Source.create(url="https://a.example/", fetch_status="pending")  # just submitted
    Source.create(url="https://b.example/", fetch_status="failed", updated_at=old)
    assert requeue_stalled_fetches() == 1  # the immediate queue fetches it right away
    lost = Source.get_by_id(lost.id)
    assert (lost.fetch_status, lost.fetch_error) == ("failed", "the server answered 404 Not Found")
    assert requeue_stalled_fetches() == 0
