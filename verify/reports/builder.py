"""Reading a report: the claims a chunk at a time, as plain rows grouped per claim.

Claims are walked by keyset (``id > last``) in chunks; for each chunk the evidence with its
sources, the events and the people named are read in one query each, never per claim, as
tuples straight from the driver, so the cost is a handful of queries per ``CHUNK`` claims
and memory holds one chunk at a time whatever the report's size. ``dicts.py`` turns a
chunk into the report model (one dict per claim); JSON and CSV write from the rows
(docs/REPORTS.md).
"""
from dataclasses import dataclass, field
from typing import Optional

from peewee import JOIN

from ..claims import claim_filters
from ..errors import NotFound
from ..models import ChainHead, Claim, Document, Event, Evidence, Source, Speaker, User
from ..review.history import GENESIS
from ..review.verdicts import VerdictScale
from ..store.db import iso_z, utcnow
from . import snapshots
from .dicts import chunk_dicts
from .rows import Prepared

CHUNK = 500


@dataclass
class ReportSettings:
    """What a report needs from configuration; the caller reads it from app.config."""

    public_url: str = "http://127.0.0.1:5000"
    publisher_name: Optional[str] = None
    publisher_url: Optional[str] = None
    scale: VerdictScale = field(default_factory=VerdictScale)

    @classmethod
    def from_config(cls, config):
        return cls(public_url=config["PUBLIC_URL"], publisher_name=config["PUBLISHER_NAME"],
                   publisher_url=config["PUBLISHER_URL"], scale=config["VERDICT_SCALE"])

    def claim_api_url(self, claim_id):
        return "%s/api/v1/claims/%d" % (self.public_url.rstrip("/"), claim_id)

    def claim_api_urls(self):
        """``claim_api_url`` as a format string, for building many."""
        return self.public_url.rstrip("/").replace("%", "%%") + "/api/v1/claims/%d"

    def review_url(self, claim_id):
        """Where the fact check is published on the publisher's own site."""
        if not self.publisher_url:
            return None
        if "{id}" in self.publisher_url:
            return self.publisher_url.replace("{id}", str(claim_id))
        return "%s/claims/%d" % (self.publisher_url.rstrip("/"), claim_id)

    def publisher_site(self):
        if not self.publisher_url:
            return None
        return self.publisher_url.split("{id}", 1)[0].rstrip("/") or None


CLAIM_COLUMNS = (
    Claim.id, Claim.text, Claim.quote, Claim.quote_kind, Claim.quote_start, Claim.quote_end,
    Claim.cue, Claim.claimed_at, Claim.extracted, Claim.confidence, Claim.state,
    Claim.verdict, Claim.rationale, Claim.proposed_by, Claim.published_verdict,
    Claim.published_by, Claim.published_at, Claim.dismiss_reason, Claim.duplicate_of,
    Claim.version, Claim.created_by, Claim.created_at, Claim.updated_at,
    Speaker.id.alias("speaker_id"), Speaker.kind.alias("speaker_kind"),
    Speaker.name.alias("speaker_name"), Speaker.description.alias("speaker_description"),
    Speaker.affiliation.alias("speaker_affiliation"),
    Document.id.alias("document_id"), Document.title.alias("document_title"),
    Document.url.alias("document_url"), Document.publisher.alias("document_publisher"),
    Document.published_at.alias("document_published_at"),
)

SOURCE_ID = Source.id.alias("source_id")
SOURCE_DOMAIN = Source.domain.alias("source_domain")
SOURCE_KEY = Source.independence_key.alias("source_independence_key")
EVIDENCE_COLUMNS = (
    Evidence.id, Evidence.claim, Evidence.stance, Evidence.excerpt, Evidence.note,
    Evidence.excerpt_verified, Evidence.excerpt_start, Evidence.excerpt_end,
    Evidence.added_by, Evidence.created_at,
    SOURCE_ID, Source.url.alias("source_url"),
    Source.canonical_url.alias("source_canonical_url"), SOURCE_DOMAIN,
    Source.title.alias("source_title"), Source.publisher.alias("source_publisher"),
    Source.author.alias("source_author"), Source.published_at.alias("source_published_at"),
    Source.kind.alias("source_kind"), SOURCE_KEY,
    Source.fetch_status.alias("source_fetch_status"),
    Source.link_status.alias("source_link_status"),
)

