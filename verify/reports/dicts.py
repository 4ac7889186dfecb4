"""The report model: one plain, JSON-ready dict per claim, built from a chunk's rows
(``builder.Chunk``). Markdown, HTML and ClaimReview render these dicts; JSON, JSON Lines
and CSV write the same values straight from the rows (``json.py``, ``csv.py``), and
tests/reports/test_fast_paths.py holds them byte for byte to what these dicts give: a
field added here must be added there too.
"""
import json

from ..store.db import iso_z
from . import snapshots
from .rows import flag


def chunk_dicts(chunk, settings):
    """The chunk's claims as report dicts, in id order."""
    names, archived = chunk.names, chunk.archived
    urls = settings.claim_api_urls()
    return [claim_dict(row, settings, names,
                       [evidence_item(item, names, archived) for item in evidence],
                       timeline(events, names), url=urls % row[0])
            for row, evidence, events in chunk.claims]


def evidence_item(item, names, archived):
    (evidence_id, _, stance, excerpt, note, verified, excerpt_start, excerpt_end, added_by,
     added_at, source_id, url, canonical_url, domain, title, publisher, author, published_at,
     kind, independence_key, fetch_status, link_status) = item
    source = {
        "id": source_id,
        "url": url,
        "canonical_url": canonical_url,
        "domain": domain,
        "title": title,
        "publisher": publisher,
        "author": author,
        "published_at": iso_z(published_at),
        "kind": kind,
        "independence_key": independence_key,
        "fetch_status": fetch_status,
        "link_status": link_status,
    }
    source.update(archived.get(evidence_id) or snapshots.NOT_FETCHED)
    return {
        "id": evidence_id,
        "stance": stance,
        "excerpt": excerpt,
        "excerpt_verified": flag(verified),
        "excerpt_start": excerpt_start,
        "excerpt_end": excerpt_end,
        "note": note,
        "added_by": names.get(added_by),
        "added_at": iso_z(added_at),
        "source": source,
    }


def timeline(events, names):
    # The events' changes parsed in one call rather than one per event.
    changes = json.loads("[%s]" % ",".join(event[6] or "{}" for event in events))
    return [{
        "version": version,
        "at": iso_z(created_at),
        "actor": names.get(actor),
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "changes": changed,
        "hash": digest,
    } for (_, version, actor, action, from_state, to_state, _, created_at, digest, _), changed
        in zip(events, changes)]


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


def independent_sources(evidence):
    """Counted as the workflow's evidence gate counts them."""
    return len({item["source"]["independence_key"] or item["source"]["domain"]
                or "source:%d" % item["source"]["id"]
                for item in evidence if item["stance"] in ("supports", "contradicts")})


def claim_dict(row, settings, names, evidence, timeline, url=None):
    (claim_id, text, quote, quote_kind, quote_start, quote_end, cue, claimed_at, extracted,
     confidence, state, verdict, rationale, proposed_by, published_verdict, published_by,
     published_at, dismiss_reason, duplicate_of, version, created_by, created_at, updated_at,
     speaker_id, speaker_kind, speaker_name, speaker_description, speaker_affiliation,
     document_id, document_title, document_url, document_publisher,
     document_published_at) = row
    scale = settings.scale
    published = rating(scale, published_verdict)
    if published is not None:
        published.update(approved_by=names.get(published_by), approved_at=iso_z(published_at))
    proposals = [entry for entry in timeline if entry["action"] == "propose"]
    speaker = None
    if speaker_id is not None:
        speaker = {"id": speaker_id, "kind": speaker_kind, "name": speaker_name,
                   "description": speaker_description, "affiliation": speaker_affiliation}
    document = None
    if document_id is not None:
        document = {"id": document_id, "title": document_title, "url": document_url,
                    "publisher": document_publisher,
                    "published_at": iso_z(document_published_at)}
    return {
        "id": claim_id,
        "url": url or settings.claim_api_url(claim_id),
        "text": text,
        "state": state,
        "version": version,
        "created_by": names.get(created_by),
        "created_at": iso_z(created_at),
        "updated_at": iso_z(updated_at),
        "statement": {
            "speaker": speaker,
            "quote": quote,
            "quote_kind": quote_kind,
            "quote_start": quote_start,
            "quote_end": quote_end,
            "cue": cue,
            "claimed_at": iso_z(claimed_at),
            "document": document,
            "extracted": bool(extracted),
            "confidence": confidence,
        },
        "verdict": {
            "working": rating(scale, verdict),
            "rationale": rationale,
            "proposed_by": names.get(proposed_by),
            "proposed_at": proposals[-1]["at"] if proposals else None,
            "published": published,
            "review_url": settings.review_url(claim_id) if published else None,
            "dismiss_reason": dismiss_reason,
            "duplicate_of": duplicate_of,
        },
        "evidence": evidence,
        "independent_sources": independent_sources(evidence),
        "timeline": timeline,
    }
