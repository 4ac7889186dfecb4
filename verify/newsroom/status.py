"""Claim status for newsroom tools: the hottest read path, so it reads plain tuples in
one query whose SQL is rendered once (``verify.store.prepared``) and builds dicts by hand (no
ORM objects, no schema dump per row).

``published_verdict`` here is the one definition of what "published" means on the wire:
the last approved verdict, never the working one. ``api.schemas`` and the webhook
payloads both use it.
"""
from urllib.parse import urlsplit, urlunsplit

from peewee import JOIN

from sources.errors import UrlRefused
from sources.urls import normalize_url

from ..errors import NotFound
from ..models import Claim, Document, User
from ..store.db import iso_z
from ..store.prepared import Prepared
from ..vocabulary import under_review

MAX_IDS = 100
MAX_URLS = 20


def published_verdict(scale, verdict, approved_by, approved_at):
    """The approved verdict as newsroom tools see it, or None when nothing is published."""
    if not verdict:
        return None
    return {
        "verdict": verdict,
        "label": scale.label(verdict),
        "rating_value": scale.rating(verdict),
        "approved_by": approved_by,
        "approved_at": iso_z(approved_at),
    }


def _status_query(public_only):
    approver = User.alias("approver")
    query = (
        Claim.select(Claim.id, Claim.state, Claim.published_verdict, approver.name,
                     Claim.published_at, Claim.version, Claim.updated_at, Claim.document)
        .join(approver, JOIN.LEFT_OUTER, on=(Claim.published_by == approver.id))
    )
    if public_only:
        # Anonymous readers see claims that have a published verdict, nothing else.
        query = query.where(Claim.published_verdict.is_null(False))
    return query


# Rendered once per number of ids (1 to MAX_IDS) and audience: at most 200 statements.
_by_ids = {}


def _status_by_ids_query(count, public_only):
    prepared = _by_ids.get((count, public_only))
    if prepared is None:
        prepared = _by_ids[count, public_only] = Prepared(
            lambda *ids: _status_query(public_only).where(Claim.id.in_(ids)), *[int] * count)
    return prepared


def status_by_ids(ids, *, public_only=False):
    """Status rows (tuples, dates as the driver returns them) for ``ids``, in the order
    asked; and the ids not found."""
    ids = list(dict.fromkeys(ids))
    rows = {row[0]: row for row in
            _status_by_ids_query(len(ids), public_only).tuples(*ids)}
    return [rows[i] for i in ids if i in rows], [i for i in ids if i not in rows]


def normalise_url(url):
    """The key two URLs of one article share: ``sources.urls.normalize_url`` (host case,
    default port, fragment and tracking parameters), then also http == https, no www.
    and no trailing slash, since article links differ in those and still name the page."""
    try:
        parts = urlsplit(normalize_url(url))
    except UrlRefused:
        return url.strip()
    host = parts.netloc.removeprefix("www.")
    return urlunsplit(("https", host, parts.path.rstrip("/") or "/", parts.query, ""))


def _variants(url):
    """Spellings a stored URL may have for this article, to find it through the index."""
    key = normalise_url(url)
    parts = urlsplit(key)
    found = {url.strip(), key}
    for scheme in ("https", "http"):
        for host in (parts.netloc, "www." + parts.netloc):
            for path in {parts.path, parts.path.rstrip("/") + "/"}:
                found.add(urlunsplit((scheme, host, path, parts.query, "")))
    return found


def status_by_urls(urls, *, public_only=False):
    """Status rows of the claims in the documents at ``urls`` (url or canonical_url,
    normalised), by document then claim id; and the URLs that matched no claim."""
    wanted = {normalise_url(u): u for u in urls}
    spellings = sorted(set().union(*(_variants(u) for u in urls)))
    query = (
        _status_query(public_only)
        .select_extend(Document.url, Document.canonical_url)
        .join_from(Claim, Document)
        .where(Document.url.in_(spellings) | Document.canonical_url.in_(spellings))
        .order_by(Claim.document, Claim.id)
    )
    rows, matched = [], set()
    for row in query.tuples():
        keys = {normalise_url(u) for u in row[-2:] if u} & wanted.keys()
        if keys:
            matched |= keys
            rows.append(row[:-2])
    return rows, [wanted[k] for k in wanted if k not in matched]


def status_dict(row, scale, claim_url, report_url):
    """One status item; ``claim_url`` and ``report_url`` are ``%d`` templates."""
    claim_id, state, verdict, approver, approved_at, version, updated_at, document = row
    return {
        "id": claim_id,
        "state": state,
        "published_verdict": published_verdict(scale, verdict, approver, approved_at),
        "under_review": under_review(state, verdict),
        "version": version,
        "updated_at": iso_z(updated_at),
        "document_id": document,
        "url": claim_url % claim_id,
        "report_url": report_url % claim_id,
    }


def get_published_claim(claim_id):
    """A claim as anonymous readers may see it: only one with a published verdict.
    Unpublished work answers NotFound, as if it did not exist."""
    from ..claims import claims_query  # claims -> history -> webhooks -> status

    claim = claims_query().where((Claim.id == claim_id)
                                 & Claim.published_verdict.is_null(False)).first()
    if claim is None:
        raise NotFound("claim", claim_id)
    return claim
