"""Full-text search over claims: one query syntax, compiled for SQLite FTS5 or PostgreSQL.

Syntax (the same on both engines; docs/NEWSROOM.md):
    word            claims containing the word (case-insensitive, no stemming)
    "two words"     the words next to each other, in that order
    word*           words starting with ``word`` (at least three letters before the *)
    -word, -"a b"   claims without the word or phrase
Terms are ANDed. Anything else (parentheses, colons, operators of either engine) is
punctuation: user input never reaches the engine's query language except as the letters
and digits of quoted terms, so no query can be malformed for the engine.

Ranking: bm25 on SQLite, ts_rank on PostgreSQL, both weighting text over quote over
speaker. The work is bounded twice: only the SCAN newest matches are ranked, and only
the CANDIDATES best of them are kept; the list filters and the cursor then apply inside
that set. So a query on a word found in every claim costs the same at 100k claims as at
10k, and a result list is at most CANDIDATES long.
"""
import base64
import binascii
import json
import re
from dataclasses import dataclass

from ..errors import ValidationFailed
from ..models import Claim
from ..store.db import database, is_sqlite

CANDIDATES = 1000
# Matches considered for ranking, newest first (see candidates()).
SCAN = 10000
MAX_TERMS = 16
# Shorter prefixes expand to too many words to merge quickly (no prefix index).
MIN_PREFIX = 3
MAX_PHRASE_WORDS = 12
# Words as both engines' tokenizers see them: runs of letters and digits.
WORD = re.compile(r"[^\W_]+")
PREFIX = re.compile(r"[^\W_]\*+$")
CHUNK = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


@dataclass(frozen=True)
class Term:
    words: tuple
    negated: bool = False
    prefix: bool = False
    optional: bool = False  # matching ORs its terms; search ANDs them


def parse(text):
    """The terms of a user query, or ValidationFailed on {"q": reason}."""
    terms = []
    for minus, quoted, bare in CHUNK.findall(text or ""):
        raw = quoted if quoted or bare == "" else bare
        words = tuple(w.lower() for w in WORD.findall(raw))[:MAX_PHRASE_WORDS]
        if not words:
            continue
        prefix = bool(PREFIX.search(bare)) and len(words[-1]) >= MIN_PREFIX
        terms.append(Term(words, negated=bool(minus), prefix=prefix))
    if not terms:
        raise ValidationFailed({"q": "Give at least one word to search for."}, location="query")
    if len(terms) > MAX_TERMS:
        raise ValidationFailed({"q": "At most %d terms." % MAX_TERMS}, location="query")
    if all(term.negated for term in terms):
        raise ValidationFailed({"q": "Exclusions alone match nothing: add a word to find."},
                               location="query")
    return terms


def any_of(words):
    """Terms that match claims with any of ``words`` (claim matching's candidates)."""
    return [Term((word,), optional=True) for word in words]


def fts5(terms):
    """An FTS5 MATCH expression. Words are [^\\W_]+ only, so quoting them is enough."""
    def one(term):
        return '"%s"%s' % (" ".join(term.words), " *" if term.prefix else "")

    wanted = [one(t) for t in terms if not t.negated]
    joiner = " OR " if any(t.optional for t in terms) else " AND "
    expression = "(%s)" % joiner.join(wanted)
    for term in terms:
        if term.negated:
            expression += " NOT " + one(term)
    return expression


def tsquery(terms):
    """A to_tsquery('simple', …) expression; words are quoted lexemes."""
    def one(term):
        lexemes = ["'%s'" % word for word in term.words]
        if term.prefix:
            lexemes[-1] += ":*"
        return "(%s)" % " <-> ".join(lexemes)

    wanted = [one(t) for t in terms if not t.negated]
    joiner = " | " if any(t.optional for t in terms) else " & "
    expression = "(%s)" % joiner.join(wanted)
    for term in terms:
        if term.negated:
            expression += " & !" + one(term)
    return expression


def candidates(terms, limit=None, scan=None, exclude=()):
    """The best matches as ``[(rank, claim_id)]``, best first; lower rank is better.

    Only the ``scan`` newest matches are ranked: ranking reads every match, so a word in
    every claim would otherwise cost a pass over the whole table. Claims whose ids are in
    ``exclude`` are neither ranked nor counted (a claim's own document, for matching).
    """
    limit, scan = limit or CANDIDATES, scan or SCAN
    # Ids are integers (formatted with %d), so the list is safe as a literal.
    unwanted = ",".join("%d" % claim_id for claim_id in sorted(exclude))
    if is_sqlite():
        match = fts5(terms)
        besides = " AND rowid NOT IN (%s)" % unwanted if unwanted else ""
        # Walking the index newest first is cheap; the scan-th match bounds the ranking.
        floor = database.execute_sql(
            "SELECT rowid FROM claim_fts WHERE claim_fts MATCH ?%s "
            "ORDER BY rowid DESC LIMIT 1 OFFSET ?" % besides, (match, scan - 1)).fetchone()
        sql = ("SELECT bm25(claim_fts, 4.0, 2.0, 1.0) AS rank, rowid FROM claim_fts "
               "WHERE claim_fts MATCH ? AND rowid >= ?%s ORDER BY rank, rowid LIMIT ?"
               % besides)
        params = (match, floor[0] if floor else 0, limit)
    else:
        besides = " AND id NOT IN (%s)" % unwanted if unwanted else ""
        # The query goes in as a literal, not a parameter: psycopg prepares a statement
        # run five times, and PostgreSQL's generic plan for an unknown tsquery walks the
        # whole table by id (50 ms at 100k claims) where the GIN index takes 2 ms. Safe:
        # tsquery() emits only quoted runs of letters and digits and operators, and the
        # one quote character is doubled here. float8 keeps the rank exact in a cursor.
        sql = ("SELECT (-ts_rank(search_vector, q, 1))::float8 AS rank, id FROM ("
               "  SELECT id, search_vector, q"
               "  FROM claim_search, to_tsquery('simple', '%s') AS q"
               "  WHERE search_vector @@ q%s ORDER BY id DESC LIMIT %d) AS newest "
               "ORDER BY rank, id LIMIT %d" % (tsquery(terms).replace("'", "''"), besides,
                                               int(scan), int(limit)))
        params = ()
    return [(rank, claim_id) for rank, claim_id in database.execute_sql(sql, params)]


def encode_cursor(rank, claim_id):
    raw = json.dumps({"rank": rank, "after": claim_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    invalid = ValidationFailed({"cursor": "Not a cursor from a previous page of this search."},
                               location="query")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        rank, after = data["rank"], data["after"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        raise invalid
    if not isinstance(rank, (int, float)) or isinstance(rank, bool) or \
            not isinstance(after, int) or isinstance(after, bool):
        raise invalid
    return float(rank), after


def search_page(q, conditions=(), cursor=None, limit=50):
    """One page of claim ids matching ``q`` and ``conditions``, best first, and the
    cursor of the next page (keyset on (rank, id) inside the candidate set)."""
    terms = parse(q)
    after = decode_cursor(cursor) if cursor else None
    hits = candidates(terms)
    if conditions and hits:
        query = Claim.select(Claim.id).where(Claim.id.in_([i for _, i in hits]), *conditions)
        keep = {claim_id for (claim_id,) in query.tuples()}
        hits = [hit for hit in hits if hit[1] in keep]
    if after is not None:
        hits = [hit for hit in hits if hit > after]
    if len(hits) > limit:
        return [i for _, i in hits[:limit]], encode_cursor(*hits[limit - 1])
    return [i for _, i in hits], None
