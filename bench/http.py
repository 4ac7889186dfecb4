"""HTTP benchmark: claimdesk against the framework's ceiling, side by side in one run.

    python -m bench.http --database-url sqlite:///instance/bench.db

Serves claimdesk (``wsgi:app``) and ``bench.bare`` (a Flask app answering a constant JSON
document of the same bytes as the endpoint's response) with the same gunicorn gthread
settings, drives each scenario against both with a load generator on loopback (wrk when
installed, else a keep-alive Python client), and prints requests/s, p50 and p99 for each
and the ratio. Absolute figures drift on shared machines; the ratio is the result.

A scenario is one entry in SCENARIOS: a name, what it measures, and a function giving the
paths to request (rotated) from the data in the database.
"""
import argparse
import contextlib
import dataclasses
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from bench import loadgen
from verify.models import Claim, User
from verify.store.db import database, init_database
from verify.users import create_token, create_user

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@dataclasses.dataclass
class Scenario:
    name: str
    description: str
    paths: object  # callable(sample) -> list of request paths
    headers: dict = dataclasses.field(default_factory=dict)
    status: int = 200
    # Revalidate one path with If-None-Match set to the ETag it answers with (304s).
    revalidate: bool = False


def sample_claims(count=100, seed=42):
    """Ids of ``count`` claims spread over the table (deterministic)."""
    low = Claim.select(Claim.id).order_by(Claim.id).limit(1).scalar()
    high = Claim.select(Claim.id).order_by(Claim.id.desc()).limit(1).scalar()
    if low is None:
        sys.exit("no claims: run python -m bench.generate first")
    rng = random.Random(seed)
    return [rng.randint(low, high) for _ in range(count)]


SCENARIOS = [
    Scenario("claim", "GET one claim with its evidence and their sources",
             lambda ids: ["/api/v1/claims/%d" % i for i in ids]),
    Scenario("claims_page", "GET a page of 50 claims (keyset cursor into the table)",
             lambda ids: ["/api/v1/claims?limit=50&cursor=%s" % cursor(i) for i in ids]),
    Scenario("status", "GET the status of one claim (what newsroom tools poll)",
             lambda ids: ["/api/v1/status?ids=%d" % i for i in ids]),
    Scenario("status_304", "revalidate one claim's status with If-None-Match (304)",
             lambda ids: ["/api/v1/status?ids=%d" % ids[0]], status=304, revalidate=True),
]


def cursor(after):
    from verify.store.pages import encode_cursor

    return encode_cursor(after)


def bench_token():
    """A viewer token for the benchmark (a new one per run; only its hash is stored)."""
    user = User.get_or_none(User.name == "bench-reader")
    if user is None:
        return create_user(name="bench-reader", role="viewer")[1][1]
    return create_token(user.id, "bench")[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def group_cpu(group):
    """CPU seconds (user + system) used so far by the processes of a process group (the
    gunicorn master and its workers), from Linux's /proc; None where there is none."""
    if not os.path.isdir("/proc"):
        return None
    ticks = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as handle:
                # After "pid (name)": state, ppid, pgrp, ... utime and stime at 11 and 12.
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[2]) == group:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def measure(tool, server, paths, headers, connections, duration):
    """One load-generator measurement, with the CPU the server's processes spent per
    request (``cpu_ms``): unlike requests/s it hardly moves when other processes
    compete for the cores, so it shows the cost of a request on a loaded machine."""
    base, group = server
    before = group_cpu(group)
    figure = loadgen.measure(tool, base, paths, headers, connections=connections,
                             duration=duration)
    after = group_cpu(group)
    figure["cpu_ms"] = (1000 * (after - before) / figure["requests"]
                        if before is not None and figure["requests"] else None)
    return figure


