"""Storage: the tables of claimdesk. Schemas describe the wire; these describe the rows.

Schema changes ship as migrations in ``verify/store/migrations``; ``MODELS`` is the one list that
tests and tools iterate over. Vocabularies come from ``verify.vocabulary``.
"""
from peewee import (
    AutoField,
    BigIntegerField,
    BlobField,
    BooleanField,
    CharField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from .store.db import BaseModel, JSONField, UTCDateTimeField, utcnow
from .vocabulary import (
    FETCH_STATUSES,
    LINK_STATUSES,
    QUOTE_KINDS,
    ROLES,
    SOURCE_KINDS,
    SPEAKER_KINDS,
    STANCES,
    STATES,
    WEBHOOK_DELIVERY_STATUSES,
)


def choices(values):
    return [(value, value) for value in values]


class User(BaseModel):
    id = AutoField()
    name = CharField(max_length=100, unique=True)
    role = CharField(max_length=20, choices=choices(ROLES))
    created_at = UTCDateTimeField(default=utcnow)


class ApiToken(BaseModel):
    """Bearer tokens. Only the SHA-256 of a token is kept; the token is shown once."""

    id = AutoField()
    user = ForeignKeyField(User, backref="tokens", on_delete="CASCADE")
    name = CharField(max_length=100, default="")
    token_hash = CharField(max_length=64, unique=True)
    created_at = UTCDateTimeField(default=utcnow)
    last_used_at = UTCDateTimeField(null=True)
    revoked_at = UTCDateTimeField(null=True)


class Document(BaseModel):
    """An article or transcript that claims appeared in."""

    id = AutoField()
    url = TextField(null=True, index=True)
    canonical_url = TextField(null=True, index=True)
    title = TextField(default="")
    publisher = TextField(null=True)
    published_at = UTCDateTimeField(null=True)
    language = CharField(max_length=16, null=True)
    text = TextField()
    # Re-ingesting the same text finds this row instead of making another.
    sha256 = CharField(max_length=64, unique=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = UTCDateTimeField(default=utcnow)


class Speaker(BaseModel):
    """Who made a statement. A description alone ("a senior official") is a full speaker."""

    id = AutoField()
    name = TextField(default="")
    description = TextField(default="")
    affiliation = TextField(default="")
    kind = CharField(max_length=20, choices=choices(SPEAKER_KINDS))
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("kind", "name", "description", "affiliation"), True),)


class Claim(BaseModel):
    id = AutoField()
    text = TextField()
    quote = TextField(null=True)
    quote_kind = CharField(max_length=10, null=True, choices=choices(QUOTE_KINDS))
    speaker = ForeignKeyField(Speaker, null=True, backref="claims", on_delete="RESTRICT")
    document = ForeignKeyField(Document, null=True, backref="claims", on_delete="RESTRICT")
    quote_start = IntegerField(null=True)
    quote_end = IntegerField(null=True)
    cue = TextField(null=True)
    claimed_at = UTCDateTimeField(null=True)
    # Set when the extractor proposed the claim rather than a person.
    extracted = BooleanField(default=False)
    confidence = FloatField(null=True)

    state = CharField(max_length=20, default="unreviewed", choices=choices(STATES), index=True)
    verdict = CharField(max_length=32, null=True, index=True)
    rationale = TextField(null=True)
    assignee = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="assigned")
    proposed_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    dismiss_reason = CharField(max_length=20, null=True)
    duplicate_of = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="+")
    # The last approved verdict, kept apart from the working one so newsroom tools never
    # read a proposal as if it were published. A reopened claim keeps it until replaced.
    published_verdict = CharField(max_length=32, null=True)
    published_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    published_at = UTCDateTimeField(null=True)

    version = IntegerField(default=1)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = UTCDateTimeField(default=utcnow)
    updated_at = UTCDateTimeField(default=utcnow, index=True)


class ClaimKey(BaseModel):
    """The exact-match keys of a claim's text and quote (signed 64-bit hashes of their
    matching features, ``verify.newsroom.matching.match_key``), one row per distinct key:
    the index that finds every claim saying exactly the same words without a text search."""

    claim = ForeignKeyField(Claim, backref="+", on_delete="CASCADE")
    key = BigIntegerField()

    class Meta:
        primary_key = False
        # Lookups are by key, oldest claim first: the index serves both.
        indexes = ((("key", "claim"), True),)


