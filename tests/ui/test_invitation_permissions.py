"""The invitation the window saves is private to the user (0600) whatever the umask, and
never half a file (issue 8: the permissions of every file Rapport writes; the others are
in tests/reliability/test_file_permissions.py)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from models import clients, events, settings
from models.cards import ClientCard, ContactPointData
from ui import files
from ui.event_dialog import EventDialog
from ui.main_window import MainWindow


@pytest.mark.parametrize("earlier", [False, True], ids=["new_file", "over_an_earlier_file"])
def test_a_saved_invitation_is_private(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    target = tmp_path / "dinner.ics"
    if earlier:
        target.write_bytes(b"an invitation saved before")
        target.chmod(0o644)
    monkeypatch.setattr(files, "ask_save_path", lambda *args: target)
    monkeypatch.setattr(files, "reveal", lambda path: None)
    settings.set_values({settings.OWNER_NAME: "Ana", settings.OWNER_EMAIL: "ana@example.com"})
    guest = clients.save_card(
        ClientCard(name="Majo", contact_points=(ContactPointData("email", "majo@example.com"),))
    )
    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(20))
    meal = events.create_event(
        events.EventData(
            kind="thank_you_meal",
            title=f"Dinner {earlier}",
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            timezone="Europe/Madrid",
            attendees=(events.Attendee(guest.id),),
        )
    )
    window.events.edit(meal.id)
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, EventDialog)
                and w.isVisible() and w.title.text() == meal.title]  # fmt: skip
    before = os.umask(0)
    try:
        dialog.invitation_button.click()
    finally:
        os.umask(before)
        dialog.reject()
    assert b"METHOD:REQUEST" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith("ics")) == ["dinner.ics"]
    assert not list(tmp_path.glob(".*.part"))
