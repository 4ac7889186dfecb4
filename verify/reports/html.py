"""HTML: a self-contained, printable sourcing report.

One file, no external resources: the CSS is inline and a Content-Security-Policy forbids
anything else, so the report reads the same offline, printed or archived. Every piece of
claim or source text goes through ``esc`` (claim text is data, any markup in it is shown,
never run); links are made only from http(s) URLs; each published claim's ClaimReview is
embedded as JSON-LD with ``<``, ``>`` and ``&`` written as JSON escapes, so no text can
close the script element.
"""
from html import escape
from urllib.parse import urlsplit

from .claimreview import ClaimReviewRefused, review_for, script_json
from .markdown import scope_text, timeline_note
from .snapshots import missing_copy_note

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body { font: 15px/1.5 Georgia, serif; color: #111; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-top: 2px solid #111; padding-top: .75rem; margin-top: 2.5rem; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dt { font-weight: bold; } dd { margin: 0; overflow-wrap: anywhere; }
blockquote { border-left: 4px solid #999; margin: .75rem 0; padding: .25rem 1rem;
             white-space: pre-wrap; }
.verdict { font-size: 1.2rem; font-weight: bold; }
.stance-supports { color: #0a5d00; } .stance-contradicts { color: #a00000; }
.warn { color: #8a5300; } code { font-size: .85em; overflow-wrap: anywhere; }
ol.evidence > li { margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #ccc; padding: .2rem .4rem; text-align: left;
         vertical-align: top; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.claim { break-before: page; }
  section.claim:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; overflow-wrap: anywhere; }
}
"""


def esc(value, empty="—"):
    if value is None or value == "":
        return empty
    return escape(str(value), quote=True)


def link(url, text=None):
    """An anchor for an http(s) URL; anything else (javascript:, data:) stays text."""
    if not url:
        return "—"
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return esc(url)
    return '<a href="%s" rel="noopener noreferrer nofollow">%s</a>' % (
        esc(url), esc(text or url))


def rows(pairs):
    return "<dl>%s</dl>" % "".join("<dt>%s</dt><dd>%s</dd>" % (esc(name), value)
                                   for name, value in pairs)


def speaker_html(speaker):
    if speaker is None:
        return "—"
    parts = [esc(speaker["name"] or speaker["description"]),
             " <small>(%s)</small>" % esc(speaker["kind"].replace("_", " "))]
    if speaker["name"] and speaker["description"]:
        parts.insert(1, ", %s" % esc(speaker["description"]))
    if speaker["affiliation"]:
        parts.append(", %s" % esc(speaker["affiliation"]))
    return "".join(parts)


def statement_html(claim):
    statement = claim["statement"]
    document = statement["document"]
    doc = "—"
    if document:
        doc = "%s, %s, %s" % (link(document["url"], document["title"] or document["url"])
                              if document["url"] else esc(document["title"]),
                              esc(document["publisher"], "publisher unknown"),
                              esc(document["published_at"], "date unknown"))
    out = [rows([("Speaker", speaker_html(statement["speaker"])),
                 ("Cue", esc(statement["cue"])),
                 ("Quote kind", esc(statement["quote_kind"])),
                 ("Document", doc),
                 ("Claimed at", esc(statement["claimed_at"])),
                 ("State", "%s (version %d)" % (esc(claim["state"]), claim["version"]))])]
    if statement["quote"]:
        out.append("<blockquote>%s</blockquote>" % esc(statement["quote"]))
    return "".join(out)


def verdict_html(claim):
    verdict = claim["verdict"]
    published, working = verdict["published"], verdict["working"]
    if published:
        headline = '<p class="verdict">%s <small>(rating %s of %s; worst %s)</small></p>' % (
            esc(published["label"]), esc(published["rating_value"]),
            esc(published["best_rating"]), esc(published["worst_rating"]))
        approved = "%s at %s" % (esc(published["approved_by"]), esc(published["approved_at"]))
    else:
        headline = '<p class="verdict">No published verdict</p>'
        approved = "—"
    return headline + rows([
        ("Rationale", esc(verdict["rationale"])),
        ("Working verdict", esc(working["label"] if working else None)),
        ("Proposed by", "%s at %s" % (esc(verdict["proposed_by"]), esc(verdict["proposed_at"]))),
        ("Approved by", approved),
        ("Fact check", link(verdict["review_url"])),
    ])


def evidence_html(claim):
    items = claim["evidence"]
    out = ["<h3>Evidence (%d items, %d independent sources)</h3>" % (
        len(items), claim["independent_sources"])]
    if not items:
        return out[0] + "<p>No evidence recorded.</p>"
    out.append('<ol class="evidence">')
    for item in items:
        source = item["source"]
        verified = {True: "verified in the archived copy",
                    False: '<span class="warn">not found in the archived copy</span>',
                    None: "not yet verified"}[item["excerpt_verified"]]
        link_state = esc(source["link_status"])
        if source["changed_since_cited"]:
            link_state += ' <span class="warn">changed since cited on %s</span>' % esc(
                source["changed_since_cited"]["cited_at"])
        out.append('<li><strong class="stance-%s">%s</strong>: %s%s</li>' % (
            esc(item["stance"]), esc(item["stance"]), esc(source["title"], "untitled source"),
            rows([
                ("Excerpt", "<blockquote>%s</blockquote>%s" % (esc(item["excerpt"]), verified)),
                ("Publisher", esc(source["publisher"])),
                ("Author", esc(source["author"])),
                ("Published", esc(source["published_at"])),
                ("URL", link(source["url"])),
                ("Archived copy", link(source["archive_url"]) if source["archive_url"]
                 else esc(missing_copy_note(source))),
                ("Retrieved", esc(source["fetched_at"], "not yet fetched")),
                ("Content SHA-256", "<code>%s</code>" % esc(source["content_sha256"])),
                ("Independence key", esc(source["independence_key"])),
                ("Link health", "%s (checked %s)" % (link_state,
                                                     esc(source["link_checked_at"], "never"))),
                ("Added", "%s at %s" % (esc(item["added_by"]), esc(item["added_at"]))),
            ])))
    out.append("</ol>")
    return "".join(out)


def timeline_html(claim):
    out = ["<h3>Review timeline</h3><table><thead><tr><th>Version</th><th>When</th>"
           "<th>Who</th><th>Action</th><th>State</th><th>Note</th><th>Event hash</th></tr>"
           "</thead><tbody>"]
    for entry in claim["timeline"]:
        states = ""
        if entry["from_state"] or entry["to_state"]:
            states = "%s → %s" % (esc(entry["from_state"]), esc(entry["to_state"]))
        out.append("<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                   "<td><code>%s</code></td></tr>" % (
                       entry["version"], esc(entry["at"]), esc(entry["actor"] or "system"),
                       esc(entry["action"]), states, esc(timeline_note(entry), ""),
                       esc(entry["hash"][:16])))
    out.append("</tbody></table>")
    return "".join(out)


def claimreview_html(claim, header):
    """The claim's ClaimReview as JSON-LD, or a note on why it has none."""
    try:
        review, warnings = review_for(claim, header)
    except ClaimReviewRefused as refused:
        return '<p class="warn">No ClaimReview markup: %s</p>' % esc(
            "; ".join("%s %s" % (p["field"], p["reason"]) for p in refused.problems))
    if review is None:
        return ""
    note = ""
    if warnings:
        note = '<p class="warn">ClaimReview notes: %s</p>' % esc(
            "; ".join("%s %s" % (w["field"], w["reason"]) for w in warnings))
    return '<script type="application/ld+json">\n%s\n</script>%s' % (script_json(review), note)


def render_claim(claim, header):
    return ('<section class="claim" id="claim-%d"><h2>Claim %d: %s</h2>%s'
            "<h3>Verdict</h3>%s%s%s%s</section>\n" % (
                claim["id"], claim["id"], esc(claim["text"]), statement_html(claim),
                verdict_html(claim), evidence_html(claim), timeline_html(claim),
                claimreview_html(claim, header)))


def render(report):
    header = report.header
    head = header["chain_head"]
    yield ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
           '<meta http-equiv="Content-Security-Policy" content="%s">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           "<title>Sourcing report: %s</title><style>%s</style></head><body>\n"
           % (esc(CSP), esc(scope_text(header["scope"])), STYLE))
    yield ("<header><h1>Sourcing report</h1>%s</header>\n" % rows([
        ("Scope", esc(scope_text(header["scope"]))),
        ("Generated", esc(header["generated_at"])),
        ("Published by", esc(header["publisher"]["name"], "not configured")),
        ("Audit chain head", "<code>%s</code> (%d events)" % (esc(head["hash"]),
                                                              head["events"])),
    ]))
    for claim in report.claims():
        yield render_claim(claim, header)
    yield "</body></html>\n"
