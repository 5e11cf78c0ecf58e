"""Speed measurements, run on demand with `make bench` (never in the test suite)."""

from __future__ import annotations

import contextlib
import resource
from pathlib import Path


def peak_kib(pid: int | str = "self") -> int:
    """A process's own peak resident set size, in KiB: VmHWM, which its program starts
    afresh. Not ru_maxrss: Linux carries the parent's peak over into a forked child's, even
    past exec (a benchmark holding 300 MiB saw every child at 300 MiB). Without /proc, and
    for a process already gone, ru_maxrss (self) or 0."""
    try:
        with Path(f"/proc/{pid}/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if pid == "self" else 0


def tree_pss_kib(pid: int) -> int:
    """What a process and every process it started hold now, in KiB: the sum of their
    proportional set sizes (PSS), which divides a page shared among processes (a forked
    worker's copy-on-write pages, a library) among them instead of counting it in each.
    0 without /proc or once the process is gone."""
    try:
        with Path(f"/proc/{pid}/smaps_rollup").open(encoding="ascii") as rollup:
            own = next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return 0
    started = []
    for task in tasks:
        with contextlib.suppress(OSError):  # a thread ended; a kernel that lists no children
            started += map(int, (task / "children").read_text(encoding="ascii").split())
    return own + sum(tree_pss_kib(child) for child in started)
