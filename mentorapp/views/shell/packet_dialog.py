"""File → Review packet…: choose a mentee or the team and a period, preview the pages, save or print.

Every PDF is built off the GUI thread through the desk's BackgroundRunner, so a
long packet or a whole team never freezes the desk; a progress bar and Cancel show
while it runs. The preview is a real PDF (the one Save would write), shown with QtPdf.
It lives in memory only (a QBuffer): a plaintext copy of personnel notes is never
left in a temp folder, under a lock or after a crash. The preview zooms (Ctrl++, Ctrl+-,
Ctrl+0 fits the width) and pages (Page Up/Down, Home/End, a page number to type).

Print sends that same PDF to the printer in the background (views/shell/printing.py):
the window stays responsive, Cancel stops it, and the status line says when it was sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPointF,
    QStandardPaths,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp import i18n
from mentorapp.i18n import N_, _, ngettext
from mentorapp.models.errors import MentorAppError
from mentorapp.packets.data import check_period, months_before
from mentorapp.packets.render import (
    packet_pdf,
    safe_file_stem,
    write_packet,
    write_team_packets,
)
from mentorapp.views.context import DeskContext
from mentorapp.views.runtime import desk_state
from mentorapp.views.runtime.background import Task, TaskState, failure_message
from mentorapp.views.shell.printing import JOB_TITLE, PrintJob, make_print_job
from mentorapp.views.widgets.date_fields import DateField
from mentorapp.views.widgets.theme import ProblemText

TEAM = -1  # the mentee combo's value for "the whole team"
ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.25, 4.0)
NOTHING_TO_WRITE = N_("There is no one in the journal yet, so there is no packet to save or print: add a mentee first.")

PRESETS = (
    ("last_3", N_("Last 3 months")),
    ("last_6", N_("Last 6 months")),
    ("last_12", N_("Last 12 months")),
    ("this_year", N_("This year")),
    # Translators: a period of the lead's own choosing
    ("custom", N_("Custom")),
)


def preset_period(preset: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The period a preset names, ending today (None for a custom period)."""
    if preset == "this_year":
        return dt.date(today.year, 1, 1), today
    months = {"last_3": 3, "last_6": 6, "last_12": 12}.get(preset)
    if months is None:
        return None
    return months_before(today, months) + dt.timedelta(days=1), today


def desk_progress(language: str) -> Callable[[TaskState], Callable[[int, int, str], None]]:
    """Progress for a packet written in `language`, its steps said in the desk's language (call on the GUI thread).

    The packet's code words its steps in the packet's language (it runs inside `speaking`); when
    that is not the desk's, the progress bar counts the steps in the desk's words instead.
    """
    if language == i18n.language():
        return lambda state: state.set_progress
    # Translators: the progress bar while a packet in another language than the desk's is written
    step = _("Step {number} of {count}")

    def for_task(state: TaskState) -> Callable[[int, int, str], None]:
        def report(done: int, total: int, _message: str = "") -> None:
            state.set_progress(done, total, step.format(number=min(done + 1, total), count=total) if total else "")

        return report

    return for_task


