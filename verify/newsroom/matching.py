"""Claim matching: has this been said, and checked, before?

Two steps, both deterministic:
1. Retrieval: the text's content words (stop words dropped, up to 24, longest first)
   ORed through the search index; the CANDIDATES best-ranked claims come back. Ingestion
   asks a narrower question (INGEST_WORDS longest words, INGEST_CANDIDATES claims).
2. Re-ranking: each candidate's text (and quote) is compared with the given text:
       score = 0.5 * word overlap + 0.5 * character overlap
   word overlap = Jaccard of the sets of content words; character overlap = Jaccard of
   the sets of character 3-grams of the lower-cased words joined by single spaces. Both
   lie in [0, 1], so the score does; identical statements score 1.0. The better of text
   and quote counts. Ties break by claim id, oldest first.
A score of DUPLICATE or more marks a likely duplicate; ``already_checked`` is the
best-scoring likely duplicate that has a published verdict.

Exact copies (score 1.0: the same content words and the same trigrams) are also found
without the search: every claim's text and quote have a ``match_key`` (a hash of those
sets) stored in ``claim_key`` when the claim is written, and ingestion looks its new
claims' keys up by index first (``mark_likely_duplicates``). Quotes travel verbatim from
wire copy to rewrites, so an exact copy is the common likely duplicate; and a text search
ORing the words of a statement said 1,000 times ranks every one of them.
"""
import copy
import hashlib

from ..models import Claim, ClaimKey
from ..store.db import database
from .search import SCAN, WORD, any_of, candidates

CANDIDATES = 50
# Ingestion's search, for each new claim without enough exact copies, is narrower: its
# INGEST_WORDS longest content words (long words are the rare ones, cheaply), the
# INGEST_CANDIDATES best-ranked scored. (The INGEST_SCAN newest claims having any of the
# words are ranked, as for search: a smaller window was measured to lose old duplicates.)
# Most of an article's statements have been said nowhere before; this keeps what each
# costs to find that out small and bounded (docs/NEWSROOM.md "Likely duplicates at
# ingestion": the near duplicates it still finds, measured). POST /claims/match, which
# a user asks for, keeps the wide search.
INGEST_WORDS = 8
INGEST_SCAN = SCAN
INGEST_CANDIDATES = 10
MIN_SCORE = 0.2
DUPLICATE = 0.6
# Likely duplicates listed per ingested claim: the best, and the oldest of equals.
SHOWN = 3
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
    return _trigrams(" ".join(words(text)))


def _trigrams(joined):
    if len(joined) < 3:
        return {joined} if joined else set()
    return set(map("".join, zip(joined, joined[1:], joined[2:])))


def jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


def features(text):
    """``(content_words(text), trigrams(text))``, the words found once: scoring a
    candidate is mostly this (profiled), so it stays in C-level set and zip calls."""
    found = words(text)
    return set(found) - STOP_WORDS, _trigrams(" ".join(found))


def score_features(a, b):
    return round(0.5 * jaccard(a[0], b[0]) + 0.5 * jaccard(a[1], b[1]), 4)


def similarity(a, b):
    """The score of two statements, in [0, 1]."""
    return score_features(features(a), features(b))


def match_key(mine):
    """The exact-match key of a statement's ``features``: equal keys mean equal sets of
    content words and of trigrams, i.e. a score of 1.0 (the first 8 bytes of a SHA-256, as
    a signed 64-bit integer for a BIGINT column). None without content words: such a
    statement never reaches DUPLICATE (its word overlap is 0)."""
    content, grams = mine
    if not content:
        return None
    canonical = "\n".join(sorted(content)) + "\0" + "\n".join(sorted(grams))
    return int.from_bytes(hashlib.sha256(canonical.encode()).digest()[:8], "big", signed=True)


def claim_keys(text, quote=None):
    """The distinct match keys of a claim's text and quote."""
    keys = {match_key(features(text)), match_key(features(quote)) if quote else None}
    keys.discard(None)
    return sorted(keys)


def store_keys(claim, replace=False):
    """Write ``claim``'s match keys (in the caller's transaction): at creation, and with
    ``replace`` after its text or quote changed."""
    if replace:
        ClaimKey.delete().where(ClaimKey.claim == claim.id).execute()
    rows = [{"claim": claim.id, "key": key} for key in claim_keys(claim.text, claim.quote)]
    if rows:
        ClaimKey.insert_many(rows).execute()


