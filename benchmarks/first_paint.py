"""`python -m benchmarks.first_paint (bare | app DATABASE [clients])`: start a window and, at
its first paint, print `first-paint MONOTONIC PEAK_RSS_KB` and quit at once; with
`clients`, go on to prepare the Clients page (as the window does 0.7 s after the paint), wait
for its whole list, and print `clients-ready MONOTONIC PEAK_RSS_KB LONGEST_STALL_MS` before
quitting.

The parent notes `time.monotonic()` before starting this process (the clock is the
system's, shared by processes), so the difference is process start to first painted
window: interpreter start-up, imports, the database, the window's pages, layout, paint.

- `bare`: the floor, a PySide6 QMainWindow of the same size and nothing in it.
- `app`: Rapport's own start-up as main.py runs it (the database check started first,
  then `ui.app.run_app`), unchanged (the backup of the day starts after the first paint,
  so never in these runs).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from benchmarks import peak_kib

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_profiler = None
if os.environ.get("RAPPORT_BENCH_PROFILE"):  # pyinstrument, when installed for profiling
    from pyinstrument import Profiler

    _profiler = Profiler()
    _profiler.start()


def _watch_first_paint(then_clients: bool = False) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    # From the first paint to the list loaded: the longest the event loop went without
    # coming back (a timer asks every 5 ms), that is the longest a keystroke would wait.
    ticks = [0.0, 0.0]  # the last tick, the longest gap

    def tick() -> None:
        now = time.monotonic()
        ticks[1] = max(ticks[1], now - ticks[0])
        ticks[0] = now

    def clients_ready(window: QMainWindow) -> None:
        from ui.main_window import CLIENTS  # loaded by now (the bare window has none)

        built = window._built  # type: ignore[attr-defined]
        # Built in steps (prepare_clients_page), then the list a piece per turn of the loop.
        if CLIENTS not in built or built[CLIENTS].loading():
            QTimer.singleShot(1, lambda: clients_ready(window))
            return
        rss = peak_kib()
        tick()
        print(f"clients-ready {time.monotonic():.6f} {rss} {ticks[1] * 1000:.1f}", flush=True)
        os._exit(0)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                now = time.monotonic()
                rss = peak_kib()
                print(f"first-paint {now:.6f} {rss}", flush=True)
                if _profiler is not None:  # RAPPORT_BENCH_PROFILE=out.txt
                    _profiler.stop()
                    text = _profiler.output_text(color=False, show_all=False)
                    Path(os.environ["RAPPORT_BENCH_PROFILE"]).write_text(text)
                if not then_clients:
                    os._exit(0)  # no clean-up: what is measured ends here
                watched.removeEventFilter(self)
                ticks[0] = now
                timer = QTimer(watched, interval=5, timeout=tick)
                timer.start()
                watched.prepare_clients_page()  # type: ignore[attr-defined]  # as run_app does
                QTimer.singleShot(0, lambda: clients_ready(watched))
            return False

    # The window's own events only: a filter on the application would bring every event
    # of every object into Python (and make PySide build Python enum classes for each
    # type it meets), which cost Rapport's start about 40 ms and the bare window nothing.
    app = QApplication.instance() or QApplication(sys.argv[:1])
    watcher = FirstPaint(app)
    show = QMainWindow.show

    def show_watched(window: QMainWindow) -> None:
        window.installEventFilter(watcher)
        show(window)

    QMainWindow.show = show_watched  # type: ignore[method-assign]


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "bare"
    if mode == "bare":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        _watch_first_paint()
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        return app.exec()
    from models import db, runtime

    runtime.tune_garbage_collector()  # as main.py does
    db.check_ahead(sys.argv[2])  # as main.py does, before Qt loads
    from ui import app as rapport

    _watch_first_paint(then_clients=sys.argv[3:4] == ["clients"])
    return rapport.run_app(sys.argv[2])


if __name__ == "__main__":
    sys.exit(main())
