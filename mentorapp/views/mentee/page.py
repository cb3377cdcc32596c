"""The right-hand page of the desk for one mentee: a header with their details, then tabs.

The first tab is the timeline of entries; the others are MenteeSection instances,
made from SECTION_TYPES in order, so a new part of the page is one line there.
"""

from __future__ import annotations

import html
import re

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.insights import Badge, Health, health
from mentorapp.models.readmodels import MenteeView, RosterRow
from mentorapp.models.services import Change, Topic
from mentorapp.views.context import DeskContext
from mentorapp.views.mentee.agenda import NextMeetingSection
from mentorapp.views.mentee.asks import AsksSection
from mentorapp.views.mentee.goals import GoalsSection
from mentorapp.views.mentee.recognition import RecognitionSection
from mentorapp.views.mentee.section import MenteeSection
from mentorapp.views.mentee.threads import ThreadsSection
from mentorapp.views.mentee.timeline import TimelineView
from mentorapp.views.mentee.watchlist import WatchSection
from mentorapp.views.shell.roster import describe_badges
from mentorapp.views.widgets.date_fields import day_text
from mentorapp.views.widgets.focus import first_focus_in
from mentorapp.views.widgets.text_direction import in_reading_order, isolate
from mentorapp.views.widgets.theme import (
    BADGE_TONES,
    Tone,
    badge_colors,
    heading_font,
    secondary_text,
)

_LONG_TOKEN = re.compile(r"\S{32,}")

# The parts of the page after the timeline, each a MenteeSection subclass, in tab order.
SECTION_TYPES: list[type[MenteeSection]] = [
    ThreadsSection,
    GoalsSection,
    RecognitionSection,
    AsksSection,
    WatchSection,
    NextMeetingSection,
]


def wrappable(text: str) -> str:
    """Text that can wrap anywhere inside an overlong token (a pasted link or id), as shown, not as kept."""
    return _LONG_TOKEN.sub(lambda m: "\u200b".join(m[0][i:i + 16] for i in range(0, len(m[0]), 16)), text)


def header_pills(row: RosterRow, status: Health) -> list[tuple[str, Tone]]:
    """Where the mentee stands, in a few words each, for the page header."""
    pills: list[tuple[str, Tone]] = []
    since = status.check_in.days_since
    for badge in status.badges:
        tone = BADGE_TONES[badge]
        if badge is Badge.OVERDUE:
            if since is None:
                overdue = _("Check-in overdue · no conversation noted yet")
            else:
                overdue = ngettext("Check-in overdue · {days} day since you talked",
                                   "Check-in overdue · {days} days since you talked", since).format(days=since)
            pills.append((overdue, tone))
        elif badge is Badge.DUE:
            pills.append((_("Check-in due"), tone))
        elif badge is Badge.WATCHLIST:
            pills.append((_("On the watchlist"), tone))
        elif badge is Badge.UNRECOGNISED:
            days = status.days_since_recognition
            pills.append((_("Never recognised") if days is None
                          else ngettext("Not recognised for {days} day", "Not recognised for {days} days",
                                        days).format(days=days), tone))
        elif badge is Badge.UNDISCUSSED:
            count = row.undiscussed_concerns
            pills.append((ngettext("{count} concern not yet raised", "{count} concerns not yet raised",
                                   count).format(count=count), tone))
    if not any(b in status.badges for b in (Badge.OVERDUE, Badge.DUE)):
        pills.insert(0, (_("Next check-in by {day}").format(day=day_text(status.check_in.due_on)), Tone.GOOD))
    return pills


