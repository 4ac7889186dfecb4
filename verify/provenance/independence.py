"""Independence keys: sources sharing a key count as one in the evidence gate.

The key is the registrable domain of the page's final URL, replaced by the owner when the
owner map names the domain, and replaced by another source's key when this page's text is
a near-duplicate of that source's (wire copy re-published by several outlets counts once).
"""
from urllib.parse import urlsplit

from sources.errors import UrlRefused
from sources.independence import TextFingerprint, independence_key, near_duplicate

from ..models import Source


def domain_key(url, owner_map):
    host = urlsplit(url).hostname or ""
    try:
        return independence_key(host, owner_map)
    except UrlRefused:
        return host


def key_for(source_id, url, fingerprint, settings):
    """The key for ``source_id`` whose page (final ``url``) has ``fingerprint`` (or None).

    The oldest near-duplicate wins, so the first outlet seen carrying a wire story lends
    its key to every later copy. A linear scan of stored fingerprints: fine for a desk's
    thousands of sources; an LSH index would be the next step beyond that.
    """
    own = domain_key(url, settings.owner_map)
    if fingerprint is None:
        return own
    others = (Source.select(Source.id, Source.independence_key, Source.fingerprint)
              .where(Source.fingerprint.is_null(False) & (Source.id != source_id))
              .order_by(Source.id))
    for other in others:
        try:
            theirs = TextFingerprint.from_str(other.fingerprint)
        except ValueError:
            continue  # a fingerprint of an older format: skip rather than fail the fetch
        # The library's threshold (containment of the shorter text): see docs/FETCHING.md.
        if near_duplicate(fingerprint, theirs):
            return other.independence_key
    return own
