"""The requests transport behind ``sources.fetch``: address pinning and a hard deadline.

Pinning: the guard resolves and checks a host, then the fetcher pins that host to one
checked address on this adapter. The adapter connects to the pinned IP while the
``Host`` header, TLS SNI and certificate check keep using the host name. A request for
a host that was not pinned is refused, so nothing reaches the OS resolver again (no
DNS-rebinding window). The technique (``build_connection_pool_key_attributes`` with
``server_hostname``/``assert_hostname``) is the one requests-hardened uses; see
docs/FETCHING.md for why we do not depend on that package.

Deadline: per-socket timeouts bound each wait, not the sum of them, so a server that
drips one byte per second never times out. A timer thread shuts the connection's
socket down when the total deadline passes, which wakes the blocked read wherever it
is (headers or body) and makes it fail.
"""

import contextvars
import socket
import threading
import time
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from sources.errors import UrlRefused

_DEFAULT_PORTS = {"http": 80, "https": 443}


class Deadline:
    """A total time budget; while ``active``, sockets opened by this module's
    connections are shut down when it expires."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expires_at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._token: contextvars.Token | None = None

    def remaining(self) -> float:
        return max(0.0, self.expires_at - time.monotonic())

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.expires_at

    def __enter__(self) -> "Deadline":
        self._token = _current.set(self)
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _current.reset(self._token)

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: the latter also drops the TLS
    # object under the feet of the thread that is blocked reading from it.
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_current: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "sources_fetch_deadline", default=None
)


class _TrackedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        deadline = _current.get()
        if deadline is not None:
            deadline.track(self.sock)


class _TrackedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        deadline = _current.get()
        if deadline is not None:
            deadline.track(self.sock)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _TrackedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _TrackedHTTPSConnection


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter that only connects to addresses pinned with :meth:`pin`."""

    def __init__(self) -> None:
        self._pins: dict[tuple[str, str, int], str] = {}
        # No urllib3 retries: a retry could reconnect after the deadline fired.
        super().__init__(max_retries=0)

    def pin(self, scheme: str, host: str, port: int, address: str) -> None:
        """Connect requests for ``scheme://host:port`` to ``address`` (an IP)."""
        self._pins[(scheme, host, port)] = address

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        # A proxy would resolve the host itself, defeating the pin.
        raise UrlRefused("fetching through a proxy is not supported")

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        scheme, host = host_params["scheme"], host_params["host"]
        port = host_params["port"] or _DEFAULT_PORTS.get(scheme, 0)
        address = self._pins.get((scheme, host, port))
        if address is None:
            raise UrlRefused(f"{host} was not checked by the address guard")
        if scheme == "https":
            # SNI and certificate verification against the name, not the pinned IP.
            pool_kwargs["server_hostname"] = host
            pool_kwargs["assert_hostname"] = host
        host_params["host"] = address
        return host_params, pool_kwargs

    def send(self, request, **kwargs):
        # urllib3 would otherwise put the pinned IP in the Host header.
        request.headers["Host"] = urlsplit(request.url).netloc.rpartition("@")[2]
        return super().send(request, **kwargs)
