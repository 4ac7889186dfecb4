"""JSON and JSON Lines: the report dicts as they are, streamed a claim at a time.

JSON: ``{"report": header, "claims": [claim, …]}``. JSON Lines: a first line
``{"record": "report", …header}``, then one ``{"record": "claim", …claim}`` per line.
"""
import json


# One encoder for every claim: json.dumps with options builds a new encoder per call.
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(value):
    return ENCODER.encode(value)


def render(report):
    yield '{"report":%s,"claims":[' % dumps(report.header)
    separator = ""
    for claim in report.claims():
        yield separator + dumps(claim)
        separator = ","
    yield "]}\n"


def render_lines(report):
    yield dumps({"record": "report", **report.header}) + "\n"
    for claim in report.claims():
        yield dumps({"record": "claim", **claim}) + "\n"