@contextlib.contextmanager
def gunicorn(target, env, workers, threads):
    """Serve ``target`` on a free loopback port; yields ``(base URL, process group)``."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--worker-class", "gthread",
               "--workers", str(workers), "--threads", str(threads),
               "--bind", "127.0.0.1:%d" % port, "--log-level", "warning", target]
    process = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ, **env),
                               start_new_session=True)
    base = "http://127.0.0.1:%d" % port
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except urllib.error.HTTPError:  # it answers: up (the bare app may answer 304)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn %s did not start" % target)
                time.sleep(0.2)
        yield base, process.pid  # started in a new session: its own process group
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def fetch(base, path, headers):
    """``(status, body, headers)`` of one request."""
    request = urllib.request.Request(base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def run(args):
    init_database(args.database_url)
    database.connect(reuse_if_open=True)
    token = bench_token()
    ids = sample_claims()
    database.close()
    headers = {"Authorization": "Bearer %s" % token}
    env = {"CLAIMDESK_DATABASE_URL": args.database_url, "CLAIMDESK_LOG_LEVEL": "WARNING"}
    chosen = [s for s in SCENARIOS if not args.scenario or s.name in args.scenario]
    unknown = set(args.scenario or ()) - {s.name for s in SCENARIOS}
    if unknown:
        sys.exit("unknown scenario(s): %s" % ", ".join(sorted(unknown)))
    tool = loadgen.pick(args.loadgen)
    results = []
    print("load generator: %s; %d connections, %d s per measurement; gunicorn gthread "
          "%d workers x %d threads" % (tool, args.connections, args.duration, args.workers,
                                        args.threads), flush=True)
    with gunicorn("wsgi:app", env, args.workers, args.threads) as app_server:
        app_base = app_server[0]
        for scenario in chosen:
            paths = scenario.paths(ids)
            all_headers = dict(headers, **scenario.headers)
            if scenario.revalidate:
                all_headers["If-None-Match"] = fetch(app_base, paths[0], all_headers)[2]["ETag"]
            status, body, _ = fetch(app_base, paths[0], all_headers)
            if status != scenario.status:
                raise RuntimeError("%s answered %d: %s" % (paths[0], status, body[:300]))
            with tempfile.NamedTemporaryFile(suffix=".json") as handle:
                handle.write(body)
                handle.flush()
                bare_env = {"BENCH_BODY_FILE": handle.name, "BENCH_STATUS": str(scenario.status)}
                with gunicorn("bench.bare:app", bare_env, args.workers, args.threads) as bare:
                    servers = (("claimdesk", app_server), ("bare flask", bare))
                    for label, server in servers:
                        loadgen.measure(tool, server[0], paths, all_headers,
                                        connections=args.connections,
                                        duration=min(2, args.duration))  # warm-up, discarded
                    # Alternated: load from other processes on the machine drifts over
                    # seconds, so each round's ratio compares two neighbouring measurements.
                    rounds = []
                    for _ in range(args.rounds):
                        rounds.append({label: measure(tool, server, paths, all_headers,
                                                      args.connections, args.duration)
                                       for label, server in servers})
            results.append(report(scenario, len(body), rounds))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"load_generator": tool, "connections": args.connections,
                       "duration": args.duration, "rounds": args.rounds,
                       "workers": args.workers,
                       "threads": args.threads, "results": results}, handle, indent=2)
    return results


def median(values):
    values = list(values)
    return None if None in values else statistics.median(values)


def report(scenario, size, rounds):
    """Print one scenario's figures: with several rounds, the median of each figure and
    of the per-round ratios (and their range)."""
    for figures in rounds:
        for label, figure in figures.items():
            if figure["errors"]:
                raise RuntimeError("%s: %d requests to %s failed" % (
                    scenario.name, figure["errors"], label))
    ratios = sorted(f["claimdesk"]["rps"] / f["bare flask"]["rps"] if f["bare flask"]["rps"]
                    else 0.0 for f in rounds)
    ratio = statistics.median(ratios)
    figures = {label: {key: median(f[label][key] for f in rounds) for key in rounds[0][label]}
               for label in rounds[0]}
    app, bare = figures["claimdesk"], figures["bare flask"]
    print("\n%s: %s (%d-byte response)" % (scenario.name, scenario.description, size))
    print("  %-11s %10s %9s %9s %13s" % ("", "req/s", "p50 ms", "p99 ms", "CPU ms/req"))
    for label, figure in figures.items():
        print("  %-11s %10.0f %9.2f %9.2f %13s" % (
            label, figure["rps"], figure["p50"], figure["p99"],
            "-" if figure["cpu_ms"] is None else "%.3f" % figure["cpu_ms"]))
    spread = "" if len(ratios) == 1 else "  median of %d rounds, %.2f-%.2f" % (
        len(ratios), ratios[0], ratios[-1])
    print("  ratio       %10.2f  (claimdesk / bare flask throughput)%s" % (ratio, spread))
    cpu_ratio = None
    if app["cpu_ms"] and bare["cpu_ms"]:
        cpu_ratio = bare["cpu_ms"] / app["cpu_ms"]
        print("  CPU ratio   %10.2f  (bare / claimdesk server CPU per request)" % cpu_ratio)
    sys.stdout.flush()
    return {"scenario": scenario.name, "description": scenario.description, "bytes": size,
            "claimdesk": app, "bare": bare, "ratio": round(ratio, 3),
            "round_ratios": [round(r, 3) for r in ratios],
            "cpu_ratio": None if cpu_ratio is None else round(cpu_ratio, 3)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:///instance/bench.db")
    parser.add_argument("--scenario", action="append",
                        help="run only this scenario (repeatable): %s" % ", ".join(
                            s.name for s in SCENARIOS))
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=1, help="alternate claimdesk and bare "
                        "this many times; figures are medians, the ratio the median ratio")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="as in `make run`")
    parser.add_argument("--threads", type=int, default=8, help="as in `make run`")
    parser.add_argument("--loadgen", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--json", help="also write the figures to this file")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
