"""Initial schema: users, tokens, documents, speakers, claims, sources, evidence, history."""
from peewee import *
from verify.store.db import JSONField, UTCDateTimeField


def up(migrator, db):
    class User(Model):
        name = CharField(unique=True, max_length=100)
        role = CharField(max_length=20)
        created_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'user'
    db.create_tables([User])

    class ApiToken(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        name = CharField(max_length=100, default='')
        token_hash = CharField(unique=True, max_length=64)
        created_at = UTCDateTimeField()
        last_used_at = UTCDateTimeField(null=True)
        revoked_at = UTCDateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'api_token'
    db.create_tables([ApiToken])

    class ChainHead(Model):
        id = IntegerField(primary_key=True)
        hash = CharField(max_length=64)
        events = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'chain_head'
    db.create_tables([ChainHead])

    class Speaker(Model):
        name = TextField(default='')
        description = TextField(default='')
        affiliation = TextField(default='')
        kind = CharField(max_length=20)
        created_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'speaker'
            indexes = ((('kind', 'name', 'description', 'affiliation'), True),)
    db.create_tables([Speaker])

    class Document(Model):
        url = TextField(null=True)
        canonical_url = TextField(index=True, null=True)
        title = TextField(default='')
        publisher = TextField(null=True)
        published_at = UTCDateTimeField(null=True)
        language = CharField(null=True, max_length=16)
        text = TextField()
        sha256 = CharField(unique=True, max_length=64)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'document'
    db.create_tables([Document])

    class Claim(Model):
        text = TextField()
        quote = TextField(null=True)
        quote_kind = CharField(null=True, max_length=10)
        speaker = ForeignKeyField(Speaker, null=True, on_delete='RESTRICT')
        document = ForeignKeyField(Document, null=True, on_delete='RESTRICT')
        quote_start = IntegerField(null=True)
        quote_end = IntegerField(null=True)
        cue = TextField(null=True)
        claimed_at = UTCDateTimeField(null=True)
        extracted = BooleanField(default=False)
        confidence = FloatField(null=True)
        state = CharField(index=True, max_length=20, default='unreviewed')
        verdict = CharField(index=True, null=True, max_length=32)
        rationale = TextField(null=True)
        assignee = ForeignKeyField(User, null=True, on_delete='SET NULL')
        proposed_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        dismiss_reason = CharField(null=True, max_length=20)
        duplicate_of = ForeignKeyField('self', null=True, on_delete='SET NULL')
        published_verdict = CharField(null=True, max_length=32)
        published_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        published_at = UTCDateTimeField(null=True)
        version = IntegerField(default=1)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = UTCDateTimeField()
        updated_at = UTCDateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'claim'
    db.create_tables([Claim])

    class Event(Model):
        claim = ForeignKeyField(Claim, null=True, on_delete='RESTRICT')
        claim_version = IntegerField(null=True)
        actor = ForeignKeyField(User, null=True, on_delete='RESTRICT')
        action = CharField(max_length=40)
        from_state = CharField(null=True, max_length=20)
        to_state = CharField(null=True, max_length=20)
        changes = JSONField(default=dict)
        created_at = UTCDateTimeField()
        prev_hash = CharField(max_length=64)
        hash = CharField(unique=True, max_length=64)
        class Meta:
            database = db
            table_name = 'event'
            indexes = ((('claim', 'claim_version'), True),)
    db.create_tables([Event])

    class Source(Model):
        url = TextField(unique=True)
        canonical_url = TextField(null=True)
        domain = TextField(default='')
        title = TextField(null=True)
        publisher = TextField(null=True)
        author = TextField(null=True)
        published_at = UTCDateTimeField(null=True)
        kind = CharField(max_length=24, default='other')
        independence_key = TextField(index=True, default='')
        fetch_status = CharField(max_length=12, default='pending')
        fetch_error = TextField(null=True)
        fetch_attempts = IntegerField(default=0)
        link_status = CharField(max_length=12, default='unchecked')
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = UTCDateTimeField()
        updated_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'source'
    db.create_tables([Source])

    class Evidence(Model):
        claim = ForeignKeyField(Claim, on_delete='CASCADE')
        source = ForeignKeyField(Source, on_delete='RESTRICT')
        stance = CharField(max_length=12)
        excerpt = TextField(null=True)
        note = TextField(null=True)
        excerpt_verified = BooleanField(null=True)
        excerpt_start = IntegerField(null=True)
        excerpt_end = IntegerField(null=True)
        added_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = UTCDateTimeField()
        removed_at = UTCDateTimeField(null=True)
        removed_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'evidence'
    db.create_tables([Evidence])

    class IdempotencyRecord(Model):
        key = CharField(max_length=200)
        user = ForeignKeyField(User, on_delete='CASCADE')
        method = CharField(max_length=10)
        path = TextField()
        request_hash = CharField(max_length=64)
        status = IntegerField()
        body = TextField()
        headers = JSONField(default=dict)
        created_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'idempotency_record'
            indexes = ((('user', 'key'), True),)
    db.create_tables([IdempotencyRecord])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('idempotency_record'))
    migrator.migrate(migrator.drop_table('evidence'))
    migrator.migrate(migrator.drop_table('source'))
    migrator.migrate(migrator.drop_table('event'))
    migrator.migrate(migrator.drop_table('claim'))
    migrator.migrate(migrator.drop_table('document'))
    migrator.migrate(migrator.drop_table('speaker'))
    migrator.migrate(migrator.drop_table('chain_head'))
    migrator.migrate(migrator.drop_table('api_token'))
    migrator.migrate(migrator.drop_table('user'))
