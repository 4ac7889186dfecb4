"""ClaimReview mapping and the validator that warns about or refuses broken markup."""
import copy

import pytest

from verify.reports.claimreview import (
    ClaimReviewRefused,
    NotPublished,
    build,
    review_for,
    speaker_entity,
    validate,
)

SITE = "https://factcheck.example"
PUBLISHER = {"name": "Example Fact Check", "url": SITE}


def claim(**overrides):
    base = {
        "id": 7,
        "text": "Exports doubled last year.",
        "statement": {
            "speaker": {"id": 1, "kind": "named_person", "name": "Ana Ruiz",
                        "description": "trade minister", "affiliation": "Government"},
            "claimed_at": None,
            "document": {"id": 1, "title": "Interview", "url": "https://news.example/i",
                         "publisher": "Example News", "published_at": "2026-11-01T09:30:00.000000Z"},
        },
        "verdict": {
            "published": {"verdict": "false", "label": "False", "rating_value": 1,
                          "worst_rating": 1, "best_rating": 5, "approved_by": "ed",
                          "approved_at": "2026-11-02T10:00:00.123456Z"},
            "review_url": SITE + "/claims/7",
        },
    }
    base.update(overrides)
    return base


def test_published_claim_maps_to_claimreview():
    review = build(claim(), PUBLISHER)
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example/claims/7",
        "claimReviewed": "Exports doubled last year.",
        "datePublished": "2026-11-02T10:00:00Z",
        "author": {"@type": "Organization", "name": "Example Fact Check",
                   "url": "https://factcheck.example"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                         "worstRating": 1, "alternateName": "False"},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Ana Ruiz", "description": "trade minister",
                       "affiliation": {"@type": "Organization", "name": "Government"}},
            "appearance": {"@type": "CreativeWork", "url": "https://news.example/i",
                           "headline": "Interview",
                           "publisher": {"@type": "Organization", "name": "Example News"},
                           "datePublished": "2026-11-01T09:30:00Z"},
            "firstAppearance": {"@type": "CreativeWork", "url": "https://news.example/i",
                                "headline": "Interview",
                                "publisher": {"@type": "Organization", "name": "Example News"},
                                "datePublished": "2026-11-01T09:30:00Z"},
            "datePublished": "2026-11-01T09:30:00Z",
        },
    }
    assert validate(review, SITE) == []


def test_unpublished_claim_has_no_claimreview():
    unpublished = claim(verdict={"published": None, "review_url": None})
    assert review_for(unpublished, {"publisher": PUBLISHER}) == (None, None)
    with pytest.raises(NotPublished):
        build(unpublished, PUBLISHER)


@pytest.mark.parametrize("kind, expected", [
    ("anonymous_person", {"@type": "Person", "description": "a senior official"}),
    ("organization", {"@type": "Organization", "name": "Acme"}),
    ("group", {"@type": "Organization", "description": "protesters"}),
])
def test_speaker_kinds(kind, expected):
    speaker = {"kind": kind, "name": expected.get("name", ""),
               "description": expected.get("description", ""), "affiliation": ""}
    assert speaker_entity(speaker) == expected


def broken(path, value):
    review = build(claim(), PUBLISHER)
    target = review
    *parents, last = path.split(".")
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return review


@pytest.mark.parametrize("path, value, field", [
    ("reviewRating.worstRating", 0, "reviewRating.worstRating"),
    ("reviewRating.worstRating", 5, "reviewRating.bestRating"),
    ("reviewRating.ratingValue", 6, "reviewRating.ratingValue"),
    ("reviewRating.ratingValue", None, "reviewRating.ratingValue"),
    ("reviewRating.ratingValue", True, "reviewRating.ratingValue"),
    ("reviewRating.alternateName", " ", "reviewRating.alternateName"),
    ("reviewRating.alternateName", KeyError, "reviewRating.alternateName"),
    ("url", "https://elsewhere.example/claims/7", "url"),
    ("url", "javascript:alert(1)", "url"),
    ("url", None, "url"),
    ("claimReviewed", "   ", "claimReviewed"),
    ("author.name", None, "author.name"),
    ("datePublished", None, "datePublished"),
    ("@type", "Review", "@type"),
    ("itemReviewed", {"@type": "Thing"}, "itemReviewed"),
])
def test_validator_refuses_broken_markup(path, value, field):
    with pytest.raises(ClaimReviewRefused) as refused:
        validate(broken(path, value), SITE)
    assert field in [problem["field"] for problem in refused.value.problems]


def test_subdomain_of_the_publisher_is_on_site():
    assert validate(broken("url", "https://www.factcheck.example/c/7"), SITE) == []


def test_validator_refuses_without_a_publisher_site():
    with pytest.raises(ClaimReviewRefused) as refused:
        validate(build(claim(), PUBLISHER), None)
    assert refused.value.problems == [{"field": "url", "reason": "CLAIMDESK_PUBLISHER_URL must "
                                                                 "name the publisher's http(s) site"}]


def test_validator_warns_about_missing_recommended_fields():
    bare = copy.deepcopy(claim())
    bare["text"] = "x" * 80
    bare["statement"] = {"speaker": {"kind": "anonymous_person", "name": "",
                                     "description": "an aide", "affiliation": ""},
                         "claimed_at": None, "document": None}
    warnings = validate(build(bare, PUBLISHER), SITE)
    assert [w["field"] for w in warnings] == [
        "claimReviewed", "itemReviewed.author.name", "itemReviewed.appearance",
        "itemReviewed.datePublished"]
    bare["statement"]["speaker"] = None
    assert "itemReviewed.author" in [w["field"] for w in
                                     validate(build(bare, PUBLISHER), SITE)]


def test_review_for_names_the_claim_when_refusing():
    header = {"publisher": {"name": None, "url": SITE}}
    with pytest.raises(ClaimReviewRefused) as refused:
        review_for(claim(), header)
    assert refused.value.message.startswith("claim 7: ")
