"""Commands for the team and the journal's words: add and list mentees, jot a note, search, the demo team."""

from __future__ import annotations

import argparse
import sys

from mentorapp.cli.opening import EXIT_OK, journal_path, open_services
from mentorapp.cli.terminal import named, one_line, print_table, terminal_safe
from mentorapp.models.errors import MentorAppError


# -- subcommands ------------------------------------------------------------------------------
def cmd_mentee_add(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.validation import cadence, one_line, parse_date

    # Check what can be checked before the journal is opened (or created).
    one_line(args.name, what="mentee's name")
    cadence(args.cadence)
    started = parse_date(args.started, what="start date", today=SYSTEM_CLOCK.today()) if args.started else None
    services = open_services(args, create=True)
    with services.store:
        mentee = services.mentees.add(
            name=args.name,
            role=args.role or "",
            cadence_days=args.cadence,
            started_on=started,
            thanks_preference=args.thanks or "",
        )
    print(f"Added {named(mentee.name)} (#{mentee.id}), check-in every {mentee.cadence_days} days.")
    return EXIT_OK


def cmd_mentee_list(args: argparse.Namespace) -> int:
    from mentorapp.models import insights

    services = open_services(args, create=False)
    with services.store:
        roster = services.mentees.roster(include_archived=args.all)
        gap_days = services.journal.preferences().recognition_gap_days
    if not roster:
        print("No mentees yet. Add one with: mentorapp mentee add NAME")
        return EXIT_OK
    today = services.clock.today()
    rows = [("NAME", "ROLE", "CADENCE", "LAST TOUCH", "STATUS")]
    for row in roster:
        health = insights.health(row, today=today, recognition_gap_days=gap_days)
        last = row.last_touch.date().isoformat() if row.last_touch else "never"
        status = ", ".join(badge.value for badge in health.badges) or "ok"
        if row.mentee.archived:
            status = "archived"
        rows.append((row.mentee.name, row.mentee.role or "—", f"{row.mentee.cadence_days}d", last, status))
    print_table(rows)
    return EXIT_OK


def cmd_note(args: argparse.Namespace) -> int:
    from mentorapp.models.clock import SYSTEM_CLOCK
    from mentorapp.models.validation import choice, parse_when, required_text
    from mentorapp.models.vocabulary import Direction, EntryKind, Setting

    text = sys.stdin.read() if args.text == "-" else args.text
    text = required_text(text, what="note")
    direction = (
        Direction.FROM_MENTEE if args.from_mentee else Direction.PRIVATE if args.private else Direction.TO_MENTEE
    )
    kind = choice(EntryKind, args.kind, what="kind") if args.kind else None
    setting = choice(Setting, args.setting, what="setting") if args.setting else Setting.ONE_ON_ONE
    at = parse_when(args.at, now=SYSTEM_CLOCK.now()) if args.at else None
    if args.opinion and kind is not EntryKind.CONCERN:
        raise MentorAppError("Only a concern can be marked as an opinion: add --kind concern.")
    services = open_services(args, create=False)
    with services.store:
        mentee = services.mentees.find(args.mentee)
        entry = services.entries.add(
            mentee_id=mentee.id, text=text, kind=kind, direction=direction, setting=setting, at=at,
            opinion=args.opinion,
        )
    if entry.is_concern:
        from mentorapp.models.services.sensitive import sensitive_hint

        hint = sensitive_hint(entry.text)
        if hint is not None:  # a gentle word, never a refusal: the note is saved
            print(f"mentorapp: note: {hint}", file=sys.stderr)
    if args.quiet:
        print(entry.id)  # for scripts: the id alone
        return EXIT_OK
    said = {Direction.TO_MENTEE: f"you to {named(mentee.name)}", Direction.FROM_MENTEE: f"{named(mentee.name)} to you",
            Direction.PRIVATE: f"private, about {named(mentee.name)}"}[entry.direction]
    print(terminal_safe(f"Saved note #{entry.id} ({entry.kind.label.lower()}, {said}, {entry.setting.label}, "
                        f"{entry.at:%Y-%m-%d %H:%M})."))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from mentorapp.models.services.search import match_expression
    from mentorapp.models.validation import quoted

    if match_expression(args.query) is None:
        raise MentorAppError("Search for at least one word.")
    if args.limit < 1:
        raise MentorAppError("The limit must be at least 1.")
    services = open_services(args, create=False)
    with services.store:
        hits = services.search.query(args.query, limit=args.limit)
    bold = sys.stdout.isatty()
    for hit in hits:
        snippet = terminal_safe(hit.snippet)
        if bold:
            for start, end in reversed(hit.highlights):
                snippet = f"{snippet[:start]}\x1b[1m{snippet[start:end]}\x1b[0m{snippet[end:]}"
        when = hit.at.isoformat() if hit.at else "—"
        print(f"{when}  {named(hit.mentee_name)}  {hit.label}  {one_line(snippet)}")
    if not hits:
        print(f"Nothing matches {terminal_safe(quoted(args.query))}.", file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.mentees is not None and args.mentees < 1:
        raise MentorAppError("--mentees must be at least 1.")
    if args.entries is not None and args.entries < 0:
        raise MentorAppError("--entries cannot be negative.")
    path = journal_path(args)
    # A refusal here never deletes the journal, even one this command created: another
    # command started at the same moment may already have written to it (and said so).
    services = open_services(args, create=True)
    with services.store:
        size = services.demo.generate(mentees=args.mentees, entries=args.entries, seed=args.seed)
    print(f"Demo team ready in {path}: {size.mentees} mentees, {size.entries} entries.")
    return EXIT_OK
