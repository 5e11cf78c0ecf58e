"""The contacts import and export dialogs, running their jobs for real in a separate
process against the database the window has open."""

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from models import client_list, clients
from models.cards import ClientCard, ContactPointData
from models.contacts_import import Choice
from ui import files
from ui.contacts_export_dialog import JSON, ContactsExportDialog
from ui.contacts_import_dialog import ContactsImportDialog
from ui.contacts_preview_model import ACTION, NAME
from ui.main_window import MainWindow

CONTACTS = Path(__file__).parent.parent / "data" / "interop" / "contacts"
CALENDARS = Path(__file__).parent.parent / "data" / "interop" / "calendar"
JOB_TIMEOUT = 60_000
OUTLOOK_HEADER = '"First Name","Last Name","Birthday","E-mail Address"\r\n'


def open_import(window: MainWindow, source: Path, monkeypatch, qtbot) -> ContactsImportDialog:
    monkeypatch.setattr(files, "ask_open_path", lambda *args: source)
    window.import_contacts_action.trigger()
    [dialog] = window.findChildren(ContactsImportDialog)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    return dialog


def row_named(dialog: ContactsImportDialog, name: str) -> int:
    model = dialog.model
    return next(r for r in range(model.rowCount()) if model.index(r, NAME).data() == name)


def run_import(dialog: ContactsImportDialog, qtbot) -> None:
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert finished.args[0], finished.args


def test_preview_merge_skip_and_import(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    pepe = clients.save_card(
        ClientCard(name="Pepe", contact_points=(ContactPointData("email", "jose@cafeole.es"),))
    )
    dialog = open_import(window, CONTACTS / "google.vcf", monkeypatch, qtbot)
    model = dialog.model
    assert model.rowCount() == 6
    jose = model.index(row_named(dialog, "José Álvarez-Núñez"), ACTION)
    assert jose.data() == "Merge into Pepe (same email)"
    assert (
        "1 merged" in dialog.summary.text() and "Empty records left out: 1" in dialog.summary.text()
    )
    dialog.table.setCurrentIndex(jose)
    assert dialog.details.text().startswith("Adds: ")

    # Skip Priya, through the row's editor as a person would.
    priya = model.index(row_named(dialog, "Dr. Priya Raman"), ACTION)
    dialog.table.edit(priya)
    [combo] = dialog.table.findChildren(QComboBox)
    skip = combo.findData(Choice.SKIP)
    combo.setCurrentIndex(skip)
    combo.activated.emit(skip)
    assert priya.data() == "Skip" and "1 skipped" in dialog.summary.text()

    with qtbot.waitSignal(dialog.imported, timeout=JOB_TIMEOUT):
        run_import(dialog, qtbot)
    assert "4 new clients" in dialog.result.text()
    names = sorted(r.name for r in client_list.list_clients(dt.date.today()))
    assert "Dr. Priya Raman" not in names and len(names) == 5
    merged = clients.load_card(pepe.id)
    assert merged.name == "Pepe" and len(merged.relatives) == 3
    assert window.clients_page.list.model.total_count() == 5  # the window heard of it


def test_ambiguous_dates_are_asked_for(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    source = tmp_path / "outlook.csv"
    source.write_text(OUTLOOK_HEADER + '"Ana","Ruiz","9/8/1980","ana@example.com"\r\n', "utf-8")
    dialog = open_import(window, source, monkeypatch, qtbot)
    assert dialog.asking.isVisibleTo(dialog) and dialog.day_first.isVisibleTo(dialog)
    assert "9/8/1980" in dialog.question.text() and not dialog.table.isVisibleTo(dialog)
    dialog.month_first.setChecked(True)
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.read_again, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1
    run_import(dialog, qtbot)
    [row] = client_list.list_clients(dt.date.today())
    [birthday] = clients.load_card(row.id).key_dates
    assert (birthday.date.month, birthday.date.day) == (9, 8)


def test_an_encoding_is_asked_for_never_guessed(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    source = tmp_path / "outlook.csv"
    source.write_bytes(
        (OUTLOOK_HEADER + '"René","Müller","12/31/1980","rene@example.com"\r\n').encode("cp1252")
    )
    dialog = open_import(window, source, monkeypatch, qtbot)
    assert dialog.encoding.isVisibleTo(dialog) and not dialog.day_first.isVisibleTo(dialog)
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("cp1252"))
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        qtbot.mouseClick(dialog.read_again, Qt.MouseButton.LeftButton)
    assert dialog.model.index(0, NAME).data() == "René Müller"


def test_a_calendar_or_a_bad_file_is_refused_in_words(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    dialog = open_import(window, CALENDARS / "google_calendar_export.ics", monkeypatch, qtbot)
    assert "calendar" in dialog.result.text() and not dialog.import_button.isEnabled()
    cut = tmp_path / "cut.vcf"
    cut.write_bytes((CONTACTS / "google.vcf").read_bytes()[:900])
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT):
        dialog.choose(cut)
    assert "cut off" in dialog.result.text() and dialog.result.objectName() == "problem"
    assert client_list.client_count() == 0


def test_a_clients_file_for_a_privacy_request(
    sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    target = tmp_path / "majo"
    monkeypatch.setattr(files, "ask_save_path", lambda *args: target)
    [majo] = [
        r for r in client_list.list_clients(dt.date.today()) if r.name.startswith("María José")
    ]
    sample_window.clients_page.show_client(majo.id)
    sample_window.clients_page.card.header.export_requested.emit("json")
    [dialog] = sample_window.findChildren(ContactsExportDialog)
    assert dialog.kind() == JSON and dialog.clients.client_ids() == [majo.id]
    with qtbot.waitSignal(dialog.job.finished, timeout=JOB_TIMEOUT) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert finished.args[0], finished.args
    document = json.loads(target.with_name("majo.json").read_text("utf-8"))
    assert [c["name"] for c in document["clients"]] == [majo.name]
    assert dialog.reveal_button.isVisibleTo(dialog)
