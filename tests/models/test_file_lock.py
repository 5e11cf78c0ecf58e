import stat
import subprocess
import sys
from pathlib import Path

from models.file_lock import FileLock


def test_one_holder_at_a_time_and_private(tmp_path: Path) -> None:
    path = tmp_path / "rapport.db.lock"
    first, second = FileLock(path), FileLock(path)
    assert first.acquire()
    assert not second.acquire()  # as another window would be refused
    first.release()
    assert second.acquire()
    second.release()
    second.release()  # twice is harmless
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_os_releases_it_when_the_holder_dies(tmp_path: Path) -> None:
    path = tmp_path / "rapport.db.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from models.file_lock import FileLock;"
         f"ok = FileLock(Path({str(path)!r})).acquire(); print(ok, flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        assert not FileLock(path).acquire()
    finally:
        holder.kill()
        holder.communicate()
    lock = FileLock(path)
    assert lock.acquire()
    lock.release()
    assert path.exists()
