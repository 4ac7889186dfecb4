import socket
from pathlib import Path

import pytest

from sources.extract import Extracted, extract

PAGE = (Path(__file__).parent / "pages" / "riverside.html").read_bytes()


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Extraction must never reach out, not even for DNS."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access during extraction")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_realistic_article():
    out = extract(PAGE, "text/html; charset=utf-8", url="https://riverside-gazette.example/story?utm_source=x")
    assert out.kind == "html" and out.extractable
    assert out.title == "Council approves new bridge budget"
    assert out.author == "Maria Lopez"
    assert out.publisher == "The Riverside Gazette"
    assert out.published == "2026-03-14"
    assert out.canonical_url == "https://www.riverside-gazette.example/news/2026/03/council-bridge-budget"
    assert out.language == "en-GB"
    assert out.description == "The council voted 7-2 to fund the Elm Street bridge."
    assert "“We cannot keep asking residents to take a twenty-minute detour,”" in out.text
    assert "All rights reserved" not in out.text  # footer boilerplate dropped
    assert "Sport" not in out.text  # navigation dropped


def test_no_canonical_means_none_not_the_fetched_url():
    html = PAGE.replace(b'<link rel="canonical"', b'<link rel="alternate"')
    out = extract(html, "text/html", url="https://riverside-gazette.example/story")
    assert out.canonical_url is None


def test_relative_canonical_is_resolved_and_normalised():
    html = PAGE.replace(
        b'href="https://www.riverside-gazette.example/news/2026/03/council-bridge-budget"',
        b'href="/news/bridge?utm_campaign=x#top"',
    )
    out = extract(html, "text/html", url="https://Riverside-Gazette.example/a")
    assert out.canonical_url == "https://riverside-gazette.example/news/bridge"


def test_declared_charset_is_honoured():
    html = "<html><head><title>Café</title></head><body><p>Déjà vu à Genève.</p></body></html>"
    out = extract(html.encode("latin-1"), "text/html; charset=ISO-8859-1")
    assert "Déjà vu à Genève." in out.text


def test_tiny_page_falls_back_to_visible_text():
    out = extract(b"<html><body><p>Short note.</p></body></html>", "text/html")
    assert out.extractable and "Short note." in out.text


def test_plain_text():
    assert extract("Wire: ‘quoted’".encode(), "text/plain") == Extracted(
        kind="text", extractable=True, text="Wire: ‘quoted’"
    )


def test_json_is_pretty_printed_with_a_title():
    out = extract(b'{"headline": "Budget \\u00e9t\\u00e9", "body": "x"}', "application/json")
    assert out.kind == "json" and out.title == "Budget été"
    assert '"body": "x"' in out.text


def test_invalid_json_kept_as_text():
    assert extract(b"{nope", "application/json").text == "{nope"


def test_pdf_is_recorded_as_not_extractable():
    assert extract(b"%PDF-1.7 ...", "application/pdf") == Extracted(kind="pdf", extractable=False)
