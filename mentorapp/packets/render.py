"""Writing review packets to PDF: one mentee, or a whole team (a folder of PDFs or one combined PDF).

Every file is written to a temporary file in the same folder, then renamed over
the target, so a failed or cancelled build never leaves a partial PDF and never
clobbers an existing one. A team build renames its files only once all are made.
Packets are created readable by their owner only: they hold personnel notes.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, ExitStack, nullcontext
from pathlib import Path

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from mentorapp import __version__, i18n
from mentorapp.i18n import _, pgettext
from mentorapp.models.errors import MentorAppError
from mentorapp.models.readmodels import MenteeView
from mentorapp.models.services import Services
from mentorapp.models.storage.atomic import describe_os_error, replace_durably, temporary_beside
from mentorapp.models.trust.outputs import check_output, check_output_folder
from mentorapp.packets.data import build_packet_data, check_period
from mentorapp.packets.fonts import register_fonts
from mentorapp.packets.pages import PacketCanvas
from mentorapp.packets.story import build_story, packet_title, period_text
from mentorapp.packets.styles import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_SIZE

Progress = Callable[[int, int, str], None]
Check = Callable[[], None]  # raises (e.g. Cancelled) to stop the build


class PacketDocument(BaseDocTemplate):
    """A4 pages with one body frame; headers and footers come from PacketCanvas."""

    def __init__(self, filename: str | io.BytesIO, *, title: str, author: str, subject: str,
                 check: Check | None = None) -> None:
        super().__init__(
            filename,
            pagesize=PAGE_SIZE,
            leftMargin=MARGIN_LEFT,
            rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator=f"MentorApp {__version__}",
            # The real creation date; SOURCE_DATE_EPOCH, when set, fixes it (and so the bytes) for reproducible docs.
            invariant=False,
            initialFontName=register_fonts(),
            lang=i18n.speech().locale.replace("_", "-"),  # the language a screen reader reads it in
        )
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height,
            id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._check = check

    def afterPage(self) -> None:  # ReportLab API
        if self._check is not None:
            self._check()


def write_story(
    story: Sequence[Flowable],
    path: Path | str,
    *,
    title: str | None = None,
    author: str = "",
    subject: str = "",
    check: Check | None = None,
) -> Path:
    """Lay `story` out into a PDF at `path`, atomically; returns the path written."""
    path = Path(path)
    with _replacing(path) as temporary:
        _build(story, temporary, title=title or pgettext("packet", "Review packet"), author=author, subject=subject,
               check=check)
    return path


def write_pdf_bytes(pdf: bytes, path: Path | str) -> Path:
    """Write a PDF already built (a preview's bytes) to `path`, atomically; returns the path written."""
    path = Path(path)
    with _replacing(path) as temporary:
        temporary.write_bytes(pdf)
    return path


def write_packet(
    services: Services,
    *,
    mentee_id: int,
    start: dt.date,
    end: dt.date,
    path: Path | str,
    today: dt.date | None = None,
    check: Check | None = None,
    language: str | None = None,
) -> Path:
    """Build and write the packet of one mentee for one period (in `language`, else the one spoken now)."""
    with speaking(language):
        path = Path(path)
        _check_target(path)
        check_output(path, services.store.path)
        data = build_packet_data(services, mentee_id=mentee_id, start=start, end=end,
                                 today=today or services.clock.today())
        return write_story(
            build_story(data), path,
            title=packet_title(data), author=data.lead_name, subject=period_text(start, end), check=check,
        )


def speaking(language: str | None) -> AbstractContextManager[object]:
    """Within the block a packet is written in `language` ("de", "fr_CA"…); None keeps the language spoken now."""
    return i18n.speaking(language) if language else nullcontext()


def write_team_packets(
    services: Services,
    *,
    start: dt.date,
    end: dt.date,
    folder: Path | str | None = None,
    combined: Path | str | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    check: Check | None = None,
    language: str | None = None,
) -> list[Path]:
    """Packets for every active mentee: one PDF each in `folder`, or all in one `combined` PDF.

    Returns the files written. Nothing is left behind if the build fails or is cancelled.
    The packets are written in `language`, else in the one spoken now.
    """
    with speaking(language):
        if (folder is None) == (combined is None):
            raise ValueError("Give either a folder or a combined file.")
        check_period(start, end)
        today = today or services.clock.today()
        if combined is not None:
            _check_target(Path(combined))
            check_output(Path(combined), services.store.path)
        else:
            assert folder is not None  # one of the two, as checked above
            _check_folder(Path(folder))
            check_output_folder(Path(folder), services.store.path)
        mentees = services.mentees.list()
        if not mentees:
            raise MentorAppError(_("There are no active mentees to write packets for."))
        report = progress or (lambda done, total, message: None)
        stop = check or (lambda: None)
        total = len(mentees) + (1 if combined is not None else 0)

        if combined is not None:
            story = _team_story(services, mentees, start=start, end=end, today=today, report=report, stop=stop)
            report(len(mentees), total, _("Writing the team packet"))
            written = write_story(
                story, Path(combined),
                title=_("Review packets — the team"), author=services.journal.lead_name(),
                subject=period_text(start, end), check=check,
            )
            report(total, total, pgettext("packet", "Done"))
            return [written]

        assert folder is not None
        target = Path(folder)
        names = _file_names(mentees, start=start, end=end)
        with ExitStack() as stack:
            finished: list[tuple[Path, Path]] = []
            for number, mentee in enumerate(mentees):
                stop()
                report(number, total, _("{name} ({number} of {total})").format(
                    name=mentee.name, number=number + 1, total=len(mentees)))
                data = build_packet_data(services, mentee_id=mentee.id, start=start, end=end, today=today)
                final = check_output(target / names[mentee.id], services.store.path)
                temporary = stack.enter_context(_temporary_beside(final))
                _build(build_story(data), temporary, title=packet_title(data), author=data.lead_name,
                       subject=period_text(start, end), check=check)
                finished.append((temporary, final))
            stop()
            for temporary, final in finished:
                _rename(temporary, final)
        report(total, total, pgettext("packet", "Done"))
        return [final for _temporary, final in finished]


def _team_story(services: Services, mentees: Sequence[MenteeView], *, start: dt.date, end: dt.date,
                today: dt.date, report: Progress, stop: Check) -> list[Flowable]:
    """Every mentee's packet, one after another on fresh pages (the team in one document)."""
    total = len(mentees) + 1
    story: list[Flowable] = []
    for number, mentee in enumerate(mentees):
        stop()
        report(number, total, _("Gathering {name} ({number} of {total})").format(
            name=mentee.name, number=number + 1, total=len(mentees)))
        data = build_packet_data(services, mentee_id=mentee.id, start=start, end=end, today=today)
        if story:
            story.append(PageBreak())
        story += build_story(data)
    return story


def packet_pdf(
    services: Services,
    *,
    mentee_id: int | None,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
    progress: Progress | None = None,
    check: Check | None = None,
    language: str | None = None,
) -> bytes:
    """A packet as PDF bytes, in memory only (the desk's preview: no plaintext copy on any disk).

    `mentee_id` None: the whole team in one document, as `write_team_packets(combined=…)` writes it.
    The packet is written in `language`, else in the one spoken now.
    """
    with speaking(language):
        check_period(start, end)
        today = today or services.clock.today()
        report = progress or (lambda done, total, message: None)
        buffer = io.BytesIO()
        if mentee_id is not None:
            data = build_packet_data(services, mentee_id=mentee_id, start=start, end=end, today=today)
            _build(build_story(data), buffer, title=packet_title(data), author=data.lead_name,
                   subject=period_text(start, end), check=check)
            return buffer.getvalue()
        mentees = services.mentees.list()
        if not mentees:
            raise MentorAppError(_("There are no active mentees to write packets for."))
        story = _team_story(services, mentees, start=start, end=end, today=today, report=report,
                            stop=check or (lambda: None))
        report(len(mentees), len(mentees) + 1, _("Laying out the team packet"))
        _build(story, buffer, title=_("Review packets — the team"), author=services.journal.lead_name(),
               subject=period_text(start, end), check=check)
        report(len(mentees) + 1, len(mentees) + 1, pgettext("packet", "Done"))
        return buffer.getvalue()


# -- files ----------------------------------------------------------------------------------------
def _build(story: Sequence[Flowable], path: Path | io.BytesIO, *, title: str, author: str, subject: str,
           check: Check | None) -> None:
    target = str(path) if isinstance(path, Path) else path
    document = PacketDocument(target, title=title, author=author, subject=subject, check=check)
    try:
        document.build(list(story), canvasmaker=PacketCanvas)
    except LayoutError:
        # ReportLab's own words name its classes and addresses: never shown to a person.
        raise MentorAppError(
            _("The packet could not be laid out: one of its parts does not fit on a page.")
        ) from None
    except OSError as exc:
        where = str(path.parent) if isinstance(path, Path) else pgettext("packet", "the packet")
        raise MentorAppError(pgettext("packet", "Cannot write {path}: {reason}.").format(
            path=where, reason=_reason(exc))) from exc


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise MentorAppError(pgettext("packet", "The folder {folder} does not exist.").format(folder=folder))
    if not folder.is_dir():
        raise MentorAppError(pgettext("packet", "{folder} is a file, not a folder.").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MentorAppError(pgettext("packet", "Cannot write in {folder}: permission denied.").format(folder=folder))


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise MentorAppError(_("{path} is a folder; name the PDF file to write.").format(path=path))
    _check_folder(path.parent if str(path.parent) else Path("."))


@contextmanager
def _temporary_beside(path: Path) -> Iterator[Path]:
    """A fresh temporary file in `path`'s folder, removed on the way out unless renamed."""
    _check_folder(path.parent if str(path.parent) else Path("."))
    with temporary_beside(path, prefix=".mentorapp-", suffix=".pdf.part") as temporary:
        yield temporary


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    _check_target(path)
    with _temporary_beside(path) as temporary:
        yield temporary
        _rename(temporary, path)


def _rename(temporary: Path, final: Path) -> None:
    try:
        replace_durably(temporary, final)  # the one policy: flushed, renamed, folder flushed
    except OSError as exc:
        raise MentorAppError(pgettext("packet", "Cannot write {path}: {reason}.").format(
            path=final, reason=_reason(exc))) from None


def _reason(exc: OSError) -> str:
    return describe_os_error(exc)


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_NAME_LIMIT = 80


def safe_file_stem(name: str, *, fallback: str) -> str:
    """A mentee's name as part of a file name on any system: no separators, not too long."""
    stem = _UNSAFE.sub("", unicodedata.normalize("NFC", name))
    stem = " ".join(stem.split())[:_NAME_LIMIT].strip(" .")
    if not stem:
        return fallback
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"{stem}_"
    return stem


def _file_names(mentees: Sequence[MenteeView], *, start: dt.date, end: dt.date) -> dict[int, str]:
    names: dict[int, str] = {}
    taken: set[str] = set()
    for mentee in mentees:
        # Translators: a file name stem when a name has no character a file name may hold.
        stem = safe_file_stem(mentee.name, fallback=_("mentee {number}").format(number=mentee.id))
        # Translators: a file name; {start} and {end} are dates as 2026-11-29. No / \\ : * ? " < > |.
        pattern = _("{name} - review packet {start} to {end}.pdf")
        dates = {"start": start.isoformat(), "end": end.isoformat()}
        candidate = pattern.format(name=stem, **dates)
        number = 2
        while candidate.casefold() in taken:
            candidate = pattern.format(name=f"{stem} ({number})", **dates)
            number += 1
        taken.add(candidate.casefold())
        names[mentee.id] = candidate
    return names
