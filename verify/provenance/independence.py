"""Independence keys: sources sharing a key count as one in the evidence gate.

The key is the registrable domain of the page's final URL, replaced by the owner when the
owner map names the domain, and replaced by another source's key when this page's text is
a near-duplicate of that source's (wire copy re-published by several outlets counts once).
"""
from urllib.parse import urlsplit

from sources.errors import UrlRefused
from sources.independence import TextFingerprint, independence_key, near_duplicate

from ..models import Source, SourceShingle


def domain_key(url, owner_map):
    host = urlsplit(url).hostname or ""
    try:
        return independence_key(host, owner_map)
    except UrlRefused:
        return host


def _signed(value):
    # Sketch hashes are unsigned 64-bit; both engines store signed BIGINT.
    return value - (1 << 64) if value >= 1 << 63 else value


def key_for(source_id, url, fingerprint, owner_map):
    """The key for ``source_id`` whose page (final ``url``) has ``fingerprint`` (or None).

    The oldest near-duplicate wins, so the first outlet seen carrying a wire story lends
    its key to every later copy. Read-only: callers run it before their write
    transaction. Candidates come from the shingle index: the library's similarity
    estimate is zero unless two sketches share a hash, so only sources sharing one are
    compared.
    """
    own = domain_key(url, owner_map)
    if fingerprint is None or not fingerprint.sketch:
        return own
    candidates = (SourceShingle.select(SourceShingle.source)
                  .where(SourceShingle.hash.in_([_signed(h) for h in fingerprint.sketch])
                         & (SourceShingle.source != source_id)))
    rows = (Source.select(Source.id, Source.independence_key, Source.fingerprint)
            .where(Source.id.in_(candidates) & Source.fingerprint.is_null(False))
            .order_by(Source.id))
    for other in rows:
        try:
            theirs = TextFingerprint.from_str(other.fingerprint)
        except ValueError:
            continue  # a fingerprint format this code does not read: skip, do not fail
        # The library's threshold (containment of the shorter text): docs/FETCHING.md.
        if near_duplicate(fingerprint, theirs):
            return other.independence_key
    return own


def index_fingerprint(source_id, fingerprint):
    """Replace the source's rows in the shingle index (caller's transaction)."""
    SourceShingle.delete().where(SourceShingle.source == source_id).execute()
    if fingerprint is not None and fingerprint.sketch:
        SourceShingle.insert_many(
            [{"source": source_id, "hash": _signed(h)} for h in set(fingerprint.sketch)]
        ).execute()
