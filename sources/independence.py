"""Are two sources independent? Same registrable domain, same owner, or the same
wire story re-published are all "not independent".

The public suffix list is the copy bundled in the ``publicsuffixlist`` package, read
once from disk; nothing is downloaded at run time (its ``update`` module is never
imported). Private-section suffixes count, so two blogs on ``github.io`` or
``blogspot.com`` are two sites, as their owners are different people.
"""

import hashlib
import heapq
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from publicsuffixlist import PublicSuffixList

from sources.addresses import parse_ip
from sources.urls import canonical_host

SHINGLE_WORDS = 5
SKETCH_SIZE = 256
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # bundled list, parsed once (~50 ms)


def registrable_domain(host: str) -> str:
    """The domain a registrant controls: ``news.bbc.co.uk`` -> ``bbc.co.uk``.
    IP addresses, bare public suffixes and single labels are returned as they are."""
    host = canonical_host(host)
    if parse_ip(host) is not None:
        return host
    return _psl().privatesuffix(host) or host


def owner_map_from_groups(groups: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Turn ``{"bbc": ["bbc.co.uk", "bbc.com"]}`` (the CLAIMDESK_OWNER_MAP JSON
    shape) into the ``{domain: owner}`` map that :func:`independence_key` takes."""
    return {canonical_host(domain): owner for owner, domains in groups.items() for domain in domains}


def independence_key(host: str, owner_map: Mapping[str, str] | None = None) -> str:
    """A key that is equal for sources that do not count as independent.

    The most specific entry of ``owner_map`` (keys: lower-case ASCII domains) that
    covers ``host`` or one of its parent domains wins; otherwise the registrable
    domain is the key. So ``www.bbc.co.uk`` and ``bbc.com`` share a key when both
    map to "bbc", and a map entry for ``blogs.example.com`` can split a subdomain
    off its parent.
    """
    host = canonical_host(host)
    domain = registrable_domain(host)
    if owner_map:
        labels = host.split(".")
        for i in range(len(labels)):
            candidate = ".".join(labels[i:])
            if candidate in owner_map:
                return owner_map[candidate]
            if candidate == domain:
                break  # never match a bare public suffix such as "co.uk"
    return domain


@dataclass(frozen=True)
class TextFingerprint:
    """A bottom-k MinHash sketch of a text's word 5-shingles.

    ``sketch`` holds the SKETCH_SIZE smallest 64-bit shingle hashes (sorted);
    ``shingles`` is how many distinct shingles the text had. Deterministic across
    runs and machines (BLAKE2b, not Python's salted ``hash``).
    """

    shingles: int
    sketch: tuple[int, ...]

    def to_str(self) -> str:
        """Compact storage form: ``v1:<shingles>:<hex hashes>``."""
        return f"v1:{self.shingles}:" + "".join(f"{h:016x}" for h in self.sketch)

    @classmethod
    def from_str(cls, text: str) -> "TextFingerprint":
        version, count, hexes = text.split(":", 2)
        if version != "v1":
            raise ValueError(f"unknown fingerprint version {version!r}")
        return cls(int(count), tuple(int(hexes[i : i + 16], 16) for i in range(0, len(hexes), 16)))


def text_fingerprint(text: str) -> TextFingerprint:
    """Fingerprint ``text`` for near-duplicate detection. Case, punctuation,
    quotes and white space do not matter; only the word sequence does."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return TextFingerprint(0, ())
    k = min(SHINGLE_WORDS, len(words))
    hashes = {_hash(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}
    return TextFingerprint(len(hashes), tuple(heapq.nsmallest(SKETCH_SIZE, hashes)))


def similarity(a: TextFingerprint, b: TextFingerprint) -> float:
    """Estimated share of the *shorter* text's shingles found in the other one
    (containment), in [0, 1].

    Containment rather than Jaccard: a wire story wrapped in a long site header,
    teaser list and footer still scores near 1 against the bare story.
    """
    if not a.shingles or not b.shingles:
        return 0.0
    in_a, in_b = set(a.sketch), set(b.sketch)
    # The SKETCH_SIZE smallest hashes of the union are a uniform sample of it; the
    # share of them present in both sketches estimates the Jaccard index.
    union_bottom = heapq.nsmallest(SKETCH_SIZE, in_a | in_b)
    jaccard = sum(1 for h in union_bottom if h in in_a and h in in_b) / len(union_bottom)
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(1.0, shared / min(a.shingles, b.shingles))


def near_duplicate(
    a: TextFingerprint, b: TextFingerprint, *, threshold: float = 0.5, min_shingles: int = 20
) -> bool:
    """True when the texts are (nearly) the same story.

    The default threshold is deliberately 0.5: when both copies carry their own
    leftovers (bylines, "read more" lists) the wrappers dilute the score, while two
    independently written texts share almost no five-word sequences (< 0.05). Half
    of the shorter text verbatim in the other is not independent writing. Texts with
    fewer than ``min_shingles`` shingles (about 25 words) are never duplicates: one
    shared phrase would make a short text "contained" in anything."""
    if min(a.shingles, b.shingles) < min_shingles:
        return False
    return similarity(a, b) >= threshold


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
