"""JSON and JSON Lines: the report model, streamed a claim at a time.

JSON: ``{"report": header, "claims": [claim, …]}``. JSON Lines: a first line
``{"record": "report", …header}``, then one ``{"record": "claim", …claim}`` per line.

Claims are written straight from a chunk's rows into templates, each string through the
standard library's C string encoder, rather than building the dicts of ``dicts.py`` and
encoding them: the dicts and the generic encoder were two thirds of an export's time
(docs/PERFORMANCE.md). The text is byte for byte what ``ENCODER.encode(claim_dict)``
gives, and tests/reports/test_fast_paths.py holds it to that, so a field added to the
report model must be added to the template below too.
"""
import json
from json.encoder import encode_basestring as text  # '"…"', escaped, non-ASCII kept

from ..store.db import iso_z
from .builder import independent_sources_of_rows
from .dicts import rating

# One encoder for every claim: json.dumps with options builds a new encoder per call.
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(value):
    return ENCODER.encode(value)


def render(report):
    yield '{"report":%s,"claims":[' % dumps(report.header)
    writer = ClaimWriter(report.settings)
    first = True
    for chunk in report.chunks():
        bodies = writer.chunk(chunk)
        if bodies:
            if not first:
                yield ","
            yield "{" + ",{".join(bodies)
            first = False
    yield "]}\n"


def render_lines(report):
    yield dumps({"record": "report", **report.header}) + "\n"
    writer = ClaimWriter(report.settings)
    for chunk in report.chunks():
        bodies = writer.chunk(chunk)
        if bodies:
            # {"record": "claim", **claim}: the claim's fields after a first one.
            yield '{"record":"claim",' + '\n{"record":"claim",'.join(bodies) + "\n"


def opt(value):
    """A string or null."""
    return "null" if value is None else text(value)


class Words(dict):
    """Encoded values of a column with few distinct values (states, actions, stances,
    kinds): each encoded once, then a dictionary lookup."""

    def __missing__(self, value):
        encoded = self[value] = opt(value)
        return encoded


def number(value):
    """An int, a float or null, as the encoder writes them (NaN and infinities too)."""
    if value is None:
        return "null"
    return "%d" % value if value.__class__ is int else dumps(value)


def when(value):
    """A stored time as the API writes it, or null. ISO texts need no escaping."""
    if value is None:
        return "null"
    if value.__class__ is str and len(value) == 19:  # SQLite, whole seconds (``iso_z``)
        return '"%sT%s.000000Z"' % (value[:10], value[11:])
    return '"%s"' % iso_z(value)


NOT_FETCHED = ('"archive_url":null,"fetched_at":null,"content_sha256":null,'
               '"link_checked_at":null,"changed_since_cited":null')
EVIDENCE = ('{"id":%d,"stance":%s,"excerpt":%s,"excerpt_verified":%s,"excerpt_start":%s,'
            '"excerpt_end":%s,"note":%s,"added_by":%s,"added_at":%s,"source":{"id":%d,'
            '"url":%s,"canonical_url":%s,"domain":%s,"title":%s,"publisher":%s,"author":%s,'
            '"published_at":%s,"kind":%s,"independence_key":%s,"fetch_status":%s,'
            '"link_status":%s,%s}}')
EVENT = ('{"version":%s,"at":"%s","actor":%s,"action":%s,"from_state":%s,"to_state":%s,'
         '"changes":%s,"hash":%s}')
SPEAKER = '{"id":%d,"kind":%s,"name":%s,"description":%s,"affiliation":%s}'
DOCUMENT = '{"id":%d,"title":%s,"url":%s,"publisher":%s,"published_at":%s}'
# A claim without its opening brace, so that JSON Lines can put "record" first.
CLAIM = ('"id":%d,"url":%s,"text":%s,"state":%s,"version":%s,"created_by":%s,'
         '"created_at":%s,"updated_at":%s,"statement":{"speaker":%s,"quote":%s,'
         '"quote_kind":%s,"quote_start":%s,"quote_end":%s,"cue":%s,"claimed_at":%s,'
         '"document":%s,"extracted":%s,"confidence":%s},"verdict":{"working":%s,'
         '"rationale":%s,"proposed_by":%s,"proposed_at":%s,"published":%s,"review_url":%s,'
         '"dismiss_reason":%s,"duplicate_of":%s},"evidence":[%s],"independent_sources":%d,'
         '"timeline":[%s]}')


