from datetime import UTC, datetime

import pytest

from sources.errors import FetchTimeout, HttpError, TooLarge, Unresolvable, UrlRefused
from sources.fetch import FetchResult
from sources.linkcheck import LINK_STATES, LinkCheck, classify_recheck

LAST = dict(last_final_url="https://news.example/story", last_sha256="a" * 64)


def result(final_url="https://news.example/story", sha="a" * 64):
    return FetchResult(
        url="https://news.example/story", final_url=final_url, status=200, headers={},
        fetched_at=datetime(2026, 3, 1, tzinfo=UTC), body=b"", sha256=sha,
    )


def test_alive():
    assert classify_recheck(result(), **LAST) == LinkCheck(
        "alive", "unchanged since the last snapshot", "https://news.example/story", 200, "a" * 64
    )


def test_tracking_params_and_fragment_are_not_a_move():
    assert classify_recheck(result("https://NEWS.example/story?utm_source=x#c"), **LAST).state == "alive"


def test_changed():
    assert classify_recheck(result(sha="b" * 64), **LAST).state == "changed"


def test_moved_wins_over_changed():
    check = classify_recheck(result("https://news.example/2026/story", "b" * 64), **LAST)
    assert (check.state, check.reason) == ("moved", "now ends at https://news.example/2026/story")


@pytest.mark.parametrize("status", [404, 410])
def test_gone(status):
    check = classify_recheck(HttpError(f"the server answered {status}", status), **LAST)
    assert (check.state, check.status) == ("gone", status)


@pytest.mark.parametrize(
    "error",
    [
        HttpError("the server answered 503", 503),
        HttpError("the server answered 403", 403),
        FetchTimeout("gave up after 30 s"),
        Unresolvable("host 'news.example' does not resolve"),
        UrlRefused("news.example resolves to a private address (10.0.0.1)"),
        TooLarge("the page is larger than the 5242880 byte limit"),
    ],
)
def test_unreachable(error):
    check = classify_recheck(error, **LAST)
    assert (check.state, check.reason) == ("unreachable", error.reason)


def test_states_vocabulary_is_complete():
    assert set(LINK_STATES) == {"alive", "gone", "moved", "changed", "unreachable"}
