"""The preferences command: show or change the lead's choices kept in the journal, and the language MentorApp speaks."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from mentorapp import i18n
from mentorapp.cli.language import SYSTEM
from mentorapp.cli.opening import EXIT_OK, open_services
from mentorapp.cli.terminal import print_table
from mentorapp.i18n import _, ngettext, pgettext


def _switch(value: str | None) -> bool | None:
    return None if value is None else value == "on"


def language_shown() -> str:
    """The language chosen in preferences, in its own words, or the system's when none is chosen."""
    saved = i18n.saved_language()
    if saved is not None:
        return i18n.LANGUAGES[saved]
    return _("the system's ({language})").format(language=i18n.LANGUAGES[i18n.system_speech().language])


def save_language(tag: str) -> None:
    """Keep `tag` (or 'system') for the desk and the command line, and speak it from here on."""
    follow_system = tag.strip().casefold() == SYSTEM
    speech = None if follow_system else i18n.parse_tag(tag)
    i18n.save_language(None if speech is None else speech.language)
    i18n.set_language(i18n.choose(None if follow_system else tag))
    if follow_system:
        print(_("MentorApp now follows the system's language ({language}).").format(
            language=i18n.LANGUAGES[i18n.system_speech().language]))
    else:
        print(_("MentorApp now speaks {language} on the desk and the command line.").format(
            language=i18n.LANGUAGES[i18n.language()]))
    wanted = i18n.parse_tag(os.environ.get("MENTORAPP_LANG"))
    if wanted is not None:
        print("mentorapp: " + _("MENTORAPP_LANG still chooses {language} where it is set; unset it to use this "
                                "choice.").format(language=i18n.LANGUAGES.get(wanted.language, wanted.language)),
              file=sys.stderr)


def reminder_text(*, days: frozenset[int], at: dt.time) -> str:
    """When the reminder comes: "workdays at 09:00" for the locale's workdays, else "Sat, Sun at 10:00"."""
    time = i18n.time_text(at)
    if days == i18n.workdays():
        return _("workdays at {time}").format(time=time)
    # Translators: {days} are short day names in the week's order, "Sun, Mon, Wed"; {time} is "09:00".
    return _("{days} at {time}").format(
        days=_(", ").join(name for day, name in i18n.weekday_names(short=True) if day in days), time=time)


def cmd_preferences(args: argparse.Namespace) -> int:
    from mentorapp.models.services.journal import parse_time_of_day, parse_weekdays

    changes: dict[str, object] = {
        name: value for name, value in (
            ("lead_name", args.lead_name),
            ("recognition_gap_days", args.recognition_gap),
            ("auto_lock_minutes", args.auto_lock),
            ("reminders", _switch(args.reminders)),
            ("reminder_time", parse_time_of_day(args.reminder_time) if args.reminder_time is not None else None),
            ("reminder_names", _switch(args.reminder_names)),
            ("keep_running", _switch(args.keep_running)),
        ) if value is not None
    }
    if args.reminder_days is not None:  # None from it is a choice too: back to the locale's workdays
        changes["reminder_days"] = parse_weekdays(args.reminder_days)
    if args.save_language is not None:
        save_language(args.save_language)
        if not changes:  # the language is kept outside the journal: no need to open it
            return EXIT_OK
    services = open_services(args, create=False, daily_backup=False)
    with services.store:
        preferences = (services.journal.set_preferences(**changes) if changes
                       else services.journal.preferences())
    minutes = preferences.auto_lock_minutes
    lock = (ngettext("after {n} min", "after {n} min", minutes).format(n=minutes) if minutes
            else pgettext("command line", "never"))
    gap = preferences.recognition_gap_days
    print_table([
        (_("PREFERENCE"), _("VALUE")),
        (_("Your name on packets"), preferences.lead_name or "—"),
        (_("Nudge without recognition"), ngettext("after {n} day", "after {n} days", gap).format(n=gap)),
        (_("Lock the desk when idle"), lock),
        (_("Reminder of what is due"),
         reminder_text(days=preferences.reminder_days, at=preferences.reminder_time) if preferences.reminders
         else pgettext("command line", "off")),
        (_("Names in reminders"),
         pgettext("command line", "shown") if preferences.reminder_names else _("counts only")),
        (_("Keep running in the tray"),
         pgettext("command line", "yes") if preferences.keep_running else pgettext("command line", "no")),
        (pgettext("command line", "Language"), language_shown()),
    ])
    return EXIT_OK
