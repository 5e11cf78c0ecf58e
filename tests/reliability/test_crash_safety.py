"""Crash mid-save (issue 8, "Prove it" 1 and 2).

A process writes tagged transactions through the services (tests/reliability/child.py
`writer`: save_card of a whole card, create_client, log_interaction, save_card of an
edit) and prints each tag once its transaction committed. It is killed with SIGKILL at a
random moment, again and again on the same file. After every kill:
- SQLite's integrity check and foreign key check pass;
- every acknowledged transaction is there, and the tags there are a prefix 0..n-1 of the
  sequence (a commit is never there without the ones before it);
- none is there in part: a new card has all of its contact points, relatives, dates,
  tastes and promise; an edited card has both its new notes and its new contact point.
In every round a copy of the file with its -wal and -shm, taken while the process writes
(as a backup program would, without asking SQLite), opens, passes the same checks and
holds a prefix of the commits that includes all acknowledged before the copy began.

Also a kill during a big import (`main.py import` of 1,500 generated vCards): afterwards
none of the file or all of it is there. The first import is killed as soon as it says it
is done (all of it must be there), the others at moments spread over its writing.

Rounds: 20 kills and copies, 3 killed imports; `make stress`: 200 and 30.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections import deque
from pathlib import Path

from models import client_list, clients, db
from tests.reliability.child import POINTS, PREFERENCES, RELATIVES
from tests.reliability.helpers import Child, connect, copy_database, integrity, rounds

KILLS = rounds(20, 200)
IMPORT_KILLS = rounds(3, 30)
IMPORT_CARDS = 1500
SEED = random.randrange(2**32)  # of the kill moments, named in every failure


def written(con: sqlite3.Connection) -> set[int]:
    """The tags of the transactions in the file, having checked that each is whole."""
    assert integrity(con) == [("ok",)], f"seed {SEED}"
    tags: set[int] = set()

    def add(tag: int, kinds: tuple[int, ...]) -> None:
        assert tag % 4 in kinds and tag not in tags, f"tag {tag} written wrong or twice"
        tags.add(tag)

    cards = con.execute(
        "SELECT c.id, c.name, c.notes, c.version, "
        "(SELECT count(*) FROM contact_point p WHERE p.client_id = c.id), "
        "(SELECT count(*) FROM relative r WHERE r.client_id = c.id), "
        "(SELECT count(*) FROM key_date k WHERE k.client_id = c.id), "
        "(SELECT count(*) FROM preference f WHERE f.client_id = c.id), "
        "(SELECT count(*) FROM promise m WHERE m.client_id = c.id), "
        "(SELECT group_concat(value) FROM contact_point p "
        " WHERE p.client_id = c.id AND value LIKE 'e%') "
        "FROM client c"
    ).fetchall()
    for _id, name, notes, version, points, relatives, dates, tastes, promises, edit in cards:
        tag = int(name.removeprefix("w"))
        add(tag, (0, 1))
        if tag % 4 == 1:
            assert (points, relatives, dates, tastes, promises) == (0, 0, 0, 0, 0), name
            continue
        assert (relatives, dates, tastes, promises) == (RELATIVES, RELATIVES, PREFERENCES, 1)
        if edit is None:
            assert (notes, version, points) == (f"new {name}", 1, POINTS), name
        else:
            edited = int(edit.removeprefix("e").split("@")[0])
            assert edited == tag + 3, f"{name} edited by {edit}"
            assert (notes, version, points) == (f"edit w{edited}", 2, POINTS + 1), name
            add(edited, (3,))
    for (summary,) in con.execute("SELECT summary FROM interaction"):
        add(int(summary.removeprefix("w")), (2,))
    return tags


def check_prefix(tags: set[int], acknowledged: set[int], where: str) -> None:
    assert tags == set(range(len(tags))), f"{where}: not a prefix (seed {SEED})"
    missing = acknowledged - tags
    assert not missing, f"{where}: acknowledged but lost: {sorted(missing)} (seed {SEED})"


def test_a_killed_writer_loses_nothing_it_acknowledged_and_leaves_nothing_partial(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "rapport.db"
    db.open_database(path)
    db.close_database()
    rng = random.Random(SEED)
    # Started ahead: each imports while the one before it writes and is checked.
    spare = deque(Child("writer", str(path)) for _ in range(2))
    acknowledged: set[int] = set()
    copies = tmp_path / "copies"
    try:
        for n in range(KILLS):
            child = spare.popleft()
            spare.append(Child("writer", str(path)))
            first = len(acknowledged)
            assert child.wait_for(lambda line: line == "waiting"), child.stderr
            child.send(str(first))
            assert child.wait_for(lambda line: line == "ready"), child.stderr
            copy_at = rng.uniform(0.0, 0.15)
            kill_at = copy_at + rng.uniform(0.0, 0.1)
            time.sleep(copy_at)
            acked_before_copy = {int(line) for line in list(child.lines) if line.isdigit()}
            copy = copy_database(path, copies / str(n))
            time.sleep(kill_at - copy_at)
            status = child.kill()
            assert status == -9, f"round {n}: the writer died by itself: {child.stderr}"
            assert child.stderr == "", child.stderr
            acknowledged |= {int(line) for line in child.lines if line.isdigit()}

            con = connect(path)
            try:
                tags = written(con)
            finally:
                con.close()
            check_prefix(tags, acknowledged, f"round {n}")
            # What was committed but not yet acknowledged when the kill came counts too.
            acknowledged = tags

            con = connect(copy)
            try:
                copied = written(con)
            finally:
                con.close()
            check_prefix(copied, acked_before_copy | set(range(first)), f"copy {n}")
            db.open_database(copy)  # and the app opens it (its start-up check passes)
            try:
                assert client_list.client_count() == sum(1 for t in copied if t % 4 in (0, 1))
            finally:
                db.close_database()
        assert len(acknowledged) > KILLS, "the writer hardly wrote: the test proved nothing"
    finally:
        for child in spare:
            child.kill()
    # And the app itself opens what the kills left.
    db.open_database(path)
    try:
        assert client_list.client_count() == sum(1 for t in acknowledged if t % 4 in (0, 1))
    finally:
        db.close_database()


def big_vcard(count: int) -> bytes:
    return "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person {n}\r\nN:Person {n};Imported;;;\r\n"
        f"EMAIL;TYPE=INTERNET:imported.{n}@example.com\r\nTEL;TYPE=CELL:+1 555 {n:07d}\r\n"
        f"BDAY:1980-{n % 12 + 1:02d}-{n % 28 + 1:02d}\r\nNOTE:Imported note {n}\r\nEND:VCARD\r\n"
        for n in range(count)
    ).encode()


def test_a_killed_import_leaves_none_of_the_file_or_all_of_it(tmp_path: Path) -> None:
    source = tmp_path / "big.vcf"
    source.write_bytes(big_vcard(IMPORT_CARDS))
    template = tmp_path / "template" / "rapport.db"
    db.open_database(template)
    clients.create_client("Already here")
    db.close_database()
    rng = random.Random(SEED)
    outcomes = []
    writing = 0.0  # seconds from the preview to the end, measured by the first round
    for n in range(IMPORT_KILLS):
        path = tmp_path / str(n) / "rapport.db"
        path.parent.mkdir()
        path.write_bytes(template.read_bytes())
        child = Child("main", "--db", str(path), "import", str(source))
        # Reading and matching the file is most of the time: kill in what follows (the
        # preview printed, then the writing). The first round kills as soon as the import
        # says it is done (the commit must hold) and times that; the others spread over
        # that time, whatever the machine's load.
        previewed = child.wait_for(lambda line: line.startswith("new\t"))
        assert previewed, child.stderr
        if n == 0:
            start = time.monotonic()
            assert child.wait_for(lambda line: line.startswith("Imported ")), child.stderr
            writing = time.monotonic() - start
        else:
            time.sleep((n - 1 + rng.random()) / (IMPORT_KILLS - 1) * writing)
        status = child.kill()
        assert status in (0, -9), child.stderr
        con = connect(path)
        try:
            assert integrity(con) == [("ok",)]
            count, points, dates, notes = con.execute(
                "SELECT (SELECT count(*) FROM client) - 1, (SELECT count(*) FROM contact_point), "
                "(SELECT count(*) FROM key_date), "
                "(SELECT count(*) FROM client WHERE notes LIKE 'Imported note %')"
            ).fetchone()
        finally:
            con.close()
        assert count in (0, IMPORT_CARDS), f"{count} of {IMPORT_CARDS} (seed {SEED})"
        assert (points, dates, notes) == (2 * count, count, count)  # whole cards only
        assert n > 0 or count == IMPORT_CARDS, "the import said it was done: all of it"
        outcomes.append("all" if count else "none")
    print(f"killed imports: {outcomes}")
