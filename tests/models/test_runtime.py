"""The collector's policy: paused around a command's bulk work, and back as it was after,
whatever happens inside."""

from __future__ import annotations

import gc

import pytest

from models import runtime


def test_the_collector_is_paused_and_comes_back_as_it_was() -> None:
    assert gc.isenabled()
    with runtime.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), runtime.collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with runtime.collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
