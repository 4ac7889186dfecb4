"""Configuration: the one place that reads the environment.

``create_app`` layers these values over the defaults, then applies test overrides; every
other module receives its settings from ``app.config`` or as arguments.
"""
import json
import os

from verify.review.verdicts import VerdictScale

TRUE = ("1", "true", "yes", "on")


def _flag(value):
    return value.strip().lower() in TRUE


def _int(value):
    return int(value)


def _list(value):
    return [part.strip() for part in value.split(",") if part.strip()]


def _float(value):
    return float(value)


def _owner_map(value):
    """``domain=owner,domain=owner``, or JSON (inline, or the path of a file) shaped
    ``{"owner": ["domain", ...]}`` or ``{"domain": "owner"}``: returns {domain: owner}."""
    value = value.strip()
    if value.startswith("{") or "=" not in value:
        if value.startswith("{"):
            data = json.loads(value)
        else:
            with open(value, encoding="utf-8") as handle:
                data = json.load(handle)
        found = {}
        for key, entry in data.items():
            if isinstance(entry, list):
                found.update({domain: key for domain in entry})
            else:
                found[key] = entry
        return found
    pairs = (part.split("=", 1) for part in _list(value))
    return {domain.strip(): owner.strip() for domain, owner in pairs}


# Environment variable -> (config key, parser, default, description). The README and
# docs/CONFIGURATION.md list exactly these; a test keeps them in step.
SETTINGS = {
    "CLAIMDESK_DATABASE_URL": ("DATABASE_URL", str, None,
                               "Database URL: sqlite:///path (default: instance/claimdesk.db) "
                               "or postgresql://user@host:port/dbname"),
    "CLAIMDESK_MAX_BODY_BYTES": ("MAX_CONTENT_LENGTH", _int, 1024 * 1024,
                                 "Largest request body accepted, in bytes (413 beyond it)"),
    "CLAIMDESK_PUBLIC_URL": ("PUBLIC_URL", str, "http://127.0.0.1:5000",
                             "Base URL of this service as readers reach it (report links)"),
    "CLAIMDESK_PUBLISHER_NAME": ("PUBLISHER_NAME", str, None,
                                 "The fact-checking organisation named as ClaimReview author"),
    "CLAIMDESK_PUBLISHER_URL": ("PUBLISHER_URL", str, None,
                                "The publisher's site; a ClaimReview's url is SITE/claims/ID, "
                                "or the value with {id} replaced when it contains {id}"),
    "CLAIMDESK_PUBLIC_READ": ("PUBLIC_READ", _flag, False,
                              "Let anyone read published claims without a token (1/true/yes)"),
    "CLAIMDESK_EVIDENCE_MIN_SOURCES": ("EVIDENCE_MIN_SOURCES", _int, 2,
                                       "Independent sources a true/false verdict needs"),
    "CLAIMDESK_VERDICT_SCALE": ("VERDICT_SCALE", VerdictScale.parse, VerdictScale(),
                                "Rating scale, worst first: name:Label[:contradicts|supports|"
                                "none],… (default false, misleading, unproven, "
                                "mostly_accurate, accurate)"),
    "CLAIMDESK_QUEUE_URL": ("QUEUE_URL", str, None,
                            "Background queue: sqlite:///path (default: instance/queue.db), "
                            "postgresql://…, redis://…, or immediate"),
    "CLAIMDESK_FETCH_ALLOW_HOSTS": ("FETCH_ALLOW_HOSTS", _list, [],
                                    "Hosts, addresses or CIDR ranges the fetcher may reach "
                                    "even though they are private"),
    "CLAIMDESK_FETCH_MAX_BYTES": ("FETCH_MAX_BYTES", _int, 5 * 1024 * 1024,
                                  "Largest page body the fetcher keeps, in bytes"),
    "CLAIMDESK_FETCH_CONNECT_TIMEOUT": ("FETCH_CONNECT_TIMEOUT", _float, 5.0,
                                        "Seconds to wait for a fetched server to accept"),
    "CLAIMDESK_FETCH_READ_TIMEOUT": ("FETCH_READ_TIMEOUT", _float, 15.0,
                                     "Seconds to wait for each read from a fetched server"),
    "CLAIMDESK_FETCH_TOTAL_TIMEOUT": ("FETCH_TOTAL_TIMEOUT", _float, 30.0,
                                      "Seconds one fetch may take in all, redirects included"),
    "CLAIMDESK_IA_ACCESS_KEY": ("IA_ACCESS_KEY", str, None,
                                "Internet Archive S3 access key: with the secret, sources are "
                                "captured with Save Page Now 2"),
    "CLAIMDESK_IA_SECRET_KEY": ("IA_SECRET_KEY", str, None,
                                "Internet Archive S3 secret key (without the pair, the closest "
                                "existing Wayback snapshot is looked up)"),
    "CLAIMDESK_OWNER_MAP": ("OWNER_MAP", _owner_map, {},
                            "Domains of one owner, counted as one independent source: "
                            "domain=owner,... or JSON {\"owner\": [domains]} inline or in a file"),
    "CLAIMDESK_LINK_CHECK_DAYS": ("LINK_CHECK_DAYS", _float, 7.0,
                                  "Days between link-health checks of a source"),
    "CLAIMDESK_LOG_LEVEL": ("LOG_LEVEL", str, "INFO", "Logging level"),
}


def defaults():
    return {key: default for key, _, default, _ in SETTINGS.values()}


def from_environment(environ=None):
    """The settings present in the environment, parsed."""
    environ = os.environ if environ is None else environ
    found = {}
    for name, (key, parse, _, _) in SETTINGS.items():
        if name in environ and environ[name] != "":
            found[key] = parse(environ[name])
    return found
