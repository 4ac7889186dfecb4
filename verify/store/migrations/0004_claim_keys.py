"""Claim matching: the exact-match keys of every claim's text and quote (``claim_key``),
so ingestion finds exact copies by index rather than by ranking a text search.

Existing claims get their keys here, in batches, computed by the same function the
application uses (``verify.newsroom.matching.claim_keys``); a later change to what a key
is would need a migration that recomputes them.
"""
from peewee import *

from verify.newsroom.matching import claim_keys

BATCH = 2000


def up(migrator, db):
    class Claim(Model):
        text = TextField()
        quote = TextField(null=True)
        class Meta:
            database = db
            table_name = 'claim'

    class ClaimKey(Model):
        claim = ForeignKeyField(Claim, on_delete='CASCADE')
        key = BigIntegerField()
        class Meta:
            database = db
            table_name = 'claim_key'
            primary_key = False
            indexes = ((('key', 'claim'), True),)

    db.create_tables([ClaimKey])
    last = 0
    while True:
        rows = list(Claim.select(Claim.id, Claim.text, Claim.quote).where(Claim.id > last)
                    .order_by(Claim.id).limit(BATCH).tuples())
        if not rows:
            break
        keys = [{'claim': claim_id, 'key': key}
                for claim_id, text, quote in rows for key in claim_keys(text, quote)]
        if keys:
            ClaimKey.insert_many(keys).execute()
        last = rows[-1][0]


def down(migrator, db):
    migrator.migrate(migrator.drop_table('claim_key'))
