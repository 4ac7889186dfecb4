"""Claim matching: has this been said, and checked, before?

Two steps, both deterministic:
1. Retrieval: the text's content words (stop words dropped, up to 24, longest first)
   ORed through the search index; the CANDIDATES best-ranked claims come back.
2. Re-ranking: each candidate's text (and quote) is compared with the given text:
       score = 0.5 * word overlap + 0.5 * character overlap
   word overlap = Jaccard of the sets of content words; character overlap = Jaccard of
   the sets of character 3-grams of the lower-cased words joined by single spaces. Both
   lie in [0, 1], so the score does; identical statements score 1.0. The better of text
   and quote counts. Ties break by claim id, oldest first.
A score of DUPLICATE or more marks a likely duplicate; ``already_checked`` is the
best-scoring likely duplicate that has a published verdict.
"""
from ..models import Claim
from .search import WORD, any_of, candidates

CANDIDATES = 50
MIN_SCORE = 0.2
DUPLICATE = 0.6
MAX_QUERY_WORDS = 24
STOP_WORDS = frozenset("""
a about after again against all also am an and any are as at be because been before being
between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most
my no nor not now of off on once only or other our out over own s said same say says she
should so some such t than that the their them then there these they this those through to
too under until up very was we were what when where which while who whom why will with
would you your
""".split())


def words(text):
    return [word.lower() for word in WORD.findall(text or "")]


def content_words(text):
    return {word for word in words(text) if word not in STOP_WORDS}


def trigrams(text):
    joined = " ".join(words(text))
    return {joined[at:at + 3] for at in range(max(len(joined) - 2, 1))} if joined else set()


def jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


def features(text):
    return content_words(text), trigrams(text)


def score_features(a, b):
    return round(0.5 * jaccard(a[0], b[0]) + 0.5 * jaccard(a[1], b[1]), 4)


def similarity(a, b):
    """The score of two statements, in [0, 1]."""
    return score_features(features(a), features(b))


def find_matches(text, *, limit=10, exclude=None, query=None):
    """Claims saying the same as ``text``: ``[(claim, score)]`` best first, each scoring
    at least MIN_SCORE. ``query`` selects the claim rows (default: bare claims)."""
    wanted = sorted(content_words(text), key=lambda w: (-len(w), w))[:MAX_QUERY_WORDS]
    if not wanted:
        return []
    ids = [claim_id for _, claim_id in candidates(any_of(wanted), CANDIDATES)
           if claim_id != exclude]
    if not ids:
        return []
    rows = (query if query is not None else Claim.select()).where(Claim.id.in_(ids))
    scored = []
    # The query's side is the same for every candidate: compute it once.
    mine = features(text)
    for claim in rows:
        score = max(score_features(mine, features(claim.text)),
                    score_features(mine, features(claim.quote)) if claim.quote else 0.0)
        if score >= MIN_SCORE:
            scored.append((claim, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].id))
    return scored[:limit]


def likely_duplicates(claim, *, query=None, limit=3):
    """Earlier claims from other documents that likely say what ``claim`` says, each with
    ``score`` and ``likely_duplicate`` set: how ingestion marks a claim already seen."""
    found = []
    for other, score in find_matches(claim.text, limit=limit + 5, exclude=claim.id, query=query):
        if score < DUPLICATE or (claim.document_id and other.document_id == claim.document_id):
            continue
        other.score, other.likely_duplicate = score, True
        found.append(other)
    return found[:limit]


def already_checked(matches):
    """The best likely duplicate with a published verdict, or None."""
    for claim, score in matches:
        if score >= DUPLICATE and claim.published_verdict:
            return claim
    return None
