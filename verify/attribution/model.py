"""The values the extractor returns: speaker mentions and attributed statements."""
from dataclasses import dataclass, fields

from verify.vocabulary import MENTION_KINDS, QUOTE_KINDS


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming or pointing at whoever made a statement."""

    text: str
    start: int
    end: int
    kind: str  # one of MENTION_KINDS

    def __post_init__(self):
        if self.kind not in MENTION_KINDS:
            raise ValueError(f"unknown mention kind {self.kind!r}")


@dataclass(frozen=True)
class Statement:
    """One attributed statement: what was said (content span), by whom, how."""

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_kind: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: str  # one of QUOTE_KINDS
    confidence: float
    # For a pronoun speaker: the named mention it safely refers to, else None and a note.
    resolved_speaker: Mention | None = None
    resolution_note: str | None = None
    # True for a quotation with no attribution of its own that continues the statement
    # before it in the same paragraph (it inherits that speaker and cue).
    continues: bool = False
    # The pieces of a discontinuous content ("A," she said, "B."), in text order; empty
    # when the content is the single span [start, end).
    parts: tuple = ()

    @property
    def spans(self):
        """The content as a list of (start, end) pieces, the attribution left out."""
        return list(self.parts) if self.parts else [(self.start, self.end)]

    def __post_init__(self):
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"unknown statement kind {self.kind!r}")

    def copy_with(self, **changes):
        """A copy with ``changes`` to its fields: what ``dataclasses.replace`` returns.

        The pipeline copies every statement a few times (rescoring, new ends, resolved
        speakers); copying the instance dict costs a fifth of ``replace``, which
        re-runs the generated ``__init__`` over all sixteen fields.
        """
        unknown = changes.keys() - _FIELD_NAMES
        if unknown:
            raise TypeError(f"Statement has no fields {sorted(unknown)}")
        copy = object.__new__(Statement)
        copy.__dict__.update(self.__dict__, **changes)  # frozen forbids setattr only
        copy.__post_init__()
        return copy

    @property
    def mention(self):
        if self.speaker is None:
            return None
        return Mention(self.speaker, self.speaker_start, self.speaker_end, self.speaker_kind)

    @property
    def speaker_name(self):
        """The proper name of the speaker when one is known (resolved pronouns included)."""
        mention = self.resolved_speaker or self.mention
        if mention is None or mention.kind != "named_person":
            return None
        return mention.text.split(",")[0].strip()

    @property
    def speaker_description(self):
        """How the text describes the speaker: the whole mention, appositive included."""
        mention = self.resolved_speaker or self.mention
        return mention.text if mention else None

    def to_json(self):
        """The wire form of the CLI contract: the documented fields, plus ``spans``
        (the content pieces, which differ from [start, end] only for interrupted
        content)."""
        # The wire fields are all plain values, so a shallow dict in field order does
        # what ``asdict`` did without its (slow) recursive deep copy.
        row = {name: getattr(self, name) for name in _WIRE_FIELDS}
        row["spans"] = [list(piece) for piece in self.spans]
        return row


_FIELD_NAMES = frozenset(f.name for f in fields(Statement))
# Statement fields on the wire, in declaration order (the CLI output's key order).
_WIRE_FIELDS = tuple(f.name for f in fields(Statement)
                     if f.name not in ("resolved_speaker", "resolution_note", "continues",
                                       "parts"))
