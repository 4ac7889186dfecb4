"""One claim with its evidence and sources, read as light rows rather than models.

Reading a claim for ``GET /api/v1/claims/{id}`` turned the claim row and its evidence
rows into 14 peewee models: 225 µs (query included) of the 1.1 ms of server CPU the
request cost, more than SQLite took to answer. Here the same two statements run
through ``Prepared.tuples`` and each row becomes a small ``__slots__`` object carrying
the attributes the wire schemas read (``ClaimWithEvidenceSchema``): values as the models
would hold them (dates as naive datetimes, flags as booleans), the users a record names
as ``UserName`` with the foreign key beside it (``created_by`` and ``created_by_id``), as
on a model. The schemas stay the one serialization: they dump these rows exactly as they
dump models (tests/api/test_dumping.py compares the two bodies byte for byte, with
every column set; tests/api/test_claims.py asserts whole bodies).

The claim query also joins the users who proposed the verdict and are assigned, whose
names a model would fetch lazily, one statement each; so the read is always two
statements (plus the token's), whatever the claim.
"""
import dataclasses

from peewee import JOIN

from .errors import NotFound
from .models import Claim, Document, Evidence, Source, Speaker, User
from .store.db import as_datetime
from .store.prepared import Prepared


def _date(value):
    return None if value is None else as_datetime(value)


def _flag(value):
    return None if value is None else bool(value)


def record(name, columns, joined=()):
    """A ``__slots__`` class built from a row's values in ``columns`` order (positional,
    as fast as a tuple to build: a dataclass's generated ``__init__``), with ``joined``
    attributes set afterwards. Not a namedtuple: a row that can be indexed would be read
    by key by the schemas."""
    return dataclasses.make_dataclass(
        name, [*columns, *[(attribute, object, None) for attribute in joined]],
        slots=True, eq=False)


UserName = record("UserName", ("id", "name"))
SpeakerRow = record("SpeakerRow", ("id", "kind", "name", "description", "affiliation"))
DocumentRow = record("DocumentRow", ("id", "title", "url", "publisher", "published_at"))
SourceRow = record("SourceRow", (
    "id", "url", "canonical_url", "domain", "title", "publisher", "author", "published_at",
    "kind", "independence_key", "fetch_status", "fetch_error", "link_status", "created_at",
    "updated_at"))
EvidenceRow = record("EvidenceRow", (
    "id", "claim_id", "stance", "excerpt", "note", "excerpt_verified", "excerpt_start",
    "excerpt_end", "created_at", "source_id", "added_by_id"), joined=("added_by", "source"))
ClaimRow = record("ClaimRow", (
    "id", "text", "quote", "quote_kind", "quote_start", "quote_end", "cue", "claimed_at",
    "extracted", "confidence", "state", "verdict", "rationale", "dismiss_reason",
    "duplicate_of_id", "published_verdict", "published_at", "version", "created_at",
    "updated_at", "speaker_id", "document_id", "created_by_id", "published_by_id",
    "proposed_by_id", "assignee_id"), joined=(
    "speaker", "document", "created_by", "published_by", "proposed_by", "assignee",
    "evidence"))


# Columns in the order of the slots they fill; the foreign keys of the users named
# come from the claim itself, their names from the joins.
_CLAIM_COLUMNS = (Claim.id, Claim.text, Claim.quote, Claim.quote_kind, Claim.quote_start,
                  Claim.quote_end, Claim.cue, Claim.claimed_at, Claim.extracted,
                  Claim.confidence, Claim.state, Claim.verdict, Claim.rationale,
                  Claim.dismiss_reason, Claim.duplicate_of, Claim.published_verdict,
                  Claim.published_at, Claim.version, Claim.created_at, Claim.updated_at,
                  Claim.speaker, Claim.document, Claim.created_by, Claim.published_by,
                  Claim.proposed_by, Claim.assignee)
_SPEAKER_COLUMNS = (Speaker.id, Speaker.kind, Speaker.name, Speaker.description,
                    Speaker.affiliation)
_DOCUMENT_COLUMNS = (Document.id, Document.title, Document.url, Document.publisher,
                     Document.published_at)
_USER_LINKS = ("created_by", "published_by", "proposed_by", "assignee")
_CLAIM_DATES = (7, 16, 18, 19)


