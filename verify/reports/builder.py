"""The report model: one plain, JSON-ready dict per claim, assembled a chunk at a time.

Every format renders these dicts and nothing else, so a field added here (an archive URL,
a link check) appears in every format at once. Claims are walked by keyset (``id > last``)
in chunks; for each chunk the evidence with its sources, the events and the people named
are read in one query each, never per claim, so the cost is a handful of queries per
``CHUNK`` claims and memory holds one chunk at a time whatever the report's size.
"""
import json
from dataclasses import dataclass, field
from typing import Optional

from peewee import JOIN

from ..claims import claim_filters
from ..db import utcnow
from ..errors import NotFound
from ..history import GENESIS
from ..models import ChainHead, Claim, Document, Event, Evidence, Source, Speaker, User
from ..verdicts import VerdictScale
from . import snapshots
from .rows import Prepared, flag, iso

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

EVIDENCE_COLUMNS = (
    Evidence.id, Evidence.claim, Evidence.stance, Evidence.excerpt, Evidence.note,
    Evidence.excerpt_verified, Evidence.excerpt_start, Evidence.excerpt_end,
    Evidence.added_by, Evidence.created_at,
    Source.id.alias("source_id"), Source.url.alias("source_url"),
    Source.canonical_url.alias("source_canonical_url"), Source.domain.alias("source_domain"),
    Source.title.alias("source_title"), Source.publisher.alias("source_publisher"),
    Source.author.alias("source_author"), Source.published_at.alias("source_published_at"),
    Source.kind.alias("source_kind"), Source.independence_key.alias("source_independence_key"),
    Source.fetch_status.alias("source_fetch_status"),
    Source.link_status.alias("source_link_status"),
)


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
            "generated_at": iso(self.generated_at),
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
        for rows in self.chunks():
            yield from build_chunk(rows, self.settings, self.queries)
            if self.progress is not None:
                self.progress(len(rows))

    def chunks(self):
        last = 0
        while True:
            rows = self.queries.claims.rows(last)
            if not rows:
                return
            yield rows
            if len(rows) < self.chunk:
                return
            last = rows[-1]["id"]


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
                          "published_at": iso(document.published_at), "sha256": document.sha256}}
    return Report(settings, scope, claim_filters(document=document_id))


