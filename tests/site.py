"""Test helpers for sources: deterministic article pages, a real HTTP server on 127.0.0.1
whose routes a test can change, and a fake resolver for the address guard.

Plain helpers (not fixtures) so API and verify tests share them.
"""
import http.server
import threading
import time

from sources.errors import Unresolvable

# A story of about 120 words: enough for trafilatura's main-text heuristics and for the
# near-duplicate fingerprints (which ignore texts under ~25 words).
STORY = [
    "The city council voted on Tuesday to close the Riverside library branch at the end "
    "of the year, citing a budget gap of 2.4 million dollars.",
    "Council member Ana Ortiz said the decision was \u201cthe hardest vote of my time on "
    "the council\u201d and promised that the mobile library would visit the neighbourhood "
    "twice a week.",
    "Residents who spoke at the meeting disputed the figures. A retired teacher said the "
    "branch had more visitors last year than in any year since it opened in 1978.",
    "The library service will publish a plan for the building in the spring, a spokesperson "
    "said, adding that no staff would lose their jobs.",
]
OTHER_STORY = [
    "A new footbridge over the harbour opened to pedestrians on Saturday after three years "
    "of construction and two delays caused by flooding of the work site.",
    "The engineering firm said the bridge can carry five thousand people at once and is "
    "designed to last a century with ordinary maintenance and painting.",
    "Shop owners on the north quay welcomed the opening, saying that weekend trade had "
    "fallen by a third while the old crossing was closed for repairs.",
]


def article(paragraphs=STORY, *, title="Council votes to close Riverside library",
            author="Maria Lopez", site="Daily Example", published="2026-03-10",
            canonical=None, lang="en", wrapper=""):
    """An HTML article page. ``wrapper`` adds site chrome around the story."""
    head = [
        "<meta charset='utf-8'>",
        "<title>%s</title>" % title,
        "<meta name='author' content='%s'>" % author,
        "<meta property='og:site_name' content='%s'>" % site,
        "<meta property='article:published_time' content='%sT08:00:00Z'>" % published,
    ]
    if canonical:
        head.append("<link rel='canonical' href='%s'>" % canonical)
    body = "".join("<p>%s</p>" % p for p in paragraphs)
    return ("<!doctype html><html lang='%s'><head>%s</head><body>%s<article><h1>%s</h1>%s"
            "</article></body></html>" % (lang, "".join(head), wrapper, title, body)).encode()


class Site:
    """A threaded HTTP server on 127.0.0.1. ``routes[path] = (status, headers, body)``;
    ``slow`` paths drip their body one byte every 0.2 s."""

    def __init__(self):
        self.routes = {}
        self.slow = set()
        self.hits = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                site.hits.append(self.path)
                status, headers, body = site.routes.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                headers = {"Content-Type": "text/html; charset=utf-8", **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    if self.path in site.slow:
                        for i in range(len(body)):
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(0.2)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)

    def url(self, path):
        return self.base + path


def fake_resolver(table):
    """A resolver for ``sources.guard.resolve``: names in ``table`` answer their
    addresses, any other name does not resolve."""

    def resolve(host):
        if host in table:
            return table[host]
        raise Unresolvable("host %r does not resolve (no such name)" % host)

    return resolve
