"""Newsroom side: full-text search over claims, the webhook outbox and delivery log.

Search is engine-specific DDL: on SQLite an FTS5 external-content table over a view of
each claim's text, quote and speaker, kept in step by triggers; on PostgreSQL a table
``claim_search`` (claim id, tsvector) kept by triggers, with a GIN index. Both use no
stemming and no stop words (unicode61 / 'simple'), so the same query finds the same claims
on both engines.
"""
from peewee import *
from verify.store.db import JSONField, UTCDateTimeField

# The text a claim is found by. Speaker rows are shared, so their words come by join.
SQLITE_SEARCH = [
    """CREATE VIEW claim_search_doc AS
       SELECT c.id AS id, c.text AS text, coalesce(c.quote, '') AS quote,
              coalesce(s.name, '') || ' ' || coalesce(s.description, '') AS speaker
       FROM claim c LEFT JOIN speaker s ON s.id = c.speaker_id""",
    """CREATE VIRTUAL TABLE claim_fts USING fts5(
       text, quote, speaker, content='claim_search_doc', content_rowid='id',
       tokenize='unicode61 remove_diacritics 0')""",
    # External content: a delete must repeat the values indexed, read before the change.
    """CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN
       INSERT INTO claim_fts(rowid, text, quote, speaker)
       SELECT id, text, quote, speaker FROM claim_search_doc WHERE id = new.id; END""",
    """CREATE TRIGGER claim_fts_delete BEFORE DELETE ON claim BEGIN
       INSERT INTO claim_fts(claim_fts, rowid, text, quote, speaker)
       SELECT 'delete', id, text, quote, speaker FROM claim_search_doc WHERE id = old.id; END""",
    """CREATE TRIGGER claim_fts_update_before BEFORE UPDATE OF text, quote, speaker_id ON claim
       BEGIN
       INSERT INTO claim_fts(claim_fts, rowid, text, quote, speaker)
       SELECT 'delete', id, text, quote, speaker FROM claim_search_doc WHERE id = old.id; END""",
    """CREATE TRIGGER claim_fts_update_after AFTER UPDATE OF text, quote, speaker_id ON claim
       BEGIN
       INSERT INTO claim_fts(rowid, text, quote, speaker)
       SELECT id, text, quote, speaker FROM claim_search_doc WHERE id = new.id; END""",
    """CREATE TRIGGER speaker_fts_update_before BEFORE UPDATE OF name, description ON speaker
       BEGIN
       INSERT INTO claim_fts(claim_fts, rowid, text, quote, speaker)
       SELECT 'delete', id, text, quote, speaker FROM claim_search_doc d
       WHERE d.id IN (SELECT id FROM claim WHERE speaker_id = old.id); END""",
    """CREATE TRIGGER speaker_fts_update_after AFTER UPDATE OF name, description ON speaker
       BEGIN
       INSERT INTO claim_fts(rowid, text, quote, speaker)
       SELECT id, text, quote, speaker FROM claim_search_doc d
       WHERE d.id IN (SELECT id FROM claim WHERE speaker_id = new.id); END""",
    "INSERT INTO claim_fts(claim_fts) VALUES ('rebuild')",
]

