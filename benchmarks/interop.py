"""`python -m benchmarks.interop [--clients N] [--events M]`: how long the .ics export and
import take end to end (the command the window runs in a separate process), on the
benchmark database, and how large the files are.

Figures: exporting a year of events with every key date; importing that file into an empty
database (preview alone, then preview and write); importing it again (nothing to write).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate

RESULTS = Path(__file__).resolve().parent / "results"
MAIN = Path(__file__).resolve().parent.parent / "main.py"


def run(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(MAIN), *args], capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.interop")
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    source = generate(RESULTS / f"bench-{args.clients}-{args.events}.db", args.clients, args.events)
    out = RESULTS / "interop-export.ics"
    figures: dict[str, float] = {}

    seconds, _ = run("--db", str(source), "export-ics", str(out), "--from", "2027-01-01",
                     "--to", "2028-01-01")  # fmt: skip
    text = out.read_bytes()
    figures["export: seconds"] = seconds
    figures["export: MB"] = len(text) / 1e6
    figures["export: VEVENTs"] = text.count(b"BEGIN:VEVENT")

    target = RESULTS / "interop-import.db"
    for leftover in RESULTS.glob("interop-import.db*"):
        leftover.unlink()
    run("--db", str(target), "demo")  # an existing database; its 40 clients stay
    window = ("--from", "2027-01-01", "--to", "2028-01-01")
    figures["import preview: seconds"], _ = run(
        "--db", str(target), "import", str(out), *window, "--dry-run"
    )
    figures["import: seconds"], said = run("--db", str(target), "import", str(out), *window)
    figures["import again (nothing new): seconds"], again = run(
        "--db", str(target), "import", str(out), *window
    )
    print(said.splitlines()[-1])
    print(again.splitlines()[-1])
    for name, value in figures.items():
        print(f"{name:40} {value:10.2f}")
    (RESULTS / f"interop-{args.clients}-{args.events}.json").write_text(
        json.dumps(figures, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
