"""A frame: a cue with the mention of whoever made the statement."""
from dataclasses import dataclass

from .model import Mention


@dataclass
class Frame:
    cue_start: int
    cue_end: int
    speaker: Mention | None
    lo: int  # first character of the frame (speaker or cue)
    hi: int  # last character of the frame
    verb: str  # base form, or "according to" / a cue noun
    content_from: int | None = None  # forced content start (cue nouns, "that")
    participle: bool = False  # ", adding that ...": content only follows the cue
    object_only: bool = False  # content is the object, up to the first clause break
    fixed: tuple | None = None  # the content, when it is known outright (passives)
    reduced: bool = False  # "a group supporting Lee spent ...": content ends at "spent"
