"""Commands for the next 1:1: talking points, suggestions, templates, the 1:1 sheet, and the check-in calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.cli.terminal import named, one_line, print_table, terminal_safe
from mentorapp.i18n import _, ngettext, pgettext
from mentorapp.models.errors import MentorAppError


def _said_by(args: argparse.Namespace) -> str:
    return "mentee" if args.from_mentee else "lead"


def cmd_agenda_add(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import required_text

    text = required_text(sys.stdin.read() if args.text == "-" else args.text, what="talking point")
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        point = services.agenda.add(mentee_id=mentee.id, text=text, raised_by=_said_by(args))
    if args.quiet:
        print(point.id)
        return EXIT_OK
    if args.from_mentee:
        added = _("Added talking point #{id} for {name} (raised by {name}).")
    else:
        added = _("Added talking point #{id} for {name} (raised by you).")
    print(terminal_safe(added.format(id=point.id, name=named(mentee.name))))
    return EXIT_OK


def cmd_agenda_list(args: argparse.Namespace) -> int:
    from mentorapp.models.vocabulary import Side

    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        points = services.agenda.points(mentee.id)
        suggestions = services.agenda.suggestions(mentee.id)
    if points:
        rows = [(_("ID"), _("RAISED BY"), _("CARRIED"), _("POINT"))]
        for point in points:
            carried = f"{point.carried}×{' !' if point.noticeable else ''}" if point.carried else "—"
            # Translators: who raised a talking point, in a narrow column: the mentee ("them") or the lead ("you").
            who = pgettext("raised by", "them") if point.raised_by is Side.MENTEE else pgettext("raised by", "you")
            rows.append((f"#{point.id}", who, carried, point.text))
        print_table(rows)
    else:
        print(terminal_safe(_("Nothing on the list for {name} yet. Add a point with: mentorapp agenda add MENTEE "
                              "TEXT").format(name=named(mentee.name))))
    if suggestions:
        print()
        print(_("Suggestions (accept with: mentorapp agenda accept MENTEE KEY; dismiss likewise):"))
        print_table([(_("KEY"), _("SUGGESTION"), _("WHY"))] + [(s.key, s.text, s.why) for s in suggestions])
    return EXIT_OK


def cmd_agenda_done(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        point = services.agenda.discuss(args.id, note=args.note or "")
        mentee = services.mentees.get(point.mentee_id)
    print(terminal_safe(_("Discussed #{id} with {name}; noted in the timeline as entry #{entry}.").format(
        id=point.id, name=named(mentee.name), entry=point.entry_id)))
    return EXIT_OK


def cmd_agenda_drop(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        point = services.agenda.drop(args.id)
    print(terminal_safe(_("Dropped talking point #{id} ({point}).").format(
        id=point.id, point=named(one_line(point.text)[:60]))))
    return EXIT_OK


def cmd_agenda_accept(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        if args.dismiss:
            point = services.agenda.dismiss(mentee_id=mentee.id, key=args.key)
            print(terminal_safe(_("Dismissed the suggestion {key}; it will not be offered again.").format(
                key=args.key)))
            return EXIT_OK
        point = services.agenda.accept(mentee_id=mentee.id, key=args.key)
    print(terminal_safe(_("Added talking point #{id} for {name}: {point}").format(
        id=point.id, name=named(mentee.name), point=named(point.text))))
    return EXIT_OK


def cmd_agenda_templates(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        templates = services.agenda.templates()
    for template in templates:
        print(terminal_safe(one_line(template.name)))
        for prompt in template.prompts:
            print(terminal_safe(f"  - {one_line(prompt)}"))
    return EXIT_OK


def cmd_agenda_template(args: argparse.Namespace) -> int:
    if not args.prompt:
        raise MentorAppError(_("Give the template's prompts, each with --prompt TEXT."))
    services = open_services(args, create=False)
    with services.store:
        existing = {t.name.casefold(): t for t in services.agenda.templates()}.get(args.name.strip().casefold())
        saved = services.agenda.save_template(name=args.name, prompts=args.prompt,
                                              template_id=existing.id if existing else None)
    count = len(saved.prompts)
    if existing:
        said = ngettext("Changed the template {name} ({n} prompt).", "Changed the template {name} ({n} prompts).",
                        count)
    else:
        said = ngettext("Added the template {name} ({n} prompt).", "Added the template {name} ({n} prompts).", count)
    print(terminal_safe(said.format(name=named(saved.name), n=count)))
    return EXIT_OK


def cmd_agenda_use(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        template = services.agenda.find_template(args.template)
        made = services.agenda.apply_template(mentee_id=mentee.id, template_id=template.id)
    if not made:
        print(terminal_safe(_("Every prompt of {template} is already on {name}'s list.").format(
            template=named(template.name), name=named(mentee.name))))
    else:
        print(terminal_safe(ngettext("Added {n} point from {template} for {name}: {ids}.",
                                     "Added {n} points from {template} for {name}: {ids}.", len(made)).format(
            n=len(made), template=named(template.name), name=named(mentee.name),
            ids=", ".join(f"#{p.id}" for p in made))))
    return EXIT_OK


def cmd_agenda_sheet(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.outputs import check_output
    from mentorapp.packets.agenda_sheet import write_sheet

    out = Path(args.output).expanduser()
    check_output(out, journal_path(args))  # refused before the journal is even opened
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        written = write_sheet(services, mentee_id=mentee.id, path=out)
    print(terminal_safe(_("Wrote the 1:1 sheet for {name} to {file}.").format(
        name=named(mentee.name), file=named(written))))
    return EXIT_OK


def cmd_agenda_next(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import check_date

    if args.day.strip().lower() == "none":
        day = None
    else:
        try:
            day = check_date(dt.date.fromisoformat(args.day.strip()), what="next meeting date")
        except ValueError:
            raise MentorAppError(_("{text} is not a date; give YYYY-MM-DD or 'none'.").format(
                text=repr(args.day.strip()[:40]))) from None
    services = open_services(args, create=False)
    with services.store:
        mentee = services.agenda.set_next_meeting(services.mentees.find(args.mentee).id, day)
    if mentee.next_meeting_on:
        said = _("Next 1:1 with {name}: {day}.").format(name=named(mentee.name), day=mentee.next_meeting_on.isoformat())
    else:
        said = _("Next 1:1 with {name}: not known.").format(name=named(mentee.name))
    print(terminal_safe(said))
    return EXIT_OK


def cmd_calendar_export(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.outputs import check_output

    out = Path(args.output).expanduser()
    check_output(out, journal_path(args))
    services = open_services(args, create=False)
    with services.store:
        count = services.calendar.export(out)
    print(ngettext("Wrote {n} recurring check-in event to {file}.", "Wrote {n} recurring check-in events to {file}.",
                   count).format(n=count, file=named(out)))
    return EXIT_OK


def cmd_calendar_import(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        report = services.calendar.import_file(args.file)
    print(terminal_safe(report.summary))
    for name, day in report.matched:
        print(terminal_safe("  " + _("{name}: next 1:1 on {day}").format(name=named(name), day=day.isoformat())))
    return EXIT_OK
