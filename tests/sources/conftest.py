"""Shared fixtures. A real HTTP(S) server on 127.0.0.1 for the tests that must exercise the pinned
transport (``responses`` replaces the adapter's send and would bypass it)."""

import gzip
import http.server
import socket
import ssl
import threading
import time

import pytest


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=(), length=True):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if length is True:
            self.send_header("Content-Length", str(len(body)))
        elif length is not None:
            self.send_header("Content-Length", str(length))
        if length is not True:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        try:
            self.route()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True

    def route(self):
        path = self.path
        if path == "/page":
            self._send(200, b"<html><title>Hi</title><p>Hello</p></html>", headers=[("ETag", '"v1"')])
        elif path == "/host":
            self._send(200, self.headers["Host"].encode(), ctype="text/plain")
        elif path == "/redirect-private":
            self._send(302, headers=[("Location", "http://10.0.0.1/admin")])
        elif path == "/redirect-page":
            self._send(301, headers=[("Location", "/page")])
        elif path == "/big-with-length":
            self._send(200, b"x" * 2048, length=2048)
        elif path == "/gzip-bomb":
            # Honest Content-Length of the compressed bytes; 200 kB once decoded.
            bomb = gzip.compress(b"0" * 200_000)
            self._send(200, bomb, headers=[("Content-Encoding", "gzip")])
        elif path == "/big-no-length":
            self._send(200, b"", length=None)
            for _ in range(64):
                self.wfile.write(b"y" * 1024)
        elif path == "/drip":
            self._send(200, b"", length=10_000)
            for _ in range(10_000):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.05)
        elif path == "/drip-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for _ in range(10_000):
                self.wfile.write(b"X-Slow: 1\r\n")
                self.wfile.flush()
                time.sleep(0.05)
        elif path == "/stall":
            time.sleep(5)
            self._send(200, b"late")
        elif path == "/image":
            self._send(200, b"\x89PNG", ctype="image/png")
        elif path == "/missing":
            self._send(404, b"nope")
        else:
            self._send(500, b"unexpected path")


class LoopbackServer:
    def __init__(self, ssl_context=None, host="127.0.0.1"):
        cls = http.server.ThreadingHTTPServer
        if ":" in host:
            cls = type("V6Server", (cls,), {"address_family": __import__("socket").AF_INET6})
        self.httpd = cls((host, 0), Handler)
        self.httpd.daemon_threads = True
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture(autouse=True)
def loopback_only_dns(monkeypatch):
    """No test may resolve a real name: only loopback literals reach getaddrinfo."""
    real = socket.getaddrinfo

    def guarded(host, *args, **kwargs):
        if host not in ("127.0.0.1", "127.0.0.2", "::1"):
            raise AssertionError(f"test tried to resolve {host!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture(scope="module")
def server():
    """A plain-HTTP loopback server for the module."""
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def loopback_server():
    """The server class, for tests that need IPv6 or TLS variants."""
    return LoopbackServer


@pytest.fixture(scope="session")
def test_ca(tmp_path_factory):
    """A throw-away CA and a leaf certificate for ``pinned.test``, made with openssl."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    d = tmp_path_factory.mktemp("ca")

    def run(*args):
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=claimdesk test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr",
        "-subj", "/CN=pinned.test")
    (d / "leaf.ext").write_text(
        "subjectAltName=DNS:pinned.test\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
    )
    run("x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext")
    return d


@pytest.fixture(autouse=True)
def loopback_passthru(mocked):
    """The suite-wide `responses` mock fails unexpected calls; these tests' own servers on
    loopback (reached by address or by a `.test` name pinned to loopback) are let through."""
    import re

    mocked.add_passthru(re.compile(r"https?://(127\.0\.0\.1|\[::1\]|localhost|[\w.-]+\.test)(:\d+)?(/|$)"))