# One indexed walk per claim: the oldest ``limit`` claims with the key, leaving out the
# claim itself and its document. Raw SQL, rendered once per engine: the same shape runs
# for every claim of every ingested article.
COPIES = ("(SELECT k.claim_id FROM claim_key k JOIN claim c ON c.id = k.claim_id"
          " WHERE k.key = {p} AND k.claim_id <> {p}"
          " AND (c.document_id IS NULL OR c.document_id <> {p})"
          " ORDER BY k.claim_id LIMIT {p}) AS copies{n}")


def exact_copies(wanted, limit):
    """For ``wanted`` (``[(claim, key)]``), the ids of the ``limit`` oldest claims whose
    text or quote has that key, other than the claim and not from its document: one
    statement, a bounded index walk per claim however many copies exist."""
    if not wanted:
        return []
    param = database.param
    sql = " UNION ALL ".join("SELECT %d AS at, claim_id FROM " % at
                             + COPIES.format(p=param, n=at) for at in range(len(wanted)))
    params = []
    for claim, key in wanted:
        params += [key, claim.id, claim.document_id or 0, limit]
    found = [[] for _ in wanted]
    for at, claim_id in database.execute_sql(sql, params):
        found[at].append(claim_id)
    return [sorted(ids) for ids in found]


def query_words(content, count):
    """The ``count`` longest of a statement's content words (ties alphabetical): the
    search's query. Long words are rarer, so they find the statements sharing them."""
    return sorted(content, key=lambda w: (-len(w), w))[:count]


def scored_candidates(text, *, exclude=None, mine=None):
    """The search's candidates for ``text`` scoring at least MIN_SCORE, as ``[(score,
    claim_id, document_id)]`` best first, ties oldest first. Only the columns scored are
    read. ``mine`` is ``features(text)`` when the caller has it."""
    wanted = query_words(content_words(text), MAX_QUERY_WORDS)
    if not wanted:
        return []
    ids = [claim_id for _, claim_id in candidates(any_of(wanted), CANDIDATES)
           if claim_id != exclude]
    # The query's side is the same for every candidate: compute it once.
    return score_rows(mine or features(text), candidate_rows(ids), {})


def candidate_rows(ids):
    """``{claim_id: (text, quote, document_id)}`` for ``ids``: only the columns scored."""
    if not ids:
        return {}
    rows = (Claim.select(Claim.id, Claim.text, Claim.quote, Claim.document)
            .where(Claim.id.in_(list(ids))).tuples())
    return {claim_id: rest for claim_id, *rest in rows}


def score_rows(mine, rows, known, ids=None):
    """``[(score, claim_id, document_id)]`` of ``rows`` (of ``candidate_rows``; only
    ``ids`` of them if given) scoring at least MIN_SCORE, best first, ties oldest first."""
    scored = []
    for claim_id in rows if ids is None else ids:
        if claim_id not in rows:  # deleted since the search
            continue
        text, quote, document_id = rows[claim_id]
        score = score_texts(mine, text, quote, known)
        if score >= MIN_SCORE:
            scored.append((score, claim_id, document_id))
    scored.sort(key=lambda found: (-found[0], found[1]))
    return scored


def near_duplicates(claims, mine, known, limit, skip=()):
    """For each of ``claims`` (with ``features`` in ``mine``) but those in ``skip``,
    ``{claim_id: score}`` of at most ``limit`` claims of other documents scoring DUPLICATE
    or more among the narrow search's candidates (INGEST_*): one search per claim, its
    own document's claims (those of ``claims``) left out of the ranking, then one read of
    every candidate's text for the whole article."""
    found = {}
    searching = [claim for claim in claims if claim.id not in skip]
    for claim in searching:
        wanted = query_words(mine[claim.id][0], INGEST_WORDS)
        if not wanted:  # no content words: never a duplicate (see match_key)
            found[claim.id] = []
            continue
        own = {claim.id} | {other.id for other in claims
                            if claim.document_id and other.document_id == claim.document_id}
        found[claim.id] = [claim_id for _, claim_id in candidates(
            any_of(wanted), INGEST_CANDIDATES, INGEST_SCAN, exclude=own)]
    rows = candidate_rows({claim_id for ids in found.values() for claim_id in ids})
    duplicates = {}
    for claim in searching:
        kept = duplicates[claim.id] = {}
        for score, other_id, document_id in score_rows(mine[claim.id], rows, known,
                                                       found[claim.id]):
            if len(kept) == limit or score < DUPLICATE:
                break
            if not (claim.document_id and document_id == claim.document_id):
                kept[other_id] = score
    return duplicates


