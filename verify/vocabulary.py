"""Every controlled vocabulary of claimdesk, defined once.

Models use these tuples as field ``choices``, schemas as ``OneOf`` validators, the docs
list them, and tests iterate over them. Order matters where it carries meaning (roles
from least to most privileged, verdicts from worst to best rating).
"""

# Roles, least privileged first: a role may do everything the roles before it may.
ROLES = ("viewer", "factchecker", "editor", "admin")

# Who made a statement. Anonymous and collective speakers are first-class kinds.
SPEAKER_KINDS = ("named_person", "anonymous_person", "group", "organization", "document")
# The extractor may also report a pronoun mention it could not safely resolve.
MENTION_KINDS = SPEAKER_KINDS + ("pronoun",)

QUOTE_KINDS = ("direct", "indirect", "mixed")

SOURCE_KINDS = (
    "primary_document",
    "official_statement",
    "news_report",
    "social_post",
    "dataset",
    "interview",
    "other",
)

STANCES = ("supports", "contradicts", "context")

# Review workflow states and actions (the transition table lives in verify.review.workflow).
STATES = ("unreviewed", "researching", "in_review", "published", "dismissed")
ACTIONS = (
    "start_research",
    "propose",
    "request_changes",
    "approve",
    "reopen",
    "dismiss",
    "restore",
    "assign",
)
DISMISS_REASONS = ("not_checkable", "duplicate", "out_of_scope")

# A claim with a published verdict is "under review" while it is back in these states,
# waiting for a new approval; dismissing it ends the reconsideration.
REVIEW_STATES = ("unreviewed", "researching", "in_review")


def under_review(state, published_verdict):
    """True while a published verdict is being reconsidered."""
    return published_verdict is not None and state in REVIEW_STATES

# The default rating scale, worst first: (verdict, label). Rating value = position + 1.
DEFAULT_VERDICT_SCALE = (
    ("false", "False"),
    ("misleading", "Misleading"),
    ("unproven", "Unproven"),
    ("mostly_accurate", "Mostly accurate"),
    ("accurate", "Accurate"),
)
VERDICTS = tuple(name for name, _ in DEFAULT_VERDICT_SCALE)

# Source fetching and link health.
FETCH_STATUSES = ("pending", "fetching", "fetched", "failed")
LINK_STATUSES = ("unchecked", "alive", "gone", "moved", "changed", "unreachable")

WEBHOOK_EVENTS = (
    "claim.created",
    "claim.state_changed",
    "claim.published",
    "claim.reopened",
    "evidence.added",
    "source.changed",
)

# A webhook delivery: waiting (or between retries), being sent, done, or given up on.
WEBHOOK_DELIVERY_STATUSES = ("pending", "sending", "succeeded", "failed")
