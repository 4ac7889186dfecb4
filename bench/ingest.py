"""Ingest N articles through the API, extraction included, and time it.

    python -m bench.ingest --articles 1000 [--near | --corpus PATH] [--phases]
                           [--database-url sqlite:////tmp/ingest.db]

The articles are the seed article with a numbered lead sentence (distinct texts, the same
statements), posted with the Flask test client to a freshly migrated database, so the
figure is the application's own cost: validation, extraction, claims, events, matching.

Every statement is then an exact copy of the ones before, which the match-key index
answers. ``--near`` writes the article's number after every "the", "with" and "in", so
each statement is a near duplicate of the earlier ones (scores 0.6 to 0.93) and never an
exact copy: every claim goes through the text search, the slow path of matching.
``--corpus PATH`` ingests real, distinct articles instead: the ``text`` of each line of a
JSON Lines file (e.g. ../shared/eval/polnear/train.jsonl, read at run time and never
copied into the repository), in order; with fewer lines than ``--articles`` it starts
again from the first line, each text of a later pass under a numbered lead (as the seed
article is) so that it is a new document whose statements are exact copies.
``--phases`` adds the wall and thread CPU time spent in each phase of ingestion.
"""
import argparse
import collections
import functools
import json
import os
import re
import tempfile
import time

import verify.intake.ingest
import verify.newsroom.matching
from api import create_app
from verify.intake.seed import SEEDS
from verify.store import migrate
from verify.store.db import database
from verify.users import create_user

NEAR = re.compile(r"\b(the|The|with|in)\b")
# (module, function, label): the phases timed by --phases, nested ones indented.
PHASES = (
    (verify.intake.ingest, "record_document", "record_document"),
    (verify.intake.ingest, "extracted_claims", "extraction"),
    (verify.intake.ingest, "create_claim", "create_claim"),
    (verify.intake.ingest, "mark_likely_duplicates", "mark_likely_duplicates"),
    (verify.newsroom.matching, "exact_copies", "  exact copies (key index)"),
    (verify.newsroom.matching, "near_duplicates", "  search and scoring"),
    (verify.newsroom.matching, "candidates", "    FTS query"),
)


def time_phases():
    """Wrap each phase's function to add up its wall and thread CPU time; returns the
    table ``{label: [wall, cpu, calls]}``. (Not cProfile: its overhead is per call.)"""
    table = collections.OrderedDict((label, [0.0, 0.0, 0]) for _, _, label in PHASES)
    for module, name, label in PHASES:
        def timed(*args, _real=getattr(module, name), _row=table[label], **kwargs):
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                result = _real(*args, **kwargs)
                # A generator (extraction) does its work when read.
                return list(result) if hasattr(result, "__next__") else result
            finally:
                _row[0] += time.perf_counter() - started
                _row[1] += time.thread_time() - cpu
                _row[2] += 1
        setattr(module, name, functools.wraps(getattr(module, name))(timed))
    return table


# What the API refuses in a text (api.schemas.CONTROL): a few corpus texts carry some.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def corpus_texts(path):
    """The ``text`` of each line of a JSON Lines file, blank lines skipped, control
    characters other than line breaks and tabs replaced by spaces."""
    with open(path, encoding="utf-8") as fh:
        texts = [CONTROL.sub(" ", json.loads(line)["text"]) for line in fh if line.strip()]
    if not texts:
        raise SystemExit("%s: no articles" % path)
    return texts


def articles(args):
    """The ``args.articles`` texts to ingest, in order."""
    if args.corpus:
        texts = corpus_texts(args.corpus)
        for n in range(args.articles):
            text = texts[n % len(texts)]
            yield text if n < len(texts) else "Dispatch %d. %s" % (n, text)
        return
    with open(os.path.join(SEEDS, "pakistan-taliban-talks-collapse.txt"), encoding="utf-8") as fh:
        article = fh.read()
    for n in range(args.articles):
        text = "Dispatch %d. %s" % (n, article)
        if args.near:
            text = NEAR.sub(lambda found, n=n: "%s %d" % (found.group(1), n), text)
        yield text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--near", action="store_true",
                        help="near duplicates rather than exact copies of the statements")
    parser.add_argument("--corpus", metavar="PATH",
                        help="ingest the texts of a JSON Lines file ({\"text\": ...} a line)")
    parser.add_argument("--phases", action="store_true",
                        help="print the time spent in each phase of ingestion")
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    if args.near and args.corpus:
        parser.error("--near and --corpus are alternatives")
    url = args.database_url or "sqlite:///%s" % os.path.join(tempfile.mkdtemp(), "ingest.db")
    app = create_app({"DATABASE_URL": url, "QUEUE_URL": "immediate"})
    with app.app_context():
        database.connect(reuse_if_open=True)
        migrate.upgrade()
        _, (_, token) = create_user(name="bench-ingest", role="factchecker")
        database.close()
    client = app.test_client()
    headers = {"Authorization": "Bearer " + token}
    claims = size = known = 0
    texts = list(articles(args))
    phases = time_phases() if args.phases else None
    started, cpu = time.perf_counter(), time.process_time()
    for n, text in enumerate(texts):
        size += len(text.encode())
        response = client.post("/api/v1/documents", json={"text": text}, headers=headers)
        # 200: a text already ingested (a corpus may hold one twice), so no new claims.
        known += response.status_code == 200
        if response.status_code not in (200, 201):
            raise SystemExit("article %d: %d %s" % (n, response.status_code, response.data[:300]))
        claims += len(response.get_json()["claims"])
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    size /= 1024
    kind = "near-duplicate " if args.near else "corpus " if args.corpus else ""
    print("ingested %d %sarticles (%.0f KB, %d claims%s) in %.1f s wall, %.1f s CPU: "
          "%.1f articles/s" % (args.articles, kind, size, claims,
                               ", %d texts already known" % known if known else "",
                               wall, cpu, args.articles / wall))
    if phases:
        print("%-30s %8s %8s %6s %6s" % ("phase", "wall s", "CPU s", "CPU", "calls"))
        for label, (spent, used, calls) in phases.items():
            print("%-30s %8.2f %8.2f %5.1f%% %6d" % (label, spent, used, 100 * used / cpu, calls))


if __name__ == "__main__":
    main()
