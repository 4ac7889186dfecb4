"""Claims: recording, reading, listing and editing attributed statements.

Each public function is one domain operation in one transaction. Workflow changes (state,
verdict) belong to ``verify.review.workflow``; here only what describes the statement is edited.
"""
from peewee import JOIN

from .errors import NotFound, StaleVersion, ValidationFailed
from .intake.speakers import find_or_create_speaker
from .models import Claim, Document, Speaker, User
from .newsroom.matching import store_keys
from .newsroom.search import search_page
from .review.history import append_event, change_claim, lock_claim
from .store.db import database
from .store.pages import paginate
from .store.prepared import Prepared

# What a person may edit on a claim; everything else moves through the workflow.
EDITABLE = ("text", "quote", "quote_kind", "speaker", "document", "quote_start", "quote_end",
            "cue", "claimed_at")
# Document columns shown with a claim: never the full text, which may be megabytes.
DOCUMENT_SUMMARY = (Document.id, Document.title, Document.url, Document.publisher,
                    Document.published_at)


def claim_snapshot(claim):
    """The recorded fields of a claim, as stored in its creation event."""
    return {
        "text": claim.text,
        "quote": claim.quote,
        "quote_kind": claim.quote_kind,
        "speaker": claim.speaker_id,
        "document": claim.document_id,
        "quote_start": claim.quote_start,
        "quote_end": claim.quote_end,
        "cue": claim.cue,
        "claimed_at": claim.claimed_at.isoformat() if claim.claimed_at else None,
        "extracted": claim.extracted,
        "confidence": claim.confidence,
        "state": claim.state,
    }


def _resolve_speaker(fields):
    """Turn ``speaker`` (a description) or ``speaker_id`` into a Speaker row."""
    if "speaker_id" in fields:
        speaker_id = fields.pop("speaker_id")
        speaker = None
        if speaker_id is not None:
            # A missing speaker named in the body is an invalid field (422), not a 404.
            speaker = Speaker.get_or_none(Speaker.id == speaker_id)
            if speaker is None:
                raise ValidationFailed({"speaker_id": "Speaker %s does not exist." % speaker_id})
        fields["speaker"] = speaker
    elif isinstance(fields.get("speaker"), dict):
        fields["speaker"] = find_or_create_speaker(**fields["speaker"])


def _resolve_document(fields):
    # Ingestion passes the Document it has just recorded (``document``): no re-read.
    if "document_id" in fields:
        document_id = fields.pop("document_id")
        document = None
        if document_id is not None:
            document = Document.get_or_none(Document.id == document_id)
            if document is None:
                raise ValidationFailed({"document_id": "Document %s does not exist." % document_id})
        fields["document"] = document


def _place_quote(fields, current=None):
    """Check the quote against the document text, filling in offsets or the quote.

    Given offsets, the quote must be the text there; given only a quote, it is looked up
    so a reader can find it in the document. A quote not in the document is refused.
    """
    merged = dict(current or {}, **fields)
    document, quote = merged.get("document"), merged.get("quote")
    start, end = merged.get("quote_start"), merged.get("quote_end")
    if (start is None) != (end is None):
        raise ValidationFailed({"quote_end" if end is None else "quote_start":
                                "quote_start and quote_end go together."})
    if start is None:
        if document is not None and quote and ("quote" in fields or "document" in fields):
            at = document.text.find(quote)
            if at < 0:
                raise ValidationFailed({"quote": "Not found in the document's text."})
            fields["quote_start"], fields["quote_end"] = at, at + len(quote)
        return
    if document is None:
        raise ValidationFailed({"quote_start": "Offsets need a document."})
    if not 0 <= start < end <= len(document.text):
        raise ValidationFailed({"quote_end": "Offsets lie outside the document's text "
                                              "(%d characters)." % len(document.text)})
    found = document.text[start:end]
    if quote is None:
        fields["quote"] = found
    elif quote != found:
        raise ValidationFailed({"quote": "Differs from the document's text at %d-%d." % (start, end)})


