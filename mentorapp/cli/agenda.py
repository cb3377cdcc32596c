"""Commands for the next 1:1: talking points, suggestions, templates, the 1:1 sheet, and the check-in calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.cli.terminal import named, one_line, print_table, terminal_safe
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
    who = f"raised by {named(mentee.name)}" if args.from_mentee else "raised by you"
    print(terminal_safe(f"Added talking point #{point.id} for {named(mentee.name)} ({who})."))
    return EXIT_OK


def cmd_agenda_list(args: argparse.Namespace) -> int:
    from mentorapp.models.vocabulary import Side

    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        points = services.agenda.points(mentee.id)
        suggestions = services.agenda.suggestions(mentee.id)
    if points:
        rows = [("ID", "RAISED BY", "CARRIED", "POINT")]
        for point in points:
            carried = f"{point.carried}×{' !' if point.noticeable else ''}" if point.carried else "—"
            who = "them" if point.raised_by is Side.MENTEE else "you"
            rows.append((f"#{point.id}", who, carried, point.text))
        print_table(rows)
    else:
        print(terminal_safe(f"Nothing on the list for {named(mentee.name)} yet. "
                            "Add a point with: mentorapp agenda add MENTEE TEXT"))
    if suggestions:
        print()
        print("Suggestions (accept with: mentorapp agenda accept MENTEE KEY; dismiss likewise):")
        print_table([("KEY", "SUGGESTION", "WHY")] + [(s.key, s.text, s.why) for s in suggestions])
    return EXIT_OK


def cmd_agenda_done(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        point = services.agenda.discuss(args.id, note=args.note or "")
        mentee = services.mentees.get(point.mentee_id)
    print(terminal_safe(f"Discussed #{point.id} with {named(mentee.name)}; noted in the timeline as entry "
                        f"#{point.entry_id}."))
    return EXIT_OK


def cmd_agenda_drop(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        point = services.agenda.drop(args.id)
    print(terminal_safe(f"Dropped talking point #{point.id} ({named(one_line(point.text)[:60])})."))
    return EXIT_OK


def cmd_agenda_accept(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        if args.dismiss:
            point = services.agenda.dismiss(mentee_id=mentee.id, key=args.key)
            print(terminal_safe(f"Dismissed the suggestion {args.key}; it will not be offered again."))
            return EXIT_OK
        point = services.agenda.accept(mentee_id=mentee.id, key=args.key)
    print(terminal_safe(f"Added talking point #{point.id} for {named(mentee.name)}: {named(point.text)}"))
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
        raise MentorAppError("Give the template's prompts, each with --prompt TEXT.")
    services = open_services(args, create=False)
    with services.store:
        existing = {t.name.casefold(): t for t in services.agenda.templates()}.get(args.name.strip().casefold())
        saved = services.agenda.save_template(name=args.name, prompts=args.prompt,
                                              template_id=existing.id if existing else None)
    verb = "Changed" if existing else "Added"
    print(terminal_safe(f"{verb} the template {named(saved.name)} ({len(saved.prompts)} prompts)."))
    return EXIT_OK


def cmd_agenda_use(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        template = services.agenda.find_template(args.template)
        made = services.agenda.apply_template(mentee_id=mentee.id, template_id=template.id)
    if not made:
        print(terminal_safe(f"Every prompt of {named(template.name)} is already on {named(mentee.name)}'s list."))
    else:
        print(terminal_safe(f"Added {len(made)} point{'s' * (len(made) != 1)} from {named(template.name)} "
                            f"for {named(mentee.name)}: " + ", ".join(f"#{p.id}" for p in made) + "."))
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
    print(terminal_safe(f"Wrote the 1:1 sheet for {named(mentee.name)} to {named(written)}."))
    return EXIT_OK


def cmd_agenda_next(args: argparse.Namespace) -> int:
    from mentorapp.models.validation import check_date

    if args.day.strip().lower() == "none":
        day = None
    else:
        try:
            day = check_date(dt.date.fromisoformat(args.day.strip()), what="next meeting date")
        except ValueError:
            raise MentorAppError(f"{args.day.strip()[:40]!r} is not a date; give YYYY-MM-DD or 'none'.") from None
    services = open_services(args, create=False)
    with services.store:
        mentee = services.agenda.set_next_meeting(services.mentees.find(args.mentee).id, day)
    when = mentee.next_meeting_on.isoformat() if mentee.next_meeting_on else "not known"
    print(terminal_safe(f"Next 1:1 with {named(mentee.name)}: {when}."))
    return EXIT_OK


def cmd_calendar_export(args: argparse.Namespace) -> int:
    from mentorapp.models.trust.outputs import check_output

    out = Path(args.output).expanduser()
    check_output(out, journal_path(args))
    services = open_services(args, create=False)
    with services.store:
        count = services.calendar.export(out)
    print(f"Wrote {count} recurring check-in event{'s' * (count != 1)} to {named(out)}.")
    return EXIT_OK


def cmd_calendar_import(args: argparse.Namespace) -> int:
    services = open_services(args, create=False)
    with services.store:
        report = services.calendar.import_file(args.file)
    print(terminal_safe(report.summary))
    for name, day in report.matched:
        print(terminal_safe(f"  {named(name)}: next 1:1 on {day.isoformat()}"))
    return EXIT_OK