def filtered_report(settings, **filters):
    scope = {"filters": {name: (iso(value) if hasattr(value, "isoformat") else value)
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
        self.events = Prepared(lambda first, last: (
            Event.select(Event.claim, Event.claim_version, Event.actor, Event.action,
                         Event.from_state, Event.to_state, Event.changes, Event.created_at,
                         Event.hash)
            .where(in_chunk(Event.claim, first, last, where) & (Event.id <= head_event_id))
            .order_by(Event.claim, Event.claim_version)), 2)
        self.copies = Prepared(lambda first, last: snapshots.copies_query(sources(first, last)),
                               2)
        self.checks = Prepared(lambda first, last: snapshots.checks_query(sources(first, last)),
                               2)


def build_chunk(rows, settings, queries):
    ids = [row["id"] for row in rows]
    span = (ids[0], ids[-1])
    evidence = queries.evidence.rows(*span)
    events = queries.events.rows(*span)
    people = set()
    for row in rows:
        people.update((row["created_by_id"], row["proposed_by_id"], row["published_by_id"]))
    people.update(item["added_by_id"] for item in evidence)
    people.update(event["actor_id"] for event in events)
    people.discard(None)
    names = dict(User.select(User.id, User.name).where(User.id.in_(sorted(people))).tuples()) \
        if people else {}
    archived = {}
    if evidence:
        archived = snapshots.for_evidence(evidence, queries.copies.rows(*span),
                                          queries.checks.rows(*span))

    # A claim changed since its chunk was read may match the filters now and not then:
    # rows of claims outside the chunk are skipped.
    by_claim = {claim_id: ([], []) for claim_id in ids}
    for item in evidence:
        if item["claim_id"] in by_claim:
            by_claim[item["claim_id"]][0].append(evidence_item(item, names, archived))
    # The events' changes parsed in one call rather than one per event.
    changes = json.loads("[%s]" % ",".join(event["changes"] or "{}" for event in events))
    for event, changed in zip(events, changes):
        if event["claim_id"] in by_claim:
            by_claim[event["claim_id"]][1].append(timeline_entry(event, changed, names))
    urls = settings.claim_api_urls()
    return [claim_dict(row, settings, names, *by_claim[row["id"]], url=urls % row["id"])
            for row in rows]


def evidence_item(item, names, archived):
    source = {
        "id": item["source_id"],
        "url": item["source_url"],
        "canonical_url": item["source_canonical_url"],
        "domain": item["source_domain"],
        "title": item["source_title"],
        "publisher": item["source_publisher"],
        "author": item["source_author"],
        "published_at": iso(item["source_published_at"]),
        "kind": item["source_kind"],
        "independence_key": item["source_independence_key"],
        "fetch_status": item["source_fetch_status"],
        "link_status": item["source_link_status"],
    }
    source.update(archived.get(item["id"]) or snapshots.NOT_FETCHED)
    return {
        "id": item["id"],
        "stance": item["stance"],
        "excerpt": item["excerpt"],
        "excerpt_verified": flag(item["excerpt_verified"]),
        "excerpt_start": item["excerpt_start"],
        "excerpt_end": item["excerpt_end"],
        "note": item["note"],
        "added_by": names.get(item["added_by_id"]),
        "added_at": iso(item["created_at"]),
        "source": source,
    }


def timeline_entry(event, changes, names):
    return {
        "version": event["claim_version"],
        "at": iso(event["created_at"]),
        "actor": names.get(event["actor_id"]),
        "action": event["action"],
        "from_state": event["from_state"],
        "to_state": event["to_state"],
        "changes": changes,
        "hash": event["hash"],
    }


def rating(scale, name):
    """``{verdict, label, rating_value, worst_rating, best_rating}`` for a verdict name."""
    if name is None:
        return None
    known = name in scale
    return {
        "verdict": name,
        "label": scale.label(name) if known else name,
        "rating_value": scale.rating(name) if known else None,
        "worst_rating": 1,
        "best_rating": scale.best,
    }


def claim_dict(row, settings, names, evidence, timeline, url=None):
    scale = settings.scale
    published = rating(scale, row["published_verdict"])
    if published is not None:
        published.update(approved_by=names.get(row["published_by_id"]),
                         approved_at=iso(row["published_at"]))
    proposals = [entry for entry in timeline if entry["action"] == "propose"]
    speaker = None
    if row["speaker_id"] is not None:
        speaker = {"id": row["speaker_id"], "kind": row["speaker_kind"],
                   "name": row["speaker_name"], "description": row["speaker_description"],
                   "affiliation": row["speaker_affiliation"]}
    document = None
    if row["document_id"] is not None:
        document = {"id": row["document_id"], "title": row["document_title"],
                    "url": row["document_url"], "publisher": row["document_publisher"],
                    "published_at": iso(row["document_published_at"])}
    return {
        "id": row["id"],
        "url": url or settings.claim_api_url(row["id"]),
        "text": row["text"],
        "state": row["state"],
        "version": row["version"],
        "created_by": names.get(row["created_by_id"]),
        "created_at": iso(row["created_at"]),
        "updated_at": iso(row["updated_at"]),
        "statement": {
            "speaker": speaker,
            "quote": row["quote"],
            "quote_kind": row["quote_kind"],
            "quote_start": row["quote_start"],
            "quote_end": row["quote_end"],
            "cue": row["cue"],
            "claimed_at": iso(row["claimed_at"]),
            "document": document,
            "extracted": bool(row["extracted"]),
            "confidence": row["confidence"],
        },
        "verdict": {
            "working": rating(scale, row["verdict"]),
            "rationale": row["rationale"],
            "proposed_by": names.get(row["proposed_by_id"]),
            "proposed_at": proposals[-1]["at"] if proposals else None,
            "published": published,
            "review_url": settings.review_url(row["id"]) if published else None,
            "dismiss_reason": row["dismiss_reason"],
            "duplicate_of": row["duplicate_of_id"],
        },
        "evidence": evidence,
        # Counted as the workflow's evidence gate counts them.
        "independent_sources": len({
            item["source"]["independence_key"] or item["source"]["domain"]
            or "source:%d" % item["source"]["id"]
            for item in evidence if item["stance"] in ("supports", "contradicts")}),
        "timeline": timeline,
    }