EVENT_COLUMNS = (Event.claim, Event.claim_version, Event.actor, Event.action,
                 Event.from_state, Event.to_state, Event.changes, Event.created_at, Event.hash,
                 Event.id)


def position(columns, column):
    # By identity: peewee columns overload ==, so tuple.index would match the first one.
    return next(at for at, candidate in enumerate(columns) if candidate is column)


# Positions of the user ids in the rows above (the rest are unpacked where they are used).
CREATED_BY, PROPOSED_BY, PUBLISHED_BY = (position(CLAIM_COLUMNS, column) for column in (
    Claim.created_by, Claim.proposed_by, Claim.published_by))
ADDED_BY, ADDED_AT = (position(EVIDENCE_COLUMNS, column)
                      for column in (Evidence.added_by, Evidence.created_at))
SOURCE = position(EVIDENCE_COLUMNS, SOURCE_ID)
STANCE = position(EVIDENCE_COLUMNS, Evidence.stance)
DOMAIN = position(EVIDENCE_COLUMNS, SOURCE_DOMAIN)
INDEPENDENCE_KEY = position(EVIDENCE_COLUMNS, SOURCE_KEY)
ACTOR, EVENT_ID = (position(EVENT_COLUMNS, column) for column in (Event.actor, Event.id))


def independent_sources_of_rows(evidence):
    """A claim's ``independent_sources`` from its evidence rows: distinct independence keys
    among supporting and contradicting evidence, as the workflow's evidence gate counts
    them (``dicts.independent_sources`` counts the same from the dicts)."""
    return len({item[INDEPENDENCE_KEY] or item[DOMAIN] or "source:%d" % item[SOURCE]
                for item in evidence if item[STANCE] in ("supports", "contradicts")})


class Report:
    """A report over the claims matching ``where``; ``scope`` says what was asked for.

    The chain head is read when the report is made: the timeline shows only events the
    head covers, so the exported hash vouches for every event in the report.
    """

    def __init__(self, settings, scope, where, chunk=None):
        self.settings = settings
        self.scope = scope
        self.where = where
        self.chunk = chunk or CHUNK
        # Called with the number of claims of each chunk read (a progress bar's update).
        self.progress = None
        head = ChainHead.get_or_none(ChainHead.id == 1)
        self.head_hash = head.hash if head else GENESIS
        self.head_events = head.events if head else 0
        last = Event.select(Event.id).where(Event.hash == self.head_hash).first()
        self.head_event_id = last.id if last else 0
        self.generated_at = utcnow()
        self.queries = ChunkQueries(self.where, self.chunk, self.head_event_id)

    @property
    def header(self):
        scale = self.settings.scale
        return {
            "generated_at": iso_z(self.generated_at),
            "scope": self.scope,
            "chain_head": {"hash": self.head_hash, "events": self.head_events},
            "publisher": {"name": self.settings.publisher_name,
                          "url": self.settings.publisher_site()},
            "verdict_scale": [{"verdict": name, "label": label, "rating_value": at + 1}
                              for at, (name, label) in enumerate(scale.entries)],
        }

    def count(self):
        query = Claim.select()
        return (query.where(*self.where) if self.where else query).count()

    def claims(self):
        """Each claim's report dict, in id order, a chunk at a time."""
        for chunk in self.chunks():
            yield from chunk_dicts(chunk, self.settings)

    def chunks(self):
        """The claims a chunk at a time (``Chunk``), in id order. The JSON and CSV
        formats render these rows directly, the others through ``claims()``."""
        last = 0
        while True:
            rows = self.queries.claims.rows(last)
            if not rows:
                return
            yield read_chunk(rows, self.queries)
            if self.progress is not None:
                self.progress(len(rows))
            if len(rows) < self.chunk:
                return
            last = rows[-1][0]


def claim_report(settings, claim_id):
    if not Claim.select().where(Claim.id == claim_id).exists():
        raise NotFound("claim", claim_id)
    return Report(settings, {"claim": claim_id}, claim_filters(claim=claim_id))


def document_report(settings, document_id):
    document = Document.get_or_none(Document.id == document_id)
    if document is None:
        raise NotFound("document", document_id)
    scope = {"document": {"id": document.id, "title": document.title, "url": document.url,
                          "publisher": document.publisher,
                          "published_at": iso_z(document.published_at), "sha256": document.sha256}}
    return Report(settings, scope, claim_filters(document=document_id))


