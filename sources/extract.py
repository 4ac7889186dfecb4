"""Page metadata and main text from a fetched body, without any network access.

trafilatura only ever receives bytes/trees we fetched ourselves; its own downloader
(and htmldate's) is never called. HTML-derived fields that trafilatura blurs are read
from the tree directly: it reports the *fetched* URL as "url" when a page declares no
canonical link, and it does not report ``<html lang>``.
"""

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

import charset_normalizer
import trafilatura
from trafilatura.utils import load_html

from sources.errors import UrlRefused
from sources.urls import normalize_url

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_JSON_TITLE_KEYS = ("headline", "title", "name")


@dataclass(frozen=True)
class Extracted:
    """What we could read from a body. ``kind`` is html, text, json, pdf or other;
    ``extractable`` is False when we hold the bytes but no text (PDF, binary).
    ``published`` is an ISO date (YYYY-MM-DD) as declared or inferred from markup."""

    kind: str
    extractable: bool
    text: str | None = None
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None


def extract(body: bytes, content_type: str, url: str | None = None) -> Extracted:
    """Extract metadata and main text from ``body`` of media type ``content_type``
    (a full Content-Type header value is fine). ``url`` is the final URL of the
    fetch, used to resolve a relative canonical link."""
    media, charset = _parse_content_type(content_type)
    if media in _HTML_TYPES:
        return _extract_html(body, charset, url)
    if media == "application/json" or media.endswith("+json"):
        return _extract_json(_decode(body, charset))
    if media.startswith("text/"):
        return Extracted(kind="text", extractable=True, text=_decode(body, charset))
    if media == "application/pdf":
        # No pure-Python PDF text extractor is installed; keep the bytes, no text.
        return Extracted(kind="pdf", extractable=False)
    return Extracted(kind="other", extractable=False)


def _extract_html(body: bytes, charset: str | None, url: str | None) -> Extracted:
    # A declared charset wins over sniffing; without one trafilatura detects it.
    tree = load_html(_decode(body, charset) if charset else body)
    if tree is None:
        return Extracted(kind="html", extractable=False)
    canonical = _canonical(tree, url)
    language = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        output_format="python",
        # Publication rather than update date; no guessing from running text, where
        # any date mentioned in the story would do: a wrong date is worse than none.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
    if doc is None:
        # Too little text for the main-content heuristics: keep everything visible.
        text = trafilatura.html2txt(tree) or None
        return Extracted(kind="html", extractable=bool(text), text=text,
                         canonical_url=canonical, language=language or None)
    return Extracted(
        kind="html",
        extractable=bool(doc.text),
        text=doc.text or None,
        title=doc.title or None,
        author=doc.author or None,
        publisher=doc.sitename or None,
        published=doc.date or None,
        canonical_url=canonical,
        language=language or doc.language or None,
        description=doc.description or None,
    )


def _canonical(tree, base_url: str | None) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for href in tree.xpath(xpath):
            try:
                return normalize_url(urljoin(base_url or "", href.strip()))
            except UrlRefused:
                continue  # javascript:, relative without a base, garbage
    return None


def _extract_json(text: str) -> Extracted:
    try:
        data = json.loads(text)
    except ValueError:
        return Extracted(kind="json", extractable=True, text=text)
    title = None
    if isinstance(data, dict):
        title = next((data[k] for k in _JSON_TITLE_KEYS if isinstance(data.get(k), str)), None)
    # Pretty-printed with real characters so excerpts can be found in it.
    return Extracted(kind="json", extractable=True, title=title,
                     text=json.dumps(data, indent=2, ensure_ascii=False))


def _parse_content_type(content_type: str) -> tuple[str, str | None]:
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # wrong or unknown label: fall through to detection
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body).best()
        return str(best) if best is not None else body.decode("utf-8", errors="replace")
