"""Preferences stored in the database: the courtship ones (re-confirm interval, currency)."""

from PySide6.QtWidgets import QDialogButtonBox

from models import settings
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog


def open_settings(window: MainWindow) -> SettingsDialog:
    window.settings_action.trigger()
    [dialog] = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    return dialog


def test_reconfirm_days_and_currency_round_trip(window: MainWindow, qtbot) -> None:
    dialog = open_settings(window)
    assert dialog.reconfirm_days == 365 and dialog.currency == ""
    dialog._reconfirm.setValue(90)
    dialog._currency.setCurrentText("chf")
    with qtbot.waitSignal(window.hub.changed):
        dialog.findChild(QDialogButtonBox).accepted.emit()
    assert settings.reconfirm_days() == 90 and settings.currency() == "CHF"

    again = open_settings(window)
    assert again.reconfirm_days == 90 and again.currency == "CHF"
    again._currency.setCurrentText("")  # back to the system's
    with qtbot.waitSignal(window.hub.changed):
        again.findChild(QDialogButtonBox).accepted.emit()
    assert settings.currency() == "" and settings.reconfirm_days() == 90


def test_a_currency_that_is_no_code_is_refused(window: MainWindow, qtbot) -> None:
    dialog = open_settings(window)
    dialog._currency.setCurrentText("E1")
    with qtbot.assertNotEmitted(window.hub.changed):
        dialog.findChild(QDialogButtonBox).accepted.emit()
    assert dialog.isVisible() and "three-letter code" in dialog._problem.text()
    assert settings.currency() == ""


def test_how_many_automatic_backups_to_keep_is_a_preference(window: MainWindow, qtbot) -> None:
    dialog = open_settings(window)
    assert dialog.backups_keep == settings.backups_keep() == 10
    dialog._backups.setValue(3)
    with qtbot.waitSignal(window.hub.changed):
        dialog.findChild(QDialogButtonBox).accepted.emit()
    assert settings.backups_keep() == 3
    assert open_settings(window).backups_keep == 3