def filtered_report(settings, **filters):
    scope = {"filters": {name: (iso_z(value) if hasattr(value, "isoformat") else value)
                         for name, value in filters.items() if value is not None}}
    return Report(settings, scope, claim_filters(**filters))


# Assembly ------------------------------------------------------------------------------

def in_chunk(column, first, last, where):
    """``column`` refers to a claim of this chunk: an id range (one index range scan and
    a short statement, where a 500-value IN list costs more to build than to run), narrowed
    by the report's filters when it has any."""
    condition = column.between(first, last)
    if where:
        condition &= column.in_(Claim.select(Claim.id).where(Claim.id.between(first, last),
                                                             *where))
    return condition


class ChunkQueries:
    """The queries run for every chunk, their SQL built once per report."""

    def __init__(self, where, chunk, head_event_id):
        def live_evidence(first, last):
            return in_chunk(Evidence.claim, first, last, where) & Evidence.removed_at.is_null()

        def sources(first, last):
            return Evidence.select(Evidence.source).where(live_evidence(first, last))

        self.claims = Prepared(lambda last: (
            Claim.select(*CLAIM_COLUMNS)
            .join(Speaker, on=(Claim.speaker == Speaker.id), join_type=JOIN.LEFT_OUTER)
            .switch(Claim)
            .join(Document, on=(Claim.document == Document.id), join_type=JOIN.LEFT_OUTER)
            .where(Claim.id > last, *where)
            .order_by(Claim.id).limit(chunk)), 1)
        self.evidence = Prepared(lambda first, last: (
            Evidence.select(*EVIDENCE_COLUMNS)
            .join(Source, on=(Evidence.source == Source.id))
            .where(live_evidence(first, last))
            .order_by(Evidence.claim, Evidence.id)), 2)
        # Events after the head (written while the export runs) are left out by
        # read_chunk rather than here: an "id <= head" condition led PostgreSQL to scan
        # the whole primary key index for every chunk (25 ms a chunk at 100k claims).
        self.head_event_id = head_event_id
        self.events = Prepared(lambda first, last: (
            Event.select(*EVENT_COLUMNS)
            .where(in_chunk(Event.claim, first, last, where))
            .order_by(Event.claim, Event.claim_version)), 2)
        self.copies = Prepared(lambda first, last: snapshots.copies_query(sources(first, last)),
                               2)
        self.checks = Prepared(lambda first, last: snapshots.checks_query(sources(first, last)),
                               2)


class Chunk:
    """One chunk of claims as read: ``claims`` holds ``(claim row, evidence rows, event
    rows)`` per claim in id order, the rows being tuples in the order of
    ``CLAIM_COLUMNS``, ``EVIDENCE_COLUMNS`` and ``EVENT_COLUMNS``; ``names`` maps the user
    ids they mention to names, ``archived`` evidence ids to their source's archive fields
    (``snapshots.for_evidence``; absent: ``snapshots.NOT_FETCHED``)."""

    __slots__ = ("claims", "names", "archived")

    def __init__(self, claims, names, archived):
        self.claims, self.names, self.archived = claims, names, archived


def read_chunk(rows, queries):
    span = (rows[0][0], rows[-1][0])
    evidence = queries.evidence.rows(*span)
    head = queries.head_event_id
    events = [event for event in queries.events.rows(*span) if event[EVENT_ID] <= head]
    people = set()
    for row in rows:
        people.update((row[CREATED_BY], row[PROPOSED_BY], row[PUBLISHED_BY]))
    people.update(item[ADDED_BY] for item in evidence)
    people.update(event[ACTOR] for event in events)
    people.discard(None)
    names = dict(User.select(User.id, User.name).where(User.id.in_(sorted(people))).tuples()) \
        if people else {}
    archived = {}
    if evidence:
        cited = [(item[0], item[SOURCE], item[ADDED_AT]) for item in evidence]
        archived = snapshots.for_evidence(cited, queries.copies.rows(*span),
                                          queries.checks.rows(*span))

    # A claim changed since its chunk was read may match the filters now and not then:
    # rows of claims outside the chunk are skipped.
    by_claim = {row[0]: (row, [], []) for row in rows}
    for item in evidence:
        found = by_claim.get(item[1])
        if found is not None:
            found[1].append(item)
    for event in events:
        found = by_claim.get(event[0])
        if found is not None:
            found[2].append(event)
    return Chunk(list(by_claim.values()), names, archived)
