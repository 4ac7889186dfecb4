"""Ingest an article: record the document and its attributed statements as claims.

The statements come from the extractor, or, for curated seeds, from a hand-made list; both
take this one path. Ingesting the same text again finds the document and adds nothing.
"""
from .attribution import extract
from .claims import create_claim
from .db import database
from .documents import record_document

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
    if mention.kind in NAMED:
        return {"kind": mention.kind, "name": mention.text}
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


def ingest_document(*, actor, text, extract_claims=True, statements=None, **metadata):
    """Record a document and its claims in one transaction.

    Returns ``(document, created, claims)``; ``claims`` is empty when the text was known.
    ``statements`` (claim field dicts) replaces extraction, for curated seeds.
    """
    with database.atomic():
        document, created = record_document(actor=actor, text=text, **metadata)
        claims = []
        if created and (extract_claims or statements is not None):
            rows = statements if statements is not None else extracted_claims(text)
            for fields in rows:
                claims.append(create_claim(actor=actor, document_id=document.id, **fields))
    return document, created, claims
