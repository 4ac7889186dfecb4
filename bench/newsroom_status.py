"""Status serialisation of 100 claims: hand-built dicts against a marshmallow dump.

Usage: python -m bench.newsroom_status   (from the repository root; SQLite in a temp dir)
"""
import os
import sys
import tempfile
import timeit

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from api import create_app  # noqa: E402
from api.newsroom_schemas import StatusSchema  # noqa: E402
from verify.claims import create_claim  # noqa: E402
from verify.models import Claim  # noqa: E402
from verify.newsroom import status  # noqa: E402
from verify.store import migrate  # noqa: E402


def main(runs=200):
    app = create_app({"DATABASE_URL": "sqlite:///%s/b.db" % tempfile.mkdtemp(),
                      "QUEUE_URL": "immediate"})
    with app.test_request_context():
        migrate.upgrade()
        ids = [create_claim(actor=None, text="claim %d" % n).id for n in range(100)]
        Claim.update(published_verdict="false", state="published").where(
            Claim.id % 2 == 0).execute()
        rows, _ = status.status_by_ids(ids)
        scale, schema = app.config["VERDICT_SCALE"], StatusSchema(many=True)

        def lean():
            return [status.status_dict(r, scale, "http://x/%d", "http://y/%d") for r in rows]

        for name, fn in (("query (100 ids)", lambda: status.status_by_ids(ids)),
                         ("hand-built dicts", lean),
                         ("dicts + marshmallow dump", lambda: schema.dump(lean()))):
            print("%-26s %.3f ms" % (name, timeit.timeit(fn, number=runs) / runs * 1000))


if __name__ == "__main__":
    main()
