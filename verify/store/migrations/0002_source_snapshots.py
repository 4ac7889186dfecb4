"""Sources: snapshots, content-addressed bodies, link checks, fingerprint index; client vs
extracted metadata."""
from peewee import *
from verify.store.db import JSONField, UTCDateTimeField


def up(migrator, db):
    class Source(Model):
        class Meta:
            database = db
            table_name = 'source'

    class SourceShingle(Model):
        source = ForeignKeyField(Source, on_delete='CASCADE')
        hash = BigIntegerField(index=True)
        class Meta:
            database = db
            table_name = 'source_shingle'
            primary_key = False
            indexes = ((('source', 'hash'), True),)

    class Blob(Model):
        sha256 = CharField(max_length=64, primary_key=True)
        body = BlobField()
        size = IntegerField()
        created_at = UTCDateTimeField()
        class Meta:
            database = db
            table_name = 'blob'

    class Snapshot(Model):
        source = ForeignKeyField(Source, on_delete='CASCADE')
        final_url = TextField()
        http_status = IntegerField()
        headers = JSONField(default=dict)
        fetched_at = UTCDateTimeField(index=True)
        sha256 = CharField(max_length=64, index=True)
        text = TextField(null=True)
        metadata = JSONField(default=dict)
        archive_url = TextField(null=True)
        archived_at = UTCDateTimeField(null=True)
        archive_error = TextField(null=True)
        class Meta:
            database = db
            table_name = 'snapshot'

    class LinkCheck(Model):
        source = ForeignKeyField(Source, on_delete='CASCADE')
        checked_at = UTCDateTimeField(index=True)
        status = CharField(max_length=12)
        http_status = IntegerField(null=True)
        final_url = TextField(null=True)
        sha256 = CharField(max_length=64, null=True)
        error = TextField(null=True)
        class Meta:
            database = db
            table_name = 'link_check'

    db.create_tables([SourceShingle, Blob, Snapshot, LinkCheck])
    migrator.migrate(
        migrator.add_column('source', 'client_metadata', JSONField(default=dict)),
        migrator.add_column('source', 'extracted_metadata', JSONField(default=dict)),
        migrator.add_column('source', 'fingerprint', TextField(null=True)),
        migrator.add_column('source', 'last_fetched_at', UTCDateTimeField(null=True)),
        migrator.add_column('source', 'next_check_at', UTCDateTimeField(null=True)),
        migrator.add_index('source', ('next_check_at',), False),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('source', 'source_next_check_at'),
        *[migrator.drop_column('source', name) for name in (
            'client_metadata', 'extracted_metadata', 'fingerprint', 'last_fetched_at',
            'next_check_at')],
    )
    migrator.migrate(migrator.drop_table('link_check'))
    migrator.migrate(migrator.drop_table('snapshot'))
    migrator.migrate(migrator.drop_table('blob'))
    migrator.migrate(migrator.drop_table('source_shingle'))
