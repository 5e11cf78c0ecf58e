"""The export and import dialogs, running their jobs for real: the command line in a separate
process, writing files and the database the window has open."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from models import client_list, clients, events
from models.cards import ClientCard
from ui import export_dialog, files
from ui.changes import Change
from ui.export_dialog import ExportDialog
from ui.import_dialog import ImportDialog
from ui.import_preview_model import WHAT, WHOSE
from ui.main_window import MainWindow

SAMPLES = Path(__file__).parent.parent / "data" / "interop" / "calendar"
JOB_TIMEOUT = 60_000


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files whose folder the window showed."""
    found: list[Path] = []
    monkeypatch.setattr(files, "reveal", found.append)
    return found


@pytest.fixture
def saved_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the save dialog "answers" (an empty folder of its own)."""
    target = tmp_path / "out" / "calendar"
    target.parent.mkdir()
    monkeypatch.setattr(files, "ask_save_path", lambda *args: target)
    return target


def export_dialog_of(window: MainWindow, qtbot) -> ExportDialog:
    window.export_action.trigger()
    [dialog] = window.findChildren(ExportDialog)
    return dialog


def test_export_writes_the_calendar_from_a_separate_process(
    sample_window: MainWindow, saved_to: Path, shown: list[Path], qtbot
) -> None:
    dialog = export_dialog_of(sample_window, qtbot)
    dialog.event_kinds["gift_delivery"].setChecked(False)
    dialog.prepare_days.setValue(2)
    command = dialog.command(saved_to)
    kinds = command[command.index("--kinds") + 1].split(",")
    assert "birthday" in kinds and "event:thank_you_meal" in kinds
    assert "event:gift_delivery" not in kinds
    assert command[command.index("--prepare-days") + 1] == "2"

    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert finished.args[0], finished.args
    written = saved_to.with_name("calendar.ics")  # the extension is added
    assert written.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"X-WR-CALNAME:Rapport" in written.read_bytes()
    assert "calendar.ics" in dialog.result.text()
    assert not dialog.split_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.reveal_button, Qt.MouseButton.LeftButton)
    assert shown == [written]


def test_an_empty_selection_is_refused_before_asking_for_a_file(
    sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(files, "ask_save_path", lambda *args: asked.append(args))
    dialog = export_dialog_of(sample_window, qtbot)
    for box in [*dialog.date_kinds.values(), *dialog.event_kinds.values()]:
        box.setChecked(False)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked == []
    assert "at least one kind" in dialog.result.text()


def test_stopping_an_export_leaves_no_file(
    sample_window: MainWindow, saved_to: Path, qtbot
) -> None:
    dialog = export_dialog_of(sample_window, qtbot)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.job.cancel_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is False
    assert list(saved_to.parent.iterdir()) == []
    assert dialog.result.text().startswith("Stopped")
    assert dialog.export_button.isEnabled()


def test_a_file_over_googles_limit_is_offered_a_split(
    sample_window: MainWindow, saved_to: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    monkeypatch.setattr(export_dialog, "GOOGLE_LIMIT", 1_000)  # the sample calendar is larger
    dialog = export_dialog_of(sample_window, qtbot)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Over 1 MB" in dialog.result.text()
    assert dialog.split_button.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] and dialog.split.isChecked()


# -- Import -------------------------------------------------------------------------------


def import_dialog_of(window: MainWindow, source: Path, monkeypatch, qtbot) -> ImportDialog:
    monkeypatch.setattr(files, "ask_open_path", lambda *args: source)
    window.import_action.trigger()
    [dialog] = window.findChildren(ImportDialog)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert finished.args[0], finished.args
    return dialog


def row_of(dialog: ImportDialog, title: str) -> int:
    model = dialog.model
    return next(r for r in range(model.rowCount()) if model.index(r, WHAT).data() == title)


def test_import_previews_asks_whose_and_imports(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    jorg = clients.save_card(ClientCard(name="Jörg Müller"))
    window.hub.announce(Change(everything=True))
    dialog = import_dialog_of(window, SAMPLES / "google_birthdays_export.ics", monkeypatch, qtbot)
    model = dialog.model
    assert model.rowCount() == 3
    assert model.index(row_of(dialog, "Jörg Müller's birthday"), WHOSE).data() == "Jörg Müller"
    assert "say whose: 1" in dialog.summary.text()
    own = row_of(dialog, "Happy birthday!")
    assert not model.flags(model.index(own, WHAT)) & Qt.ItemFlag.ItemIsUserCheckable

    # Whose Zoë's birthday is: chosen in the table's editor, as a person would.
    zoe = model.index(row_of(dialog, "Zoë Ødegård's birthday"), WHOSE)
    dialog.table.edit(zoe)
    [combo] = dialog.table.findChildren(QComboBox)
    new_card = next(n for n in range(combo.count()) if combo.itemText(n).startswith("New client"))
    combo.setCurrentIndex(new_card)
    combo.activated.emit(new_card)
    assert zoe.data() == "New client card: Zoë Ødegård"
    assert (
        model.index(zoe.row(), WHAT).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    )

    with (
        qtbot.waitSignal(dialog.imported, timeout=JOB_TIMEOUT),
        qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT),
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "1 new client" in dialog.result.text()
    assert [k.date.iso() for k in clients.load_card(jorg.id).key_dates] == ["--05-17"]
    names = [r.name for r in client_list.list_clients(dt.date.today())]
    assert sorted(names) == ["Jörg Müller", "Zoë Ødegård"]
    assert window.clients_page.list.model.total_count() == 2  # the window heard of it
    assert not dialog.import_button.isEnabled()


def test_import_events_and_a_second_preview_finds_them_all_there(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    source = SAMPLES / "outlook_com_export.ics"
    dialog = import_dialog_of(window, source, monkeypatch, qtbot)
    dialog.events_from.setDate(dialog.events_from.date().addYears(-5))
    dialog.events_to.setDate(dialog.events_to.date().addYears(5))
    # What the table shows is no longer what Import would do: not until a new preview.
    assert not dialog.import_button.isEnabled() and dialog.refresh_button.isEnabled()
    assert "Update preview" in dialog.summary.text()
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 3  # the birthday waits for a choice; two events
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    stored = events.events_between(dt.date(2027, 1, 1), dt.date(2028, 1, 1), "UTC")
    assert sorted(o.title for o in stored) == [
        "Call with the Berlin office",
        "Lunch with Chidi Okafor",
    ]
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        dialog.choose(source)
    assert "already here: 2" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_bad_file_is_refused_in_words_and_nothing_is_imported(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    cut = tmp_path / "cut.ics"
    cut.write_bytes((SAMPLES / "google_calendar_export.ics").read_bytes()[:1500])
    monkeypatch.setattr(files, "ask_open_path", lambda *args: cut)
    window.import_action.trigger()
    [dialog] = window.findChildren(ImportDialog)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is False
    assert "cut off" in dialog.result.text() and "Nothing was imported" in dialog.result.text()
    assert dialog.result.objectName() == "problem"
    assert not dialog.import_button.isEnabled() and not dialog.table.isVisibleTo(dialog)


def test_export_of_chosen_clients_only(sample_window: MainWindow, saved_to: Path, qtbot) -> None:
    from models.events import Attendee

    rows = client_list.list_clients(dt.date.today())
    chosen = next(r for r in rows if r.name.startswith("María José"))
    other = next(r for r in rows if r.id != chosen.id and r.next_date is not None)
    dialog = export_dialog_of(sample_window, qtbot)
    dialog.clients.set_attendees([Attendee(chosen.id)])
    assert dialog.command(saved_to)[-2:] == ["--client", str(chosen.id)]
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert finished.args[0], finished.args
    text = saved_to.with_name("calendar.ics").read_bytes().decode().replace("\r\n ", "")
    assert chosen.name in text and other.name not in text