def _claim_query(claim_id):
    users = [User.alias(link) for link in _USER_LINKS]
    query = (Claim.select(*_CLAIM_COLUMNS, *_SPEAKER_COLUMNS, *_DOCUMENT_COLUMNS,
                          *[user.name for user in users])
             .join(Speaker, JOIN.LEFT_OUTER).switch(Claim)
             .join(Document, JOIN.LEFT_OUTER).switch(Claim))
    for link, user in zip(_USER_LINKS, users):
        query = query.join(user, JOIN.LEFT_OUTER,
                           on=(getattr(Claim, link) == user.id)).switch(Claim)
    return query.where(Claim.id == claim_id).limit(1)


_SOURCE_COLUMNS = (Source.id, Source.url, Source.canonical_url, Source.domain, Source.title,
                   Source.publisher, Source.author, Source.published_at, Source.kind,
                   Source.independence_key, Source.fetch_status, Source.fetch_error,
                   Source.link_status, Source.created_at, Source.updated_at)
_EVIDENCE_COLUMNS = (Evidence.id, Evidence.claim, Evidence.stance, Evidence.excerpt,
                     Evidence.note, Evidence.excerpt_verified, Evidence.excerpt_start,
                     Evidence.excerpt_end, Evidence.created_at, Evidence.source,
                     Evidence.added_by)


def _evidence_query(claim_id):
    # The same rows, in the same order, as verify.review.evidence.evidence_query.
    adder = User.alias("adder")
    return (Evidence.select(*_EVIDENCE_COLUMNS, adder.name, *_SOURCE_COLUMNS)
            .join(Source).switch(Evidence)
            .join(adder, JOIN.LEFT_OUTER, on=(Evidence.added_by == adder.id))
            .where((Evidence.claim == claim_id) & Evidence.removed_at.is_null())
            .order_by(Evidence.id))


_claim_row = Prepared(_claim_query, int)
_evidence_rows = Prepared(_evidence_query, int)

_CLAIM_END = len(_CLAIM_COLUMNS)
_SPEAKER_END = _CLAIM_END + len(_SPEAKER_COLUMNS)
_DOCUMENT_END = _SPEAKER_END + len(_DOCUMENT_COLUMNS)
_EVIDENCE_END = len(_EVIDENCE_COLUMNS)


def _user(user_id, name):
    return None if user_id is None else UserName(user_id, name)


def _claim(row):
    values = list(row[:_CLAIM_END])
    for at in _CLAIM_DATES:
        values[at] = _date(values[at])
    values[8] = _flag(values[8])
    claim = ClaimRow(*values)
    speaker = row[_CLAIM_END:_SPEAKER_END]
    claim.speaker = None if speaker[0] is None else SpeakerRow(*speaker)
    document = list(row[_SPEAKER_END:_DOCUMENT_END])
    if document[0] is None:
        claim.document = None
    else:
        document[4] = _date(document[4])
        claim.document = DocumentRow(*document)
    names = row[_DOCUMENT_END:]
    claim.created_by = _user(claim.created_by_id, names[0])
    claim.published_by = _user(claim.published_by_id, names[1])
    claim.proposed_by = _user(claim.proposed_by_id, names[2])
    claim.assignee = _user(claim.assignee_id, names[3])
    return claim


def _evidence(row):
    values = list(row[:_EVIDENCE_END])
    values[5] = _flag(values[5])
    values[8] = _date(values[8])
    item = EvidenceRow(*values)
    item.added_by = _user(item.added_by_id, row[_EVIDENCE_END])
    source = list(row[_EVIDENCE_END + 1:])
    for at in (7, 13, 14):
        source[at] = _date(source[at])
    item.source = SourceRow(*source)
    return item


def claim_with_evidence(claim_id):
    """The claim (speaker, document summary, named users) and its live evidence, each
    with its source, in two statements; ``NotFound`` when there is no such claim."""
    claim_id = int(claim_id)
    rows = _claim_row.tuples(claim_id)
    if not rows:
        raise NotFound("claim", claim_id)
    claim = _claim(rows[0])
    claim.evidence = [_evidence(row) for row in _evidence_rows.tuples(claim_id)]
    return claim
