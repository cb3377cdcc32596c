"""Commands for the team and the journal's words: add and list mentees, jot a note, search, the demo team."""

from __future__ import annotations

import argparse
import sys

from mentorapp import i18n
from mentorapp.cli.opening import EXIT_OK, journal_path, open_services, tell
from mentorapp.cli.terminal import named, one_line, print_table, terminal_safe
from mentorapp.models.errors import MentorAppError
from mentorapp.i18n import _, ngettext, pgettext


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
    print(ngettext("Added {name} (#{id}), check-in every {n} day.", "Added {name} (#{id}), check-in every {n} days.",
                   mentee.cadence_days).format(name=named(mentee.name), id=mentee.id, n=mentee.cadence_days))
    return EXIT_OK


def cmd_mentee_list(args: argparse.Namespace) -> int:
    from mentorapp.models import insights

    services = open_services(args, create=False)
    with services.store:
        roster = services.mentees.roster(include_archived=args.all)
        gap_days = services.journal.preferences().recognition_gap_days
    if not roster:
        print(_("No mentees yet. Add one with: mentorapp mentee add NAME"))
        return EXIT_OK
    today = services.clock.today()
    rows = [(_("NAME"), _("ROLE"), _("CADENCE"), _("LAST TOUCH"), _("STATUS"))]
    for row in roster:
        health = insights.health(row, today=today, recognition_gap_days=gap_days)
        last = row.last_touch.date().isoformat() if row.last_touch else pgettext("command line", "never")
        status = ", ".join(_badge_word(badge) for badge in health.badges) or pgettext("mentee status", "ok")
        if row.mentee.archived:
            status = pgettext("mentee status", "archived")
        # Translators: a cadence in days, in a narrow column (7d); the tests' English reads "{days}d".
        cadence = _("{days}d").format(days=row.mentee.cadence_days)
        rows.append((row.mentee.name, row.mentee.role or "—", cadence, last, status))
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
        raise MentorAppError(_("Only a concern can be marked as an opinion: add --kind concern."))
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
            tell(_("note: {hint}").format(hint=hint))
    if args.quiet:
        print(entry.id)  # for scripts: the id alone
        return EXIT_OK
    said = {Direction.TO_MENTEE: _("you to {name}"), Direction.FROM_MENTEE: _("{name} to you"),
            Direction.PRIVATE: _("private, about {name}")}[entry.direction].format(name=named(mentee.name))
    kind_text = entry.kind.label if i18n.language() == "de" else entry.kind.label.lower()  # German nouns keep capitals
    print(terminal_safe(_("Saved note #{id} ({kind}, {said}, {setting}, {when}).").format(
        id=entry.id, kind=kind_text, said=said, setting=entry.setting.label, when=f"{entry.at:%Y-%m-%d %H:%M}")))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from mentorapp.models.services.search import match_expression
    from mentorapp.models.validation import quoted

    if match_expression(args.query) is None:
        raise MentorAppError(_("Search for at least one word."))
    if args.limit < 1:
        raise MentorAppError(_("The limit must be at least 1."))
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
        print(_("Nothing matches {query}.").format(query=terminal_safe(quoted(args.query))), file=sys.stderr)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.mentees is not None and args.mentees < 1:
        raise MentorAppError(_("--mentees must be at least 1."))
    if args.entries is not None and args.entries < 0:
        raise MentorAppError(_("--entries cannot be negative."))
    path = journal_path(args)
    # A refusal here never deletes the journal, even one this command created: another
    # command started at the same moment may already have written to it (and said so).
    services = open_services(args, create=True)
    with services.store:
        size = services.demo.generate(mentees=args.mentees, entries=args.entries, seed=args.seed)
    print(_("Demo team ready in {path}: {mentees}, {entries}.").format(
        path=path, mentees=ngettext("{n} mentee", "{n} mentees", size.mentees).format(n=size.mentees),
        entries=ngettext("{n} entry", "{n} entries", size.entries).format(n=size.entries)))
    return EXIT_OK


def _badge_word(badge: object) -> str:
    """A roster badge as one word in the lead's language (the roster's own words where it has them)."""
    from mentorapp.models.insights import Badge

    words = {
        Badge.DUE: lambda: pgettext("badge", "due"),
        Badge.OVERDUE: lambda: pgettext("badge", "overdue"),
        Badge.WATCHLIST: lambda: pgettext("badge", "watchlist"),
        Badge.UNRECOGNISED: lambda: pgettext("badge", "unrecognised"),
        Badge.UNDISCUSSED: lambda: pgettext("badge", "undiscussed"),
    }
    return words[badge]() if badge in words else str(getattr(badge, "value", badge))
