"""Find a quoted excerpt in snapshot text, tolerating typographic differences.

An editor pastes an excerpt from a browser; the stored text came out of an extractor.
The two differ in quote style, dashes, case, white space and invisible characters
(soft hyphens, zero-width spaces). Instead of normalising the text, which would lose
the offsets, the excerpt is compiled into a pattern that accepts every variant, and
the pattern runs over the original text, so the match offsets are the original's.
"""

import re
from functools import lru_cache

# Invisible in rendering, so absent from what an editor copies.
IGNORABLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FAMILIES = (
    "'\u2018\u2019\u201a\u201b\u2032`\u00b4",  # apostrophes and single quotes
    '"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb',  # double quotes and guillemets
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212",  # hyphens, dashes, minus
)
_CLASS_OF = {ch: "[" + re.escape(family) + "]" for family in _FAMILIES for ch in family}
_SKIP = f"[{IGNORABLE}]*"
_SPACE = f"{_SKIP}\\s[\\s{IGNORABLE}]*"  # at least one real white-space character
_ELLIPSIS = "(?:\u2026|\\.\\.\\.)"


def find_excerpt(excerpt: str, text: str) -> tuple[int, int] | None:
    """Return ``(start, end)`` of ``excerpt`` in ``text`` (``text[start:end]`` is the
    matched passage, original characters), or None. The first occurrence wins.

    Tolerated: runs and kinds of white space (incl. no-break spaces and line
    breaks), curly vs straight quotes and apostrophes, any dash for any dash, case,
    "..." vs "…", and soft hyphens / zero-width characters anywhere in the text.
    Leading and trailing white space of the excerpt is ignored. A match on word
    boundaries is preferred ("Berg" finds "Berg", not the start of "Bergen"); a
    cut-off word at either end is found only when no whole-word match exists.
    """
    for whole_words in (True, False):
        pattern = _compile(excerpt, whole_words)
        if pattern is None:
            return None
        match = pattern.search(text)
        if match:
            return match.start(), match.end()
    return None


@lru_cache(maxsize=256)
def _compile(excerpt: str, whole_words: bool) -> re.Pattern | None:
    cleaned = re.sub(f"[{IGNORABLE}]", "", excerpt).strip()
    if not cleaned:
        return None
    parts = []
    for token in re.findall(r"\s+|\.\.\.|.", cleaned, flags=re.DOTALL):
        if token.isspace():
            parts.append(_SPACE)
            continue
        if parts and parts[-1] != _SPACE:
            parts.append(_SKIP)
        if token in ("...", "\u2026"):
            parts.append(_ELLIPSIS)
        else:
            parts.append(_CLASS_OF.get(token) or re.escape(token))
    body = "".join(parts)
    if whole_words:
        body = f"(?<!\\w){body}(?!\\w)"
    return re.compile(body, re.IGNORECASE)