# A table beside claim (as FTS5's is on SQLite), so claim rows stay as the models say.
POSTGRES_SEARCH = [
    """CREATE TABLE claim_search (
       id integer PRIMARY KEY REFERENCES claim (id) ON DELETE CASCADE,
       search_vector tsvector NOT NULL)""",
    # Words are runs of letters and digits, as FTS5's unicode61 tokenizer and the query
    # parser see them: without this the PostgreSQL parser keeps "3.5" or "a-b" whole.
    """CREATE FUNCTION claim_search_words(t text) RETURNS tsvector AS $$
       SELECT to_tsvector('simple', regexp_replace(coalesce(t, ''), '[^[:alnum:]]+', ' ', 'g'))
       $$ LANGUAGE sql IMMUTABLE""",
    """CREATE FUNCTION claim_search_vector(claim_text text, quote text, speaker_id integer)
       RETURNS tsvector AS $$
       SELECT setweight(claim_search_words(claim_text), 'A')
           || setweight(claim_search_words(quote), 'B')
           || setweight(claim_search_words(
                  (SELECT s.name || ' ' || s.description FROM speaker s
                   WHERE s.id = speaker_id)), 'C')
       $$ LANGUAGE sql STABLE""",
    """CREATE FUNCTION claim_search_trigger() RETURNS trigger AS $$
       BEGIN
         INSERT INTO claim_search (id, search_vector)
         VALUES (NEW.id, claim_search_vector(NEW.text, NEW.quote, NEW.speaker_id))
         ON CONFLICT (id) DO UPDATE SET search_vector = EXCLUDED.search_vector;
         RETURN NULL;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER claim_search_update AFTER INSERT OR UPDATE OF text, quote, speaker_id
       ON claim FOR EACH ROW EXECUTE FUNCTION claim_search_trigger()""",
    """CREATE FUNCTION speaker_search_trigger() RETURNS trigger AS $$
       BEGIN
         UPDATE claim_search cs SET search_vector =
             claim_search_vector(c.text, c.quote, c.speaker_id)
         FROM claim c WHERE c.id = cs.id AND c.speaker_id = NEW.id;
         RETURN NULL;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER speaker_search_update AFTER UPDATE OF name, description ON speaker
       FOR EACH ROW EXECUTE FUNCTION speaker_search_trigger()""",
    """INSERT INTO claim_search (id, search_vector)
       SELECT id, claim_search_vector(text, quote, speaker_id) FROM claim""",
    "CREATE INDEX claim_search_vector_gin ON claim_search USING gin (search_vector)",
]


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class WebhookEndpoint(Model):
        url = TextField()
        events = JSONField()
        secret = CharField(max_length=200)
        description = TextField(default='')
        enabled = BooleanField(default=True)
        disabled_reason = TextField(null=True)
        disabled_at = UTCDateTimeField(null=True)
        last_success_at = UTCDateTimeField(null=True)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = UTCDateTimeField()
        updated_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'webhook_endpoint'

    class WebhookMessage(Model):
        msg_id = CharField(max_length=40, unique=True)
        event_type = CharField(max_length=40)
        body = TextField()
        created_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'webhook_message'

    class WebhookDelivery(Model):
        endpoint = ForeignKeyField(WebhookEndpoint, on_delete='CASCADE')
        message = ForeignKeyField(WebhookMessage, on_delete='CASCADE')
        status = CharField(max_length=12, default='pending')
        attempts = IntegerField(default=0)
        next_attempt_at = UTCDateTimeField(index=True)
        last_status_code = IntegerField(null=True)
        last_error = TextField(null=True)
        created_at = UTCDateTimeField()
        finished_at = UTCDateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'webhook_delivery'
            indexes = ((('status', 'next_attempt_at'), False),
                       (('endpoint', 'id'), False))

    class WebhookAttempt(Model):
        delivery = ForeignKeyField(WebhookDelivery, on_delete='CASCADE', index=True)
        attempted_at = UTCDateTimeField()
        status_code = IntegerField(null=True)
        error = TextField(null=True)
        duration_ms = IntegerField()
        class Meta:
            database = db
            table_name = 'webhook_attempt'

    db.create_tables([WebhookEndpoint, WebhookMessage, WebhookDelivery, WebhookAttempt])
    # Status lookups by article URL.
    db.execute_sql('CREATE INDEX document_url ON document (url)')
    for statement in SQLITE_SEARCH if isinstance(db, SqliteDatabase) else POSTGRES_SEARCH:
        db.execute_sql(statement)


def down(migrator, db):
    if isinstance(db, SqliteDatabase):
        for name in ('claim_fts_insert', 'claim_fts_delete', 'claim_fts_update_before',
                     'claim_fts_update_after', 'speaker_fts_update_before',
                     'speaker_fts_update_after'):
            db.execute_sql('DROP TRIGGER IF EXISTS %s' % name)
        db.execute_sql('DROP TABLE IF EXISTS claim_fts')
        db.execute_sql('DROP VIEW IF EXISTS claim_search_doc')
    else:
        db.execute_sql('DROP TRIGGER IF EXISTS speaker_search_update ON speaker')
        db.execute_sql('DROP TRIGGER IF EXISTS claim_search_update ON claim')
        db.execute_sql('DROP TABLE IF EXISTS claim_search')
        db.execute_sql('DROP FUNCTION IF EXISTS speaker_search_trigger()')
        db.execute_sql('DROP FUNCTION IF EXISTS claim_search_trigger()')
        db.execute_sql('DROP FUNCTION IF EXISTS claim_search_vector(text, text, integer)')
        db.execute_sql('DROP FUNCTION IF EXISTS claim_search_words(text)')
    db.execute_sql('DROP INDEX IF EXISTS document_url')
    for table in ('webhook_attempt', 'webhook_delivery', 'webhook_message', 'webhook_endpoint'):
        migrator.migrate(migrator.drop_table(table))
