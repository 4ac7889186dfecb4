"""Typed failures of the sources layer.

Every error carries a stable machine ``kind`` (what the caller maps to storage or an
HTTP problem type) and a human ``reason`` (what an editor reads). None of them knows
about HTTP status codes of *our* API; ``api/`` does that mapping.
"""


class SourceError(Exception):
    """Base class: something about an outside source went wrong."""

    kind = "source_error"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class UrlRefused(SourceError):
    """The URL is not acceptable: bad scheme, port, host, or a forbidden address."""

    kind = "refused"


class Unresolvable(SourceError):
    """The host name does not resolve (now). Distinct from a refusal on purpose:
    a submission may accept it and let a later fetch fail."""

    kind = "unresolvable"


class FetchError(SourceError):
    """Base class for failures that happen while talking to the remote server."""

    kind = "fetch_error"


class FetchTimeout(FetchError):
    """Connecting or reading took too long, or the total deadline passed."""

    kind = "timeout"


class TooLarge(FetchError):
    """The body is (or announces to be) larger than the policy allows."""

    kind = "too_large"


class BadContentType(FetchError):
    """The response is of a media type we do not keep."""

    kind = "bad_type"


class HttpError(FetchError):
    """The final response had a 4xx/5xx status (or a redirect without a target)."""

    kind = "http_error"

    def __init__(self, reason: str, status: int):
        super().__init__(reason)
        self.status = status


class TooManyRedirects(FetchError):
    """The redirect chain is longer than the policy allows."""

    kind = "too_many_redirects"


class FetchConnectionError(FetchError):
    """Connection refused/reset, TLS failure, malformed response."""

    kind = "connection"