class Source(BaseModel):
    """A piece of evidence material, identified by its normalised URL."""

    id = AutoField()
    url = TextField(unique=True)
    canonical_url = TextField(null=True)
    domain = TextField(default="")
    title = TextField(null=True)
    publisher = TextField(null=True)
    author = TextField(null=True)
    published_at = UTCDateTimeField(null=True)
    kind = CharField(max_length=24, default="other", choices=choices(SOURCE_KINDS))
    # Independent sources are counted by this key (registrable domain, owner, syndication).
    independence_key = TextField(default="", index=True)
    fetch_status = CharField(max_length=12, default="pending", choices=choices(FETCH_STATUSES))
    fetch_error = TextField(null=True)
    fetch_attempts = IntegerField(default=0)
    link_status = CharField(max_length=12, default="unchecked", choices=choices(LINK_STATUSES))
    # Both kept: what the person submitting knew, and what the page itself says. The visible
    # columns above (title, author...) are the merge, the client's value winning.
    client_metadata = JSONField(default=dict)
    extracted_metadata = JSONField(default=dict)
    # Near-duplicate text fingerprint of the latest snapshot (sources.independence).
    fingerprint = TextField(null=True)
    last_fetched_at = UTCDateTimeField(null=True)
    next_check_at = UTCDateTimeField(null=True, index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = UTCDateTimeField(default=utcnow)
    updated_at = UTCDateTimeField(default=utcnow)


class SourceShingle(BaseModel):
    """The hashes of a source's text fingerprint, one row each: the index that finds
    near-duplicate candidates without reading every fingerprint (signed 64-bit)."""

    source = ForeignKeyField(Source, backref="+", on_delete="CASCADE")
    hash = BigIntegerField(index=True)

    class Meta:
        primary_key = False
        indexes = ((("source", "hash"), True),)


class Blob(BaseModel):
    """Fetched bodies, content-addressed: the same bytes are stored once however often seen."""

    sha256 = CharField(max_length=64, primary_key=True)
    body = BlobField()
    size = IntegerField()
    created_at = UTCDateTimeField(default=utcnow)


class Snapshot(BaseModel):
    """One successful fetch of a source: what the page was, and where an archive keeps it."""

    id = AutoField()
    source = ForeignKeyField(Source, backref="snapshots", on_delete="CASCADE")
    final_url = TextField()
    http_status = IntegerField()
    headers = JSONField(default=dict)
    fetched_at = UTCDateTimeField(index=True)
    # The body is Blob[sha256]. A plain column rather than a foreign key so that reading
    # snapshot.sha256 never loads the body by accident.
    sha256 = CharField(max_length=64, index=True)
    # Extracted main text; excerpt offsets point into it. None when nothing is readable (PDF).
    text = TextField(null=True)
    metadata = JSONField(default=dict)
    archive_url = TextField(null=True)
    archived_at = UTCDateTimeField(null=True)
    archive_error = TextField(null=True)


class LinkCheck(BaseModel):
    """Every re-fetch of a source for link health, kept so reports can date a change."""

    id = AutoField()
    source = ForeignKeyField(Source, backref="checks", on_delete="CASCADE")
    checked_at = UTCDateTimeField(default=utcnow, index=True)
    status = CharField(max_length=12, choices=choices(LINK_STATUSES))
    http_status = IntegerField(null=True)
    final_url = TextField(null=True)
    sha256 = CharField(max_length=64, null=True)
    error = TextField(null=True)


class Evidence(BaseModel):
    """Links a claim to a source with a stance. Removal is recorded, never erased."""

    id = AutoField()
    claim = ForeignKeyField(Claim, backref="evidence", on_delete="CASCADE")
    source = ForeignKeyField(Source, backref="evidence", on_delete="RESTRICT")
    stance = CharField(max_length=12, choices=choices(STANCES))
    excerpt = TextField(null=True)
    note = TextField(null=True)
    # None until the source has a snapshot to look the excerpt up in.
    excerpt_verified = BooleanField(null=True)
    excerpt_start = IntegerField(null=True)
    excerpt_end = IntegerField(null=True)
    added_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = UTCDateTimeField(default=utcnow)
    removed_at = UTCDateTimeField(null=True)
    removed_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")


class Event(BaseModel):
    """The append-only history. Each event's hash covers its content and the previous hash."""

    id = AutoField()
    claim = ForeignKeyField(Claim, null=True, backref="events", on_delete="RESTRICT")
    # The claim's version after this event: a claim's version equals its event count.
    claim_version = IntegerField(null=True)
    actor = ForeignKeyField(User, null=True, on_delete="RESTRICT", backref="+")
    action = CharField(max_length=40)
    from_state = CharField(max_length=20, null=True)
    to_state = CharField(max_length=20, null=True)
    changes = JSONField(default=dict)
    created_at = UTCDateTimeField(default=utcnow)
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64, unique=True)

    class Meta:
        indexes = ((("claim", "claim_version"), True),)