class MenteeHeader(QWidget):
    """Name, role, since when, the agreed cadence and where the check-in stands."""

    edit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Names and roles are data, shown as typed: never read as markup, and wrapped
        # rather than allowed to push the page wider than the window.
        self.name = QLabel()
        self.name.setObjectName("mentee_name")
        self.name.setFont(heading_font(self.font()))
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setObjectName("mentee_details")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("mentee_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = QPushButton(_("Edit &details…"))
        self.edit_button.setToolTip(_("Change name, role, start date, cadence and how they like to be thanked"))
        self.edit_button.clicked.connect(self.edit_requested)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addWidget(self.status)

    def show_mentee(self, mentee: MenteeView, *, pills: list[tuple[str, Tone]], sentences: list[str]) -> None:
        direction = self.layoutDirection()
        name = isolate(wrappable(mentee.name))
        if mentee.archived:
            # Translators: the name of a mentee who left, in the page header.
            name = _("{name}  (archived)").format(name=name)
        self.name.setText(in_reading_order(name, direction))
        facts = [isolate(mentee.role) if mentee.role else _("No role given")]
        if mentee.started_on:
            # Translators: in the header's facts, "Staff engineer · since 3 Mar 2025 · check in every 14 days".
            facts.append(_("since {day}").format(day=day_text(mentee.started_on)))
        facts.append(ngettext("check in every {n} day", "check in every {n} days",
                              mentee.cadence_days).format(n=mentee.cadence_days))
        if mentee.thanks_preference:
            facts.append(_("likes to be thanked with: {thanks}").format(thanks=isolate(mentee.thanks_preference)))
        self.details.setText(in_reading_order(wrappable(" · ".join(facts)), direction))
        quiet = secondary_text(self.palette(), self.backgroundRole())
        self.details.setStyleSheet(f"color: {quiet.name()}")
        spans = []
        for text, tone in pills:
            background, foreground = badge_colors(self.palette(), tone)
            spans.append(f'<span style="background-color:{background.name()}; color:{foreground.name()}">'
                         f"&nbsp;{html.escape(text)}&nbsp;</span>")
        self.status.setText("&nbsp;&nbsp;".join(spans))
        self.status.setToolTip("\n".join(sentences))
        self.status.setAccessibleDescription(" ".join(sentences))


class MenteePage(QWidget):
    """One mentee's page: the header, the timeline, then every section in SECTION_TYPES."""

    edit_requested = Signal()

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mentee_id: int | None = None
        self._built: dict[type[MenteeSection], MenteeSection] = {}
        self._recognition_gap_days = 60
        self.header = MenteeHeader()
        self.header.edit_requested.connect(self.edit_requested)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mentee_tabs")
        self.tabs.setDocumentMode(True)
        self.timeline = TimelineView(context)
        self.tabs.addTab(self.timeline, _(TimelineView.title))
        self.tabs.setTabToolTip(0, _("{title} (Alt+{number})").format(title=_(TimelineView.title), number=1))
        # Each section is made the first time it is needed, so opening the desk
        # builds only the timeline; until then its tab holds an empty stand-in.
        for cls in SECTION_TYPES:
            self.tabs.addTab(QWidget(), _(cls.title).replace("&", "&&"))
            position = self.tabs.count()
            if position < 10:
                self.tabs.setTabToolTip(position - 1,
                                        _("{title} (Alt+{number})").format(title=_(cls.title), number=position))
        # Alt+1, Alt+2… reach every tab from the keyboard, whatever their titles.
        for position in range(1, min(self.tabs.count(), 9) + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{position}"), self)
            title = TimelineView.title if position == 1 else SECTION_TYPES[position - 2].title
            title = _(title).replace("&", "")
            shortcut.setWhatsThis(_("A mentee's {title} tab").format(title=title))
            shortcut.activated.connect(lambda p=position: self.tabs.setCurrentIndex(p - 1))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        # While the person is on hold, a banner says since when and why (and what it means).
        self.hold_banner = QLabel()
        self.hold_banner.setObjectName("hold_banner")
        self.hold_banner.setWordWrap(True)
        self.hold_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.hold_banner.setMargin(6)
        self.hold_banner.hide()
        layout.addWidget(self.header)
        layout.addWidget(self.hold_banner)
        layout.addWidget(self.tabs, 1)
        self._unloaded: set[QWidget] = set()
        self.tabs.currentChanged.connect(self._tab_shown)
        context.changes.changed.connect(self._on_change)

    @property
    def sections(self) -> list[MenteeSection]:
        """Every section, in tab order (made now if not yet)."""
        return [self._section(position) for position in range(len(SECTION_TYPES))]

    def _section(self, position: int) -> MenteeSection:
        """The section of SECTION_TYPES[position], made and put in its tab on first use."""
        cls = SECTION_TYPES[position]
        section = self._built.get(cls)
        if section is None:
            section = cls(self.context)
            if hasattr(section, "gap_days"):
                section.gap_days = self._recognition_gap_days
            section.set_mentee(None)
            self._built[cls] = section
            index = position + 1  # after the timeline
            current, tip = self.tabs.currentIndex(), self.tabs.tabToolTip(index)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, section, _(cls.title).replace("&", "&&"))
            self.tabs.setTabToolTip(index, tip)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            if self.mentee_id is not None:
                self._unloaded.add(section)
        return section

    @property
    def recognition_gap_days(self) -> int:
        return self._recognition_gap_days

    @recognition_gap_days.setter
    def recognition_gap_days(self, days: int) -> None:
        """The preference behind the "not recognised lately" marks, passed on to the sections that show it."""
        self._recognition_gap_days = days
        for section in self._built.values():
            if hasattr(section, "gap_days"):
                section.gap_days = days
                if self.mentee_id is not None:
                    section.reload()

    def set_mentee(self, mentee_id: int | None) -> None:
        """Show a mentee: the header and the tab on screen now; each other tab when it is opened.

        Hidden tabs are emptied rather than left on the previous mentee, so they neither
        query nor react to that mentee's changes until they are looked at.
        """
        self.mentee_id = mentee_id
        self.refresh_header()
        if self.tabs.currentIndex() > 0:
            self._section(self.tabs.currentIndex() - 1)  # make the section on screen, if it is new
        current = self.tabs.currentWidget()
        self._unloaded = set()
        parts: list[TimelineView | MenteeSection] = [self.timeline, *self._built.values()]
        for part in parts:
            if part is not current:
                part.set_mentee(None)
                self._unloaded.add(part)
        if isinstance(current, TimelineView | MenteeSection):
            current.set_mentee(mentee_id)

    def _tab_shown(self, index: int) -> None:
        """The tab at `index` came on screen: make its section if needed, and read it."""
        if index > 0:
            self._section(index - 1)
        part = self.tabs.widget(index)
        self._load(part)
        if part is not None and part.hasFocus():
            # Qt gives the page itself the keyboard when it had nothing to take it yet (a section
            # read only now): on into its list, as a lead switching tabs expects, once the tab
            # switch has finished (a list given focus mid-switch lays itself out on a half-built page).
            QTimer.singleShot(0, lambda: self._focus_into(part))

    def _focus_into(self, part: QWidget) -> None:
        if shiboken6.isValid(part) and part.hasFocus() and (target := first_focus_in(part)) is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)

    def _load(self, part: QWidget | None) -> None:
        if isinstance(part, TimelineView | MenteeSection) and part in self._unloaded:
            self._unloaded.discard(part)
            part.set_mentee(self.mentee_id)

    def refresh_header(self) -> None:
        if self.mentee_id is None:
            return
        try:
            row = self.context.services.mentees.roster_row(self.mentee_id)
        except MentorAppError:
            return  # moved to the trash meanwhile; the main window moves on
        mentee, today = row.mentee, self.context.today()
        status = health(row, today=today, recognition_gap_days=self.recognition_gap_days)
        pills = header_pills(row, status)
        sentences = [s for _t, _tone, s in describe_badges(row, status, gap_days=self.recognition_gap_days)]
        self.header.show_mentee(mentee, pills=pills, sentences=sentences)
        self._show_hold(mentee)

    def _show_hold(self, mentee: MenteeView) -> None:
        if mentee.held_on is None:
            self.hold_banner.hide()
            return
        background, foreground = badge_colors(self.palette(), Tone.WARNING)
        self.hold_banner.setStyleSheet(
            f"background-color: {background.name()}; color: {foreground.name()}; border-radius: 4px")
        self.hold_banner.setText(
            _("On hold since {day}: {reason}. Nothing already written about {name} can be changed or deleted "
              "until the hold is released (Mentee → Release hold); new notes can still be added.").format(
                day=day_text(mentee.held_on), reason=isolate(mentee.hold_reason), name=isolate(mentee.name)))
        self.hold_banner.show()

    def show_item(self, doc_type: str, doc_id: int) -> bool:
        """Reveal one record: the timeline for entries, else the first section that has it."""
        self._load(self.timeline)
        if doc_type == "entry" and self.timeline.show_item(doc_type, doc_id):
            self.tabs.setCurrentWidget(self.timeline)
            return True
        for section in self.sections:
            self._load(section)
            if section.show_item(doc_type, doc_id):
                self.tabs.setCurrentWidget(section)
                return True
        return False

    def show_topic(self, topic: Topic) -> bool:
        """Switch to the section that shows this kind of record (e.g. recognition), if any."""
        for position, cls in enumerate(SECTION_TYPES):
            if topic in cls.topics:
                self.tabs.setCurrentWidget(self._section(position))
                return True
        return False

    def show_timeline(self) -> None:
        self.tabs.setCurrentWidget(self.timeline)

    def _on_change(self, change: Change) -> None:
        if self.mentee_id is None or change.mentee_id not in (None, self.mentee_id):
            return
        if change.touches(Topic.MENTEES, Topic.ENTRIES, Topic.RECOGNITIONS, Topic.WATCHLIST):
            self.refresh_header()
