"""Long work (exports, imports, backups) in a separate process: the command line of this
very app, run by QProcess, reporting "progress DONE TOTAL" lines on its output. A Python
thread would starve the window through the GIL (DESIGN.md, "Speed by design"); a process
keeps it responsive and can be cancelled outright.

Signals:
    progress(int, int): done, total.
    finished(bool, str, str): whether it succeeded, its other output, its error line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, Signal, Slot

MAIN = Path(__file__).resolve().parent.parent / "main.py"


class JobRunner(QObject):
    progress = Signal(int, int)
    finished = Signal(bool, str, str)

    def __init__(self, database: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._process: QProcess | None = None
        self._output: list[str] = []
        self._buffer = b""
        self._cancelled = False

    def start(self, command: Sequence[str]) -> None:
        """Run `main.py --db DATABASE --window-job COMMAND... --progress` (the window holds
        the database's lock for the job)."""
        if self.running():
            raise RuntimeError("a job is already running")
        self._output, self._buffer, self._cancelled = [], b"", False
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(
            [str(MAIN), "--db", str(self._database), "--window-job", *command, "--progress"]
        )
        process.readyReadStandardOutput.connect(self._on_output)
        process.finished.connect(self._on_finished)
        self._process = process
        process.start()

    def running(self) -> bool:
        return (
            self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning
        )

    @Slot()
    def cancel(self) -> None:
        """Stop at once: the command writes under temporary names, so nothing is left."""
        if self.running():
            self._cancelled = True
            self._process.kill()  # type: ignore[union-attr]

    def wait(self, msecs: int = 30_000) -> bool:
        return self._process is None or self._process.waitForFinished(msecs)

    @Slot()
    def _on_output(self) -> None:
        assert self._process is not None
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._buffer = self._buffer.split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").rstrip("\r")
            parts = line.split()
            if (
                len(parts) == 3
                and parts[0] == "progress"
                and parts[1].isdigit()
                and parts[2].isdigit()
            ):
                self.progress.emit(int(parts[1]), int(parts[2]))
            elif line:
                self._output.append(line)

    @Slot()
    def _on_finished(self) -> None:
        process = self._process
        assert process is not None
        self._on_output()
        error = bytes(process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        ok = (
            not self._cancelled
            and process.exitStatus() == QProcess.ExitStatus.NormalExit
            and process.exitCode() == 0
        )
        self._process = None
        process.deleteLater()
        # The command's own words ("rapport: ..."); the window adds the context.
        self.finished.emit(
            ok,
            "\n".join(self._output),
            error.removeprefix("rapport: ").splitlines()[-1] if error else "",
        )
