"""The rating scale: verdicts in order from worst to best, each with a label.

The scale is configurable; its rating values (1 = worst) map onto schema.org ClaimReview's
``ratingValue`` with ``worstRating`` 1 and ``bestRating`` the scale's length.
"""
from .vocabulary import DEFAULT_VERDICT_SCALE


class VerdictScale:
    def __init__(self, entries=DEFAULT_VERDICT_SCALE):
        self.entries = tuple((name, label) for name, label in entries)
        if len(self.entries) < 2:
            raise ValueError("a rating scale needs at least two verdicts")
        self._rating = {name: at + 1 for at, (name, _) in enumerate(self.entries)}
        self._label = dict(self.entries)

    @classmethod
    def parse(cls, text):
        """``name:Label,name:Label,…`` worst first, as in CLAIMDESK_VERDICT_SCALE."""
        entries = []
        for part in text.split(","):
            name, _, label = part.strip().partition(":")
            entries.append((name.strip(), label.strip() or name.strip()))
        return cls(entries)

    @property
    def names(self):
        return tuple(self._rating)

    @property
    def best(self):
        return len(self.entries)

    def rating(self, name):
        return self._rating[name]

    def label(self, name):
        return self._label[name]

    def __contains__(self, name):
        return name in self._rating
