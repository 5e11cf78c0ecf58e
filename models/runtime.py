"""How every Rapport process runs Python's garbage collector.

Rapport makes tens of thousands of small records at a time (list rows, a year of key
dates, the contacts of a file) that hold no reference cycles. At CPython's default
thresholds (700, 10, 10) the collector scanned them over and over while they were being
made: 27% of reading a year of key dates and the client list at 10k clients (300 ms of
1.1 s). Collections that far apart still free the rare cycles; memory freed by reference
counting, which is nearly all of it, is freed at once as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (100_000, 50, 20)


def tune_garbage_collector() -> None:
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection while a command reads or writes a file's worth of records: even that
    far apart, each collection walks every container made since the last (four walks of
    100k at 10k imported vCards: 150 ms of 3.3 s), and these records hold no cycles. The
    few cycles made meanwhile are collected once it resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
