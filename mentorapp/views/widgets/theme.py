"""The desk's look, derived from the system palette: badge colours, secondary text, fonts.

Nothing here is a fixed colour for text or backgrounds. Each tone (alert, warning,
info…) is a hue mixed into the palette's own base and text colours, then nudged
until it reaches a readable contrast, so badges stay legible in light and dark
themes alike. `light_palette` and `dark_palette` exist for screenshots and tests.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from mentorapp.models.insights import Badge

# WCAG's threshold for normal-size text.
READABLE_CONTRAST = 4.5


class Tone(Enum):
    """What a badge means, which decides its hue."""

    ALERT = "alert"
    WARNING = "warning"
    INFO = "info"
    GOOD = "good"
    NEUTRAL = "neutral"


# Hues only (degrees on the colour wheel); lightness and saturation come from the palette.
_HUES = {Tone.ALERT: 4, Tone.WARNING: 36, Tone.INFO: 212, Tone.GOOD: 140}

BADGE_TONES: dict[Badge, Tone] = {
    Badge.OVERDUE: Tone.ALERT,
    Badge.DUE: Tone.WARNING,
    Badge.WATCHLIST: Tone.ALERT,
    Badge.UNRECOGNISED: Tone.INFO,
    Badge.UNDISCUSSED: Tone.WARNING,
}


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """The colour `t` of the way from a to b (0 gives a, 1 gives b)."""
    t = max(0.0, min(1.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.35


def _readable(color: QColor, background: QColor, toward: QColor) -> QColor:
    """`color`, moved toward `toward` only as far as needed to be readable on `background`."""
    for step in range(11):
        candidate = blend(color, toward, step / 10)
        if contrast(candidate, background) >= READABLE_CONTRAST:
            return candidate
    return toward


def tone_color(palette: QPalette, tone: Tone) -> QColor:
    """The pure colour of a tone, at a lightness that suits the palette."""
    if tone is Tone.NEUTRAL:
        return palette.color(QPalette.ColorRole.Mid)
    dark = is_dark(palette)
    return QColor.fromHsl(_HUES[tone], 170 if dark else 190, 150 if dark else 110)


def badge_colors(palette: QPalette, tone: Tone) -> tuple[QColor, QColor]:
    """(background, text) for a badge of this tone, readable on the palette's base."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    hue = tone_color(palette, tone)
    background = blend(base, hue, 0.32 if is_dark(palette) else 0.18)
    foreground = _readable(blend(hue, text, 0.35), background, text)
    return background, foreground


def secondary_text(palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.Base) -> QColor:
    """Quieter text for dates and details that stays readable on `role`."""
    background = palette.color(role)
    text = palette.color(QPalette.ColorRole.Text)
    return _readable(blend(text, background, 0.45), background, text)


def problem_color(palette: QPalette) -> QColor:
    """The alert tone for a sentence on a window's own background, readable in light and dark themes."""
    window, text = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
    return _readable(tone_color(palette, Tone.ALERT), window, text)


class ProblemText(QLabel):
    """Where a dialog says, in one sentence and in the alert tone, why it cannot go on; hidden until then."""

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "problem") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.hide()

    def show_problem(self, message: str) -> None:
        self._say(message, alert=True)

    def show_note(self, message: str) -> None:
        """A sentence that is no problem (e.g. "Checking…"), in the ordinary text colour."""
        self._say(message, alert=False)

    def _say(self, message: str, *, alert: bool) -> None:
        # The colour is taken when shown, from the palette in force then (the theme may have changed).
        self.setStyleSheet(f"color: {problem_color(self.window().palette()).name()};" if alert else "")
        self.setText(message)
        self.show()


def small_font(base: QFont) -> QFont:
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(7.0, size * 0.88))
    return font


def bold_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setBold(True)
    return font


def heading_font(base: QFont, scale: float = 1.45) -> QFont:
    font = bold_font(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    return font


# -- pills: the small rounded labels used for badges and kinds --------------------------------
PILL_PAD_X, PILL_PAD_Y, PILL_GAP = 6, 1, 4


def pill_size(text: str, font: QFont) -> QSize:
    metrics = QFontMetrics(font)
    return QSize(metrics.horizontalAdvance(text) + 2 * PILL_PAD_X, metrics.height() + 2 * PILL_PAD_Y)


def paint_pill(painter: QPainter, *, rect: QRect, text: str, tone: Tone, palette: QPalette, font: QFont) -> None:
    background, foreground = badge_colors(palette, tone)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(background)
    radius = rect.height() / 2
    painter.drawRoundedRect(QRectF(rect), radius, radius)
    painter.setPen(foreground)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


# -- palettes for screenshots and tests -------------------------------------------------------
def light_palette() -> QPalette:
    """A plain light palette, as a typical desktop's default theme gives."""
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#efefef",
        QPalette.ColorRole.WindowText: "#1d1d1d",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f5f5f5",
        QPalette.ColorRole.Text: "#1d1d1d",
        QPalette.ColorRole.Button: "#e8e8e8",
        QPalette.ColorRole.ButtonText: "#1d1d1d",
        QPalette.ColorRole.Highlight: "#3874d8",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffdc",
        QPalette.ColorRole.ToolTipText: "#1d1d1d",
        QPalette.ColorRole.PlaceholderText: "#6e6e6e",
        QPalette.ColorRole.Link: "#1f5fbf",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e3e3e3",
        QPalette.ColorRole.Mid: "#b8b8b8",
        QPalette.ColorRole.Dark: "#9f9f9f",
        QPalette.ColorRole.Shadow: "#767676",
    }
    return _palette(p, colors, disabled_text="#8a8a8a")


def dark_palette() -> QPalette:
    """A dark palette like the ones desktop themes use at night."""
    p = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#2b2b2e",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e20",
        QPalette.ColorRole.AlternateBase: "#26262a",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353539",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#3a3a3e",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Link: "#7fb0ff",
        QPalette.ColorRole.Light: "#48484d",
        QPalette.ColorRole.Midlight: "#3c3c41",
        QPalette.ColorRole.Mid: "#5a5a60",
        QPalette.ColorRole.Dark: "#1a1a1c",
        QPalette.ColorRole.Shadow: "#0d0d0e",
    }
    return _palette(p, colors, disabled_text="#7a7a7a")


def _palette(p: QPalette, colors: dict[QPalette.ColorRole, str], *, disabled_text: str) -> QPalette:
    for role, value in colors.items():
        p.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return p
