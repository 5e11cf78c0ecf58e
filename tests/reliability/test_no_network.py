"""No network (issue 8, "Prove it" 10): nothing in the app reaches another machine.

- tests/conftest.py installs tests/network_guard.py, an audit hook, for the whole session:
  any internet connection or name lookup fails, and fails the test that made it even if
  the code caught the error. The processes the tests start install it too (child.py).
  These tests prove the guard works.
- No module of the app imports a network module (QtNetwork, urllib.request, http.client,
  sockets...), read from the source of models/, ui/ and main.py.
"""

from __future__ import annotations

import ast
import contextlib
import socket
import urllib.request
from pathlib import Path

import pytest

from tests import network_guard
from tests.network_guard import NetworkAccessError
from tests.reliability.helpers import REPO

FORBIDDEN = (
    "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets", "PySide6.QtHttpServer", "PySide6.QtRemoteObjects",
    "socket", "ssl", "http", "urllib.request", "urllib3", "requests", "httpx", "aiohttp",
    "ftplib", "smtplib", "poplib", "imaplib", "xmlrpc", "webbrowser",
)  # fmt: skip


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_the_guard_refuses_connections_lookups_and_url_fetches() -> None:
    with network_guard.expected():
        with pytest.raises(NetworkAccessError):
            socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1
        with pytest.raises(NetworkAccessError):
            socket.getaddrinfo("example.com", 443)
        with pytest.raises(NetworkAccessError):
            socket.gethostbyname("example.com")
        with pytest.raises(NetworkAccessError):
            urllib.request.urlopen("https://example.com/photo.jpg", timeout=1)
        ipv6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        with ipv6, pytest.raises(NetworkAccessError):
            ipv6.sendto(b"x", ("2001:db8::1", 53))


def test_an_attempt_counts_even_when_the_code_swallows_it() -> None:
    before = len(network_guard.attempts)
    with contextlib.suppress(Exception):  # what careless code would do
        socket.getaddrinfo("example.com", 80)
    tried = network_guard.attempts[before:]
    del network_guard.attempts[before:]  # this one was on purpose: do not fail this test
    assert len(tried) == 1 and tried[0].startswith("socket.getaddrinfo")


def test_local_sockets_pass(tmp_path: Path) -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ping")
        assert right.recv(4) == b"ping"
    server = socket.socket(socket.AF_UNIX)
    client = socket.socket(socket.AF_UNIX)
    with server, client:
        server.bind(str(tmp_path / "s"))
        server.listen()
        client.connect(str(tmp_path / "s"))


def app_sources() -> list[Path]:
    return [REPO / "main.py", *sorted((REPO / "models").rglob("*.py")),
            *sorted((REPO / "ui").rglob("*.py"))]  # fmt: skip


def test_no_module_of_the_app_imports_a_network_module() -> None:
    found = []
    for path in app_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) in
                ("import_module", "__import__")
                and node.args and isinstance(node.args[0], ast.Constant)
            ):  # fmt: skip
                names = [str(node.args[0].value)]
            found += [f"{path.relative_to(REPO)}:{node.lineno} {n}" for n in names if forbidden(n)]
    assert len(app_sources()) > 50
    assert found == []
