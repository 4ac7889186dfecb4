"""Synthetic claims in bulk, for load tests and benchmarks (deterministic: random.Random).

Rows go in with multi-row INSERTs, not through ``create_claim``, so a hundred thousand
claims take seconds. What they hold is still consistent with the domain rules: each claim
has one event per version (its creation, then one per evidence item), the events form a
valid hash chain continuing from the current head, and the head row is moved along.
"""
import datetime
import json
import random

from peewee import chunked

from .db import database, is_sqlite, utcnow
from .history import GENESIS, event_hash
from .models import ChainHead, Claim, Document, Event, Evidence, Source, Speaker
from .vocabulary import SPEAKER_KINDS, STANCES

BATCH = 1000
WORDS = ("budget", "exports", "inflation", "troops", "vaccines", "schools", "taxes",
         "borders", "wages", "emissions", "crime", "housing", "pensions", "tariffs")


def _next_id(model):
    return (model.select(model.id).order_by(model.id.desc()).scalar() or 0) + 1


def _value(value):
    """A value as the model fields would store it (they are bypassed for speed)."""
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, datetime.datetime) and is_sqlite():
        return str(value)
    return value


def _insert(model, rows):
    """executemany of one INSERT: peewee's insert_many spends far longer building SQL for
    a thousand rows than the database takes to store them."""
    if not rows:
        return
    # Field defaults are applied by peewee, not the database: fill them in here.
    defaults = {name: field.default for name, field in model._meta.fields.items()
                if field.default is not None and name not in rows[0]}
    for row in rows:
        for name, default in defaults.items():
            row[name] = default() if callable(default) else default
    names = list(rows[0])
    sql = 'INSERT INTO "%s" (%s) VALUES (%s)' % (
        model._meta.table_name,
        ", ".join('"%s"' % model._meta.fields[name].column_name for name in names),
        ", ".join([database.param] * len(names)))
    cursor = database.cursor()
    for batch in chunked(rows, BATCH):
        cursor.executemany(sql, [tuple(_value(row[name]) for name in names) for row in batch])


def _resync_sequences(*models):
    """Explicit ids leave PostgreSQL's serial sequences behind; move them up."""
    if is_sqlite():
        return
    for model in models:
        table = model._meta.table_name
        database.execute_sql(
            "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
            "(SELECT COALESCE(MAX(id), 1) FROM %s))" % (table, table))


def generate(count, *, seed=42, evidence_per_claim=(0, 3), published_share=0.3):
    """Add ``count`` claims with speakers, documents, sources, evidence and events.
    Returns the number of events added."""
    rng = random.Random(seed)
    now = utcnow()
    with database.atomic():
        speakers = []
        for index in range(20):
            kind = SPEAKER_KINDS[index % len(SPEAKER_KINDS)]
            speaker, _ = Speaker.get_or_create(kind=kind, name="Speaker %d" % index,
                                               description="", affiliation="Party %d" % (index % 3))
            speakers.append(speaker.id)
        documents = []
        for index in range(50):
            text = "Bulk document %d (seed %d)." % (index, seed)
            document = Document.get_or_none(Document.text == text) or Document.create(
                text=text, sha256="%064x" % rng.getrandbits(256), title="Article %d" % index,
                url="https://news.example/%d/%d" % (seed, index), publisher="Example News")
            documents.append(document.id)
        sources = []
        for index in range(200):
            host = "site%d.example" % (index % 60)
            source, _ = Source.get_or_create(
                url="https://%s/%d/page-%d" % (host, seed, index),
                defaults={"domain": host, "independence_key": host, "title": "Page %d" % index,
                          "publisher": "Publisher %d" % (index % 60), "kind": "news_report"})
            sources.append(source.id)

        head = ChainHead.get_or_none(ChainHead.id == 1)
        prev = head.hash if head else GENESIS
        chained = head.events if head else 0
        claim_id, evidence_id, event_id = _next_id(Claim), _next_id(Evidence), _next_id(Event)
        first_event = event_id
        claims, evidence, events = [], [], []
        for _ in range(count):
            at = now - datetime.timedelta(seconds=rng.randrange(86400 * 30))
            topic = rng.choice(WORDS)
            items = [(evidence_id + k, rng.choice(sources), rng.choice(STANCES))
                     for k in range(rng.randint(*evidence_per_claim))]
            evidence_id += len(items)
            published = rng.random() < published_share
            verdict = rng.choice(("false", "misleading", "accurate")) if published else None
            claims.append({
                "id": claim_id, "text": "Claim %d about %s rose by %d%%." % (
                    claim_id, topic, rng.randrange(100)),
                "speaker": rng.choice(speakers), "document": rng.choice(documents),
                "cue": "said", "state": "published" if published else "unreviewed",
                "verdict": verdict, "published_verdict": verdict,
                "published_at": at if published else None,
                "version": 1 + len(items), "created_at": at, "updated_at": at,
            })
            versions = [("create", {"text": claims[-1]["text"]})] + [
                ("add_evidence", {"evidence": {"id": i, "source": s, "stance": st}})
                for i, s, st in items]
            for version, (action, changes) in enumerate(versions, 1):
                row = {"id": event_id, "claim": claim_id, "claim_version": version,
                       "actor": None, "action": action, "from_state": None,
                       "to_state": "unreviewed" if action == "create" else None,
                       "changes": changes, "created_at": at, "prev_hash": prev}
                # The same payload verify.history.event_payload hashes.
                payload = {"claim": claim_id, "claim_version": version, "actor": None,
                           "action": action, "from_state": None, "to_state": row["to_state"],
                           "changes": changes,
                           "created_at": at.isoformat(timespec="microseconds")}
                row["hash"] = prev = event_hash(prev, payload)
                events.append(row)
                event_id += 1
            for item_id, source_id, stance in items:
                evidence.append({"id": item_id, "claim": claim_id, "source": source_id,
                                 "stance": stance, "excerpt": "about %s" % topic,
                                 "created_at": at})
            claim_id += 1
            if len(claims) >= BATCH:
                _flush(claims, evidence, events)
        _flush(claims, evidence, events)
        added = event_id - first_event
        chained += added
        if head is None:
            ChainHead.insert(id=1, hash=prev, events=chained).execute()
        else:
            ChainHead.update(hash=prev, events=chained).where(ChainHead.id == 1).execute()
        _resync_sequences(Claim, Evidence, Event)
    return added


def _flush(claims, evidence, events):
    _insert(Claim, claims)
    _insert(Evidence, evidence)
    _insert(Event, events)
    claims.clear()
    evidence.clear()
    events.clear()
