"""Pronoun speakers: resolved to the nearest compatible named speaker, where safe."""
from .lexicon import FEMALE_TITLES, MALE_TITLES, PRONOUNS
from .speakers import sentence_subject


IT_WINDOW = 400  # characters: about two sentences


def _gender(mention):
    first = mention.text.split()[0]
    if first in MALE_TITLES:
        return "m"
    if first in FEMALE_TITLES:
        return "f"
    return None


def _identity(mention):
    """A key under which different mentions of one person compare equal."""
    name = mention.text.split(",")[0].split()
    return name[-1].lower().removesuffix("'s") if name else ""


def resolve(text, statements, window=1200):
    """Resolve pronoun speakers to the nearest compatible named speaker, where safe.

    Candidates are the named speakers of earlier statements within ``window`` characters
    (for "they" groups and organisations; for "it" an organisation or a document within
    IT_WINDOW characters).
    Resolution is refused (and the reason recorded) when no candidate exists or when two
    different people are equally compatible and nothing (title, earlier resolution)
    tells them apart.
    """
    out = []
    learned = {}  # identity -> gender learnt from an unambiguous earlier resolution
    history = []  # (offset, mention) of named / collective speakers so far
    for st in statements:
        m = st.mention
        if m is None or m.kind != "pronoun":
            if m is not None:
                history.append((st.speaker_start, m))
            out.append(st)
            continue
        gender = PRONOUNS.get(m.text.lower())
        if gender in ("m", "f"):
            wanted = ("named_person",)
        elif gender == "p" and m.text.lower() == "they":
            wanted = ("group", "organization")
        elif m.text.lower() == "it":
            wanted = ("organization", "document")  # "The authority ... In a statement, it"
        else:
            out.append(st.copy_with(resolution_note=f"'{m.text}' is not resolved to a speaker"))
            continue
        cands = []
        own = sentence_subject(text, m.start)
        if own is not None and own.kind in wanted and (
                gender not in ("m", "f") or _gender(own) in (None, gender)):
            cands.append(own)  # the subject of the pronoun's own sentence comes first
        # "it" reaches back less far: an organisation is named again sooner than a person
        reach = IT_WINDOW if gender == "n" else window
        for offset, cand in reversed(history):
            if m.start - offset > reach:
                break
            if cand.kind not in wanted:
                continue
            g = _gender(cand) or learned.get(_identity(cand))
            if g and gender in ("m", "f") and g != gender:
                continue
            if all(_identity(c) != _identity(cand) for c in cands):
                cands.append(cand)
        if not cands:
            note = f"no compatible speaker before '{m.text}'"
            out.append(st.copy_with(resolution_note=note))
            continue
        if len(cands) > 1 and gender == "n":
            note = f"ambiguous: '{m.text}' could be {cands[0].text!r} or {cands[1].text!r}"
            out.append(st.copy_with(resolution_note=note))
            continue
        if len(cands) > 1 and gender in ("m", "f"):
            g0 = _gender(cands[0]) or learned.get(_identity(cands[0]))
            if g0 is None or any((_gender(c) or learned.get(_identity(c))) in (None, g0)
                                 for c in cands[1:]):
                note = (f"ambiguous: '{m.text}' could be {cands[0].text!r} or "
                        f"{cands[1].text!r}")
                out.append(st.copy_with(resolution_note=note))
                continue
        best = cands[0]
        if gender in ("m", "f"):
            learned.setdefault(_identity(best), gender)
        out.append(st.copy_with(resolved_speaker=best))
        history.append((st.speaker_start, best))
    return out
