"""One OS-level lock per database file, so that a second window opens it read-only; the
OS releases it when the process ends, however it ends.

A few lines of fcntl/msvcrt rather than the filelock package, whose import cost 55 ms of
every start (a sixth of a bare PySide6 window's whole start-up). Like filelock's, the lock
is on an open file description: a second lock object on the same file, even in the same
process, is refused, which is how the tests stand in for another window.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

if os.name == "nt":
    import msvcrt
else:
    import fcntl

# What a refused non-blocking lock raises: POSIX says EWOULDBLOCK/EAGAIN; Windows' locking()
# gives EACCES or EDEADLOCK once its ten one-second retries are not asked for (LK_NBLCK).
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", -1)}


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock: False when another holds it. OSError when the file system has
        no locks (some network shares) or the file cannot be made."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _BUSY:
                return False
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if os.name == "nt":
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
