"""Ingest an article: record the document and its attributed statements as claims.

The statements come from the extractor, or, for curated seeds, from a hand-made list; both
take this one path. Ingesting the same text again finds the document and adds nothing.
"""
import datetime

from sources import extract as extractor, fetch as fetcher
from sources.errors import SourceError

from ..attribution import extract
from ..attribution.kinds import name_and_role
from ..claims import claims_query, create_claim
from ..errors import ValidationFailed
from ..newsroom.matching import mark_likely_duplicates
from ..provenance.fetching import checked_url
from ..provenance.settings import current
from ..store.db import database
from .documents import record_document
from .speakers import find_or_create_speaker

# Extractor mention kinds that name a person; the others are described, not named.
NAMED = ("named_person",)


def speaker_of(statement):
    """The speaker record for an extracted statement, or None when it cannot be told.

    A pronoun resolved to a named mention becomes that person; an unresolved pronoun gives
    no speaker rather than a guess (the claim keeps its cue and quote for a person to fix).
    """
    mention = statement.mention
    if mention is not None and mention.kind == "pronoun":
        mention = statement.resolved_speaker
    if mention is None:
        return None
    if mention.kind in NAMED:  # "Ann Lee, a lawyer for the family": a name and a role
        name, role = name_and_role(mention.text)
        return {"kind": mention.kind, "name": name, "description": role}
    return {"kind": mention.kind, "description": mention.text}


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def trim_quote(text, start, end):
    """The span without its enclosing quotation marks, spaces and trailing comma: the words
    as said. Only marks that enclose the whole span are removed, so a mixed quote keeps its
    inner ones."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end - start >= 2 and text[start] in QUOTE_MARKS and text[end - 1] in QUOTE_MARKS:
        inner = text[start + 1:end - 1]
        if not any(mark in inner for mark in "\"\u201c\u201d\u00ab\u00bb"):
            start, end = start + 1, end - 1
            while end > start and text[end - 1] in ",;:":
                end -= 1
    return start, end


def extracted_claims(text):
    """Claim fields for every statement the extractor finds in ``text``."""
    for statement in extract(text):
        start, end = trim_quote(text, statement.start, statement.end)
        yield {
            "text": text[start:end],
            "quote": text[start:end],
            "quote_kind": statement.kind,
            "quote_start": start,
            "quote_end": end,
            "cue": statement.cue,
            "speaker": speaker_of(statement),
            "extracted": True,
            "confidence": round(statement.confidence, 3),
        }


def fetch_article(url, settings=None):
    """Fetch an article through the safe fetcher: ``(text, metadata)``.

    It runs in the request, bounded by the fetch policy's timeouts: the caller wants the
    claims in the answer. Any failure is a 422 on ``url`` with the fetcher's reason.
    """
    settings = settings or current()
    normalized = checked_url(url, settings)
    try:
        result = fetcher.fetch(normalized, policy=settings.policy)
        page = extractor.extract(result.body, result.headers.get("content-type", ""),
                                 result.final_url)
    except SourceError as error:
        raise ValidationFailed({"url": error.reason}, message="The article could not be fetched.")
    if not (page.extractable and page.text and page.text.strip()):
        raise ValidationFailed({"url": "no article text could be read from this %s page"
                                       % page.kind}, message="The article could not be read.")
    published = None
    if page.published:
        published = datetime.datetime.fromisoformat(page.published[:10])
    return page.text, {
        "url": normalized,
        "canonical_url": page.canonical_url,
        "title": page.title or "",
        "publisher": page.publisher,
        "published_at": published,
        "language": page.language,
    }


def ingest_url(*, actor, url, extract_claims=True, **metadata):
    """Fetch the article at ``url`` and ingest it; given metadata wins over the page's."""
    text, found = fetch_article(url)
    found.update({key: value for key, value in metadata.items() if value not in (None, "")})
    return ingest_document(actor=actor, text=text, extract_claims=extract_claims, **found)


def ingest_document(*, actor, text, extract_claims=True, statements=None, **metadata):
    """Record a document and its claims in one transaction.

    Returns ``(document, created, claims)``; ``claims`` is empty when the text was known.
    Each new claim carries ``likely_duplicates``: earlier claims saying the same thing.
    ``statements`` (claim field dicts) replaces extraction, for curated seeds.
    """
    with database.atomic():
        document, created = record_document(actor=actor, text=text, **metadata)
        claims = []
        if created and (extract_claims or statements is not None):
            rows = statements if statements is not None else extracted_claims(text)
            speakers = {}
            for fields in rows:
                # An article quotes the same few people again and again: look each up once.
                speaker = fields.get("speaker")
                if isinstance(speaker, dict):
                    known = tuple(sorted(speaker.items()))
                    if known not in speakers:
                        speakers[known] = find_or_create_speaker(**speaker)
                    fields = dict(fields, speaker=speakers[known])
                claims.append(create_claim(actor=actor, document=document, **fields))
    # Read-only and after the commit: has the desk seen (or already checked) this before?
    # The duplicates come with their speaker and approver joined, as the answer shows them.
    mark_likely_duplicates(claims, query=claims_query())
    return document, created, claims
