"""Webhooks: endpoints admins register, an outbox written with each change, and delivery
from the background worker following the Standard Webhooks conventions.

- ``outbox``: the one hook (``verify.review.history.append_event`` calls it) mapping claim
  events to webhook events, plus ``emit`` for events that are not claim history
  (``source.changed``). Rows are written in the transaction of the change.
- ``delivery``: signing, sending, retries with backoff, disabling; huey tasks.
- ``endpoints``: the admin's CRUD and the delivery log.

``configure`` receives the settings from the app (verify reads no environment).
"""
from dataclasses import dataclass, field

from sources.webhook import PostPolicy

from ..review.verdicts import VerdictScale


@dataclass
class Settings:
    public_url: str = "http://127.0.0.1:5000"
    scale: VerdictScale = field(default_factory=VerdictScale)
    policy: PostPolicy = field(default_factory=PostPolicy)


settings = Settings()


def configure(*, public_url, scale, allow_hosts=()):
    settings.public_url = public_url.rstrip("/")
    settings.scale = scale
    settings.policy = PostPolicy(allow_hosts=tuple(allow_hosts))
