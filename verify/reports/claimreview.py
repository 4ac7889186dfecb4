"""schema.org ClaimReview for published claims, following Google's fact-check markup rules.

https://developers.google.com/search/docs/appearance/structured-data/factcheck requires
``claimReviewed``, ``reviewRating`` (with ``alternateName``; numeric ratings need
``worstRating`` >= 1 and below ``bestRating``) and a ``url`` on the publisher's site, and
recommends ``author``, ``datePublished`` and an ``itemReviewed`` Claim with its
``author``, ``appearance``/``firstAppearance`` and ``datePublished``.

``validate`` returns warnings for missing recommended fields and raises
``ClaimReviewRefused`` for output that breaks a requirement: such markup is never emitted.
A claim without a published (approved) verdict has no ClaimReview at all.
"""
import json
from urllib.parse import urlsplit

from ..errors import Conflict

# Google asks to keep claimReviewed short enough not to wrap on a phone.
SHORT_CLAIM = 75


class ClaimReviewRefused(Conflict):
    """The ClaimReview would break a rule; ``problems`` lists ``{field, reason}``."""

    def __init__(self, claim_id, problems):
        super().__init__("claim %s: its ClaimReview would break the fact-check markup rules: %s"
                         % (claim_id, "; ".join("%s: %s" % (p["field"], p["reason"])
                                                for p in problems)),
                         problems=problems)
        self.problems = problems


class NotPublished(Conflict):
    def __init__(self, claim_id):
        super().__init__("claim %s has no published verdict, so it has no ClaimReview"
                         % claim_id)


def _date(text):
    """ISO date-time without microseconds: '2026-11-28T04:01:02Z'."""
    return None if text is None else text.split(".")[0].rstrip("Z") + "Z"


def speaker_entity(speaker):
    """The speaker as schema.org: a Person or an Organization; an unnamed speaker is
    described rather than named ("a senior official")."""
    if speaker is None:
        return None
    kind = speaker["kind"]
    schema_type = {"named_person": "Person", "anonymous_person": "Person",
                   "organization": "Organization", "group": "Organization",
                   "document": "CreativeWork"}.get(kind, "Thing")
    entity = {"@type": schema_type}
    if speaker["name"]:
        entity["name"] = speaker["name"]
    if speaker["description"]:
        entity["description"] = speaker["description"]
    if speaker["affiliation"]:
        key = "affiliation" if schema_type == "Person" else "parentOrganization"
        if schema_type == "CreativeWork":
            key = "publisher"
        entity[key] = {"@type": "Organization", "name": speaker["affiliation"]}
    return entity


def appearance(document):
    if not document or not document["url"]:
        return None
    work = {"@type": "CreativeWork", "url": document["url"]}
    if document["title"]:
        work["headline"] = document["title"]
    if document["publisher"]:
        work["publisher"] = {"@type": "Organization", "name": document["publisher"]}
    if document["published_at"]:
        work["datePublished"] = _date(document["published_at"])
    return work


