import random
import socket

import pytest

from sources.independence import (
    TextFingerprint,
    independence_key,
    near_duplicate,
    owner_map_from_groups,
    registrable_domain,
    similarity,
    text_fingerprint,
)

WIRE = """BRUSSELS (Wire) - European Union finance ministers agreed on Tuesday to extend
emergency support for farmers hit by the summer drought, releasing an additional 500
million euros from the bloc's crisis reserve, officials said. The package, which still
needs formal approval by the European Parliament, will be distributed according to the
share of farmland affected in each member state, with Spain, Portugal and Italy expected
to receive the largest amounts. "This is a lifeline, not a solution," the Spanish
agriculture minister told reporters after the meeting, adding that longer-term
investment in irrigation was unavoidable. Farm groups welcomed the decision but said
the sum covered less than a fifth of the losses estimated by national authorities.
Several northern member states had resisted tapping the reserve again so early in the
year, arguing that it should be kept for unforeseen crises later in the budget period.
The Commission will present a review of the reserve's rules in the autumn, a spokesman
said, declining to say whether it would propose raising its size. Prices for wheat and
olive oil have risen sharply since June, and economists expect food inflation to stay
above the bloc's average for several more months."""

UNRELATED = """The city council voted seven to two on Thursday evening to approve a budget
of 12 million euros for the replacement of the Elm Street bridge, which has been closed
to heavy traffic since last autumn. Councillor Anna Berg, who chairs the infrastructure
committee, said construction should begin in the summer and take about eighteen months.
Opponents argued that the cost estimate was based on prices from 2024 and would likely
rise, and councillor Tom Reed said the city's own engineers had warned of overruns of
up to 30 percent. The regional transport authority has promised to cover a quarter of
the cost, according to a letter seen by the Gazette, and the remaining funds will come
from a bond issue to be voted on in May, officials said on Tuesday."""


def boilerplate(seed, n):
    rng = random.Random(seed)
    vocab = "home news sport business weather subscribe login newsletter privacy cookies contact advertise terms podcasts video live opinion culture travel science".split()
    return " ".join(rng.choice(vocab) for _ in range(n))


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("news.bbc.co.uk", "bbc.co.uk"),
        ("BBC.CO.UK.", "bbc.co.uk"),
        ("alice.github.io", "alice.github.io"),
        ("www.bücher.de", "xn--bcher-kva.de"),
        ("co.uk", "co.uk"),
        ("localhost", "localhost"),
        ("93.184.216.34", "93.184.216.34"),
    ],
)
def test_registrable_domain(host, domain):
    assert registrable_domain(host) == domain


def test_public_suffix_list_needs_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from sources import independence

    independence._psl.cache_clear()
    assert registrable_domain("a.b.example.co.jp") == "example.co.jp"


def test_two_bbc_pages_are_one_source():
    assert independence_key("www.bbc.co.uk") == independence_key("news.bbc.co.uk") == "bbc.co.uk"


def test_owner_map_groups_domains_of_one_owner():
    owners = owner_map_from_groups({"bbc": ["bbc.co.uk", "BBC.com"], "axel-springer": ["bild.de", "welt.de"]})
    assert owners == {"bbc.co.uk": "bbc", "bbc.com": "bbc", "bild.de": "axel-springer", "welt.de": "axel-springer"}
    assert independence_key("www.bbc.com", owners) == independence_key("news.bbc.co.uk", owners) == "bbc"
    assert independence_key("www.welt.de", owners) == "axel-springer"
    assert independence_key("www.spiegel.de", owners) == "spiegel.de"


def test_most_specific_owner_entry_wins_and_suffixes_never_match():
    owners = {"example.com": "example", "blogs.example.com": "guest-bloggers", "co.uk": "nobody"}
    assert independence_key("a.blogs.example.com", owners) == "guest-bloggers"
    assert independence_key("www.example.com", owners) == "example"
    assert independence_key("www.bbc.co.uk", owners) == "bbc.co.uk"


def test_fingerprint_is_deterministic_and_round_trips():
    fp = text_fingerprint(WIRE)
    assert fp == text_fingerprint(WIRE)
    assert TextFingerprint.from_str(fp.to_str()) == fp
    assert fp.to_str().startswith(f"v1:{fp.shingles}:")


def test_same_wire_story_in_different_wrappers_is_a_near_duplicate():
    # Wrappers as trafilatura leaves them: a byline block and a related-links tail.
    site_a = "Gazette | " + boilerplate(1, 40) + "\n" + WIRE + "\n" + boilerplate(2, 60)
    # Another site: different chrome, curly quotes, a changed dateline and lower case.
    site_b = (boilerplate(3, 80) + "\nBrussels, Sept 3 — " + WIRE.split("-", 1)[1].replace('"', "“").lower()
              + "\nRead more: " + boilerplate(4, 70))
    a, b = text_fingerprint(site_a), text_fingerprint(site_b)
    assert near_duplicate(a, b)
    assert similarity(a, b) > 0.55
    # The bare story against a wrapped copy: containment ignores the wrapper.
    assert similarity(text_fingerprint(WIRE), a) > 0.9
    assert similarity(a, b) == similarity(b, a)


def test_lightly_edited_wire_copy_still_matches():
    edited = WIRE.replace("on Tuesday", "late on Tuesday").replace("500\nmillion", "half a billion")
    edited += " Reporting by the Brussels bureau; editing by the desk."
    assert near_duplicate(text_fingerprint(WIRE), text_fingerprint(edited))


def test_different_stories_are_not_duplicates():
    a, b = text_fingerprint(WIRE), text_fingerprint(UNRELATED)
    assert similarity(a, b) < 0.05
    assert not near_duplicate(a, b)


def test_short_and_empty_texts():
    empty = text_fingerprint("")
    assert empty == TextFingerprint(0, ())
    assert similarity(empty, text_fingerprint(WIRE)) == 0.0
    short = text_fingerprint("officials said")
    assert not near_duplicate(short, text_fingerprint(WIRE))


def test_long_texts_keep_a_bounded_sketch():
    text = " ".join(f"w{i}" for i in range(50_000))
    fp = text_fingerprint(text)
    assert fp.shingles == 50_000 - 4 and len(fp.sketch) == 256
    assert near_duplicate(fp, text_fingerprint(text[:200_000] + " footer " + boilerplate(5, 3000)))