def create_claim(*, actor, text, extracted=False, confidence=None, **fields):
    with database.atomic():
        _resolve_speaker(fields)
        _resolve_document(fields)
        _place_quote(fields)
        claim = Claim.create(text=text, created_by=actor, extracted=extracted,
                             confidence=confidence, version=1, **fields)
        append_event(action="create", actor=actor, claim_id=claim.id, claim_version=1,
                     to_state=claim.state, changes=claim_snapshot(claim))
        store_keys(claim)
    return claim


def claims_query():
    """Claims with their speaker, a summary of their document and the names of who
    created and approved them, in one query."""
    creator, approver = User.alias("creator"), User.alias("approver")
    return (
        Claim.select(Claim, Speaker, *DOCUMENT_SUMMARY, creator.id, creator.name,
                     approver.id, approver.name)
        .join(Speaker, JOIN.LEFT_OUTER)
        .switch(Claim)
        .join(Document, JOIN.LEFT_OUTER)
        .switch(Claim)
        .join(creator, JOIN.LEFT_OUTER, on=(Claim.created_by == creator.id), attr="created_by")
        .switch(Claim)
        .join(approver, JOIN.LEFT_OUTER, on=(Claim.published_by == approver.id),
              attr="published_by")
        .switch(Claim)
    )


_claim_by_id = Prepared(lambda claim_id: claims_query().where(Claim.id == claim_id).limit(1),
                        int)


def get_claim(claim_id):
    rows = _claim_by_id(int(claim_id))
    if not rows:
        raise NotFound("claim", claim_id)
    return rows[0]


def claim_filters(*, state=None, verdict=None, speaker=None, document=None,
                  updated_since=None, claim=None):
    """The claim list's filters as peewee conditions (lists and reports share them)."""
    where = []
    if claim is not None:
        where.append(Claim.id == claim)
    if state:
        where.append(Claim.state == state)
    if verdict:
        where.append(Claim.verdict == verdict)
    if speaker is not None:
        where.append(Claim.speaker == speaker)
    if document is not None:
        where.append(Claim.document == document)
    if updated_since is not None:
        where.append(Claim.updated_at >= updated_since)
    return where


def list_claims(*, q=None, cursor=None, limit=50, **filters):
    """A page of claims, oldest first; with ``q``, those matching it, best first.
    ``filters`` are those of ``claim_filters``."""
    conditions = claim_filters(**filters)
    if q is not None:
        ids, next_cursor = search_page(q, conditions, cursor, limit)
        found = {claim.id: claim for claim in claims_query().where(Claim.id.in_(ids))}
        return [found[i] for i in ids if i in found], next_cursor
    query = claims_query()
    for condition in conditions:
        query = query.where(condition)
    return paginate(query, Claim.id, cursor, limit)


def update_claim(claim_id, *, actor, expected_version, **fields):
    """Edit the statement's description. A change to nothing makes no new version."""
    with database.atomic():
        claim = lock_claim(claim_id)
        if expected_version != claim.version:
            raise StaleVersion(claim.version)
        _resolve_speaker(fields)
        _resolve_document(fields)
        current = {name: getattr(claim, name) for name in EDITABLE}
        _place_quote(fields, current)
        diff = {name: value for name, value in fields.items() if current[name] != value}
        if not diff:
            return get_claim(claim_id)
        change_claim(claim, actor=actor, action="edit", expected_version=expected_version,
                     changes={name: [_plain(current[name]), _plain(value)]
                              for name, value in diff.items()},
                     **diff)
        if "text" in diff or "quote" in diff:
            store_keys(claim, replace=True)
    return get_claim(claim_id)


def _plain(value):
    """A value as it goes into an event: rows by id, dates as ISO text."""
    if hasattr(value, "id"):
        return value.id
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