def build(claim, publisher):
    """The ClaimReview of one report dict. ``publisher`` is the report header's
    ``{"name", "url"}``. Raises NotPublished for an unpublished claim."""
    verdict = claim["verdict"]
    published = verdict["published"]
    if published is None:
        raise NotPublished(claim["id"])
    statement = claim["statement"]
    item = {"@type": "Claim"}
    author = speaker_entity(statement["speaker"])
    if author:
        item["author"] = author
    seen = appearance(statement["document"])
    if seen:
        # The document is where claimdesk recorded the claim: the earliest it knows of.
        item["appearance"] = seen
        item["firstAppearance"] = seen
    said_at = statement["claimed_at"] or (statement["document"] or {}).get("published_at")
    if said_at:
        item["datePublished"] = _date(said_at)
    organisation = {"@type": "Organization", "name": publisher["name"]}
    if publisher["url"]:
        organisation["url"] = publisher["url"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": verdict["review_url"],
        "claimReviewed": claim["text"],
        "datePublished": _date(published["approved_at"]),
        "author": organisation,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": published["rating_value"],
            "bestRating": published["best_rating"],
            "worstRating": published["worst_rating"],
            "alternateName": published["label"],
        },
        "itemReviewed": item,
    }


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def validate(review, publisher_url):
    """Warnings (a list of ``{field, reason}``) for missing recommended fields; raises
    ClaimReviewRefused when a required field is missing or wrong."""
    problems, warnings = [], []

    def refuse(field, reason):
        problems.append({"field": field, "reason": reason})

    def warn(field, reason):
        warnings.append({"field": field, "reason": reason})

    if review.get("@context") not in ("https://schema.org", "http://schema.org"):
        refuse("@context", "must be https://schema.org")
    if review.get("@type") != "ClaimReview":
        refuse("@type", "must be ClaimReview")
    claimed = review.get("claimReviewed")
    if not isinstance(claimed, str) or not claimed.strip():
        refuse("claimReviewed", "the claim's text is required")
    elif len(claimed) > SHORT_CLAIM:
        warn("claimReviewed", "longer than %d characters: wraps on phones" % SHORT_CLAIM)

    site = urlsplit(publisher_url or "")
    url = urlsplit(review.get("url") or "")
    if not publisher_url or site.scheme not in ("http", "https") or not site.hostname:
        refuse("url", "CLAIMDESK_PUBLISHER_URL must name the publisher's http(s) site")
    elif url.scheme not in ("http", "https") or not url.hostname:
        refuse("url", "must be the http(s) address of the fact check")
    elif url.hostname != site.hostname and not url.hostname.endswith("." + site.hostname):
        refuse("url", "must be on the publisher's site (%s)" % site.hostname)

    rating = review.get("reviewRating") or {}
    if not (rating.get("alternateName") or "").strip():
        refuse("reviewRating.alternateName", "the verdict's label is required")
    value, best, worst = (rating.get(k) for k in ("ratingValue", "bestRating", "worstRating"))
    if not (_is_int(value) and _is_int(best) and _is_int(worst)):
        refuse("reviewRating.ratingValue",
               "ratingValue, bestRating and worstRating must be whole numbers")
    elif worst < 1:
        refuse("reviewRating.worstRating", "must be 1 or more")
    elif worst >= best:
        refuse("reviewRating.bestRating", "must be above worstRating")
    elif not worst <= value <= best:
        refuse("reviewRating.ratingValue", "must lie between worstRating and bestRating")

    author = review.get("author") or {}
    if not (author.get("name") or "").strip():
        refuse("author.name", "CLAIMDESK_PUBLISHER_NAME must name the publishing organisation")
    if not review.get("datePublished"):
        refuse("datePublished", "the approval time is required")

    item = review.get("itemReviewed") or {}
    if item.get("@type") != "Claim":
        refuse("itemReviewed", "must be a Claim")
    speaker = item.get("author")
    if not speaker:
        warn("itemReviewed.author", "the claim has no speaker")
    elif not speaker.get("name"):
        warn("itemReviewed.author.name", "the speaker is unnamed; only described")
    if not item.get("appearance"):
        warn("itemReviewed.appearance", "the claim's document has no URL")
    if not item.get("datePublished"):
        warn("itemReviewed.datePublished", "when the claim was made is not known")
    if problems:
        raise ClaimReviewRefused(review.get("url") or "?", problems)
    return warnings


def review_for(claim, header):
    """``(review, warnings)`` for a published claim; ``(None, None)`` for any other.
    Raises ClaimReviewRefused when the markup would break the rules."""
    if claim["verdict"]["published"] is None:
        return None, None
    review = build(claim, header["publisher"])
    try:
        return review, validate(review, header["publisher"]["url"])
    except ClaimReviewRefused as refused:
        raise ClaimReviewRefused(claim["id"], refused.problems) from None


def script_json(value):
    """JSON safe inside an HTML <script> element: no '<', '>' or '&' can end the element
    or open a comment, whatever the claim's text says."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(report):
    """A JSON array of the ClaimReviews of the report's published claims; a one-claim
    report gives the object itself, and refuses an unpublished claim."""
    header = report.header
    if "claim" in report.scope:
        for claim in report.claims():
            review, _ = review_for(claim, header)
            if review is None:
                raise NotPublished(claim["id"])
            yield json.dumps(review, ensure_ascii=False, indent=2) + "\n"
        return
    yield "["
    separator = "\n"
    for claim in report.claims():
        review, _ = review_for(claim, header)
        if review is not None:
            yield separator + json.dumps(review, ensure_ascii=False, indent=2)
            separator = ",\n"
    yield "\n]\n"
