"""Report test data: seed claims with sources, evidence and a published verdict, made
through the domain functions (so versions, events and the chain are real)."""
from verify.models import Claim, User
from verify.provenance.records import record_source
from verify.review.evidence import add_evidence
from verify.review.workflow import transition

PUBLISHER = {"PUBLISHER_NAME": "Example Fact Check", "PUBLISHER_URL": "https://factcheck.example"}

HOSTILE = ('<script>alert(1)</script> "><img src=x onerror=alert(1)> </script><script>'
           "alert(2)</script> & ' =1+1")


def user(name):
    return User.get(User.name == name)


def publish(claim_id, verdict, *, proposer, approver, rationale):
    """Research, propose and approve ``verdict`` through the review workflow."""
    for actor, action, params in ((proposer, "start_research", {}),
                                  (proposer, "propose", {"verdict": verdict,
                                                         "rationale": rationale}),
                                  (approver, "approve", {})):
        version = Claim.get_by_id(claim_id).version
        transition(claim_id, actor=actor, action=action, expected_version=version, **params)


GOV_PAGE = "https://www.gov.example/statement"
NEWS_PAGE = "https://news.example/report"
WORDS = ("The ministry published its account of the talks on Friday. It said that the "
         "delegation had asked for written guarantees on cross-border attacks and that, in "
         "its view, the pledges were not kept by the other side during the past year. The "
         "statement listed the meetings held since the spring and the names of the mediators.")


def serve_sources(monkeypatch, mocked):
    """The two sources' pages, fetched through the mocked network, and the Wayback
    Machine's availability answer for each: sources get real snapshots and archive URLs."""
    from responses import matchers

    from sources import guard
    from sources.archive import AVAILABLE_URL
    from tests.site import OTHER_STORY, article, fake_resolver

    monkeypatch.setattr(guard, "resolve", fake_resolver({
        "www.gov.example": ["93.184.215.14"], "news.example": ["93.184.215.15"]}))
    mocked.get(GOV_PAGE, body=article([WORDS], title="Official statement"),
               content_type="text/html; charset=utf-8")
    # A different text: near-duplicates would count as one source (syndication).
    mocked.get(NEWS_PAGE, body=article(OTHER_STORY + ["Afterwards officials said talks went "
                                                      "well and would resume in the winter."],
                                       title="Talks report"),
               content_type="text/html; charset=utf-8")
    for page, stamp in ((GOV_PAGE, "20261101090000"), (NEWS_PAGE, "20261102100000")):
        mocked.get(AVAILABLE_URL, match=[matchers.query_param_matcher({"url": page})], json={
            "url": page, "archived_snapshots": {"closest": {
                "status": "200", "available": True, "timestamp": stamp,
                "url": "http://web.archive.org/web/%s/%s" % (stamp, page)}}})


def add_sources(claim_id, actor):
    """Two sources from different owners, one supporting and one contradicting."""
    first, _ = record_source(actor=actor, url=GOV_PAGE,
                             title="Official statement", publisher="Ministry of Examples",
                             author="Press office", kind="official_statement")
    second, _ = record_source(actor=actor, url=NEWS_PAGE,
                              title="Talks report", publisher="Example News", kind="news_report")
    add_evidence(claim_id, actor=actor, source_id=first.id, stance="supports",
                 excerpt="the pledges were not kept")
    add_evidence(claim_id, actor=actor, source_id=second.id, stance="contradicts",
                 excerpt="officials said talks went well", note="Later report")
    return first, second
