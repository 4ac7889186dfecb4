"""Layout of a text: paragraphs, quotations and quote-aware sentences.

Everything works on character offsets into the original text so that every span the
extractor reports can be sliced back out of it.
"""
import re
from dataclasses import dataclass

from .lexicon import ABBREVIATIONS

# Opening-only, closing-only and two-way double quotation marks. A pair of single
# quotes ('') stands for a double quote in some wire copy.
OPENERS = "\u201c\u00ab\u201e"
CLOSERS = "\u201d\u00bb"
MARK_RE = re.compile(r"''|[\"\u201c\u201d\u00ab\u00bb\u201e]")
PARAGRAPH_RE = re.compile(r"[^\n]+")
# A candidate sentence end: terminal punctuation, optional closing marks, then space.
BOUNDARY_RE = re.compile(r"[.!?]+(?:''|[\"'\u201d\u2019\u00bb)])*"
                         r"(?=\s+(?:''|[\"'\u201c\u2018\u00ab(])?[A-Z0-9])")
# An attribution right after a quotation ending in ? or ! ("Why?" she asked).
FRAME_AFTER_RE = re.compile(r"\s+(?:[\w.\u2019'-]+\s+){0,5}?(?:said|says|asked|asks|wrote|writes|"
                            r"added|told|tweeted|replied|shouted|yelled|exclaimed|"
                            r"responded|continued|declared|insisted|wondered|joked)\b")
WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark
    paragraphs: int  # how many paragraphs the quotation runs over

    @property
    def inner(self):
        return self.start + 1, self.end - 1


def paragraphs(text):
    """(start, end) of each non-empty line; newspapers put one paragraph per line."""
    return [(m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text) if m.group().strip()]


def find_quotes(text, paras):
    """Pair quotation marks paragraph by paragraph.

    A quotation still open at the end of a paragraph continues when the next paragraph
    opens with a quotation mark (the newspaper convention for multi-paragraph quotes);
    otherwise it is closed at the paragraph end, since a missing closing mark is a more
    common typo than a stray opening one.
    """
    quotes = []
    open_at = None
    span_paras = 0
    for index, (p_start, p_end) in enumerate(paras):
        marks = [(m.start(), m.group()) for m in MARK_RE.finditer(text, p_start, p_end)]
        reopened = False
        if open_at is not None:
            if marks and marks[0][0] == p_start + _indent(text, p_start, p_end):
                marks = marks[1:]  # the mark re-opening the continued quotation
                reopened = True
                span_paras += 1
            if not reopened:
                prev_end = paras[index - 1][1]
                quotes.append(Quote(open_at, prev_end, span_paras))
                open_at = None
        for pos, mark in marks:
            if open_at is None:
                if mark[0] in CLOSERS:
                    continue  # stray closing mark
                open_at, span_paras = pos, 1
            elif mark[0] in OPENERS and not _looks_closing(text, pos, len(mark)):
                continue  # nested or doubled opener: keep the outer quotation
            else:
                quotes.append(Quote(open_at, pos + len(mark), span_paras))
                open_at = None
        if open_at is not None and index + 1 < len(paras):
            nxt_start, nxt_end = paras[index + 1]
            first = nxt_start + _indent(text, nxt_start, nxt_end)
            # Continue only with the same style of mark: a straight quote left open
            # followed by a curly one is a typo, not a multi-paragraph quotation.
            if _family(text[first:first + 2]) != _family(text[open_at:open_at + 2]):
                quotes.append(Quote(open_at, p_end, span_paras))
                open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, paras[-1][1], span_paras))
    return quotes


def _family(mark):
    """Which style of quotation mark ``mark`` starts with (None if none)."""
    if mark.startswith("''"):
        return "''"
    return {'"': '"', "\u201c": "curly", "\u201d": "curly", "\u201e": "curly",
            "\u00ab": "guillemet", "\u00bb": "guillemet"}.get(mark[:1])


def _indent(text, start, end):
    i = start
    while i < end and text[i] in " \t":
        i += 1
    return i - start


def _looks_closing(text, pos, width):
    after = text[pos + width:pos + width + 1]
    return after == "" or after.isspace() or after in ",.;:!?)"


def abbreviation_before(text, lo, dot):
    """Whether the full stop at ``dot`` ends an abbreviation ("Sen.", "U.S.", "J.")
    rather than a sentence (``lo``: how far back the word may start)."""
    word = WORD_BEFORE_RE.search(text, max(lo, dot - 20), dot)
    if not word:
        return False
    w = word.group(1).lower().rstrip(".")
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


# A wire-story dateline or a rubric opening a paragraph: "PORT ELLIS (Reuters) - ",
# "KABUL, Afghanistan (AP) — ", "LONDON, Nov 28 (Reuters) - ", "FAREWELL—".
DATELINE_RE = re.compile(r"[A-Z][A-Z.'-]+(?:\s[A-Z][A-Z.'-]+)*(?:,\s[^()\n\u2014\u2013-]{1,40}?)?"
                         r"(?:\s\([^)\n]{1,40}\))?\s*(?:--?|\u2014|\u2013)\s*"
                         r"(?=[A-Z\"\u201c'\u2018])")


def sentences(text, p_start, p_end, quotes):
    """(start, end) of the sentences of one paragraph, never splitting inside a quote."""
    inside = [(q.start, q.end) for q in quotes if q.start < p_end and q.end > p_start]
    out = []
    dateline = DATELINE_RE.match(text, p_start, p_end)
    start = dateline.end() if dateline else p_start  # the place is no one's statement
    for m in BOUNDARY_RE.finditer(text, p_start, p_end):
        cut = m.end()
        if any(a < cut < b for a, b in inside):
            continue
        if m.group()[-1] in "\"'\u201d\u00bb" and m.group()[0] in "?!" and \
                FRAME_AFTER_RE.match(text, cut, min(p_end, cut + 80)):
            continue  # '"Why not?" Ann asked.': the attribution ends this sentence
        if m.group()[0] == "." and abbreviation_before(text, p_start, m.start()):
            continue
        out.append((start, cut))
        start = cut
        while start < p_end and text[start].isspace():
            start += 1
    if start < p_end:
        out.append((start, p_end))
    return out
