"""The main window: a side bar of views (This week, Clients, Calendar, Courtship), menus and
shortcuts. It builds and wires; the pages do the work.

Only the page it opens on is built before the window first paints; each other page is built
the first time it is shown or asked for, and the dialogs' modules are imported when first
used (start-up with 10k clients, "Speed by design" in DESIGN.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models import client_list, settings
from models.db import OpenedDatabase
from models.errors import RapportError
from ui import labels, messages, undo_passthrough
from ui.backup_status import BackupStatus
from ui.changes import Change, ChangeHub
from ui.turns import next_turn

if TYPE_CHECKING:
    from ui.brief_printer import BriefPrinter
    from ui.calendar_page import CalendarPage
    from ui.client_plan_dialog import ClientPlanDialog
    from ui.clients_page import ClientsPage
    from ui.courtship_page import CourtshipPage
    from ui.dashboard_page import DashboardPage
    from ui.event_editor import EventEditor
    from ui.interaction_editor import InteractionEditor
    from ui.settings_dialog import SettingsDialog

# The pages, in the order of the side bar; `pages` keeps these indices, with an empty
# placeholder where a page is not built yet.
DASHBOARD, CLIENTS, CALENDAR, COURTSHIP = range(4)


class MainWindow(QMainWindow):
    def __init__(self, opened: OpenedDatabase, parent: Any = None) -> None:
        super().__init__(parent)
        self._opened = opened
        self.setWindowTitle(self.tr("Rapport — {file}").format(file=opened.path.name))
        self.resize(1280, 800)
        self.setMinimumSize(QSize(640, 420))

        self.undo_stack = QUndoStack(self)
        self.hub = ChangeHub(self)
        self._built: dict[int, QWidget] = {}  # the pages built so far, by index
        self._interactions: InteractionEditor | None = None
        self._events: EventEditor | None = None
        self._briefs: BriefPrinter | None = None

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(112)
        self.pages = QStackedWidget()
        for title in (
            self.tr("This week"),
            self.tr("Clients"),
            self.tr("Calendar"),
            self.tr("Courtship"),
        ):
            self.nav.addItem(title)
            self.pages.addWidget(QWidget())  # a placeholder until the page is first shown
        # A first start opens on the clients (and their empty state); later, on the week.
        has_clients = client_list.has_clients()
        start = DASHBOARD if has_clients else CLIENTS
        self._page(start)
        self.nav.setCurrentRow(start)
        self.pages.setCurrentIndex(start)

        self.read_only_banner = QLabel(
            self.tr(
                "This database is open in another Rapport window, so this one can only read. "
                "Close the other window, then reopen Rapport here to edit."
            )
        )
        self.read_only_banner.setObjectName("banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setVisible(opened.read_only)

        body = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addLayout(row, 1)
        self.setCentralWidget(body)

        self._build_actions()
        self._build_menus()
        self.database_label = QLabel(str(opened.path))
        self.database_label.setObjectName("hint")
        self.database_label.setToolTip(self.tr("Your data: one file, on this computer"))
        self.statusBar().addPermanentWidget(self.database_label)
        self.backups = BackupStatus(opened, self)
        self.statusBar().addPermanentWidget(self.backups)
        self._connect_signals()
        self._offer_sample(has_clients=has_clients)

    def _build_actions(self) -> None:
        writable = not self._opened.read_only
        self.new_action = QAction(self.tr("&New client"), self)
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_action.setEnabled(writable)
        self.plan_action = QAction(self.tr("&Plan an event…"), self)
        self.plan_action.setShortcut(QKeySequence("Ctrl+E"))
        self.plan_action.setEnabled(writable)
        self.log_action = QAction(self.tr("&Log a contact or gesture…"), self)
        # Not a standard key: L for "log", free on every platform's conventions.
        self.log_action.setShortcut(QKeySequence("Ctrl+L"))
        self.log_action.setEnabled(writable)
        self.sample_action = QAction(self.tr("Load &sample clients"), self)
        self.import_action = QAction(self.tr("&Import calendar (.ics)…"), self)
        self.import_action.setEnabled(writable)
        self.import_contacts_action = QAction(
            self.tr("Import &contacts (vCard, CSV, Rapport JSON)…"), self
        )
        self.import_contacts_action.setEnabled(writable)
        self.export_action = QAction(self.tr("E&xport calendar (.ics)…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_contacts_action = QAction(self.tr("Export c&lients (vCard, CSV, JSON)…"), self)
        self.print_brief_action = QAction(self.tr("Print pre-meeting &brief…"), self)
        self.print_brief_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.save_brief_action = QAction(self.tr("Save pre-meeting brief as P&DF…"), self)
        self.backup_action = QAction(self.tr("&Back up now…"), self)
        self.restore_action = QAction(self.tr("&Restore from backup…"), self)
        self.restore_action.setEnabled(writable)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # Our own actions rather than QUndoStack's: a click on Undo while a field holds
        # unsaved typing undoes that typing first, as Ctrl+Z in the field does.
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.undo_action.setEnabled(False)
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.redo_action.setEnabled(False)
        for action, text in (
            (self.undo_action, self.tr("Undo")),
            (self.redo_action, self.tr("Redo")),
        ):
            action.setIconText(text)  # the toolbar stays short; the menu says what
        self.find_action = QAction(self.tr("&Find client"), self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        # Delete itself is bound on the client list, so Delete in a card's table removes a row.
        self.delete_action = QAction(self.tr("&Delete client"), self)
        self.delete_action.setEnabled(writable)
        self.settings_action = QAction(self.tr("&Preferences…"), self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setEnabled(writable)
        self.about_action = QAction(self.tr("&About Rapport"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.addActions([self.new_action, self.plan_action, self.log_action, self.quit_action,
                         self.undo_action, self.redo_action, self.find_action,
                         self.print_brief_action])  # fmt: skip

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.plan_action)
        file_menu.addAction(self.log_action)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_contacts_action)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_contacts_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_brief_action)
        file_menu.addAction(self.save_brief_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.delete_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.plan_action)
        toolbar.addAction(self.log_action)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        self.addToolBar(toolbar)

    # -- Pages and helpers, built when first needed -----------------------------------------

    @property
    def dashboard_page(self) -> DashboardPage:
        return self._page(DASHBOARD)  # type: ignore[return-value]

    @property
    def clients_page(self) -> ClientsPage:
        return self._page(CLIENTS)  # type: ignore[return-value]

    @property
    def calendar_page(self) -> CalendarPage:
        return self._page(CALENDAR)  # type: ignore[return-value]

    @property
    def courtship_page(self) -> CourtshipPage:
        return self._page(COURTSHIP)  # type: ignore[return-value]

    def _page(self, index: int) -> QWidget:
        """The page at this index of the side bar, built (and wired) on first use, in
        place of its placeholder."""
        page = self._built.get(index)
        if page is not None:
            return page
        page = self._build_page(index)
        self._built[index] = page
        placeholder = self.pages.widget(index)
        current = self.pages.currentIndex()
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(placeholder)
        placeholder.deleteLater()
        self.pages.setCurrentIndex(current)
        return page

    def _build_page(self, index: int) -> QWidget:
        read_only = self._opened.read_only
        if index == DASHBOARD:
            from ui.dashboard_page import DashboardPage

            dashboard = DashboardPage(self.hub)
            self._connect_dashboard(dashboard)
            return dashboard
        if index == CLIENTS:
            from ui.clients_page import ClientsPage

            clients_page = ClientsPage(self.undo_stack, self.hub, read_only=read_only)
            self._connect_clients(clients_page)
            return clients_page
        if index == CALENDAR:
            from ui.calendar_page import CalendarPage

            calendar = CalendarPage(self.hub)
            self._connect_calendar(calendar)
            return calendar
        from ui.courtship_page import CourtshipPage

        courtship_page = CourtshipPage(self.hub, read_only=read_only)
        self._connect_courtship(courtship_page)
        return courtship_page

    @property
    def interactions(self) -> InteractionEditor:
        if self._interactions is None:
            from ui.interaction_editor import InteractionEditor

            self._interactions = InteractionEditor(
                self, self.undo_stack, self.hub, read_only=self._opened.read_only
            )
            self._interactions.error.connect(self._on_error)
        return self._interactions

    @property
    def events(self) -> EventEditor:
        if self._events is None:
            from ui.event_editor import EventEditor

            self._events = EventEditor(
                self, self.undo_stack, self.hub, read_only=self._opened.read_only
            )
            self._events.error.connect(self._on_error)
        return self._events

    @property
    def briefs(self) -> BriefPrinter:
        if self._briefs is None:
            from ui.brief_printer import BriefPrinter

            self._briefs = BriefPrinter(self)
            self._briefs.status_message.connect(self._on_status_message)
            self._briefs.error.connect(self._on_error)
        return self._briefs

    @Slot()
    def prepare_clients_page(self) -> None:
        """Build the Clients page ahead of its first showing: the page most used, where
        the week's links lead. run_app calls it once the window has painted and loaded
        its first page, while the person reads it. Its modules load in one turn of the
        event loop and the page is made in the next (some 20 and 70 ms with 10k clients
        here), so that the window answers in between; its list then loads a piece a turn."""
        import ui.clients_page  # noqa: F401

        next_turn(self, lambda: self._page(CLIENTS))

    def _commit_card(self) -> None:
        """What is typed in the client's card is saved (a page not built has none)."""
        if CLIENTS in self._built:
            self.clients_page.card.commit_pending()

    # -- Wiring --------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        """The window's own wiring; each page is wired as it is built (_connect_<page>)."""
        self.new_action.triggered.connect(self._on_new_client_triggered)
        self.plan_action.triggered.connect(lambda: self.events.plan_on(dt.date.today()))
        self.log_action.triggered.connect(self._on_log_triggered)
        self.sample_action.triggered.connect(lambda: self.clients_page.load_sample())
        self.import_action.triggered.connect(self._on_import_triggered)
        self.export_action.triggered.connect(self._on_export_triggered)
        self.import_contacts_action.triggered.connect(self._on_import_contacts_triggered)
        self.export_contacts_action.triggered.connect(
            lambda: self.export_clients([], self._export_kind("vcard"))
        )
        self.print_brief_action.triggered.connect(lambda: self._on_brief_requested(None, "print"))
        self.save_brief_action.triggered.connect(lambda: self._on_brief_requested(None, "pdf"))
        self.backup_action.triggered.connect(self.backups.back_up_now)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.backups.running_changed.connect(lambda busy: self.backup_action.setEnabled(not busy))
        self.backups.status_message.connect(self._on_status_message)
        self.backups.database_replaced.connect(self._on_database_replaced)
        self.backups.database_lost.connect(self._on_database_lost)
        self.quit_action.triggered.connect(self.close)
        self.undo_action.triggered.connect(self._on_undo_triggered)
        self.redo_action.triggered.connect(self._on_redo_triggered)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._on_undo_text_changed)
        self.undo_stack.redoTextChanged.connect(self._on_redo_text_changed)
        self.find_action.triggered.connect(self._on_find_triggered)
        self.delete_action.triggered.connect(self._on_delete_triggered)
        self.about_action.triggered.connect(self._on_about_triggered)
        self.settings_action.triggered.connect(self._on_settings_triggered)
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.hub.failed.connect(self._on_error)
        self.hub.changed.connect(self._on_changed)

    def _connect_dashboard(self, page: DashboardPage) -> None:
        page.open_client.connect(self._on_open_client)
        page.open_event.connect(self._on_open_event)
        page.open_courtship.connect(
            lambda: (self._show_page(self.courtship_page), self.courtship_page.show_due())
        )
        page.open_calendar.connect(
            lambda: (self._show_page(self.calendar_page), self.calendar_page.go_today())
        )

    def _connect_calendar(self, page: CalendarPage) -> None:
        page.open_client.connect(self._on_open_client)
        page.open_event.connect(self._on_open_event)
        page.plan_on.connect(lambda when: self.events.plan_on(when))

    def _connect_clients(self, page: ClientsPage) -> None:
        page.dream_achieved.connect(self._on_dream_achieved)
        page.status_message.connect(self._on_status_message)
        page.error.connect(self._on_error)
        card = page.card
        card.plan_meal_requested.connect(self._on_plan_meal_requested)
        card.log_requested.connect(lambda client_id, kind: self.interactions.log(client_id, kind))
        card.edit_entry_requested.connect(lambda entry_id: self.interactions.edit(entry_id))
        card.delete_entry_requested.connect(lambda entry_id: self.interactions.delete(entry_id))
        card.export_requested.connect(
            lambda client_id, kind: self.export_clients([client_id], self._export_kind(kind))
        )
        card.brief_requested.connect(self._on_brief_requested)
        card.plan_requested.connect(self.edit_client_plan)

    def _connect_courtship(self, page: CourtshipPage) -> None:
        due = page.due
        due.open_client.connect(self._on_open_client)
        page.ledger.open_client.connect(self._on_open_client)
        due.log_requested.connect(lambda client_id, kind: self.interactions.log(client_id, kind))
        due.plan_meal_requested.connect(self._on_plan_meal_requested)
        due.snooze_requested.connect(self._on_snooze_requested)

    @Slot(int)
    def _on_nav_row_changed(self, row: int) -> None:
        if row >= 0:
            self._page(row)
        self.pages.setCurrentIndex(row)

    @Slot(int)
    def _on_open_event(self, event_id: int) -> None:
        self.events.edit(event_id)

    @Slot(int)
    def _on_plan_meal_requested(self, client_id: int) -> None:
        self.events.plan_meal(client_id)

    @Slot()
    def _on_delete_triggered(self) -> None:
        if CLIENTS in self._built:  # nothing is selected on a page not built yet
            self.clients_page.delete_selected()

    @staticmethod
    def _export_kind(kind: str) -> str:
        """The export dialog's format for "json", else vCard 3.0."""
        from ui.contacts_export_dialog import JSON, VCARD_3

        return JSON if kind == "json" else VCARD_3

    @Slot()
    def _on_log_triggered(self) -> None:
        """For the client in view, if the card is showing; else for one chosen in the dialog."""
        card = self.clients_page.card.card() if CLIENTS in self._built else None
        showing = self.pages.currentIndex() == CLIENTS and card is not None
        self.interactions.log(card.id if showing else None)  # type: ignore[union-attr]

    def _plan_settled(self) -> bool:
        """Unsaved edits of the courtship plan are saved, dropped, or (Cancel) kept open."""
        if COURTSHIP not in self._built:
            return True  # the plan was never opened
        plan = self.courtship_page.plan
        if not plan.has_unsaved_changes():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("The plan has changes"),
            self.tr("Save the changes to the courtship plan before closing?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            if plan.save():
                return True
            self._show_page(self.courtship_page)
            self.courtship_page.tabs.setCurrentWidget(plan)
            return False
        return answer == QMessageBox.StandardButton.Discard

    @Slot(int, str)
    def _on_dream_achieved(self, client_id: int, dream: str) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("A dream came true"),
            self.tr("“{dream}” is achieved. Plan an evening to celebrate it with them?").format(
                dream=dream
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.events.plan_celebration(client_id, dream)

    @Slot(int, int)
    def _on_snooze_requested(self, client_id: int, days: int) -> None:
        from models import courtship

        until = dt.date.today() + dt.timedelta(days=days)
        try:
            before = courtship.client_plan(client_id)
            after = courtship.snooze(client_id, until)
        except RapportError as exc:
            self._on_error(exc)
            return
        text = self.tr("Snooze until {date}").format(date=labels.date(until))
        from ui.commands import EditClientPlanCommand

        self.undo_stack.push(EditClientPlanCommand(before, after, text, self.hub))
        self.hub.announce(Change(clients=frozenset({client_id})))

    @Slot(int)
    def edit_client_plan(self, client_id: int) -> None:
        """The dialog of one client's own courtship terms; OK saves them, undoably."""
        if self._opened.read_only:
            return
        from models import clients, courtship

        try:
            card = clients.load_card(client_id)
            terms = courtship.client_plan(client_id)
        except RapportError as exc:
            self._on_error(exc)
            return
        tier = next((t for t in courtship.plan() if t.id == card.tier_id), None)
        from ui.client_plan_dialog import ClientPlanDialog

        dialog = ClientPlanDialog(
            card.name, terms, tier, dt.date.today(), settings.currency(), self
        )
        dialog.accepted.connect(lambda: self._on_client_plan_accepted(dialog, card.name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_client_plan_accepted(self, dialog: ClientPlanDialog, name: str) -> None:
        before, after = dialog.before, dialog.terms
        if after == before:
            return
        from models import courtship

        try:
            saved = courtship.save_client_plan(after)
        except RapportError as exc:
            self._on_error(exc)
            return
        text = self.tr("Change the courtship terms of {name}").format(name=name)
        from ui.commands import EditClientPlanCommand

        self.undo_stack.push(EditClientPlanCommand(before, saved, text, self.hub))
        self.hub.announce(Change(clients=frozenset({saved.client_id})))

    @Slot()
    def _on_new_client_triggered(self) -> None:
        self._show_page(self.clients_page)
        self.clients_page.new_client()

    @Slot(int)
    def _on_open_client(self, client_id: int) -> None:
        self._show_page(self.clients_page)
        self.clients_page.show_client(client_id)

    def _show_page(self, page: QWidget) -> None:
        """Show a page (built already: it is given as the page itself)."""
        self.nav.setCurrentRow(self.pages.indexOf(page))

    @Slot()
    def _on_undo_triggered(self) -> None:
        if not undo_passthrough.undo_typing(QApplication.focusWidget()):
            self.undo_stack.undo()

    @Slot()
    def _on_redo_triggered(self) -> None:
        if not undo_passthrough.undo_typing(QApplication.focusWidget(), redo=True):
            self.undo_stack.redo()

    @Slot(str)
    def _on_undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(
            self.tr("&Undo {what}").format(what=text) if text else self.tr("&Undo")
        )

    @Slot(str)
    def _on_redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(
            self.tr("&Redo {what}").format(what=text) if text else self.tr("&Redo")
        )

    @Slot()
    def _on_find_triggered(self) -> None:
        self._show_page(self.clients_page)
        self.clients_page.focus_search()

    @Slot()
    def _on_changed(self) -> None:
        # Counted, not asked of the Clients page: it may not be built, or not reloaded yet.
        self._offer_sample(has_clients=client_list.has_clients())

    def _offer_sample(self, *, has_clients: bool) -> None:
        self.sample_action.setEnabled(not self._opened.read_only and not has_clients)

    @Slot(str)
    def _on_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot()
    def _on_restore_triggered(self) -> None:
        self._commit_card()  # what is typed is in the backup taken first
        self.backups.restore()

    @Slot(object)
    def _on_database_replaced(self, opened: OpenedDatabase) -> None:
        self._opened = opened
        self.undo_stack.clear()  # its steps name rows of the database that was replaced
        self.hub.announce(Change(everything=True))

    @Slot(str)
    def _on_database_lost(self, why: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Rapport must close"),
            self.tr("{why}\n\nStart Rapport again.").format(why=why),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.finished.connect(self.close)
        box.open()

    @Slot(object)
    def _on_error(self, error: RapportError) -> None:
        self.statusBar().showMessage(messages.describe(error), 15000)

    @Slot()
    def _on_import_triggered(self) -> None:
        self._commit_card()
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self._opened.path, dt.date.today(), self)
        dialog.imported.connect(lambda: self.hub.announce(Change(everything=True)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _on_import_contacts_triggered(self) -> None:
        self._commit_card()
        from ui.contacts_import_dialog import ContactsImportDialog

        dialog = ContactsImportDialog(self._opened.path, self)
        dialog.imported.connect(lambda: self.hub.announce(Change(everything=True)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def export_clients(self, client_ids: list[int], kind: str) -> None:
        """The export dialog, with these clients chosen (none: everyone)."""
        self._commit_card()  # what is typed is exported too
        from models import events

        people = [c for c in events.attendee_choices() if c.relative_id is None]
        from ui.contacts_export_dialog import ContactsExportDialog

        dialog = ContactsExportDialog(
            self._opened.path, people, chosen=client_ids, kind=kind, parent=self
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_brief_requested(self, client_id: int | None, how: str) -> None:
        """The brief of `client_id`, or (from the menu) of the card on screen."""
        if client_id is None:
            card = self.clients_page.card.card() if CLIENTS in self._built else None
            if self.pages.currentIndex() != CLIENTS or card is None:
                self._on_status_message(
                    self.tr("Open a client's card first: the brief is about the client in hand.")
                )
                return
            client_id = card.id
        self._commit_card()  # what is typed is in the brief too
        if how == "pdf":
            self.briefs.save_pdf(client_id)
        else:
            self.briefs.preview(client_id)

    @Slot()
    def _on_export_triggered(self) -> None:
        self._commit_card()  # what is typed is exported too
        from models import clients, events

        people = [c for c in events.attendee_choices() if c.relative_id is None]
        from ui.export_dialog import ExportDialog

        dialog = ExportDialog(self._opened.path, clients.tiers(), people, dt.date.today(), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def _on_settings_triggered(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            settings.feb29_rule(),
            settings.dashboard_days(),
            settings.owner(),
            self,
            reconfirm_days=settings.reconfirm_days(),
            currency=settings.currency(),
            backups_keep=settings.backups_keep(),
        )
        dialog.accepted.connect(lambda: self._on_settings_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_settings_accepted(self, dialog: SettingsDialog) -> None:
        chosen = {
            settings.FEB29_RULE: dialog.feb29_rule.value,
            settings.DASHBOARD_DAYS: dialog.dashboard_days,
            settings.OWNER_NAME: dialog.owner[0],
            settings.OWNER_EMAIL: dialog.owner[1],
            settings.RECONFIRM_DAYS: dialog.reconfirm_days,
            settings.CURRENCY: dialog.currency,
            settings.BACKUPS_KEEP: dialog.backups_keep,
        }
        changed = {k: v for k, v in chosen.items() if settings.get(k) != v}
        if not changed:
            return
        try:
            settings.set_values(changed)
        except RapportError as exc:
            self._on_error(exc)
            return
        self.hub.announce(Change(everything=True))

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Rapport"),
            self.tr(
                "<b>Rapport</b><p>Remember what matters to your key clients: their tastes, "
                "their family's dates, their dreams, the promises you made.</p>"
                "<p>Your data stays on this computer, in {path}.</p>"
            ).format(path=Path(self._opened.path)),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_card()
        if not self._plan_settled():
            event.ignore()
            return
        self.backups.stop()
        super().closeEvent(event)
