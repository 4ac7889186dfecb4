"""The rating scale: verdicts in order from worst to best, each with a label.

The scale is configurable; its rating values (1 = worst) map onto schema.org ClaimReview's
``ratingValue`` with ``worstRating`` 1 and ``bestRating`` the scale's length.

Each verdict also says which evidence stance the evidence gate demands before it can be
proposed: verdicts below the middle of the scale assert falsity (a contradicting source is
needed), verdicts above it assert truth (a supporting source), and the middle one of an
odd-length scale (``unproven`` by default) asserts neither. A scale entry may override this
with a third part: ``name:Label:contradicts|supports|none``.
"""
import re

from ..vocabulary import DEFAULT_VERDICT_SCALE

NEEDS = {"contradicts": "contradicts", "supports": "supports", "none": None}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class VerdictScale:
    def __init__(self, entries=DEFAULT_VERDICT_SCALE, needs=None):
        self.entries = tuple((name, label) for name, label in entries)
        if len(self.entries) < 2:
            raise ValueError("a rating scale needs at least two verdicts")
        for name, _ in self.entries:
            if not NAME.match(name):
                raise ValueError("verdict %r: use lower-case letters, digits and _" % name)
        self._rating = {name: at + 1 for at, (name, _) in enumerate(self.entries)}
        if len(self._rating) != len(self.entries):
            raise ValueError("a verdict appears twice in the rating scale")
        self._label = dict(self.entries)
        middle = (len(self.entries) + 1) / 2
        self._needs = {
            name: "contradicts" if rating < middle else "supports" if rating > middle else None
            for name, rating in self._rating.items()
        }
        self._needs.update(needs or {})

    @classmethod
    def parse(cls, text):
        """``name:Label[:needs],…`` worst first, as in CLAIMDESK_VERDICT_SCALE."""
        entries, needs = [], {}
        for part in text.split(","):
            name, label, *rest = [piece.strip() for piece in part.split(":")] + [""]
            entries.append((name, label or name))
            if rest and rest[0]:
                if rest[0] not in NEEDS or len(rest) > 2:
                    raise ValueError("verdict %r: the third part is one of %s"
                                     % (name, ", ".join(NEEDS)))
                needs[name] = NEEDS[rest[0]]
        return cls(entries, needs)

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

    def needs(self, name):
        """The stance the evidence gate requires for this verdict, or None."""
        return self._needs[name]

    def __contains__(self, name):
        return name in self._rating
