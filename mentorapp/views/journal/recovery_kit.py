"""The recovery sheet in the desk: offered once the journal's key lives in the keyring, and on demand.

The sheet is built in memory and printed from there (the key never touches the
disk), or saved as a PDF where the person chooses, readable by them only. Either
way the journal remembers that a sheet exists for its current key.

After the main window is shown (a non-modal offer, so the desk is usable at once):

    offer_recovery_kit(context.services, parent=window)

and on demand (Help ▸ Recovery sheet…):  show_recovery_kit(context.services, parent=window)
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPageSize, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mentorapp.i18n import _
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.services.keys import KeyKind
from mentorapp.packets.recovery_sheet import RecoverySheet, build_recovery_sheet

PREVIEW_WIDTH = 170


def default_page_size() -> tuple[float, float]:
    """The printer's default paper (Letter or A4 by locale), in points."""
    size = QPrinter().pageLayout().pageSize().size(QPageSize.Unit.Point)
    return size.width(), size.height()


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument reading from memory."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    document.load(buffer)
    return document


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of `pdf` onto `printer` at its resolution; returns the pages printed."""
    document = load_pdf(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise MentorAppError(_("The printer could not be started."))
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            area = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            target = QRect(0, 0, area.width(), area.height())
            points = document.pagePointSize(page)
            scale = min(target.width() / points.width(), target.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(QRect(target.topLeft(), size), image)
    finally:
        painter.end()
    return document.pageCount()


class RecoveryKitDialog(QDialog):
    """Explains the recovery sheet and prints or saves it."""

    kit_made = Signal(str)  # the sheet id

    def __init__(self, services: Services, *, first_run: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(_("Recovery sheet"))
        self.setMinimumWidth(560)
        self.sheet = RecoverySheet(
            journal=services.store.path,
            recovery_key=services.keys.recovery_key(),
            sheet_id=services.keys.sheet_id(),
            made_on=services.clock.today(),
        )
        self.pdf = build_recovery_sheet(self.sheet, page_size=default_page_size())

        layout = QHBoxLayout(self)
        layout.setSpacing(18)
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setPixmap(self._thumbnail())
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.preview)

        text = QVBoxLayout()
        title = _("Print a recovery sheet now") if first_run else _("Recovery sheet")
        text.addWidget(QLabel(f"<h3>{title}</h3>"))
        body = QLabel(
            _("The key that encrypts this journal lives only in this computer's keyring. If the keyring loses "
              "it (a new computer, another desktop session, a reinstalled system) the recovery key on this sheet "
              "is the only way back in.") if first_run else
            _("The sheet holds the recovery key that opens this journal if this computer's keyring loses its "
              "key. Print it and keep it somewhere safe, away from the computer.")
        )
        body.setWordWrap(True)
        text.addWidget(body)
        details = QLabel(_("Sheet {sheet} for {journal}. Anyone holding it and a copy of the "
                           "journal can read every note.").format(
            sheet=f"<b>{html.escape(self.sheet.sheet_id)}</b>",
            journal=f"<b>{html.escape(self.sheet.journal.name)}</b>"))
        details.setWordWrap(True)
        details.setTextFormat(Qt.TextFormat.RichText)
        text.addWidget(details)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        text.addWidget(self.status)
        text.addStretch()

        self.buttons = QDialogButtonBox()
        self.print_button = QPushButton(_("&Print…"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_sheet)
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save_sheet)
        self.close_button = QPushButton(_("&Later") if first_run else _("&Close"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        text.addWidget(self.buttons)
        layout.addLayout(text, 1)

    def _thumbnail(self) -> QPixmap:
        """The page as paper looks: white, with a thin edge, whatever the colour scheme."""
        document = load_pdf(self.pdf, self)
        points = document.pagePointSize(0)
        size = QSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * points.height() / points.width()))
        page = QPixmap(size)
        page.fill(QColor("white"))
        painter = QPainter(page)
        painter.drawImage(0, 0, document.render(0, size))
        painter.setPen(QColor("#9aa3ad"))
        painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
        painter.end()
        return page

    def print_sheet(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(_("MentorApp recovery sheet {sheet}").format(sheet=self.sheet.sheet_id))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        try:
            print_pdf(self.pdf, printer)
        except MentorAppError as exc:
            QMessageBox.warning(self, _("Recovery sheet"), str(exc))
            return False
        self._made(_("Sheet {sheet} went to the printer. Keep it away from this computer.").format(
            sheet=self.sheet.sheet_id))
        return True

    def save_sheet(self) -> Path | None:
        stem = _("MentorApp recovery sheet {sheet}").format(sheet=self.sheet.sheet_id)
        suggested = Path.home() / f"{stem}.pdf"
        name, _chosen_filter = QFileDialog.getSaveFileName(self, _("Save the recovery sheet"), str(suggested),
                                                           "PDF (*.pdf)")
        return self.save_to(Path(name)) if name else None

    def save_to(self, target: Path) -> Path | None:
        try:
            self.services.keys.save_recovery_sheet(target, self.pdf)
        except (MentorAppError, OSError) as exc:
            QMessageBox.warning(self, _("Recovery sheet"), str(exc))
            return None
        self._made(_("Saved sheet {sheet} to {file}, readable by you only. "
                     "Print it, keep it away from this computer, then delete the file.").format(
            sheet=self.sheet.sheet_id, file=target.name))
        return target

    def _made(self, message: str) -> None:
        self.services.keys.mark_kit_made()
        self.status.setText(message)
        self.close_button.setText(_("&Done"))
        self.kit_made.emit(self.sheet.sheet_id)


def offer_recovery_kit(services: Services, *, parent: QWidget | None = None) -> RecoveryKitDialog | None:
    """On first run: offer the sheet without blocking the desk, when the key is in the keyring and no
    sheet exists for it; returns the shown dialog, or None when there is nothing to offer."""
    if services.store.locked or not services.keys.kit_needed():
        return None
    dialog = RecoveryKitDialog(services, first_run=True, parent=parent)
    dialog.setModal(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_recovery_kit(services: Services, *, parent: QWidget | None = None) -> None:
    """On demand: the dialog, or a sentence saying why a passphrase journal has no recovery sheet."""
    if services.keys.kind() is not KeyKind.KEYRING:
        QMessageBox.information(
            parent, _("Recovery sheet"),
            _("This journal is locked with a passphrase, so it has no recovery key: the passphrase is the only "
              "way in. To have a recovery sheet, change the key to one kept in the keyring (Change key…)."),
        )
        return
    RecoveryKitDialog(services, parent=parent).exec()
