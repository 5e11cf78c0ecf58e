"""The pre-meeting brief on paper: one page whatever the card, its text escaped, from the
card (print preview, PDF) and from the command line."""

from __future__ import annotations

import datetime as dt
import re
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, QLocale
from PySide6.QtGui import QColor, QImage, QKeySequence, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from models import briefs, clients, db, interactions
from models.cards import (
    AspirationData,
    ClientCard,
    KeyDateData,
    PreferenceData,
    PromiseData,
    RelativeData,
)
from models.dates import PartialDate
from models.interactions import InteractionData
from tests.cli import run
from ui import brief_document, files
from ui.brief_document import PHOTO_URL, page_layout, pdf_bytes
from ui.brief_document import brief_document as layout
from ui.main_window import MainWindow

TODAY = dt.date(2027, 6, 9)
A4, LETTER, A5 = (QPageSize(size) for size in (QPageSize.A4, QPageSize.Letter, QPageSize.A5))


def pages(pdf: bytes) -> int:
    assert pdf.startswith(b"%PDF-")
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def plain(document: QTextDocument) -> str:
    """The text, without the marks that isolate each text's direction."""
    return document.toPlainText().replace("\u2068", "").replace("\u2069", "")


def writer_for(page_size: QPageSize) -> QPdfWriter:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(brief_document.PDF_DPI)
    writer.setPageLayout(page_layout(page_size))
    writer._buffer = buffer  # type: ignore[attr-defined]  # kept alive with the writer
    return writer


