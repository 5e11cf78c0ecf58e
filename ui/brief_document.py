"""The pre-meeting brief on paper: one page per client, laid out for the printer or PDF it
goes to. Lists are cut ("…and 4 more") and long texts shortened, a little more each time,
until the page holds everything that is left: a brief that runs onto a second sheet is
one nobody reads in the car park."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QDate,
    QIODevice,
    QLocale,
    QMarginsF,
    QSizeF,
    QUrl,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from models.briefs import BRIEF_DAYS, MeetingBrief
from models.occurrences import Occurrence
from models.vocab import DateKind, Tone
from ui import labels
from ui.photos import PhotoError, round_thumbnail

MARGIN_MM = 14.0
PHOTO_PX = 88  # on paper, in the 1/96 inch that rich text calls a pixel
PDF_DPI = 300
WARNING = "#B3261E"  # allergies and late promises, red as in the meal planner
MUTED = "#5F6368"
ACCENT = "#1F4E79"
GOOD = "#1E7B34"
PHOTO_URL = QUrl("brief:photo")


def _t(text: str) -> str:
    return QCoreApplication.translate("brief", text)


@dataclass(frozen=True)
class _Cut:
    """How much of each part a page shows, and how small."""

    items: int  # relatives, dates, promises, tastes to re-confirm
    values: int  # tastes on one line (drinks, desserts...)
    dreams: int
    help: int  # "how I can help" lines per dream
    chars: int  # the most of one free text: a summary, a promise, a taste
    name: int  # the most of the name, the job title, the company: shortened last
    points: float  # the size of the text


_CUTS = (
    _Cut(items=10, values=6, dreams=4, help=3, chars=240, name=150, points=11),
    _Cut(items=8, values=5, dreams=3, help=2, chars=180, name=150, points=10.5),
    _Cut(items=6, values=4, dreams=3, help=2, chars=130, name=150, points=10),
    _Cut(items=5, values=3, dreams=2, help=2, chars=100, name=150, points=10),
    _Cut(items=4, values=3, dreams=2, help=1, chars=80, name=150, points=10),
    _Cut(items=3, values=2, dreams=1, help=1, chars=60, name=150, points=9.5),
    _Cut(items=2, values=1, dreams=1, help=1, chars=40, name=150, points=9),
    # Small paper (A5, a label printer) with a card full of long texts.
    _Cut(items=1, values=1, dreams=1, help=0, chars=30, name=80, points=8),
    _Cut(items=1, values=1, dreams=1, help=0, chars=20, name=50, points=6.5),
)


def _style(points: float, indent: int) -> str:
    """Sizes in px are 1/96 inch (rich text scales them to the device), but for left and
    right margins, which are the device's pixels: `indent` is."""
    return f"""
p {{ margin-top: 0px; margin-bottom: 2px; }}
.name {{ font-size: {points * 1.7:.1f}pt; font-weight: 600; margin: 0px; }}
.sub {{ color: {MUTED}; margin-top: 2px; margin-bottom: 0px; }}
.h {{ color: {ACCENT}; font-size: {points * 0.8:.1f}pt; font-weight: bold; margin-top: 12px;
     margin-bottom: 3px; }}
.entry {{ margin-bottom: 5px; }}
.warn {{ color: {WARNING}; }}
.muted {{ color: {MUTED}; }}
.none {{ color: {MUTED}; font-style: italic; }}
.help {{ margin-left: {indent}px; margin-bottom: 1px; }}
"""


def page_size_for(locale: QLocale | None = None) -> QPageSize:
    """Letter where paper is Letter (the United States and Canada), A4 everywhere else."""
    territory = (locale or QLocale()).territory()
    letter = territory in (QLocale.Country.UnitedStates, QLocale.Country.Canada)
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(
        page_size or page_size_for(),
        QPageLayout.Orientation.Portrait,
        margins,
        QPageLayout.Unit.Millimeter,
    )


