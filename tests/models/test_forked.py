"""Work shared among forked processes (models/forked.py): results in the tasks' order, a
failed task or a dead worker said as WorkFailedError (never a wait without end), and no
worker left behind, even when the parent is killed.

Each test runs its scenario in a fresh process, as an import or an export command runs it:
this test process may have Qt's threads, and forking it would be unsafe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="forked workers are Linux-only (forked.processes)"
)


def run(script: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout.splitlines()[-1])


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.split(") ")[1][0] != "Z"  # a zombie has ended


def test_results_come_in_the_order_of_the_tasks() -> None:
    found = run("""
        import json, time
        from models import forked

        def work(n):  # the early tasks take longest: a worker ends its second first
            time.sleep(0.02 * (20 - n) / 20)
            return n * n

        with forked.Workers(work, 3) as workers:
            results = list(workers.map(range(20)))
        print(json.dumps({"results": results}))
    """)
    assert found["results"] == [n * n for n in range(20)]


def test_a_failed_task_is_said_and_no_worker_is_left() -> None:
    found = run("""
        import json, os
        from models import forked

        def work(n):
            if n == 5:
                raise ValueError("five")
            return os.getpid()

        pids, said = set(), ""
        try:
            with forked.Workers(work, 2) as workers:
                for pid in workers.map(range(10)):
                    pids.add(pid)
        except forked.WorkFailedError as exc:
            said = str(exc)
        print(json.dumps({"said": said, "pids": sorted(pids), "me": os.getpid()}))
    """)
    assert found["said"] == "ValueError: five"
    assert len(found["pids"]) == 2 and found["me"] not in found["pids"]
    assert not any(alive(pid) for pid in found["pids"])


def test_a_worker_that_dies_is_said_not_waited_for() -> None:
    found = run("""
        import json, os
        from models import forked

        def work(n):
            if n == 3:
                os._exit(9)  # as if the system killed it for memory
            return n

        got, said = [], ""
        try:
            with forked.Workers(work, 2) as workers:
                got = [n for n in workers.map(range(10))]
        except forked.WorkFailedError as exc:
            said = str(exc)
        print(json.dumps({"said": said}))
    """)
    assert found["said"] == "a worker has stopped"


def test_tasks_and_results_larger_than_a_pipe_holds_go_through() -> None:
    """Two in flight per worker, a megabyte each way, waited for ever: the parent sending a
    task to a worker that was itself waiting to send a result."""
    found = run("""
        import json
        from models import forked

        with forked.Workers(lambda task: task * 2, 2) as workers:
            sizes = [len(result) for result in workers.map([b"x" * 1_000_000] * 6)]
        print(json.dumps({"sizes": sizes}))
    """)
    assert found["sizes"] == [2_000_000] * 6


def test_a_result_that_cannot_be_sent_is_said() -> None:
    found = run("""
        import json
        from models import forked

        said = ""
        try:
            with forked.Workers(lambda task: (lambda: task), 1) as workers:
                list(workers.map([1]))
        except forked.WorkFailedError as exc:
            said = str(exc)
        print(json.dumps({"said": said}))
    """)
    assert "pickle" in found["said"].lower()


def test_a_worker_holds_none_of_its_parent_s_files(tmp_path: Path) -> None:
    """The database and its lock among them: a worker still busy when its parent is killed
    kept the lock of a command run by hand for as long as its task lasted."""
    held = tmp_path / "held.lock"
    found = run(f"""
        import json, os
        from models import forked

        kept = open({str(held)!r}, "w")  # as the database and its lock are

        def files(_):
            return sorted(os.readlink(f"/proc/self/fd/{{fd}}") for fd in os.listdir("/proc/self/fd")
                          if os.path.exists(f"/proc/self/fd/{{fd}}"))

        with forked.Workers(files, 1) as workers:
            [theirs] = workers.map([0])
        print(json.dumps({{"theirs": theirs}}))
    """)
    assert str(held) not in found["theirs"]
    assert any(name.startswith("socket:") for name in found["theirs"])  # its own pipe


def test_workers_stop_when_their_parent_is_killed() -> None:
    """A cancelled import or export: the window kills the command's process."""
    script = textwrap.dedent("""
        import os, sys, time
        from models import forked

        workers = forked.Workers(time.sleep, 2).__enter__()
        results = workers.map([1, 0])  # one busy for 1 s, one done and waiting for more
        time.sleep(0.5)  # the second's result is sent, and left unread: the pipe is reset
        print(" ".join(str(p.pid) for p, _ in workers._workers), flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )  # fmt: skip
    assert parent.stdout is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(alive(pid) for pid in pids)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    # Each ends at its next read or write of the pipe: the busy one after its task.
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in pids if alive(pid)]
    for pid in left:  # not to leave them running when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []
    assert parent.stderr is not None
    assert parent.stderr.read() == ""  # they stopped quietly: no traceback
    parent.stderr.close()