def find_matches(text, *, limit=10, exclude=None, query=None, mine=None):
    """Claims saying the same as ``text``: ``[(claim, score)]`` best first, each scoring
    at least MIN_SCORE. ``query`` loads the claims returned (default: bare claims), only
    those ``limit``; ``mine`` is ``features(text)`` when the caller has it already."""
    scored = scored_candidates(text, exclude=exclude, mine=mine)[:limit]
    if not scored:
        return []
    rows = (query if query is not None else Claim.select()).where(
        Claim.id.in_([claim_id for _, claim_id, _ in scored]))
    loaded = {claim.id: claim for claim in rows}
    return [(loaded[claim_id], score) for score, claim_id, _ in scored if claim_id in loaded]


def score_texts(mine, text, quote, known):
    """The score of a claim against ``features`` of a statement: the better of its text
    and its quote (an extracted claim's quote is usually its text: scored once)."""
    def features_of(value):
        found = known.get(value)
        if found is None:
            found = known[value] = features(value)
        return found

    score = score_features(mine, features_of(text))
    if quote and quote != text:
        score = max(score, score_features(mine, features_of(quote)))
    return score


def mark_likely_duplicates(claims, *, query=None, limit=SHOWN):
    """Set ``likely_duplicates`` on each of ``claims``: the claims from other documents that
    likely say what it says (at most ``limit``, best first, ties oldest first), each with
    ``score`` and ``likely_duplicate`` set. How ingestion marks a claim already seen.

    Exact copies come from the key index (one statement for all ``claims``), however many
    claims share the words; only a claim with fewer than ``limit`` of them goes on to the
    narrow text search for near duplicates (``near_duplicates``). Exact copies score 1.0, the most there is, so
    ``limit`` of them are the answer. The claims shown are loaded once, with ``query``."""
    known = {}
    mine = {claim.id: features(claim.text) for claim in claims}
    keyed = [(claim, match_key(mine[claim.id])) for claim in claims]
    keyed = [(claim, key) for claim, key in keyed if key is not None]
    copies = dict(zip([claim.id for claim, _ in keyed], exact_copies(keyed, limit)))
    searched = near_duplicates(
        [claim for claim, _ in keyed], mine, known, limit,
        skip={claim_id for claim_id, ids in copies.items() if len(ids) >= limit})
    wanted = {other_id for ids in copies.values() for other_id in ids}
    wanted.update(other_id for found in searched.values() for other_id in found)
    loaded = {}
    if wanted:
        rows = (query if query is not None else Claim.select()).where(Claim.id.in_(wanted))
        loaded = {row.id: row for row in rows}
    for claim in claims:
        scores = dict(searched.get(claim.id, {}))
        for other_id in copies.get(claim.id, ()):
            if other_id in loaded and other_id not in scores:
                # Scored, not assumed: a key is a hash, and the score is what is shown.
                other = loaded[other_id]
                scores[other_id] = score_texts(mine[claim.id], other.text, other.quote, known)
        ranked = sorted((item for item in scores.items()
                         if item[1] >= DUPLICATE and item[0] in loaded),
                        key=lambda item: (-item[1], item[0]))[:limit]
        claim.likely_duplicates = []
        for other_id, score in ranked:
            # A row can be shown for several claims, with a score for each: a copy each.
            shown = copy.copy(loaded[other_id])
            shown.score, shown.likely_duplicate = score, True
            claim.likely_duplicates.append(shown)
    return claims


def already_checked(matches):
    """The best likely duplicate with a published verdict, or None."""
    for claim, score in matches:
        if score >= DUPLICATE and claim.published_verdict:
            return claim
    return None