class PacketDialog(QDialog):
    """Builds review packets for one mentee or the whole team, with a live preview."""

    preview_ready = Signal(int)  # pages in the preview
    saved = Signal(list)  # the files written
    build_failed = Signal(str)
    print_sent = Signal(str)  # the sentence shown when a print job was handed over
    print_ended = Signal()  # after a print job was sent, failed or was cancelled

    def __init__(self, context: DeskContext, parent: QWidget | None = None, mentee_id: int | None = None,
                 *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.services = context.services
        self.today = today or context.today()
        self.setWindowTitle(_("Review packet"))
        self.setObjectName("packet_dialog")
        self.setMinimumSize(860, 560)
        self._task: Task | None = None
        self._task_kind = ""
        self._preview: QBuffer | None = None  # the previewed PDF's bytes, in memory only
        self._preview_pending = False  # a preview was skipped or cancelled while saving
        self._print_job: PrintJob | None = None
        self._printer: QPrinter | None = None  # kept alive while its job runs
        self._saved: list[Path] = []

        self.document = QPdfDocument(self)
        self._build_form(mentee_id)
        self._build_preview()
        self._build_buttons()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(self.preview_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.button_row)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh_preview)
        self._restore_preset()
        self._on_target_changed()
        self._debounce.stop()  # setting the form up asked for a preview: build it once, now
        self.refresh_preview()

    # -- the form -------------------------------------------------------------------------
    def _build_form(self, mentee_id: int | None) -> None:
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.mentee_combo = QComboBox()
        self.mentee_combo.setObjectName("mentee")
        self.mentee_combo.setAccessibleName(_("Packet for"))
        # A very long name must not stretch the form over the preview.
        self.mentee_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mentee_combo.setMinimumContentsLength(18)
        self.mentee_combo.addItem(_("The whole team"), TEAM)
        mentees = self.services.mentees.list()
        if mentee_id is not None and all(m.id != mentee_id for m in mentees):
            try:
                mentees.append(self.services.mentees.get(mentee_id))  # an archived mentee asked for by id
            except MentorAppError:
                mentee_id = None
        for mentee in mentees:
            self.mentee_combo.addItem(mentee.name, mentee.id)
        if mentee_id is not None:
            self.mentee_combo.setCurrentIndex(self.mentee_combo.findData(mentee_id))
        self.mentee_combo.currentIndexChanged.connect(self._on_target_changed)
        form.addRow(_("Packet &for:"), self.mentee_combo)

        self.per_person = QRadioButton(_("One PDF per person, into a folder"))
        self.per_person.setObjectName("per_person")
        self.combined = QRadioButton(_("One combined PDF"))
        self.combined.setObjectName("combined")
        self.per_person.setChecked(True)
        self._team_choice = QButtonGroup(self)
        self._team_choice.addButton(self.per_person)
        self._team_choice.addButton(self.combined)
        self.team_options = QWidget()
        team_layout = QVBoxLayout(self.team_options)
        team_layout.setContentsMargins(0, 0, 0, 0)
        team_layout.addWidget(self.per_person)
        team_layout.addWidget(self.combined)
        form.addRow("", self.team_options)

        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("preset")
        for key, label in PRESETS:
            self.preset_combo.addItem(_(label), key)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_changed)
        form.addRow(_("&Period:"), self.preset_combo)

        self.from_edit = self._date_edit("from_date", _("From"))
        self.to_edit = self._date_edit("to_date", _("To"))
        form.addRow(_("F&rom:"), self.from_edit)
        form.addRow(_("&To:"), self.to_edit)

        # The packet's language: the desk's, unless the lead writes one for someone who reads another.
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("packet_language")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        desk_language = i18n.language()
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(desk_language)))
        self.language_combo.currentIndexChanged.connect(self._schedule)
        form.addRow(_("&Language:"), self.language_combo)

        self.problem = ProblemText()
        form.addRow(self.problem)

    def _date_edit(self, name: str, accessible: str) -> DateField:
        edit = DateField(None, accessible_name=accessible)
        edit.setObjectName(name)
        edit.day_changed.connect(self._on_dates_edited)
        return edit

    def _build_preview(self) -> None:
        self.view = QPdfView()
        self.view.setObjectName("preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message = QLabel()
        self.message.setObjectName("preview_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(24)
        self.preview_page = QWidget()
        page_layout = QVBoxLayout(self.preview_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addLayout(self._build_navigation())
        page_layout.addWidget(self.view, 1)
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.message)
        self.preview_stack.addWidget(self.preview_page)
        self.view.pageNavigator().currentPageChanged.connect(self._show_current_page)
        self.view.zoomFactorChanged.connect(self._show_zoom)

    def _build_navigation(self) -> QHBoxLayout:
        row = QHBoxLayout()

        def tool(name: str, text: str | QStyle.StandardPixmap, tip: str, keys: list[QKeySequence],
                 slot: Callable[[], None], *, in_view: bool = False) -> QToolButton:
            button = QToolButton()
            button.setObjectName(name)
            if isinstance(text, str):
                button.setText(text)
            else:  # the style's own icon: no font needs to have a "first page" glyph
                button.setIcon(self.style().standardIcon(text))
            button.setAccessibleName(tip)
            shortcut_text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
            button.setToolTip(_("{action} ({keys})").format(action=tip, keys=shortcut_text) if keys else tip)
            button.clicked.connect(slot)
            for key in keys:
                # Paging keys belong to the preview (Home and End also move in a date field);
                # zoom keys work anywhere in the dialog.
                shortcut = QShortcut(key, self.view if in_view else self)
                if in_view:
                    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
            row.addWidget(button)
            return button

        pix = QStyle.StandardPixmap
        self.first_button = tool("first_page", pix.SP_MediaSkipBackward, _("First page"),
                                 [QKeySequence(Qt.Key.Key_Home)], self.first_page, in_view=True)
        self.previous_button = tool("previous_page", pix.SP_MediaSeekBackward, _("Previous page"),
                                    [QKeySequence(Qt.Key.Key_PageUp)], self.previous_page, in_view=True)
        self.page_label = QLabel(_("Pa&ge"))
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("page_number")
        self.page_spin.setAccessibleName(_("Page"))
        self.page_spin.setRange(1, 1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        self.page_label.setBuddy(self.page_spin)
        self.page_count_label = QLabel(_("of {count}").format(count=1))
        self.page_count_label.setObjectName("page_count")
        row.addWidget(self.page_label)
        row.addWidget(self.page_spin)
        row.addWidget(self.page_count_label)
        self.next_button = tool("next_page", pix.SP_MediaSeekForward, _("Next page"),
                                 [QKeySequence(Qt.Key.Key_PageDown)], self.next_page, in_view=True)
        self.last_button = tool("last_page", pix.SP_MediaSkipForward, _("Last page"),
                                 [QKeySequence(Qt.Key.Key_End)], self.last_page, in_view=True)
        row.addStretch(1)
        self.zoom_out_button = tool("zoom_out", "\u2212", _("Zoom out"),
                                    [QKeySequence(QKeySequence.StandardKey.ZoomOut)], self.zoom_out)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoom")
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance(" 400% "))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.zoom_label)
        self.zoom_in_button = tool("zoom_in", "+", _("Zoom in"),
                                   [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
                                   self.zoom_in)
        self.fit_button = tool("fit_width", _("Fit width"), _("Fit the page width"), [QKeySequence("Ctrl+0")],
                               self.fit_width)
        self.fit_button.setCheckable(True)
        self._show_zoom()
        return row

    def _build_buttons(self) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("status")
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.cancel_build)
        self.cancel_button.hide()
        # After a save: open what was written, or its folder, without hunting for it.
        self.open_button = QPushButton(_("&Open"))
        self.open_button.setObjectName("open_saved")
        self.open_button.setToolTip(_("Open the saved PDF"))
        self.open_button.clicked.connect(self.open_saved)
        self.open_button.hide()
        self.folder_button = QPushButton(_("Show in fol&der"))
        self.folder_button.setObjectName("show_folder")
        self.folder_button.setToolTip(_("Show the folder the packet was saved in"))
        self.folder_button.clicked.connect(self.show_saved_folder)
        self.folder_button.hide()
        self.save_button = QPushButton(_("&Save as…"))
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(_("Save the packet as PDF (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_as)
        self.print_button = QPushButton(_("Pr&int…"))
        self.print_button.setObjectName("print")
        self.print_button.setToolTip(_("Print the previewed pages (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_packet)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(self.print_packet)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_as)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.status, 1)
        self.button_row.addWidget(self.progress, 1)
        self.button_row.addWidget(self.cancel_button)
        self.button_row.addWidget(self.open_button)
        self.button_row.addWidget(self.folder_button)
        self.button_row.addWidget(self.save_button)
        self.button_row.addWidget(self.print_button)
        self.button_row.addWidget(close)

    # -- the preview's pages and zoom -------------------------------------------------------
    def current_page(self) -> int:
        """The page shown at the top of the preview (0-based)."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, number: int) -> None:
        count = self.document.pageCount()
        if count <= 0:
            return
        number = max(0, min(count - 1, number))
        self.view.pageNavigator().jump(number, QPointF(), self.view.zoomFactor())
        self._show_current_page(number)

    def first_page(self) -> None:
        self.go_to_page(0)

    def last_page(self) -> None:
        self.go_to_page(self.document.pageCount() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def zoom_in(self) -> None:
        self._zoom_to(self._shown_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self._shown_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _shown_zoom(self) -> float:
        """The zoom as the lead sees it (fit-to-width has a factor of its own, which the view keeps)."""
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom or self.document.pageCount() <= 0:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(max(0, self.current_page()))
        screen_dpi = self.view.logicalDpiX() / 72
        available = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return max(ZOOM_LIMITS[0], available / max(1.0, page.width() * screen_dpi))

    def _zoom_to(self, factor: float) -> None:
        page = self.current_page()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_LIMITS[0], min(ZOOM_LIMITS[1], factor)))
        self.go_to_page(page)
        self._show_zoom()

    def _show_zoom(self) -> None:
        factor = self._shown_zoom()
        # Translators: the preview's zoom, e.g. "125%"
        self.zoom_label.setText(_("{percent}%").format(percent=round(factor * 100)))
        custom = self.view.zoomMode() == QPdfView.ZoomMode.Custom
        self.zoom_in_button.setEnabled(factor < ZOOM_LIMITS[1] - 1e-6)
        self.zoom_out_button.setEnabled(factor > ZOOM_LIMITS[0] + 1e-6)
        self.fit_button.setChecked(not custom)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override: fit-to-width zoom follows the width
        super().resizeEvent(event)
        QTimer.singleShot(0, self._show_zoom)

    def _show_current_page(self, number: int) -> None:
        count = max(1, self.document.pageCount())
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, count)
        self.page_spin.setValue(number + 1)
        self.page_spin.blockSignals(False)
        # Translators: after the page number, as in "Page [3] of 12"
        self.page_count_label.setText(_("of {count}").format(count=count))
        self.first_button.setEnabled(number > 0)
        self.previous_button.setEnabled(number > 0)
        self.next_button.setEnabled(number < count - 1)
        self.last_button.setEnabled(number < count - 1)

    # -- choices --------------------------------------------------------------------------
    @property
    def mentee_id(self) -> int | None:
        value = self.mentee_combo.currentData()
        return None if value == TEAM else value

    def period(self) -> tuple[dt.date, dt.date]:
        return self.from_edit.day(), self.to_edit.day()

    def packet_language(self) -> str:
        """The language the packet is written in (one of i18n.LANGUAGES)."""
        return str(self.language_combo.currentData() or i18n.language())

    def _restore_preset(self) -> None:
        key = self.context.state.value(desk_state.PACKET_PRESET, "last_12", str)
        index = self.preset_combo.findData(key if key != "custom" else "last_12")
        self.preset_combo.setCurrentIndex(max(0, index))
        self._on_preset_changed()

    def _on_preset_changed(self) -> None:
        key = self.preset_combo.currentData()
        period = preset_period(key, self.today)
        if period is not None:
            for edit, day in zip((self.from_edit, self.to_edit), period):
                edit.blockSignals(True)
                edit.set_day(day)
                edit.blockSignals(False)
            self.context.state.set_value(desk_state.PACKET_PRESET, key)
        self._schedule()

    def _on_dates_edited(self) -> None:
        typed = (self.from_edit.day_or_none(), self.to_edit.day_or_none())
        if preset_period(self.preset_combo.currentData(), self.today) != typed:
            self.preset_combo.blockSignals(True)
            self.preset_combo.setCurrentIndex(self.preset_combo.findData("custom"))
            self.preset_combo.blockSignals(False)
        self._schedule()

    def _on_target_changed(self) -> None:
        self.team_options.setVisible(self.mentee_id is None)
        self._schedule()

    def _schedule(self) -> None:
        if self._period_problem() is None:
            self._debounce.start()
        else:
            self._show_problem()

    def _period_problem(self) -> str | None:
        try:
            start, end = self.period()
            check_period(start, end)
        except MentorAppError as exc:
            return str(exc)
        return None

    def _show_problem(self) -> None:
        problem = self._period_problem()
        if problem is None:
            self.problem.hide()
        else:
            self.problem.show_problem(problem)
            self._show_message(_("Choose a period that ends after it starts to see the packet."))
        self._update_buttons()

    # -- building -------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Rebuild the preview PDF for the current choices, in the background."""
        self._show_problem()
        if self._period_problem() is not None:
            return
        if self.journal_is_empty():
            self._show_message(_(NOTHING_TO_WRITE))
            self.status.setText(_(NOTHING_TO_WRITE))
            return
        if self._task is not None and self._task_kind != "preview":
            self._preview_pending = True  # a save is running; the preview follows when it ends
            return
        self._cancel_running()
        start, end = self.period()
        mentee_id = self.mentee_id
        services, today, language = self.services, self.today, self.packet_language()
        building = _("Building the preview")
        progress = desk_progress(language)

        def work(state: TaskState) -> bytes:
            if mentee_id is not None:
                state.set_progress(0, 0, building)
            with i18n.speaking(language):  # on this worker thread only: the desk keeps its language
                return packet_pdf(services, mentee_id=mentee_id, start=start, end=end, today=today,
                                  progress=progress(state), check=state.check)

        self._show_message(_("Building the preview…"))
        self._start(work, kind="preview")

    def _start(self, work: Callable[[TaskState], object], *, kind: str) -> None:
        task = self.context.runner.start(work)
        self._task, self._task_kind = task, kind
        task.progress.connect(self._on_progress)
        task.done.connect(self._on_done)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(self._on_cancelled)
        self._show_busy()

    def _show_busy(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.setFormat("")
        self.progress.show()
        self.cancel_button.show()
        self.status.hide()
        self._hide_saved_actions()
        self._update_buttons()

    def _show_idle(self) -> None:
        if self._task is None and self._print_job is None:
            self.progress.hide()
            self.cancel_button.hide()
            self.status.show()
        self._update_buttons()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.sender() is not self._task and self.sender() is not self._print_job:
            return
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.progress.setFormat(message or "%p%")

    def _finish(self) -> str:
        kind = self._task_kind
        self._task, self._task_kind = None, ""
        self._show_idle()
        return kind

    def _on_done(self, result: object) -> None:
        if self.sender() is not self._task:
            return
        kind = self._finish()
        if kind == "preview":
            self._load_preview(bytes(cast("bytes", result)))
        else:
            files = list(cast("list[Path]", result))
            self._saved = files
            count = len(files)
            self.status.setText(ngettext("Saved {count} PDF.", "Saved {count} PDFs.", count).format(count=count)
                                if count != 1 else _("Saved {file}.").format(file=files[0].name))
            self._show_saved_actions()
            self.saved.emit(files)
        self._after_save(kind)

    def _after_save(self, kind: str) -> None:
        if kind == "save" and self._preview_pending:
            self.refresh_preview()

    def _on_failed(self, error: Exception) -> None:
        if self.sender() is not self._task:
            return
        kind = self._finish()
        message = failure_message(error)
        self.build_failed.emit(message)
        if kind == "preview":
            self._show_message(message)
        else:
            self.context.report(message)
            self._after_save(kind)

    def _on_cancelled(self) -> None:
        if self.sender() is not self._task:
            return
        kind = self._finish()
        self.status.setText(_("Cancelled; nothing was saved.") if kind == "save" else _("Preview cancelled."))
        if kind == "preview":
            self._show_message(_("Preview cancelled. Change a choice to build it again."))
        self._after_save(kind)

    def cancel_build(self) -> None:
        if self._print_job is not None:
            self._print_job.cancel()
        elif self._task is not None:
            self._task.cancel()

    def _cancel_running(self) -> None:
        if self._task is not None:
            if self._task_kind == "preview":
                self._preview_pending = True
            self._task.cancel()
            self._task = None  # late signals from it are ignored (sender check)
            self._task_kind = ""

    def _load_preview(self, pdf: bytes) -> None:
        self._preview_pending = False
        self.document.close()
        self._drop_preview()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._preview = buffer
        self.document.load(buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            self.document.close()
            self._drop_preview()
            self._show_message(_("The preview could not be opened."))
            return
        pages = self.document.pageCount()
        self.preview_stack.setCurrentWidget(self.preview_page)
        self._show_current_page(0)
        self._show_zoom()
        self.status.setText(ngettext("{count} page", "{count} pages", pages).format(count=pages))
        self._update_buttons()
        self.preview_ready.emit(pages)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.preview_stack.setCurrentWidget(self.message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self._task is not None and self._task_kind == "save"
        valid = self._period_problem() is None
        empty = self.journal_is_empty()
        self.save_button.setEnabled(valid and not busy and not empty)
        ready = self.preview_stack.currentWidget() is self.preview_page and self._preview is not None
        self.print_button.setEnabled(ready and self._task is None and self._print_job is None and not empty)
        for button, tip in ((self.save_button, _("Save the packet as PDF (Ctrl+S)")),
                            (self.print_button, _("Print the previewed pages (Ctrl+P)"))):
            button.setToolTip(_(NOTHING_TO_WRITE) if empty else tip)

    def journal_is_empty(self) -> bool:
        """No mentee to write about: the combo holds only "The whole team"."""
        return self.mentee_combo.count() <= 1

    def _show_saved_actions(self) -> None:
        single = len(self._saved) == 1 and not (self.mentee_id is None and self.per_person.isChecked())
        self.open_button.setVisible(single)
        self.folder_button.setVisible(bool(self._saved))

    def _hide_saved_actions(self) -> None:
        self.open_button.hide()
        self.folder_button.hide()

    def saved_folder(self) -> Path | None:
        if not self._saved:
            return None
        return self._saved[0].parent

    def open_saved(self) -> None:
        """Open the PDF just saved in the system's PDF viewer."""
        if len(self._saved) == 1:
            self._open_url(QUrl.fromLocalFile(str(self._saved[0])), folder=False)

    def show_saved_folder(self) -> None:
        """Open the folder the packet (or the team's packets) went into."""
        folder = self.saved_folder()
        if folder is not None:
            self._open_url(QUrl.fromLocalFile(str(folder)), folder=True)

    def _open_url(self, url: QUrl, *, folder: bool) -> None:
        if not QDesktopServices.openUrl(url):
            said = (_("No program on this computer offered to open the folder; it is at {path}.") if folder
                    else _("No program on this computer offered to open the PDF; it is at {path}."))
            self.status.setText(said.format(path=url.toLocalFile()))

    # -- save and print -------------------------------------------------------------------
    def suggested_name(self) -> str:
        start, end = self.period()
        with i18n.speaking(self.packet_language()):  # the file is named in the packet's language
            if self.mentee_id is None:
                # Translators: the start of a team packet's file name
                stem = _("Team")
            else:
                stem = safe_file_stem(self.mentee_combo.currentText(), fallback=_("Mentee"))
            # Translators: a file name; keep it plain (no / \\ : * ? " < > |)
            return _("{name} - review packet {start} to {end}.pdf").format(
                name=stem, start=start.isoformat(), end=end.isoformat())

    def _documents_folder(self) -> str:
        remembered = self.context.state.value(desk_state.PACKET_FOLDER, "", str)
        if remembered and Path(str(remembered)).is_dir():
            return str(remembered)
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def save_as(self) -> None:
        """Ask where to save (a file, or a folder for one PDF per person), then write in the background."""
        if self._period_problem() is not None or (self._task is not None and self._task_kind == "save"):
            return
        if self.journal_is_empty():
            self.status.setText(_(NOTHING_TO_WRITE))  # say so before asking for a folder, not after
            return
        folder_mode = self.mentee_id is None and self.per_person.isChecked()
        if folder_mode:
            chosen = QFileDialog.getExistingDirectory(self, _("Save one packet per person into"),
                                                      self._documents_folder())
        else:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Save review packet"), str(Path(self._documents_folder()) / self.suggested_name()),
                _("PDF files (*.pdf)"),
            )
            if chosen and not chosen.lower().endswith(".pdf"):
                chosen += ".pdf"
        if chosen:
            self.save_to(Path(chosen))

    def save_to(self, target: Path) -> None:
        """Write the packet (or the team's packets) to `target` in the background."""
        self._cancel_running()
        start, end = self.period()
        mentee_id = self.mentee_id
        folder_mode = mentee_id is None and self.per_person.isChecked()
        services, today, language = self.services, self.today, self.packet_language()
        writing = _("Writing the packet")
        progress = desk_progress(language)
        self.context.state.set_value(desk_state.PACKET_FOLDER, str(target if folder_mode else target.parent))

        def work(state: TaskState) -> list[Path]:
            if mentee_id is not None:
                state.set_progress(0, 0, writing)
            with i18n.speaking(language):  # on this worker thread only: the desk keeps its language
                if mentee_id is not None:
                    return [write_packet(services, mentee_id=mentee_id, start=start, end=end, path=target,
                                         today=today, check=state.check)]
                if folder_mode:
                    return write_team_packets(services, start=start, end=end, folder=target, today=today,
                                              progress=progress(state), check=state.check)
                return write_team_packets(services, start=start, end=end, combined=target, today=today,
                                          progress=progress(state), check=state.check)

        self._start(work, kind="save")

    def print_packet(self) -> None:
        """Ctrl+P: the system print dialog, then the previewed PDF to the printer, in the background."""
        if self.journal_is_empty():
            self.status.setText(_(NOTHING_TO_WRITE))
            return
        if not self.print_button.isEnabled():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_(JOB_TITLE))  # shown in print queues: never the mentee's name
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> PrintJob | None:
        """Send the previewed PDF to `printer` as the print dialog set it up; returns the running job."""
        if self._preview is None or self._print_job is not None:
            return None
        pdf = bytes(self._preview.data().data())
        job = make_print_job(pdf, printer, self.document.pageCount(), runner=self.context.runner, parent=self)
        self._print_job, self._printer = job, printer
        job.progress.connect(self._on_progress)
        job.sent.connect(self._on_print_sent)
        job.failed.connect(self._on_print_failed)
        job.cancelled.connect(lambda: self.status.setText(_("Printing cancelled; nothing more was sent.")))
        job.finished.connect(self._on_print_finished)
        self._show_busy()
        job.start()
        return job

    def _on_print_sent(self, sentence: str) -> None:
        self.status.setText(sentence)
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(sentence, 10_000)
        self.print_sent.emit(sentence)

    def _on_print_failed(self, sentence: str) -> None:
        self.status.setText(sentence)
        self.context.report(sentence)

    def _on_print_finished(self) -> None:
        self._print_job, self._printer = None, None
        self._show_idle()
        self.print_ended.emit()

    # -- closing --------------------------------------------------------------------------
    def _drop_preview(self) -> None:
        if self._preview is not None:
            self._preview.close()
            self._preview.setData(QByteArray())
            self._preview.deleteLater()
            self._preview = None

    def done(self, result: int) -> None:  # Qt override
        self._cancel_running()
        if self._print_job is not None:
            self._print_job.cancel()  # what the printer already has stays printed
        self.document.close()
        self._drop_preview()
        super().done(result)


def open_packet_dialog(context: DeskContext, parent: QWidget | None = None,
                       mentee_id: int | None = None) -> PacketDialog:
    """File → Review packet… (Ctrl+E): open the dialog, preselecting `mentee_id` when given."""
    dialog = PacketDialog(context, parent, mentee_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
