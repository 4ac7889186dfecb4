"""Load generators for bench.http: wrk when installed, else keep-alive Python threads.

Both rotate through a list of paths with the same headers and report
``{"rps", "p50", "p99", "requests", "errors"}`` (latencies in milliseconds). wrk is far
cheaper per request, so figures from the two are not comparable with each other; the
ratio between claimdesk and the bare app, measured with the same tool, is.
"""
import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from urllib.parse import urlsplit

LUA = """
paths = {%s}
headers = {%s}
counter = 0
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter], headers)
end
"""


def pick(choice="auto"):
    if choice in ("auto", "wrk") and shutil.which("wrk"):
        return "wrk"
    if choice == "wrk":
        raise SystemExit("wrk is not installed (apt-get install wrk), or use --loadgen python")
    return "python"


def measure(tool, base, paths, headers, connections=16, duration=10):
    if tool == "wrk":
        return measure_wrk(base, paths, headers, connections, duration)
    return measure_python(base, paths, headers, connections, duration)


def lua_string(value):
    return '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}


def milliseconds(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNITS[unit]


def measure_wrk(base, paths, headers, connections, duration):
    script = LUA % (", ".join(lua_string(p) for p in paths),
                    ", ".join("[%s] = %s" % (lua_string(k), lua_string(v))
                              for k, v in headers.items()))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            ["wrk", "-t", "1", "-c", str(connections), "-d", "%ds" % duration, "--latency",
             "-s", handle.name, base], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.M))
    if set(percentiles) != {"50", "99"}:
        # wrk prints no latency distribution when no request completed
        raise RuntimeError("wrk gave no p50/p99 latency; its output was:\n" + output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", output)
    failed = int(errors.group(1)) if errors else 0
    if socket_errors:
        failed += sum(int(n) for n in socket_errors.groups())
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50": milliseconds(percentiles["50"]), "p99": milliseconds(percentiles["99"]),
            "requests": requests, "errors": failed}


def measure_python(base, paths, headers, connections, duration):
    """``connections`` threads, each with one keep-alive connection, for ``duration`` s."""
    parts = urlsplit(base)
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + duration

    def worker(offset):
        mine, failed = [], 0
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        i = offset
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000

    return {"rps": len(latencies) / elapsed, "p50": percentile(0.50), "p99": percentile(0.99),
            "requests": len(latencies), "errors": errors[0]}
