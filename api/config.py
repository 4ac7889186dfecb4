"""Configuration: the one place that reads the environment.

``create_app`` layers these values over the defaults, then applies test overrides; every
other module receives its settings from ``app.config`` or as arguments.
"""
import os

from verify.verdicts import VerdictScale

TRUE = ("1", "true", "yes", "on")


def _flag(value):
    return value.strip().lower() in TRUE


def _int(value):
    return int(value)


def _list(value):
    return [part.strip() for part in value.split(",") if part.strip()]


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
