"""Deterministic bulk data for benchmarks: N claims with speakers, documents, sources,
three evidence links each, and their history, on SQLite or PostgreSQL.

    python -m bench.generate --claims 100000 --database-url sqlite:///instance/bench.db

Everything comes from ``random.Random(42)`` and a fixed clock, so two runs build the same
rows. Rows go in by bulk inserts (see ``insert``) in chunks, one transaction per chunk of claims,
with explicit ids (so evidence and events reference claims without reading them back, and
events keep chain order). The history is a real hash chain, continued from the current
head and computed with ``verify.review.history``, so ``verify_chain()`` and /audit pass.

Each claim gets the events the API would have written: "create" (version 1) and one
"add_evidence" per link, so its version equals its number of events. With
``published_share`` a share of claims also goes through the review workflow
(start_research, propose, approve: three more events) and is published with a verdict the
evidence gate would accept, so reports have ClaimReview data.

This is the one deterministic data loader: benchmarks, tests and demos all call ``generate``.
"""
import argparse
import datetime
import random
import sys
import time
from types import SimpleNamespace

from bench.bulk import chunks, deferred_indexes, insert, next_id, reset_sequences
from verify.claims import claim_snapshot
from verify.models import (
    ChainHead,
    Claim,
    ClaimKey,
    Document,
    Event,
    Evidence,
    Source,
    Speaker,
    User,
)
from verify.newsroom.matching import claim_keys
from verify.review.evidence import evidence_snapshot
from verify.review.history import GENESIS, event_hash, event_payload
from verify.review.verdicts import VerdictScale
from verify.store import migrate
from verify.store.db import database, init_database, is_sqlite
from verify.vocabulary import QUOTE_KINDS, SOURCE_KINDS, SPEAKER_KINDS, STANCES

SEED = 42
EPOCH = datetime.datetime(2026, 1, 1)
CLAIMS_PER_DOCUMENT = 10
EVIDENCE_PER_CLAIM = 3
CLAIMS_PER_SPEAKER = 20
CLAIMS_PER_SOURCE = 4
ACTOR_NAME = "bench-generator"  # a factchecker: creates, researches and proposes
EDITOR_NAME = "bench-editor"  # approves (nobody approves their own proposal)
MIN_SOURCES = 2  # the evidence gate's default N (app.config EVIDENCE_MIN_SOURCES)
WORDS = (
    "government minister official said talks ceasefire border security agreement budget "
    "inflation percent million billion election vote report police hospital school water "
    "energy price tax trade export import army militants province court judge law "
    "committee parliament opposition president spokesman analysts regional pledge deal "
    "negotiations sanctions aid funding crisis record increase decrease year month week "
    "announced denied confirmed claimed promised warned revealed figures data survey "
    "investigation council city village farmers workers union strike protest company "
    "market bank debt loan growth unemployment jobs wages housing rent climate flood "
    "drought heat emissions coal gas oil solar wind vaccine cases deaths patients doctors"
).split()
CUES = ("said", "claimed", "asserted", "revealed", "warned", "told reporters", "alleged")
TLDS = ("org", "com", "net", "gov", "info")