def photo() -> bytes:
    image = QImage(120, 160, QImage.Format.Format_RGB32)
    image.fill(QColor("#4A7A96"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


def add(card: ClientCard) -> int:
    [client_id] = clients.add_cards([card], today=TODAY)
    return client_id


def crowded_card(name: str = "Maximilian von Hohenzollern-Sigmaringen " * 3) -> ClientCard:
    """Far more than a page holds: every list long, every text long."""
    long = "with a long description that takes a whole line on its own " * 3
    return ClientCard(
        name=name.strip(),
        company="Very Long Company Name International Holdings GmbH & Co. KGaA",
        job_title="Chief Executive Officer and Chairman of the Supervisory Board",
        photo=photo(),
        relatives=tuple(
            RelativeData(f"Child {n} {long}", "child", key_dates=(birthday(6, 10 + n, 2000),))
            for n in range(15)
        ),
        key_dates=tuple(
            KeyDateData("custom", PartialDate(7, n + 1), label=f"Date {n} {long}")
            for n in range(20)
        ),
        preferences=tuple(
            PreferenceData(category, f"{category} {n} {long}", long, TODAY - dt.timedelta(800))
            for category in ("drink", "dessert", "food", "dietary", "allergy", "dislike", "team")
            for n in range(8)
        ),
        promises=tuple(
            PromiseData(f"Promise {n} {long}", TODAY + dt.timedelta(days=n - 10)) for n in range(25)
        ),
        aspirations=tuple(
            AspirationData(f"Dream {n} {long}", "dream", "\n".join([long] * 10)) for n in range(10)
        ),
    )


def birthday(month: int, day: int, year: int | None = None) -> KeyDateData:
    return KeyDateData("birthday", PartialDate(month, day, year))


@pytest.fixture
def anna(database: db.OpenedDatabase) -> int:
    client_id = add(
        ClientCard(
            name="Anna Roy",
            nickname="Annie",
            company="Roy & Fils",
            photo=photo(),
            preferences=(
                PreferenceData("drink", "Albariño", last_confirmed=TODAY),
                PreferenceData("allergy", "Peanuts", last_confirmed=TODAY),
                PreferenceData("team", "Celta", last_confirmed=TODAY - dt.timedelta(days=500)),
            ),
            relatives=(RelativeData("Léa", "child", key_dates=(birthday(6, 20, 2015),)),),
            promises=(PromiseData("Send the article", TODAY - dt.timedelta(days=3)),),
            aspirations=(AspirationData("Open a wine bar", "in_progress", "A lawyer\nAn article"),),
        )
    )
    interactions.log_interaction(
        InteractionData(client_id, "meal", TODAY - dt.timedelta(days=5), "Lunch", "positive")
    )
    return client_id


# -- The page --------------------------------------------------------------------------


def test_the_brief_is_one_page_that_says_it_all(anna: int, qapp) -> None:
    brief = briefs.meeting_brief(anna, TODAY)
    document = layout(brief, writer_for(A4))
    text = plain(document)
    assert document.pageCount() == 1
    for expected in (
        "Anna Roy",
        "Goes by Annie",
        "Roy & Fils",
        "Allergies: Peanuts",
        "Drinks: Albariño",
        "Léa (child, 11)",
        "Birthday, turns 12",
        "Lunch",
        "Late: Send the article",
        "Team: Celta",
        "Open a wine bar",
        "→ A lawyer",
        "→ An article",
    ):
        assert expected in text
    assert not document.resource(QTextDocument.ResourceType.ImageResource, PHOTO_URL).isNull()
    assert pages(pdf_bytes(brief, A4)) == 1


def test_an_empty_card_says_what_is_missing(database: db.OpenedDatabase, qapp) -> None:
    brief = briefs.meeting_brief(add(ClientCard(name="New Client")), TODAY)
    text = plain(layout(brief, writer_for(A4)))
    for expected in (
        "No tastes on the card yet.",
        "No family on the card.",
        "No dates in the next 60 days.",
        "No contact logged yet.",
        "No promise open.",
        "Nothing to re-confirm.",
    ):
        assert expected in text


@pytest.mark.parametrize("page_size", [A4, LETTER, A5], ids=["A4", "Letter", "A5"])
def test_a_crowded_card_still_fits_one_page(
    database: db.OpenedDatabase, qapp, page_size: QPageSize
) -> None:
    client_id = add(crowded_card())
    for n in range(8):
        interactions.log_interaction(
            InteractionData(client_id, "meeting", TODAY - dt.timedelta(days=n), "Talked " * 200)
        )
    brief = briefs.meeting_brief(client_id, TODAY)
    document = layout(brief, writer_for(page_size))
    assert document.pageCount() == 1
    assert re.search(r"…and \d+ more", plain(document))
    assert pages(pdf_bytes(brief, page_size)) == 1


def test_every_text_from_the_card_is_escaped(database: db.OpenedDatabase, qapp) -> None:
    client_id = add(
        ClientCard(
            name="<b>Ann & Co</b>",
            company="<script>x</script>",
            relatives=(RelativeData("<i>Léa</i> &amp;", "child"),),
            preferences=(PreferenceData("drink", "<img src='x'>"),),
        )
    )
    document = layout(briefs.meeting_brief(client_id, TODAY), writer_for(A4))
    text = plain(document)
    for literal in ("<b>Ann & Co</b>", "<script>x</script>", "<i>Léa</i> &amp;", "<img src='x'>"):
        assert literal in text
    assert "Ann & Co</b>" not in document.toHtml()  # as text, not as markup


def test_right_to_left_and_cjk_names_are_kept(database: db.OpenedDatabase, qapp) -> None:
    client_id = add(
        ClientCard(name="דוד כהן", relatives=(RelativeData("王小明", "friend"),)),
    )
    text = plain(layout(briefs.meeting_brief(client_id, TODAY), writer_for(A4)))
    assert "דוד כהן" in text and "王小明" in text


def test_a_photo_qt_cannot_read_is_left_out(database: db.OpenedDatabase, qapp) -> None:
    client_id = add(ClientCard(name="Anna Roy", photo=b"not a picture"))
    brief = briefs.meeting_brief(client_id, TODAY)
    document = layout(brief, writer_for(A4))
    assert document.resource(QTextDocument.ResourceType.ImageResource, PHOTO_URL) is None
    assert pages(pdf_bytes(brief, A4)) == 1


@pytest.mark.parametrize(
    ("locale", "paper"),
    [("en_US", LETTER), ("fr_CA", LETTER), ("en_GB", A4), ("de_DE", A4), ("ja_JP", A4)],
)
def test_the_paper_is_the_locales(locale: str, paper: QPageSize) -> None:
    assert brief_document.page_size_for(QLocale(locale)).id() == paper.id()


def test_a_printer_gets_one_page_too(anna: int, qapp, tmp_path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout(LETTER))
    layout(briefs.meeting_brief(anna, TODAY), printer).print_(printer)
    assert pages((tmp_path / "printed.pdf").read_bytes()) == 1


# -- From the window -------------------------------------------------------------------


def open_card(window: MainWindow, client_id: int) -> None:
    window.clients_page.reload()
    window.nav.setCurrentRow(window.pages.indexOf(window.clients_page))
    window.clients_page.show_client(client_id)


def previews() -> list[QPrintPreviewDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QPrintPreviewDialog)]


def test_save_as_pdf_from_the_card(
    window: MainWindow, anna: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []
    monkeypatch.setattr(files, "ask_save_path", lambda *args: asked.append(args[2]) or target)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "brief"  # no suffix typed
    open_card(window, anna)
    window.clients_page.card.header.brief_requested.emit("pdf")
    assert asked == ["Brief - Anna Roy.pdf"]
    written = folder / "brief.pdf"
    assert pages(written.read_bytes()) == 1
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert [p.name for p in folder.iterdir()] == ["brief.pdf"]  # no .part left behind
    assert "Saved the brief of Anna Roy" in window.statusBar().currentMessage()


def test_a_pdf_that_cannot_be_written_is_reported(
    window: MainWindow, anna: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "ask_save_path", lambda *args: tmp_path / "gone" / "b.pdf")
    open_card(window, anna)
    window.save_brief_action.trigger()
    assert "Could not save b.pdf" in window.statusBar().currentMessage()


def test_print_opens_a_preview_of_the_client_in_hand(window: MainWindow, anna: int, qtbot) -> None:
    window.print_brief_action.trigger()  # no card on screen: nothing to print
    assert previews() == []
    assert "Open a client's card first" in window.statusBar().currentMessage()
    open_card(window, anna)
    window.clients_page.card.header.brief_requested.emit("print")
    qtbot.waitUntil(lambda: len(previews()) == 1)
    [dialog] = previews()
    assert dialog.windowTitle() == "Brief: Anna Roy"
    shown = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: shown.pageCount() == 1)
    dialog.reject()
    qtbot.waitUntil(lambda: previews() == [])
    assert window.briefs._previews == {}


def test_ctrl_p_is_the_print_shortcut(window: MainWindow) -> None:
    assert window.print_brief_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.print_brief_action.shortcut().toString() == "Ctrl+P"


# -- From the command line -------------------------------------------------------------


def test_the_brief_command_writes_a_private_one_page_pdf(
    db_path: Path, anna: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:
    db.close_database()
    out_pdf = tmp_path / "anna.pdf"
    status, out, err = run(
        capsys, "--db", str(db_path), "brief", "anna roy", "--pdf", str(out_pdf),
        "--today", TODAY.isoformat(),
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert out.startswith(f"Wrote {out_pdf} (the brief of Anna Roy,")
    assert pages(out_pdf.read_bytes()) == 1
    assert stat.S_IMODE(out_pdf.stat().st_mode) == 0o600
    status, _, _ = run(capsys, "--db", str(db_path), "brief", str(anna), "--pdf", str(out_pdf))
    assert status == 0


def test_the_brief_command_refuses_a_name_two_clients_share(
    db_path: Path, anna: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp
) -> None:
    twin = add(ClientCard(name="Anna Roy"))
    db.close_database()
    target = tmp_path / "anna.pdf"
    status, out, err = run(capsys, "--db", str(db_path), "brief", "Anna Roy", "--pdf", str(target))
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and f"(ids {anna}, {twin})" in err
    assert not target.exists()


@pytest.mark.parametrize(
    ("wanted", "where", "message"),
    [
        ("Nobody", "x.pdf", "No client is called 'Nobody'"),
        ("Anna Roy", "missing/x.pdf", "Cannot write"),
    ],
)
def test_the_brief_command_says_what_went_wrong_in_one_line(
    db_path: Path,
    anna: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    qapp,
    wanted: str,
    where: str,
    message: str,
) -> None:
    db.close_database()
    status, out, err = run(
        capsys, "--db", str(db_path), "brief", wanted, "--pdf", str(tmp_path / where)
    )
    assert (status, out) == (1, "")
    assert err.startswith("rapport: ") and err.count("\n") == 1 and message in err
    assert not any(tmp_path.rglob("*.pdf")) and not any(tmp_path.rglob(".*.part"))
