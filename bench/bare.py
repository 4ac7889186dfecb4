"""The framework's ceiling: a bare Flask app answering one constant JSON document.

``bench.http`` serves it with the same gunicorn settings as claimdesk, with the body the
endpoint under test returned, so the ratio of the two measures what claimdesk costs on top
of Flask and gunicorn (routing, auth, queries, serialisation), not the machine.
"""
import os

from flask import Flask, Response

app = Flask(__name__)
with open(os.environ["BENCH_BODY_FILE"], "rb") as handle:
    BODY = handle.read()
STATUS = int(os.environ.get("BENCH_STATUS", "200"))


@app.route("/", defaults={"path": ""})
@app.route("/<path:path>")
def constant(path):
    return Response(BODY if STATUS != 304 else b"", status=STATUS, mimetype="application/json")
