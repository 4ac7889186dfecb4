"""A Standard Webhooks verifier written from the specification (standardwebhooks.com),
deliberately sharing no code with verify.webhooks, and a loopback receiver using it."""
import base64
import hashlib
import hmac
import http.server
import threading
import time


class InvalidSignature(Exception):
    pass


def verify_webhook(secret, headers, body, tolerance=300, now=None):
    """Check headers `webhook-id`, `webhook-timestamp`, `webhook-signature` against the raw
    body: the signed content is "{id}.{timestamp}.{body}", the key the base64 part of the
    whsec_ secret, the signature "v1," + base64(HMAC-SHA256); several may be listed,
    space-separated. Returns the decoded timestamp."""
    headers = {k.lower(): v for k, v in headers.items()}
    try:
        msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
        signatures = headers["webhook-signature"]
    except KeyError as missing:
        raise InvalidSignature("missing header %s" % missing)
    if abs((now or time.time()) - int(timestamp)) > tolerance:
        raise InvalidSignature("timestamp outside tolerance")
    assert secret.startswith("whsec_")
    key = base64.b64decode(secret.split("_", 1)[1])
    content = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest())
    for candidate in signatures.split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            return int(timestamp)
    raise InvalidSignature("no matching v1 signature")


class Receiver:
    """An HTTP server on 127.0.0.1 answering POSTs with ``statuses`` in turn (the last
    repeats) and keeping what it received."""

    def __init__(self, statuses):
        self.statuses, self.received = list(statuses), []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 \
                    else receiver.statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
