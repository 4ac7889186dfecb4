"""Streamed export speed and memory: claims per second and peak RSS (issue 7's target:
at least 20,000 claims/s, under 200 MB).

Usage: python -m bench.export [--claims 100000] [--formats json,jsonl,csv]
                             [--database postgresql://postgres@127.0.0.1:5432/test]
(Run as a module: as a script, bench/ comes first on sys.path and bench/http.py hides the
standard library's http package.)
Without --database the claims go into a temporary SQLite file; with a PostgreSQL URL a
schema of its own is created and dropped. The data comes from bench.generate (deterministic).
Each export runs in a fresh process, so its peak RSS is the export's alone; the report is
written to a file, as `claimdesk export` does.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def open_database(url):
    from verify.store import migrate
    from verify.store.db import database, init_database

    init_database(url)
    database.connect(reuse_if_open=True)
    return migrate


def measure(url, fmt, out):
    """Run one export in this process; print 'claims seconds cpu_seconds peak_rss_mb bytes'.
    CPU time is given beside wall time because a shared machine's wall time says as much
    about the neighbours as about the export (the database is in-process for SQLite)."""
    open_database(url)
    from verify.reports import ReportSettings, filtered_report, write

    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    with open(out, "w", encoding="utf-8", newline="") as fh:
        report = filtered_report(ReportSettings())
        count = 0

        def advance(n):
            nonlocal count
            count += n

        report.progress = advance
        write(report, fmt, fh)  # as claimdesk export writes its file
    elapsed = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    print(count, elapsed, cpu, peak_rss_mb(usage), os.path.getsize(out))


def peak_rss_mb(usage):
    """This process's peak RSS. On Linux ru_maxrss survives exec: a child started by a
    parent holding 140 MB (the generator) reports at least that. VmHWM belongs to the
    address space exec made, so it is the export's own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return usage.ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def pg_schema(url):
    import psycopg

    schema = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA %s" % schema)
    return schema, "%s%ssearch_path=%s" % (url, "&" if "?" in url else "?", schema)


def drop_schema(url, schema):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA %s CASCADE" % schema)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--formats", default="json,jsonl,csv")
    parser.add_argument("--database", help="postgresql://… (default: a temporary SQLite file)")
    parser.add_argument("--measure", nargs=3, metavar=("URL", "FORMAT", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        return measure(*args.measure)

    workdir = tempfile.mkdtemp(prefix="claimdesk-bench-")
    schema = None
    if args.database:
        schema, url = pg_schema(args.database)
    else:
        url = "sqlite:///%s" % os.path.join(workdir, "bench.db")
    try:
        migrate = open_database(url)
        migrate.upgrade()
        from bench.generate import generate
        from verify.store.db import database

        start = time.perf_counter()
        with database.connection_context():
            events = generate(args.claims, evidence=(0, 3), published_share=0.3)["event"]
        print("engine      %s" % ("postgresql" if schema else "sqlite"))
        print("generated   %d claims, %d events in %.1f s" % (
            args.claims, events, time.perf_counter() - start))
        database.close()
        print("format  claims    wall s  claims/s  cpu s  claims/cpu-s  peak RSS MB  output MB")
        for fmt in args.formats.split(","):
            out = os.path.join(workdir, "export." + fmt)
            result = subprocess.run(
                [sys.executable, "-m", "bench.export", "--measure", url, fmt, out],
                capture_output=True, text=True, check=True, cwd=ROOT)
            count, seconds, cpu, peak, size = result.stdout.split()
            count, seconds, cpu, peak, size = (int(count), float(seconds), float(cpu),
                                               float(peak), int(size))
            print("%-6s  %-8d  %6.2f  %8.0f  %5.2f  %12.0f  %11.1f  %9.1f" % (
                fmt, count, seconds, count / seconds, cpu, count / cpu, peak, size / 1e6))
            os.remove(out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if schema:
            from verify.store.db import database

            if hasattr(database.obj, "close_all"):
                database.obj.close_all()
            drop_schema(args.database, schema)


if __name__ == "__main__":
    main()
