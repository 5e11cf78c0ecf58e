"""How every Rapport process runs Python: its garbage collector, and the processes it may
fork to share long work.

Rapport makes tens of thousands of small records at a time (list rows, a year of key
dates, the contacts of a file) that hold no reference cycles. At CPython's default
thresholds (700, 10, 10) the collector scanned them over and over while they were being
made: 27% of reading a year of key dates and the client list at 10k clients (300 ms of
1.1 s). Collections that far apart still free the rare cycles; memory freed by reference
counting, which is nearly all of it, is freed at once as before.
"""

from __future__ import annotations

import gc
import os
import sys

THRESHOLDS = (100_000, 50, 20)


def tune_garbage_collector() -> None:
    gc.set_threshold(*THRESHOLDS)


def worker_processes() -> int:
    """How many processes long work may be shared among: the CPUs this process may run on,
    where forking is safe and cheap (Linux: a forked process starts with everything
    imported, in a few milliseconds); 1 elsewhere (macOS and Windows start a new
    interpreter instead, which costs more than it saves on the files Rapport reads).
    Only for a process with no threads, such as a command's (never the window's)."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))
