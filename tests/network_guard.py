"""No network while the tests run (issue 8): an audit hook (PEP 578) that refuses every
attempt to reach another machine or to look a name up, and remembers it, so that a test
fails even when the code under test swallows the error.

`install()` runs once per process: tests/conftest.py installs it for the whole session and
tests/reliability/child.py for the processes the tests start. A hook cannot be removed, so
it only ever refuses. Local sockets pass (AF_UNIX: Qt, D-Bus, multiprocessing); only the
internet families are network.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Name lookups: any of them may ask a DNS server.
_LOOKUPS = frozenset(
    {
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyname_ex",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)
# Socket calls that name a peer: refused for internet sockets only.
_ADDRESSED = frozenset({"socket.connect", "socket.sendto", "socket.sendmsg"})
# The standard library's clients, audited before they open anything.
_CLIENTS = frozenset(
    {
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
        "smtplib.connect",
        "poplib.connect",
        "imaplib.open",
        "nntplib.connect",
        "webbrowser.open",
    }
)
_WATCHED = _LOOKUPS | _ADDRESSED | _CLIENTS
_INTERNET = frozenset({socket.AF_INET, socket.AF_INET6})

attempts: list[str] = []  # every refused attempt not marked expected(), in order
_state = threading.local()
_installed = False


class NetworkAccessError(RuntimeError):
    """Raised in place of the network call. Not an OSError: code that handles a network
    failure must not mistake it for one and carry on."""


def install() -> None:
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


@contextmanager
def expected() -> Iterator[None]:
    """Attempts inside are refused all the same, but not counted as a test's failure (for
    the test that proves the guard works)."""
    _state.expected = True
    try:
        yield
    finally:
        _state.expected = False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event not in _WATCHED:
        return
    if event in _ADDRESSED and getattr(args[0], "family", None) not in _INTERNET:
        return
    what = f"{event}{args[1:] if event in _ADDRESSED else args!r}"
    if not getattr(_state, "expected", False):
        attempts.append(what)
    raise NetworkAccessError(f"no network in Rapport or its tests: {what}")
