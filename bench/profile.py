"""Where a request's time goes: profile a scenario in-process, grouped by package.

    python -m bench.profile --database-url sqlite:///instance/bench.db --scenario claim

Runs the scenario's requests through Flask's test client (no network, no gunicorn) under
cProfile and attributes each function's own time to the package it lives in, so a gap to
the bare Flask app is explained by measurement rather than guessed.
"""
import argparse
import collections
import cProfile
import os
import pstats
import time

from bench.http import SCENARIOS, bench_token, sample_claims
from verify.store.db import database

GROUPS = (
    ("sqlite3", "sqlite3 (C: executing SQL, opening connections)"),
    ("psycopg", "psycopg (PostgreSQL driver)"),
    ("peewee", "peewee (building SQL, turning rows into models)"),
    ("marshmallow", "marshmallow (dumping the response)"),
    ("flask_smorest", "flask-smorest / webargs / apispec"),
    ("webargs", "flask-smorest / webargs / apispec"),
    ("werkzeug", "werkzeug + flask (routing, request, response)"),
    ("flask", "werkzeug + flask (routing, request, response)"),
    ("json", "json (encoding the body)"),
    ("/api/", "claimdesk api/"),
    ("/verify/", "claimdesk verify/"),
)


def group_of(filename, name):
    where = filename + " " + name
    for needle, label in GROUPS:
        if needle in where:
            return label
    return "other (Python runtime, hashlib, datetime…)"


def profile(app, paths, headers, requests):
    client = app.test_client()
    for path in paths[:10]:
        client.get(path, headers=headers)  # warm caches and the token's last_used_at
    # CPU time of this one thread: unlike wall time it hardly moves when other processes
    # compete for the cores (in-process SQLite runs on this thread too).
    started = time.thread_time()
    for i in range(requests):
        client.get(paths[i % len(paths)], headers=headers)
    plain = (time.thread_time() - started) / requests
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(requests):
        client.get(paths[i % len(paths)], headers=headers)
    profiler.disable()
    totals = collections.Counter()
    stats = pstats.Stats(profiler).stats
    for (filename, _, name), (_, _, own, _, _) in stats.items():
        totals[group_of(filename, name)] += own
    return plain, totals


def bare_cpu(body, requests):
    """CPU per request of a bare Flask app answering ``body``, through the test client."""
    from flask import Flask, Response

    bare = Flask("bare")
    bare.add_url_rule("/<path:path>", "constant",
                      lambda path: Response(body, mimetype="application/json"))
    client = bare.test_client()
    started = time.thread_time()
    for _ in range(requests):
        client.get("/x")
    return (time.thread_time() - started) / requests


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:///instance/bench.db")
    parser.add_argument("--scenario", action="append")
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args(argv)
    os.environ["CLAIMDESK_DATABASE_URL"] = args.database_url
    os.environ.setdefault("CLAIMDESK_LOG_LEVEL", "WARNING")
    from api import create_app

    app = create_app()
    with app.app_context():
        database.connect(reuse_if_open=True)
        headers = {"Authorization": "Bearer %s" % bench_token()}
        ids = sample_claims()
        database.close()
    for scenario in SCENARIOS:
        if args.scenario and scenario.name not in args.scenario:
            continue
        paths = scenario.paths(ids)
        plain, totals = profile(app, paths, dict(headers, **scenario.headers), args.requests)
        whole = sum(totals.values())
        body = app.test_client().get(paths[0], headers=headers).get_data()
        bare = bare_cpu(body, args.requests)
        print("\n%s: %.2f ms CPU per request (bare Flask, same body: %.2f ms; ratio %.2f); "
              "under the profiler:" % (scenario.name, plain * 1000, bare * 1000, bare / plain))
        for label, seconds in totals.most_common():
            print("  %5.1f%%  %6.2f ms  %s" % (100 * seconds / whole,
                                               1000 * seconds / args.requests, label))


if __name__ == "__main__":
    main()
