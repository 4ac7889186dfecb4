"""Ingestion's narrow search for near duplicates (INGEST_WORDS longest words, INGEST_SCAN
newest matches ranked, INGEST_CANDIDATES scored) against the wide one POST /claims/match
runs (and ingestion ran before): on a synthetic archive of statements, how many of the
near duplicates the wide search finds does the narrow one still find?

The texts are made up here from a word list with Zipf-like frequencies, shuffled so that
a word's length says nothing about how common it is (the narrow search takes the longest
words as the rarest: this archive gives it no help). Each probe is an edited copy of an
archived statement (a word or two replaced, dropped or added: scores 0.6 to 0.97), and
the archive also holds "cousins" of each statement sharing a third to a half of its
words, which rank high without being duplicates."""
import random


from tests.newsroom_helpers import make_document
from verify.claims import create_claim
from verify.newsroom.matching import (
    DUPLICATE,
    SHOWN,
    mark_likely_duplicates,
    scored_candidates,
    similarity,
)
from verify.store.db import database

WORDS = """
budget deficit council minister election turnout hospital waiting list teachers salaries
pension reform inflation wages rent housing permits harbour bridge tunnel railway tickets
fares buses electricity prices gas imports exports farmers subsidies fishing quotas forest
fires drought reservoir water police officers crime burglary prison sentences court judges
asylum applications border checks customs tariffs steel factory jobs unemployment benefit
students tuition university research grants vaccine doses clinics nurses ambulance response
times broadband coverage villages roads potholes cyclists accidents speed cameras airport
runway flights emissions carbon solar panels wind turbines coal mines refinery oil taxes
corporate profits banks mortgages savings interest rates debt bonds auditors contracts
procurement consultants spending defence soldiers veterans embassy treaty sanctions refugees
""".split()
STOP = "the of and to in a that was by for".split()


def archive(seed, statements, cousins):
    """``(bases, background)``: statements to be near-duplicated, and the other claims."""
    rng = random.Random(seed)
    vocabulary = list(dict.fromkeys(WORDS))
    rng.shuffle(vocabulary)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]

    def statement(size):
        words = rng.choices(vocabulary, weights, k=size)
        return " ".join(word + (" " + rng.choice(STOP) if rng.random() < 0.4 else "")
                        for word in words).capitalize() + "."

    bases = [statement(rng.randint(9, 15)) for _ in range(statements)]
    background = [statement(rng.randint(6, 15)) for _ in range(statements)]
    for base in bases:
        for _ in range(cousins):
            kept = [w for w in base.rstrip(".").split() if rng.random() < 0.4]
            background.append(" ".join(kept + statement(rng.randint(4, 8)).split()))
    rng.shuffle(background)
    return bases, background, rng, vocabulary, weights


def near_copy(base, rng, vocabulary, weights):
    """An edited copy of ``base`` scoring DUPLICATE or more but below 1.0, or None."""
    words = base.rstrip(".").split()
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(words))
        edit = rng.choice(("replace", "drop", "add"))
        if edit == "drop" and len(words) > 4:
            del words[at]
        else:
            new = rng.choices(vocabulary, weights)[0]
            words[at:at + (edit == "replace")] = [new]
    text = " ".join(words) + "."
    return text if DUPLICATE <= similarity(base, text) < 1.0 else None


def kept_share(statements, cousins, seed=11, per_article=8):
    """``(found by the wide search, of them still found by ingestion, probes)``."""
    bases, background, rng, vocabulary, weights = archive(seed, statements, cousins)
    with database.atomic():
        archived = [create_claim(actor=None, text=text, document_id=make_document(
            "Archive %d" % n)) for n, text in enumerate(bases)]
        for text in background:
            create_claim(actor=None, text=text)
    probes = []
    for base in archived:
        text = near_copy(base.text, rng, vocabulary, weights)
        if text:
            probes.append(text)
    wide = narrow = kept = 0
    for start in range(0, len(probes), per_article):
        document_id = make_document("Article %d" % start)
        claims = [create_claim(actor=None, text=text, document_id=document_id)
                  for text in probes[start:start + per_article]]
        before = {}
        for claim in claims:  # the wide search, as ingestion ran it before
            before[claim.id] = [other_id for score, other_id, other_document in
                                scored_candidates(claim.text, exclude=claim.id)
                                if score >= DUPLICATE and other_document != document_id
                                ][:SHOWN]
        mark_likely_duplicates(claims)
        for claim in claims:
            now = {other.id for other in claim.likely_duplicates}
            wide += len(before[claim.id])
            narrow += len(now)
            kept += len(now & set(before[claim.id]))
    return wide, kept, narrow, len(probes)


def test_the_narrow_search_keeps_the_near_duplicates_the_wide_one_finds(db):
    # 80 statements, 80 others and 6 cousins each: 640 archived claims, about 75 probes.
    # (statements=300, cousins=10: 357 found by the wide search, 345 kept, 96.6%.)
    wide, kept, narrow, probes = kept_share(statements=80, cousins=6)
    assert probes >= 60 and wide >= probes
    # Nearly all kept; the narrow search finds nothing the wide one would not (beyond
    # what its own document's claims crowded out of the wide list).
    assert kept / wide >= 0.9 and narrow - kept <= 2, (wide, kept, narrow, probes)
