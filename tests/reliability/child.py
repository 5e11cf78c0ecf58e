"""The processes the reliability tests start, kill and limit: each writes through the app's
own services, never through SQL of its own. The network guard is on in them too.

    python tests/reliability/child.py main ARGS...        # python main.py ARGS...
    python tests/reliability/child.py writer DB           # tagged transactions (below)
    python tests/reliability/child.py log DB WHO COUNT    # interactions and cards at once
    python tests/reliability/child.py open DB             # open (and migrate) the database

`writer` prints "waiting" and waits for a line with the first tag on standard input (so the
parent can start it ahead of time), opens DB, prints "ready", then writes transaction after
transaction until it is killed. Transaction n, by n % 4:
    0  save_card: a new card "w<n>" with 5 contact points, 2 relatives with a birthday
       each, 3 tastes and a promise
    1  create_client: a bare card "w<n>"
    2  log_interaction: an entry "w<n>" in the log of client "w0"
    3  save_card: the card "w<n-3>" edited: notes "edit w<n>" and a sixth contact point
       "e<n>@example.com"
and prints n once the service returned (the transaction committed). See
tests/reliability/test_crash.py for what must hold after a kill.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2])]  # the repository: main, models

from tests import network_guard  # noqa: E402

network_guard.install()

POINTS = 5  # contact points of a new card "w<n>"
RELATIVES = 2
PREFERENCES = 3
DAY = dt.date(2026, 3, 1)


def new_card(tag: int):  # -> ClientCard
    from models.cards import (
        ClientCard,
        ContactPointData,
        KeyDateData,
        PreferenceData,
        PromiseData,
        RelativeData,
    )
    from models.dates import PartialDate

    return ClientCard(
        name=f"w{tag}",
        company=f"Company of w{tag}",
        notes=f"new w{tag}",
        contact_points=tuple(
            ContactPointData("email", f"w{tag}-{k}@example.com", "work") for k in range(POINTS)
        ),
        relatives=tuple(
            RelativeData(
                f"w{tag} relative {k}",
                "child",
                key_dates=(KeyDateData("birthday", PartialDate(k + 1, 10 + k, 2010 + k)),),
            )
            for k in range(RELATIVES)
        ),
        preferences=tuple(PreferenceData("drink", f"w{tag} taste {k}") for k in range(PREFERENCES)),
        promises=(PromiseData(f"w{tag} promise", DAY),),
    )


def writer(path: str) -> None:
    from dataclasses import replace

    from models import clients, db, interactions
    from models.cards import ContactPointData
    from models.entities import Client

    print("waiting", flush=True)
    tag = int(sys.stdin.readline())
    db.open_database(path)
    print("ready", flush=True)
    anchor = None
    while True:
        op = tag % 4
        if op == 0:
            clients.save_card(new_card(tag), today=DAY)
        elif op == 1:
            clients.create_client(f"w{tag}", today=DAY)
        elif op == 2:
            if anchor is None:
                anchor = Client.get(Client.name == "w0").id
            interactions.log_interaction(
                interactions.InteractionData(anchor, "call", DAY, f"w{tag}")
            )
        else:
            card = clients.load_card(Client.get(Client.name == f"w{tag - 3}").id)
            point = ContactPointData("email", f"e{tag}@example.com", "home")
            edited = replace(
                card, notes=f"edit w{tag}", contact_points=(*card.contact_points, point)
            )
            clients.save_card(edited, today=DAY)
        print(tag, flush=True)
        tag += 1


def log(path: str, who: str, count: int) -> int:
    """Another process's writes at the same time: the window and an import it runs apart
    both write (neither takes the other's lock: open_database(lock=False))."""
    from models import clients, db, interactions
    from models.cards import ClientCard, ContactPointData
    from models.errors import RapportError

    db.open_database(path, lock=False)
    failures = 0
    base = clients.create_client(f"{who} anchor", today=DAY)
    for n in range(count):
        try:
            interactions.log_interaction(
                interactions.InteractionData(base.id, "call", DAY, f"{who} {n}")
            )
            if n % 5 == 0:
                point = ContactPointData("email", f"{who}{n}@example.com")
                clients.save_card(
                    ClientCard(name=f"{who} card {n}", contact_points=(point,)), today=DAY
                )
        except RapportError as exc:
            failures += 1
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
    db.close_database()
    print(f"{who} done, {failures} failed", flush=True)
    return 1 if failures else 0


def main() -> int:
    command, *args = sys.argv[1:]
    if command == "main":
        import main as app

        return app.main(args)
    if command == "writer":
        writer(args[0])
    elif command == "log":
        return log(args[0], args[1], int(args[2]))
    elif command == "open":
        from playhouse import migrations

        from models import db

        up = migrations.Runner.up

        def say_migrating(*args: object, **kwargs: object) -> list[str]:
            print("migrating", flush=True)  # for the parent's timing only
            return up(*args, **kwargs)

        migrations.Runner.up = say_migrating  # type: ignore[method-assign]
        print("opening", flush=True)
        opened = db.open_database(args[0])
        db.close_database()
        print(f"opened schema {opened.schema_version} (was {opened.migrated_from})", flush=True)
    else:
        raise SystemExit(f"unknown command {command!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
