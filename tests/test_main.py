"""The command line, run in-process the way a person runs `python main.py ...`."""

import datetime as dt
import gc
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from models import db, runtime
from tests.cli import run


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.db"
    status, out, _ = run(capsys, "--db", str(path), "demo")
    assert status == 0
    assert "40 sample clients" in out
    return path


def test_upcoming_lists_a_year_of_key_dates(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(
        capsys, "--db", str(demo_db), "upcoming", "--from", "2027-01-01", "--days", "365"
    )
    assert (status, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    assert len(lines) >= 40
    assert all(len(fields) == 4 for fields in lines)
    days = [fields[0] for fields in lines]
    assert days == sorted(days)
    assert days[0] >= "2027-01-01" and days[-1] <= "2027-12-31"
    assert ["2027-02-28", "birthday", "María José García López", "Birthday: turns 47"] in lines
    no_year = [f for f in lines if f[1] == "birthday" and f[3] == "Birthday"]
    assert len(no_year) >= 10  # birthdays without a year show no age
    relatives = [f for f in lines if " of " in f[2]]
    assert relatives, "relatives' dates are listed with whose relative they are"


def test_upcoming_json_says_the_same(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--db", str(demo_db), "upcoming", "--from", "2027-01-01", "--days", "60")
    _, text, _ = run(capsys, *args)
    status, out, _ = run(capsys, *args, "--json")
    assert status == 0
    items = json.loads(out)
    assert [[i["date"], i["kind"], i["person"], i["title"]] for i in items] == [
        line.split("\t") for line in text.splitlines()
    ]


def test_demo_goes_only_into_an_empty_database(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    status, out, err = run(capsys, "--db", str(demo_db), "demo")
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1 and "already holds 40 clients" in err
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "argv",
    [
        ("upcoming", "--days", "0"),
        ("upcoming", "--days", "many"),
        ("upcoming", "--from", "2027-13-01"),
        ("frobnicate",),
    ],
)
def test_bad_arguments_exit_non_zero_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    path = tmp_path / "untouched.db"
    status, out, err = run(capsys, "--db", str(path), *argv)
    assert status != 0
    assert out == ""
    assert "error" in err
    assert not path.exists()


def test_upcoming_on_a_missing_database_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing.db"
    status, _, err = run(capsys, "--db", str(path), "upcoming")
    assert status == 1
    assert err.startswith("rapport: There is no database at") and err.count("\n") == 1
    assert not path.exists()


def test_a_newer_database_is_refused_with_one_line(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo_db) as con:
        con.execute(f"PRAGMA user_version = {db.latest_schema_version() + 7}")
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    status, out, err = run(capsys, "--db", str(demo_db), "upcoming")
    assert (status, out) == (1, "")
    assert "newer version of Rapport" in err and err.count("\n") == 1
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before


def test_upcoming_defaults_to_the_next_30_days(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "--db", str(demo_db), "upcoming")
    today = dt.date.today()
    days = {line.split("\t")[0] for line in out.splitlines()}
    assert days and min(days) >= today.isoformat()
    assert max(days) <= (today + dt.timedelta(days=29)).isoformat()


def test_upcoming_lists_key_dates_and_planned_events(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = dt.date.today()
    _, out, _ = run(
        capsys, "--db", str(demo_db), "upcoming", "--from", today.isoformat(), "--days", "60"
    )
    kinds = [line.split("\t")[1] for line in out.splitlines()]
    assert "birthday" in kinds
    events = [k for k in kinds if k.startswith("event:")]
    assert len(events) >= 10
    assert "event:thank_you_meal" in events
    dinner = next(line for line in out.splitlines() if "\tevent:thank_you_meal\t" in line)
    assert "María José García López" in dinner.split("\t")[2]  # who attends
    _status, out, _ = run(capsys, "--db", str(demo_db), "upcoming", "--days", "60", "--json")
    meals = [i for i in json.loads(out) if i["kind"] == "event:thank_you_meal"]
    assert meals and all(i["uid"] and i["start"] for i in meals)


def test_exports_read_with_a_small_page_cache(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An export reads each row once: the window's 64 MiB cache would only hold memory."""
    from models import cli

    seen: list[int] = []

    def export(*args: object, **kwargs: object) -> None:
        seen.append(db.database.execute_sql("PRAGMA cache_size").fetchone()[0])

    monkeypatch.setattr(cli, "export_ics", export)
    monkeypatch.setattr(cli, "export_contacts", export)
    for command in ("export-ics", "export-vcf", "export-json"):
        status, _, err = run(capsys, "--db", str(demo_db), command, str(tmp_path / "out"))
        assert (status, err) == (0, "")
    assert seen == [-db.READ_ONCE_CACHE_KIB] * 3


def test_export_ics_writes_a_calendar_and_refuses_an_empty_one(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rapport.ics"
    status, text, err = run(
        capsys, "--db", str(demo_db), "export-ics", str(out), "--prepare-days", "7"
    )
    assert (status, err) == (0, "")
    assert f"Wrote {out}" in text
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert data.count(b"BEGIN:VEVENT") > 2 * 147  # every key date, its prepare day, and events
    nothing = tmp_path / "nothing.ics"
    status, _, err = run(
        capsys,
        "--db",
        str(demo_db),
        "export-ics",
        str(nothing),
        "--kinds",
        "custom",
        "--from",
        "2000-01-01",
        "--to",
        "2000-01-02",
    )
    assert status == 0  # custom dates exist in the sample
    status, _, err = run(
        capsys,
        "--db",
        str(demo_db),
        "export-ics",
        str(nothing),
        "--kinds",
        "event:call",
        "--from",
        "2000-01-01",
        "--to",
        "2000-01-02",
    )
    assert status == 1 and "Nothing matches" in err
    status, _, err = run(
        capsys, "--db", str(demo_db), "export-ics", str(nothing), "--kinds", "party"
    )
    assert status == 1 and "kinds" in err


def test_export_ics_by_tier_and_by_client(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def exported(*options: str) -> int:
        out = tmp_path / "part.ics"
        status, _, err = run(capsys, "--db", str(demo_db), "export-ics", str(out), *options)
        assert (status, err) == (0, "")
        return out.read_bytes().count(b"BEGIN:VEVENT")

    everyone = exported()
    key_clients = exported("--tier", "A")
    one = exported("--client", "1")
    assert 0 < one < key_clients < everyone
    assert exported("--tier", "key clients") == key_clients  # the label works too
    assert exported("--tier", "A", "--tier", "B", "--tier", "C") == everyone
    status, _, err = run(capsys, "--db", str(demo_db), "export-ics", str(tmp_path / "x.ics"),
                         "--tier", "platinum")  # fmt: skip
    assert status == 1 and "tiers" in err and "platinum" in err


def test_every_process_runs_with_rapports_collector_thresholds(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gc.set_threshold(700, 10, 10)  # conftest sets the thresholds back after the test
    status, _, _ = run(capsys, "--db", str(demo_db), "due")
    assert status == 0
    assert gc.get_threshold() == runtime.THRESHOLDS


def test_a_contacts_import_loads_no_other_commands_modules() -> None:
    """Each command imports its own modules: a vCard import does not wait for the
    calendar's, the JSON's, the export's or the backup's (a fresh process: this one has
    them all)."""
    others = ["models.ics_import", "models.json_io", "models.contacts_export", "models.backup",
              "models.exporting", "models.events", "models.courtship", "PySide6"]  # fmt: skip
    code = (
        "import sys\n"
        "from models import cli, contacts_import, importing\n"
        "from models.interop import vcard_read\n"
        f"print([m for m in {others!r} if m in sys.modules])\n"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout


def test_a_command_run_as_a_process_ends_with_its_output_and_status(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A command's process skips Python's teardown (main.end_command): what it wrote to
    a pipe (buffered, not a terminal) still comes out whole, its database is closed (no
    write-ahead log left beside it), and a refusal still says why with status 1."""
    args = ("--db", str(demo_db), "upcoming", "--from", "2027-01-01", "--days", "3660")
    _, expected, _ = run(capsys, *args)
    root = Path(__file__).resolve().parent.parent
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, str(root / "main.py"), *args], capture_output=True, text=True,
        env=buffered,
    )  # fmt: skip
    assert (done.returncode, done.stdout, done.stderr) == (0, expected, "")
    assert len(expected) > 64 * 1024  # more than a pipe's buffer
    assert not demo_db.with_name(demo_db.name + "-wal").exists()
    missing = tmp_path / "missing.db"
    done = subprocess.run(
        [sys.executable, str(root / "main.py"), "--db", str(missing), "due"],
        capture_output=True, text=True, env=buffered,
    )  # fmt: skip
    assert done.returncode == 1 and "There is no database" in done.stderr


def test_a_command_whose_reader_went_away_ends_quietly(demo_db: Path) -> None:
    """`rapport due | head -1`: output still buffered when the reader has gone is not
    an error (no traceback, status 0), as output written while it runs is not."""
    root = Path(__file__).resolve().parent.parent
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    read, write = os.pipe()
    os.close(read)  # gone before the command writes a line
    try:
        done = subprocess.run(
            [sys.executable, str(root / "main.py"), "--db", str(demo_db), "upcoming"],
            stdout=write, stderr=subprocess.PIPE, text=True, env=buffered,
        )  # fmt: skip
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, "")
