"""Running `main.py` in the test process, as a person types it."""

from __future__ import annotations

import pytest

import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit status, standard output, standard error) of `main.py ARGV...`."""
    try:
        status = main.main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err
