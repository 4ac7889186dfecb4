"""Search and matching latency over N synthetic claims (deterministic, random.Random(42)).

Usage: python -m bench.newsroom_search [DATABASE_URL] [N]   (from the repository root)
Default: a SQLite file in a temporary directory, N = 100000. For PostgreSQL give a server
URL (e.g. postgresql://postgres@127.0.0.1:5432/test): a scratch schema is created and
dropped. Prints the median and p95 of 20 runs (after a warm-up) of the first page of 50
for each query.
"""
import os
import random
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from api import create_app  # noqa: E402
from verify.claims import list_claims  # noqa: E402
from verify.models import Claim  # noqa: E402
from verify.newsroom import matching  # noqa: E402
from verify.store import migrate  # noqa: E402
from verify.store.db import database, utcnow  # noqa: E402

QUERIES = [
    ("the (every claim)", {"q": "the"}),
    ("the, state=published", {"q": "the", "state": "published"}),
    ("w17 (rare word)", {"q": "w17"}),
    ('"unemployment fell" (1%)', {"q": '"unemployment fell"'}),
    ("the -said (no match)", {"q": "the -said"}),
    ("w12* (prefix of 111 words)", {"q": "w12*"}),
]


def load(n):
    rng, now = random.Random(42), utcnow()
    words = ["w%d" % i for i in range(5000)]
    with database.atomic():
        for start in range(0, n, 1000):
            Claim.insert_many([{
                "text": "the %s said %s" % (
                    " ".join(rng.choice(words) for _ in range(12)),
                    "unemployment fell by half" if i % 100 == 0 else "x"),
                "state": "published" if i % 7 == 0 else "unreviewed", "version": 1,
                "created_at": now, "updated_at": now,
            } for i in range(start, min(start + 1000, n))]).execute()


def timed(fn, reps=20):
    """Median and p95 in ms of ``reps`` runs after one warm-up run."""
    fn()
    times = []
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]


def main(url=None, n=100000):
    schema = None
    if url and not url.startswith("sqlite"):
        import psycopg

        schema = "bench_" + uuid.uuid4().hex[:8]
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA %s" % schema)
        url = "%s%ssearch_path=%s" % (url, "&" if "?" in url else "?", schema)
    url = url or "sqlite:///%s/bench.db" % tempfile.mkdtemp()
    create_app({"DATABASE_URL": url, "QUEUE_URL": "immediate"})
    try:
        migrate.upgrade()
        started = time.perf_counter()
        load(n)
        if schema:
            database.execute_sql("ANALYZE claim; ANALYZE claim_search")  # as autovacuum would
        print("%s: %d claims loaded in %.1f s" % (url.split(":")[0], n,
                                                 time.perf_counter() - started))
        for name, args in QUERIES:
            print("  %-30s p50 %6.1f ms  p95 %6.1f ms"
                  % (name, *timed(lambda: list_claims(limit=50, **args))))
        text = "the unemployment fell by half, the minister said"
        print("  %-30s p50 %6.1f ms  p95 %6.1f ms"
              % ("claim matching", *timed(lambda: matching.find_matches(text))))
    finally:
        database.close()
        if schema:
            if hasattr(database.obj, "close_all"):
                database.obj.close_all()
            with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
                conn.execute("DROP SCHEMA %s CASCADE" % schema)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None,
         int(sys.argv[2]) if len(sys.argv) > 2 else 100000)