def brief_document(brief: MeetingBrief, device: QPagedPaintDevice) -> QTextDocument:
    """The brief laid out on the pages of `device` (a QPdfWriter or QPrinter, its page
    size and margins set), cut until it fits on one of them."""
    for cut in _CUTS:
        document = _document(brief, device, cut)
        if document.pageCount() <= 1:
            break
    return document  # at the shortest cut, a page holds it whatever the card


def pdf_bytes(brief: MeetingBrief, page_size: QPageSize | None = None) -> bytes:
    """The brief as a one-page PDF (the locale's paper when `page_size` is None)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(page_size))
    writer.setTitle(_t("Brief: {name}").format(name=brief.name))
    writer.setCreator("Rapport")
    brief_document(brief, writer).print_(writer)
    return bytes(buffer.data().data())


def _document(brief: MeetingBrief, device: QPagedPaintDevice, cut: _Cut) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    # The page, in the device's pixels: printing maps it onto the paper at scale 1.
    document.setPageSize(QSizeF(device.width(), device.height()))
    document.setDocumentMargin(0)
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(cut.points)
    document.setDefaultFont(font)
    option = QTextOption()
    option.setTextDirection(QGuiApplication.layoutDirection())
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDefaultStyleSheet(_style(cut.points, round(16 * device.logicalDpiX() / 96)))
    document.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle, _t("Brief: {name}").format(name=brief.name)
    )
    has_photo = _add_photo(document, brief.photo)
    document.setHtml(_Page(brief, cut).html(has_photo))
    return document


def _add_photo(document: QTextDocument, photo: bytes | None) -> bool:
    if not photo:
        return False
    try:
        # Three times the printed size: sharp on paper, still small in the PDF.
        picture = round_thumbnail(photo, PHOTO_PX * 3)
    except PhotoError:
        return False  # a photo Qt cannot read is left out, not a reason to fail the brief
    document.addResource(QTextDocument.ResourceType.ImageResource, PHOTO_URL, picture)
    return True


class _Page:
    """The brief's HTML. Every text from the card is escaped and isolated (its own
    direction, so that a Hebrew name does not reorder the line around it)."""

    def __init__(self, brief: MeetingBrief, cut: _Cut) -> None:
        self._brief = brief
        self._cut = cut
        self._short = min(60, cut.chars)  # a name within a line

    def html(self, has_photo: bool) -> str:
        left = self._table() + self._family() + self._dates()
        right = self._contacts() + self._promises() + self._reconfirm() + self._dreams()
        columns = (
            "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top:6px'><tr>"
            f"<td width='48%' valign='top' style='padding-right:14px'>{left}</td>"
            f"<td width='52%' valign='top'>{right}</td></tr></table>"
        )
        return self._header(has_photo) + "<hr/>" + columns

    # -- Parts ----------------------------------------------------------------------------

    def _header(self, has_photo: bool) -> str:
        b = self._brief
        who = " · ".join(
            self._text(part, self._cut.name) for part in (b.job_title, b.company) if part
        )
        lines = [f"<p class='name'>{self._text(b.name, self._cut.name)}</p>"]
        if b.nickname and b.nickname != b.name:
            lines.append(
                "<p class='sub'>"
                + _t("Goes by {name}").format(
                    name=f"<b>{self._text(b.nickname, self._cut.name)}</b>"
                )
                + "</p>"
            )
        if who:
            lines.append(f"<p class='sub'>{who}</p>")
        when = _t("Brief for {day}").format(day=_weekday_date(b.today, year=True))
        if b.last_contact is not None:
            when += " · " + _t("last contact {ago}").format(ago=labels.ago(b.last_contact, b.today))
        lines.append(f"<p class='sub'>{html.escape(when)}</p>")
        text = "".join(lines)
        if not has_photo:
            return text
        picture = f"<img src='{PHOTO_URL.toString()}' width='{PHOTO_PX}' height='{PHOTO_PX}'/>"
        return (
            "<table cellspacing='0' cellpadding='0'><tr>"
            f"<td valign='middle' style='padding-right:14px'>{picture}</td>"
            f"<td valign='middle'>{text}</td></tr></table>"
        )

    def _table(self) -> str:
        t = self._brief.table
        lines = [
            self._tastes("⚠ " + _t("Allergies"), t.allergies, warn=True),
            self._tastes("⚠ " + _t("Dietary needs"), t.dietary, warn=True),
            self._tastes(_t("Drinks"), t.drinks),
            self._tastes(_t("Desserts"), t.desserts),
            self._tastes(_t("Food"), t.food),
            self._tastes(_t("Dislikes"), t.dislikes),
        ]
        body = "".join(lines) or self._none(_t("No tastes on the card yet."))
        return self._heading(_t("At the table")) + body

    def _family(self) -> str:
        relations = labels.relations()
        lines = []
        for member in self._brief.table.family:
            relation = relations.get(member.relation, member.relation).lower()
            if member.age is not None:
                about = _t("{relation}, {age}").format(relation=relation, age=member.age)
            else:
                about = relation
            name = self._text(member.name, self._short)
            lines.append(f"<p>{name} <span class='muted'>({html.escape(about)})</span></p>")
        body = self._cut_list(lines, self._cut.items) or self._none(_t("No family on the card."))
        return self._heading(_t("Family and close ones")) + body

    def _dates(self) -> str:
        lines = [self._date(o) for o in self._brief.dates]
        empty = _t("No dates in the next {n} days.").format(n=BRIEF_DAYS)
        body = self._cut_list(lines, self._cut.items) or self._none(empty)
        return self._heading(_t("The next {n} days").format(n=BRIEF_DAYS)) + body

    def _date(self, occ: Occurrence) -> str:
        b = self._brief
        if occ.kind == DateKind.CUSTOM and occ.label:
            what = self._text(occ.label, self._short)
        else:
            what = html.escape(labels.date_kinds().get(occ.kind, occ.kind))
        years = labels.years(occ.kind, occ.years)
        if years:
            what += ", " + html.escape(years)
        if occ.relative_name:
            relation = labels.relations().get(occ.relation, occ.relation).lower()
            whose = f"{self._text(occ.relative_name, self._short)} ({html.escape(relation)})"
        else:
            whose = self._text(b.table.name, self._short)
        soon = html.escape(labels.relative_day(occ.date, b.today))
        day = html.escape(_weekday_date(occ.date))
        return (
            f"<p><b>{day}</b> · {whose}: {what}"
            + (f" <span class='muted'>· {soon}</span>" if occ.date - b.today <= _SOON else "")
            + "</p>"
        )

    def _contacts(self) -> str:
        kinds, tones = labels.interaction_kinds(), labels.tones()
        colours = {Tone.POSITIVE: GOOD, Tone.NEGATIVE: WARNING}
        lines = []
        for entry in self._brief.interactions:
            tone = tones.get(entry.tone, entry.tone)
            colour = colours.get(entry.tone, MUTED)
            head = (
                f"<b>{html.escape(labels.date(entry.occurred_on))}</b> · "
                f"{html.escape(kinds.get(entry.kind, entry.kind))} · "
                f"<span style='color:{colour}'>{html.escape(tone)}</span>"
            )
            summary = self._text(entry.summary, self._cut.chars)
            lines.append(
                f"<p class='entry'>{head}" + (f"<br/>{summary}" if summary else "") + "</p>"
            )
        body = "".join(lines) or self._none(_t("No contact logged yet."))
        return self._heading(_t("Last contacts")) + body

    def _promises(self) -> str:
        lines = []
        for promise in self._brief.promises:
            what = self._text(promise.what, self._cut.chars)
            if promise.late and promise.due is not None:
                late = "⚠ " + _t("Late:")
                due = _t("was due {day}").format(day=labels.date(promise.due))
                lines.append(
                    f"<p><b class='warn'>{html.escape(late)}</b> {what} "
                    f"<span class='warn'>· {html.escape(due)}</span></p>"
                )
            elif promise.due is not None:
                due = _t("due {day}").format(
                    day=labels.relative_day(promise.due, self._brief.today)
                )
                lines.append(f"<p>{what} <span class='muted'>· {html.escape(due)}</span></p>")
            else:
                lines.append(f"<p>{what}</p>")
        body = self._cut_list(lines, self._cut.items) or self._none(_t("No promise open."))
        return self._heading(_t("Promises open")) + body

    def _reconfirm(self) -> str:
        categories = labels.preference_categories()
        lines = []
        for taste in self._brief.reconfirm:
            category = html.escape(categories.get(taste.category, taste.category))
            value = self._text(taste.value, self._cut.chars)
            if taste.last_confirmed is None:
                since = _t("never confirmed")
            else:
                since = _t("confirmed {ago}").format(
                    ago=labels.ago(taste.last_confirmed, self._brief.today)
                )
            lines.append(
                f"<p><b>{category}:</b> {value} <span class='muted'>· "
                f"{html.escape(since)}</span></p>"
            )
        body = self._cut_list(lines, self._cut.items) or self._none(_t("Nothing to re-confirm."))
        return self._heading(_t("Ask again: tastes change")) + body

    def _dreams(self) -> str:
        statuses = labels.aspiration_statuses()
        lines = []
        for dream in self._brief.dreams[: self._cut.dreams]:
            status = html.escape(statuses.get(dream.status, dream.status))
            text = (
                f"<p><b>{self._text(dream.title, self._cut.chars)}</b> "
                f"<span class='muted'>· {status}</span></p>"
            )
            helps = [
                f"<p class='help'>→ {self._text(item, self._cut.chars)}</p>"
                for item in dream.how_to_help
            ]
            lines.append(text + self._cut_list(helps, self._cut.help, style="help"))
        more = len(self._brief.dreams) - self._cut.dreams
        body = "".join(lines) + (self._more(more) if more > 0 else "")
        body = body or self._none(_t("No dreams on the card yet: ask what they hope for."))
        return self._heading(_t("Dreams, and how I can help")) + body

    # -- Pieces ---------------------------------------------------------------------------

    def _tastes(self, title: str, values: Sequence[str], *, warn: bool = False) -> str:
        if not values:
            return ""
        shown = ", ".join(self._text(v, self._cut.chars) for v in values[: self._cut.values])
        if len(values) > self._cut.values:
            shown += " " + html.escape(_t("and {n} more").format(n=len(values) - self._cut.values))
        style = " class='warn'" if warn else ""
        return f"<p{style}><b>{html.escape(title)}:</b> {shown}</p>"

    def _cut_list(self, lines: list[str], limit: int, style: str = "") -> str:
        if len(lines) <= limit:
            return "".join(lines)
        return "".join(lines[:limit]) + self._more(len(lines) - limit, style)

    @staticmethod
    def _more(n: int, style: str = "") -> str:
        text = html.escape(_t("…and {n} more").format(n=n))
        return f"<p class='muted {style}'>{text}</p>"

    @staticmethod
    def _heading(title: str) -> str:
        return f"<p class='h'>{html.escape(title.upper())}</p>"

    @staticmethod
    def _none(text: str) -> str:
        return f"<p class='none'>{html.escape(text)}</p>"

    @staticmethod
    def _text(text: str, limit: int) -> str:
        """A text from the card, on one line: shortened, escaped and direction-isolated."""
        flat = " ".join(text.split())
        if len(flat) > limit:
            flat = flat[: limit - 1].rstrip() + "…"
        return "\u2068" + html.escape(flat) + "\u2069" if flat else ""


_SOON = dt.timedelta(days=30)


def _weekday_date(day: dt.date, *, year: bool = False) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM" + " yyyy" * year)