class Generator:
    """Builds rows chunk by chunk; ids and hashes continue from what is stored."""

    def __init__(self, claims, rng, evidence=EVIDENCE_PER_CLAIM, published_share=0.0):
        self.n = claims
        self.rng = rng
        # An int is a fixed count; (low, high) draws each claim's count from that range.
        self.evidence = (evidence, evidence) if isinstance(evidence, int) else tuple(evidence)
        self.published_share = published_share
        self.n_speakers = max(1, claims // CLAIMS_PER_SPEAKER)
        self.n_sources = max(self.evidence[1], claims // CLAIMS_PER_SOURCE)
        self.counts = {"claim": 0, "document": 0, "speaker": 0, "source": 0, "evidence": 0,
                       "event": 0}

    def sentence(self, low=8, high=20):
        words = self.rng.choices(WORDS, k=self.rng.randint(low, high))
        return " ".join(words).capitalize()

    def speakers(self, first_id):
        for i in range(self.n_speakers):
            kind = SPEAKER_KINDS[i % len(SPEAKER_KINDS)]
            named = kind in ("named_person", "organization", "group")
            yield (first_id + i, "Speaker %d" % (first_id + i) if named else "",
                   "" if named else "a %s involved in the %s talks (no. %d)" % (
                       self.rng.choice(("senior official", "diplomat", "analyst", "aide")),
                       self.rng.choice(WORDS), first_id + i),
                   self.rng.choice(("", "Ministry of %s" % self.rng.choice(WORDS).title())),
                   kind, EPOCH)

    def evidence_count(self):
        low, high = self.evidence
        # A fixed count draws nothing, so the default data stays what it always was.
        return low if low == high else self.rng.randint(low, high)

    def publishes(self):
        return self.published_share > 0 and self.rng.random() < self.published_share

    @staticmethod
    def domain(i):
        """The domain (and independence key) of the i-th source of this run."""
        return "source%d.example.%s" % (i % 997, TLDS[i % len(TLDS)])

    def sources(self, first_id):
        for i in range(self.n_sources):
            domain = self.domain(i)
            url = "https://%s/%s/%d" % (domain, self.rng.choice(WORDS), first_id + i)
            yield (first_id + i, url, domain, self.sentence(4, 10),
                   SOURCE_KINDS[i % len(SOURCE_KINDS)], domain,
                   EPOCH + datetime.timedelta(seconds=i), EPOCH + datetime.timedelta(seconds=i))


def user(name, role):
    return User.get_or_none(User.name == name) or User.create(name=name, role=role)


CLAIM_FIELDS = [Claim.id, Claim.text, Claim.quote, Claim.quote_kind, Claim.speaker,
                Claim.document, Claim.quote_start, Claim.quote_end, Claim.cue, Claim.claimed_at,
                Claim.extracted, Claim.state, Claim.version, Claim.created_by, Claim.created_at,
                Claim.updated_at, Claim.verdict, Claim.rationale, Claim.proposed_by,
                Claim.published_verdict, Claim.published_by, Claim.published_at]
UNPUBLISHED = (None,) * 6
EVIDENCE_FIELDS = [Evidence.id, Evidence.claim, Evidence.source, Evidence.stance,
                   Evidence.excerpt, Evidence.note, Evidence.added_by, Evidence.created_at]
EVENT_FIELDS = [Event.id, Event.claim, Event.claim_version, Event.actor, Event.action,
                Event.from_state, Event.to_state, Event.changes, Event.created_at,
                Event.prev_hash, Event.hash]
DOCUMENT_FIELDS = [Document.id, Document.url, Document.canonical_url, Document.title,
                   Document.publisher, Document.published_at, Document.language,
                   Document.text, Document.sha256, Document.created_by, Document.created_at]


class Chain:
    """The running hash chain: each event's hash covers the previous one."""

    def __init__(self, head, events, first_id):
        self.head, self.events, self.next_id = head, events, first_id

    def event(self, rows, **fields):
        fields.setdefault("from_state", None)
        event = SimpleNamespace(**fields)
        digest = event_hash(self.head, event_payload(event))
        rows.append((self.next_id, event.claim_id, event.claim_version, event.actor_id,
                     event.action, event.from_state, event.to_state, event.changes,
                     event.created_at, self.head, digest))
        self.head = digest
        self.events += 1
        self.next_id += 1


SCALE = VerdictScale()


def verdict_for(rng, stances):
    """A verdict the evidence gate (``verify.review.workflow.evidence_gate``, default scale and
    N) accepts for this evidence, given as (independence key, stance) pairs: the middle
    verdict needs nothing, the others enough independent sources and one of their stance."""
    keys = {"supports": set(), "contradicts": set()}
    for key, stance in stances:
        if stance in keys:
            keys[stance].add(key)
    enough = len(keys["supports"] | keys["contradicts"]) >= MIN_SOURCES
    return rng.choice([name for name in SCALE.names if SCALE.needs(name) is None
                       or (enough and keys[SCALE.needs(name)])])


def review(gen, chain, events, claim_id, version, at, stances, editor_id, user_id):
    """The events start_research, propose and approve write (same actors, states and
    changes as ``verify.review.workflow.transition``); returns the claim's workflow columns
    (see CLAIM_FIELDS), its last version and its last update."""
    verdict = verdict_for(gen.rng, stances)
    rationale = gen.sentence(8, 16) + "."
    published_at = at + datetime.timedelta(seconds=3)
    steps = (
        ("start_research", user_id, "unreviewed", "researching", {}),
        ("propose", user_id, "researching", "in_review",
         {"verdict": [None, verdict], "rationale": [None, rationale],
          "proposed_by": [None, user_id]}),
        ("approve", editor_id, "in_review", "published",
         {"published_verdict": [None, verdict], "published_by": [None, editor_id],
          "published_at": [None, published_at.isoformat()]}),
    )
    for step, (action, actor_id, from_state, to_state, changes) in enumerate(steps, 1):
        chain.event(events, claim_id=claim_id, claim_version=version + step, actor_id=actor_id,
                    action=action, from_state=from_state, to_state=to_state, changes=changes,
                    created_at=at + datetime.timedelta(seconds=step))
    columns = (verdict, rationale, user_id, verdict, editor_id, published_at)
    return columns, version + len(steps), published_at


def generate_claims(gen, user_id, editor_id, ids, chain, chunk, progress):
    """Documents, claims, evidence and events, ``chunk`` claims per transaction."""
    import hashlib

    rng, made = gen.rng, 0
    per_chunk = max(CLAIMS_PER_DOCUMENT, chunk - chunk % CLAIMS_PER_DOCUMENT)
    while made < gen.n:
        todo = min(per_chunk, gen.n - made)
        documents, claims, evidence, events, keys = [], [], [], [], []
        for d in range(0, todo, CLAIMS_PER_DOCUMENT):
            doc_id = ids["document"] + len(documents)
            quotes = [gen.sentence() for _ in range(min(CLAIMS_PER_DOCUMENT, todo - d))]
            # The id keeps texts (unique by SHA-256) distinct when a run adds to a database.
            text, offsets = "Report %d. " % doc_id, []
            for quote in quotes:
                lead = gen.sentence(4, 10) + ". "
                text += lead
                offsets.append((len(text) + 1, len(text) + 1 + len(quote)))
                text += '"%s" %s. ' % (quote, rng.choice(CUES))
            moment = EPOCH + datetime.timedelta(minutes=doc_id)
            url = "https://news%d.example.com/%d" % (doc_id % 101, doc_id)
            documents.append((doc_id, url, url, gen.sentence(4, 9), "Publisher %d" % (doc_id % 101),
                              moment, "en", text,
                              hashlib.sha256(text.encode("utf-8")).hexdigest(), user_id, moment))
            for quote, (start, end) in zip(quotes, offsets):
                claim_id = ids["claim"] + len(claims)
                created = moment + datetime.timedelta(seconds=len(claims) % 600)
                claim = SimpleNamespace(
                    id=claim_id, text=quote + ".", quote=quote, quote_kind=rng.choice(QUOTE_KINDS),
                    speaker_id=ids["speaker"] + rng.randrange(gen.n_speakers),
                    document_id=doc_id, quote_start=start, quote_end=end, cue=rng.choice(CUES),
                    claimed_at=moment, extracted=False, confidence=None, state="unreviewed")
                chain.event(events, claim_id=claim_id, claim_version=1, actor_id=user_id,
                            action="create", to_state="unreviewed",
                            changes=claim_snapshot(claim), created_at=created)
                count, stances = gen.evidence_count(), []
                for k in range(count):
                    item = SimpleNamespace(
                        id=ids["evidence"] + len(evidence),
                        source_id=ids["source"] + rng.randrange(gen.n_sources),
                        stance=STANCES[rng.randrange(len(STANCES))], excerpt=gen.sentence(6, 14),
                        note=None)
                    added = created + datetime.timedelta(seconds=k + 1)
                    evidence.append((item.id, claim_id, item.source_id, item.stance, item.excerpt,
                                     None, user_id, added))
                    stances.append((gen.domain(item.source_id - ids["source"]), item.stance))
                    chain.event(events, claim_id=claim_id, claim_version=k + 2, actor_id=user_id,
                                action="add_evidence", to_state=None,
                                changes={"evidence": evidence_snapshot(item)}, created_at=added)
                state, version = "unreviewed", 1 + count
                updated, workflow = created + datetime.timedelta(seconds=count), UNPUBLISHED
                if gen.publishes():
                    workflow, version, updated = review(gen, chain, events, claim_id, version,
                                                        updated, stances, editor_id, user_id)
                    state = "published"
                # The text is the quote and a full stop: one match key for both.
                keys.extend((claim_id, key) for key in claim_keys(claim.text))
                claims.append((claim_id, claim.text, quote, claim.quote_kind, claim.speaker_id,
                               doc_id, start, end, claim.cue, moment, False, state,
                               version, user_id, created, updated) + workflow)
        with database.atomic():
            insert(Document, DOCUMENT_FIELDS, documents)
            insert(Claim, CLAIM_FIELDS, claims)
            insert(ClaimKey, [ClaimKey.claim, ClaimKey.key], keys)
            insert(Evidence, EVIDENCE_FIELDS, evidence)
            insert(Event, EVENT_FIELDS, events)
            ChainHead.update(hash=chain.head, events=chain.events).where(
                ChainHead.id == 1).execute()
        for name, rows in (("document", documents), ("claim", claims), ("evidence", evidence),
                           ("event", events)):
            ids[name] += len(rows)
            gen.counts[name] += len(rows)
        made += todo
        progress(made)


def generate(claims, chunk=2000, seed=SEED, evidence=EVIDENCE_PER_CLAIM,
             progress=lambda made: None, defer_indexes=True, published_share=0.0):
    """Add ``claims`` claims, each with ``evidence`` links (an int, or a (low, high) range
    drawn per claim) and everything around them, to the bound database; about
    ``published_share`` of them are then reviewed and published. Returns the row counts
    added. Call with the database connected and migrated; tests use it too."""
    gen = Generator(claims, random.Random(seed), evidence, published_share)
    user_id = user(ACTOR_NAME, "factchecker").id
    editor_id = user(EDITOR_NAME, "editor").id if published_share > 0 else None
    ids = {name: next_id(model) for name, model in (
        ("claim", Claim), ("document", Document), ("speaker", Speaker), ("source", Source),
        ("evidence", Evidence), ("event", Event))}
    with database.atomic():
        ChainHead.insert(id=1, hash=GENESIS, events=0).on_conflict_ignore().execute()
        head = ChainHead.get_by_id(1)
        gen.counts["speaker"] = insert(
            Speaker, [Speaker.id, Speaker.name, Speaker.description, Speaker.affiliation,
                      Speaker.kind, Speaker.created_at], list(gen.speakers(ids["speaker"])))
    for batch in chunks(gen.sources(ids["source"]), 20000):
        with database.atomic():
            gen.counts["source"] += insert(
                Source, [Source.id, Source.url, Source.domain, Source.title, Source.kind,
                         Source.independence_key, Source.created_at, Source.updated_at], batch)
    chain = Chain(head.hash, head.events, ids["event"])
    # Into empty tables, indexes are built once at the end (a sort) rather than updated
    # row by row: random keys such as event hashes made each insert a B-tree cache miss
    # once the index outgrew memory (1M claims ran 5x slower than 100k per claim).
    fresh = ids["claim"] == 1 and claims >= 10000
    deferred = deferred_indexes() if defer_indexes and fresh else []
    generate_claims(gen, user_id, editor_id, ids, chain, chunk, progress)
    for sql in deferred:
        database.execute_sql(sql)
    reset_sequences()
    return gen.counts


def evidence_range(text):
    low, _, high = text.partition("-")
    return (int(low), int(high)) if high else int(low)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100000)
    parser.add_argument("--database-url", default="sqlite:///instance/bench.db")
    parser.add_argument("--chunk", type=int, default=2000, help="claims per transaction")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--evidence", type=evidence_range, default=EVIDENCE_PER_CLAIM,
                        help="evidence links per claim: N, or LOW-HIGH drawn per claim")
    parser.add_argument("--published-share", type=float, default=0.0,
                        help="share of claims reviewed and published (0 to 1)")
    parser.add_argument("--keep-indexes", action="store_true",
                        help="update indexes row by row even when loading empty tables")
    parser.add_argument("--verify", action="store_true",
                        help="recompute the whole hash chain afterwards (timed separately)")
    args = parser.parse_args(argv)

    init_database(args.database_url)
    database.connect(reuse_if_open=True)
    if is_sqlite():
        # A bigger page cache for the load; the file's WAL/synchronous settings stay.
        database.execute_sql("PRAGMA cache_size = -262144")
    migrate.upgrade()
    started, cpu = time.perf_counter(), time.process_time()
    step = max(args.chunk, args.claims // 20)

    def progress(made):
        if made % step < args.chunk or made == args.claims:
            elapsed = time.perf_counter() - started
            print("  %9d claims  %7.1f s  %8.0f claims/s" % (made, elapsed, made / elapsed),
                  file=sys.stderr, flush=True)

    counts = generate(args.claims, chunk=args.chunk, seed=args.seed, evidence=args.evidence,
                      progress=progress, defer_indexes=not args.keep_indexes,
                      published_share=args.published_share)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    # CPU time of this process: on a shared machine it drifts far less than wall time
    # (with SQLite it is nearly all the work; with PostgreSQL the server's is not in it).
    print("generated %s in %.1f s (%.1f s CPU): %.0f claims/s, %.0f rows/s" % (
        ", ".join("%d %ss" % (n, name) for name, n in counts.items()), elapsed, cpu,
        args.claims / elapsed, sum(counts.values()) / elapsed))
    if args.verify:
        from verify.review.history import verify_chain

        started = time.perf_counter()
        result = verify_chain()
        print("verify_chain: %s in %.1f s" % (result, time.perf_counter() - started))
    database.close()


if __name__ == "__main__":
    main()