def archive_fields(found):
    """The source's archive fields (``snapshots.for_evidence``), without braces."""
    changed = found["changed_since_cited"]
    return '"archive_url":%s,"fetched_at":%s,"content_sha256":%s,"link_checked_at":%s,' \
           '"changed_since_cited":%s' % (
               opt(found["archive_url"]), opt(found["fetched_at"]),
               opt(found["content_sha256"]), opt(found["link_checked_at"]),
               "null" if changed is None else '{"cited_at":%s,"detected_at":%s}' % (
                   text(changed["cited_at"]), text(changed["detected_at"])))


class ClaimWriter:
    """Writes claims as JSON text; holds what is the same for every claim of a report
    (the URL pattern, each verdict's rating object)."""

    def __init__(self, settings):
        self.settings = settings
        self.urls = settings.claim_api_urls()
        self.ratings = {None: "null"}
        self.words = Words()

    def rating(self, name):
        found = self.ratings.get(name)
        if found is None:
            found = self.ratings[name] = dumps(rating(self.settings.scale, name))
        return found

    def chunk(self, chunk):
        """Each claim of the chunk as JSON text without its opening brace, in id order."""
        # Names, speakers and documents recur across a chunk's claims: encoded once.
        who = {user_id: opt(name) for user_id, name in chunk.names.items()}
        speakers, documents = {}, {}
        archived = chunk.archived
        return [self.claim(row, evidence, events, who, archived, speakers, documents)
                for row, evidence, events in chunk.claims]

    def claim(self, row, evidence, events, who, archived, speakers, documents):
        (claim_id, claim_text, quote, quote_kind, quote_start, quote_end, cue, claimed_at,
         extracted, confidence, state, verdict, rationale, proposed_by, published_verdict,
         published_by, published_at, dismiss_reason, duplicate_of, version, created_by,
         created_at, updated_at, speaker_id, speaker_kind, speaker_name, speaker_description,
         speaker_affiliation, document_id, document_title, document_url, document_publisher,
         document_published_at) = row

        words = self.words
        timeline, proposed_at = [], "null"
        for (_, event_version, actor, action, from_state, to_state, changes, at, digest,
             _) in events:
            at = iso_z(at)
            if action == "propose":
                proposed_at = '"%s"' % at
            # Stored changes are already the encoder's text: JSONField writes them with
            # the same separators and ensure_ascii=False (sorted keys, which a parse and
            # re-encode keeps), so they are copied rather than parsed and re-encoded.
            timeline.append(EVENT % (
                "null" if event_version is None else event_version, at,
                who.get(actor, "null"), words[action], words[from_state], words[to_state],
                changes or "{}", text(digest)))

        items = []
        for (evidence_id, _, stance, excerpt, note, verified, excerpt_start, excerpt_end,
             added_by, added_at, source_id, url, canonical_url, domain, title, publisher,
             author, source_published_at, kind, independence_key, fetch_status,
             link_status) in evidence:
            items.append(EVIDENCE % (
                evidence_id, words[stance], opt(excerpt),
                "null" if verified is None else ("true" if verified else "false"),
                number(excerpt_start), number(excerpt_end), opt(note),
                who.get(added_by, "null"), when(added_at), source_id, text(url),
                opt(canonical_url), text(domain), opt(title), opt(publisher), opt(author),
                when(source_published_at), words[kind], text(independence_key),
                words[fetch_status], words[link_status],
                NOT_FETCHED if evidence_id not in archived
                else archive_fields(archived[evidence_id])))

        speaker = "null"
        if speaker_id is not None:
            speaker = speakers.get(speaker_id)
            if speaker is None:
                speaker = speakers[speaker_id] = SPEAKER % (
                    speaker_id, words[speaker_kind], text(speaker_name),
                    text(speaker_description), text(speaker_affiliation))
        document = "null"
        if document_id is not None:
            document = documents.get(document_id)
            if document is None:
                document = documents[document_id] = DOCUMENT % (
                    document_id, text(document_title), opt(document_url),
                    opt(document_publisher), when(document_published_at))
        published = review_url = "null"
        if published_verdict is not None:
            published = '%s,"approved_by":%s,"approved_at":%s}' % (
                self.rating(published_verdict)[:-1], who.get(published_by, "null"),
                when(published_at))
            review_url = opt(self.settings.review_url(claim_id))

        return CLAIM % (
            claim_id, text(self.urls % claim_id), text(claim_text), words[state],
            number(version), who.get(created_by, "null"), when(created_at),
            when(updated_at), speaker, opt(quote), words[quote_kind], number(quote_start),
            number(quote_end), opt(cue), when(claimed_at), document,
            "true" if extracted else "false", number(confidence), self.rating(verdict),
            opt(rationale), who.get(proposed_by, "null"), proposed_at, published, review_url,
            words[dismiss_reason], number(duplicate_of), ",".join(items),
            independent_sources_of_rows(evidence),
            ",".join(timeline))