class ChainHead(BaseModel):
    """One row: the newest event hash. Locking it serialises appends to the chain."""

    id = IntegerField(primary_key=True)
    hash = CharField(max_length=64)
    events = IntegerField(default=0)


class IdempotencyRecord(BaseModel):
    """The first response to a POST carrying an Idempotency-Key, replayed on retries."""

    id = AutoField()
    key = CharField(max_length=200)
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    method = CharField(max_length=10)
    path = TextField()
    request_hash = CharField(max_length=64)
    status = IntegerField()
    body = TextField()
    headers = JSONField(default=dict)
    created_at = UTCDateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "key"), True),)


class WebhookEndpoint(BaseModel):
    """Where an admin asked to hear about events; ``events`` lists WEBHOOK_EVENTS names."""

    id = AutoField()
    url = TextField()
    events = JSONField()
    # whsec_<base64>: the base64 part, decoded, is the HMAC key (Standard Webhooks).
    secret = CharField(max_length=200)
    description = TextField(default="")
    enabled = BooleanField(default=True)
    disabled_reason = TextField(null=True)
    disabled_at = UTCDateTimeField(null=True)
    last_success_at = UTCDateTimeField(null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = UTCDateTimeField(default=utcnow)
    updated_at = UTCDateTimeField(default=utcnow)


class WebhookMessage(BaseModel):
    """The outbox: one event, written in the transaction of the change it reports. The
    body is stored as sent, so every retry carries the same bytes and ``msg_id``."""

    id = AutoField()
    msg_id = CharField(max_length=40, unique=True)
    event_type = CharField(max_length=40)
    body = TextField()
    created_at = UTCDateTimeField(default=utcnow)


class WebhookDelivery(BaseModel):
    """One message to one endpoint. While ``sending``, ``next_attempt_at`` is a lease:
    a worker that dies mid-send leaves a row the sweep picks up when the lease ends."""

    id = AutoField()
    endpoint = ForeignKeyField(WebhookEndpoint, backref="deliveries", on_delete="CASCADE")
    message = ForeignKeyField(WebhookMessage, backref="deliveries", on_delete="CASCADE")
    status = CharField(max_length=12, default="pending",
                       choices=choices(WEBHOOK_DELIVERY_STATUSES))
    attempts = IntegerField(default=0)
    next_attempt_at = UTCDateTimeField(default=utcnow, index=True)
    last_status_code = IntegerField(null=True)
    last_error = TextField(null=True)
    created_at = UTCDateTimeField(default=utcnow)
    finished_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("status", "next_attempt_at"), False), (("endpoint", "id"), False))


class WebhookAttempt(BaseModel):
    """The delivery log: every HTTP attempt and what came back."""

    id = AutoField()
    delivery = ForeignKeyField(WebhookDelivery, backref="attempt_log", on_delete="CASCADE")
    attempted_at = UTCDateTimeField(default=utcnow)
    status_code = IntegerField(null=True)
    error = TextField(null=True)
    duration_ms = IntegerField()


MODELS = [
    User,
    ApiToken,
    Document,
    Speaker,
    Claim,
    ClaimKey,
    Source,
    SourceShingle,
    Blob,
    Snapshot,
    LinkCheck,
    Evidence,
    Event,
    ChainHead,
    IdempotencyRecord,
    WebhookEndpoint,
    WebhookMessage,
    WebhookDelivery,
    WebhookAttempt,
]
