"""Shared fixtures. Qt runs offscreen, no test can reach the person's real data folder, and
none can reach the network (tests/network_guard.py: an audit hook for the whole session)."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from models import db
from tests import network_guard

network_guard.install()  # once, before any test: audit hooks cannot be removed


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    """Fails the test that tried to reach the network, even if it caught the error."""
    before = len(network_guard.attempts)
    yield
    tried = network_guard.attempts[before:]
    assert not tried, f"network access attempted: {tried}"


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    """The tests that run main() leave the garbage collector as Rapport runs it (far
    apart): set back after each, so that a cycle's leftovers are collected, and reported,
    in the test that made them rather than in some later one."""
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv(db.ENV_VAR, raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "rapport.db"


@pytest.fixture
def database(db_path: Path) -> Iterator[db.OpenedDatabase]:
    """A freshly migrated database in tmp_path, bound for the services."""
    opened = db.open_database(db_path)
    yield opened
    db.close_database()
