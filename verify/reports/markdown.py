"""Markdown: a readable sourcing report, one section per claim.

Text from claims and sources is data: Markdown and HTML punctuation in it is
backslash-escaped and line breaks are kept inside their block, so a claim can neither
inject markup (raw HTML, links, images) nor break the report's structure.
"""
import re

from .snapshots import missing_copy_note

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the characters
# that can make markup mid-line (emphasis, code, links and images, raw HTML, entities,
# GFM tables and strikethrough, heading closers). Text always follows a prefix of ours
# ("- ", "> "), so the line-start markers (lists, headings) need no escape but in quotes.
SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#])")
LINE_START = re.compile(r"^(\d+)?([-+=.)])")


def esc(value):
    """Inline text: escaped, on one line."""
    if value is None or value == "":
        return "—"
    return SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def code(value):
    """A hash or identifier in a code span; these never contain backticks."""
    return "—" if value is None else "`%s`" % str(value).replace("`", "")


def link(url):
    """A URL shown as text, escaped: a report never turns data into a clickable link."""
    return esc(url)


def quote_block(value):
    """The quote as a block quote on one line; a leading list or heading marker is
    escaped so the quote stays a paragraph."""
    return "> " + LINE_START.sub(r"\1\\\2", esc(value))


def speaker_text(speaker):
    if speaker is None:
        return "—"
    who = speaker["name"] or speaker["description"]
    extra = [speaker["kind"].replace("_", " ")]
    if speaker["affiliation"]:
        extra.append(speaker["affiliation"])
    return "%s (%s)" % (esc(who), esc(", ".join(extra)))


def render_claim(claim):
    statement, verdict = claim["statement"], claim["verdict"]
    document = statement["document"]
    published = verdict["published"]
    out = ["## Claim %d: %s" % (claim["id"], esc(claim["text"])), ""]
    out += ["- State: %s (version %d)" % (esc(claim["state"]), claim["version"]),
            "- Speaker: %s" % speaker_text(statement["speaker"]),
            "- Cue: %s" % esc(statement["cue"]),
            "- Quote kind: %s" % esc(statement["quote_kind"])]
    if document:
        out.append("- Document: %s, %s, %s (%s)" % (
            esc(document["title"]), esc(document["publisher"]), link(document["url"]),
            esc(document["published_at"])))
    else:
        out.append("- Document: —")
    out.append("- Claimed at: %s" % esc(statement["claimed_at"]))
    if statement["quote"]:
        out += ["", quote_block(statement["quote"])]
    out += ["", "### Verdict", ""]
    if published:
        out.append("- Published verdict: **%s** (rating %s of %s, worst %s)" % (
            esc(published["label"]), published["rating_value"], published["best_rating"],
            published["worst_rating"]))
        out.append("- Approved by %s at %s" % (esc(published["approved_by"]),
                                               esc(published["approved_at"])))
    else:
        out.append("- Published verdict: none")
    working = verdict["working"]
    out.append("- Working verdict: %s" % esc(working["label"] if working else None))
    out.append("- Proposed by %s at %s" % (esc(verdict["proposed_by"]),
                                           esc(verdict["proposed_at"])))
    out.append("- Rationale: %s" % esc(verdict["rationale"]))
    out += ["", "### Evidence (%d, %d independent)" % (len(claim["evidence"]),
                                                       claim["independent_sources"]), ""]
    if not claim["evidence"]:
        out.append("No evidence recorded.")
    for number, item in enumerate(claim["evidence"], 1):
        source = item["source"]
        verified = {True: "verified in the archived copy", False: "NOT found in the archived copy",
                    None: "not yet verified"}[item["excerpt_verified"]]
        out.append("%d. **%s**: %s" % (number, esc(item["stance"]), esc(source["title"])))
        out += ["   - Publisher: %s; author: %s; published: %s" % (
                    esc(source["publisher"]), esc(source["author"]), esc(source["published_at"])),
                "   - URL: %s" % link(source["url"]),
                "   - Archived copy: %s; retrieved: %s" % (
                    link(source["archive_url"]) if source["archive_url"] else missing_copy_note(source),
                    esc(source["fetched_at"])),
                "   - Content SHA-256: %s" % code(source["content_sha256"]),
                "   - Independence key: %s; link: %s%s" % (
                    esc(source["independence_key"]), esc(source["link_status"]),
                    changed_note(source)),
                "   - Excerpt (%s): %s" % (verified, esc(item["excerpt"])),
                "   - Added by %s at %s" % (esc(item["added_by"]), esc(item["added_at"]))]
    out += ["", "### Review timeline", ""]
    for entry in claim["timeline"]:
        states = ""
        if entry["from_state"] or entry["to_state"]:
            states = " (%s → %s)" % (esc(entry["from_state"]), esc(entry["to_state"]))
        note = timeline_note(entry)
        out.append("- v%d %s: %s by %s%s, event %s%s" % (
            entry["version"], esc(entry["at"]), esc(entry["action"]),
            esc(entry["actor"] or "system"), states, code(entry["hash"][:16]),
            ": " + esc(note) if note else ""))
    return "\n".join(out) + "\n\n"


def timeline_note(entry):
    """What a person wrote with a step: a comment, a note, a reason to reopen."""
    changes = entry["changes"] if isinstance(entry["changes"], dict) else {}
    for key in ("comment", "note", "reason"):
        if isinstance(changes.get(key), str) and changes[key].strip():
            return changes[key]
    return None


def changed_note(source):
    changed = source.get("changed_since_cited")
    return "; changed since cited on %s" % esc(changed["cited_at"]) if changed else ""


def render(report):
    header = report.header
    head = header["chain_head"]
    yield "# Sourcing report\n\n"
    yield "- Generated: %s\n" % esc(header["generated_at"])
    yield "- Scope: %s\n" % esc(scope_text(header["scope"]))
    yield "- Audit chain head: %s (%d events)\n\n" % (code(head["hash"]), head["events"])
    for claim in report.claims():
        yield render_claim(claim)


def scope_text(scope):
    if "claim" in scope:
        return "claim %s" % scope["claim"]
    if "document" in scope:
        return "document %s: %s" % (scope["document"]["id"], scope["document"]["title"])
    filters = scope.get("filters") or {}
    return ", ".join("%s=%s" % item for item in sorted(filters.items())) or "all claims"
