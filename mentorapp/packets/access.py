"""The access export: a new folder holding everything kept about one person, as JSON and as a readable PDF.

The JSON is `services.access`'s document (the interchange records for them alone, with
a manifest); the PDF prints the same records in the review packet's style, every kind
of record in its own section, the ones in the trash and the drafts marked as such. The
folder is written whole or not at all (`write_folder_atomically`), never over an
existing one, and never into the journal's own places (`check_output_folder`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from mentorapp.i18n import _, ngettext, number_text, pgettext, time_text
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services import Services
from mentorapp.models.services.access import AccessDocument
from mentorapp.models.storage.atomic import write_folder_atomically
from mentorapp.models.trust.outputs import check_output_folder
from mentorapp.packets.pages import PacketInfo, PacketMark, new_key
from mentorapp.packets.render import safe_file_stem, write_story
from mentorapp.packets.story import _heading, _meta, day, opinion_label, sentence, short
from mentorapp.packets.styles import packet_styles
from mentorapp.packets.text import Said, line, user_text

# How each section is called on paper, in the order printed (a section not named here is
# printed after these, under its own name: a kind of record added later is never left out).
ORDER = ("mentees", "entries", "threads", "goals", "recognitions", "asks", "watch_cases", "chances")


def _titles() -> dict[str, str]:
    return {
        "mentees": pgettext("access section", "Their details"),
        "entries": pgettext("access section", "Notes (private notes included)"),
        "threads": pgettext("packet section", "Feedback threads"),
        "goals": pgettext("packet section", "Goals"),
        "recognitions": pgettext("packet section", "Recognition"),
        "asks": pgettext("packet section", "Asks advocated for"),
        "watch_cases": pgettext("packet section", "Watchlist"),
        "chances": pgettext("access section", "Chances given (watchlist)"),
    }


def _fields() -> dict[str, str]:
    """How a record's fields are labelled on paper (a field not named here is printed under its own name)."""
    return {
        "acted_on": pgettext("access field", "Acted on"),
        "acted_on_note": pgettext("access field", "What the lead changed"),
        "added_at": pgettext("access field", "Added at"),
        "archived": pgettext("access field", "Archived"),
        "archived_on": pgettext("access field", "Archived on"),
        "at": pgettext("access field", "At"),
        "cadence_days": pgettext("access field", "Days between check-ins"),
        "check_in_on": pgettext("access field", "Check-in on"),
        "closed_on": pgettext("access field", "Closed on"),
        "concern": pgettext("access field", "Concern"),
        "decision_reason": pgettext("access field", "Decision and reason"),
        "details": pgettext("access field", "Details"),
        "direction": pgettext("access field", "Direction"),
        "discussed_on": pgettext("access field", "Discussed on"),
        "expectation": pgettext("access field", "Expectation"),
        "given_on": pgettext("access field", "Given on"),
        "held_on": pgettext("access field", "On hold since"),
        "hold_reason": pgettext("access field", "Reason for the hold"),
        "kind": pgettext("access field", "Kind"),
        "latitude": pgettext("access field", "Latitude"),
        "name": pgettext("access field", "Name"),
        "next_meeting_on": pgettext("access field", "Next 1:1 on"),
        "next_review_on": pgettext("access field", "Next review on"),
        "note": pgettext("access field", "Note"),
        "opened_by": pgettext("access field", "Opened by"),
        "opened_on": pgettext("access field", "Opened on"),
        "outcome": pgettext("access field", "Outcome"),
        "position": pgettext("access field", "Position"),
        "prompts": pgettext("access field", "Prompts"),
        "raised_by": pgettext("access field", "Raised by"),
        "raised_on": pgettext("access field", "Raised on"),
        "resolved_on": pgettext("access field", "Resolved on"),
        "result": pgettext("access field", "Result"),
        "role": pgettext("access field", "Role"),
        "set_on": pgettext("access field", "Set on"),
        "setting": pgettext("access field", "Setting"),
        "source": pgettext("access field", "Source"),
        "started_on": pgettext("access field", "In the team since"),
        "status": pgettext("access field", "Status"),
        "success_criteria": pgettext("access field", "Success looks like"),
        "support": pgettext("access field", "Support"),
        "support_plan": pgettext("access field", "Support plan"),
        "text": pgettext("access field", "Text"),
        "thanks_preference": pgettext("access field", "How they like to be thanked"),
        "topic": pgettext("access field", "Topic"),
        "toxicity_concern": pgettext("access field", "Toxicity concern"),
        "what": pgettext("access field", "What"),
        "what_for": pgettext("access field", "What for"),
    }


# Fields that only tie records together or say when a row was written: in the JSON, not printed as text.
QUIET_FIELDS = frozenset({"id", "mentee_id", "case_id", "thread_id", "goal_id", "created_at", "updated_at",
                          "deleted_at"})


@dataclass(frozen=True, slots=True)
class AccessExport:
    """What was written: the folder, its two files, and how many records they hold."""

    folder: Path
    json: Path
    pdf: Path
    records: int


def check_new_folder(folder: Path) -> None:
    """Refuse an existing folder (or file) and a missing parent, before anything is read."""
    if folder.exists() or folder.is_symlink():
        raise MentorAppError(_("{folder} already exists; name a new folder.").format(folder=folder))
    parent = folder.parent if str(folder.parent) else Path(".")
    if not parent.is_dir():
        raise MentorAppError(pgettext("packet", "The folder {folder} does not exist.").format(folder=parent))


def _label(field: str) -> str:
    return _fields().get(field) or field.replace("_", " ").capitalize()


def _record(row: dict[str, Any], *, lead: str) -> list[Flowable]:
    s = packet_styles()
    meta = [f"#{row.get('id')}"]
    if row.get("created_at"):
        meta.append(_("written {day}").format(day=day(_date(row["created_at"]))))
    if row.get("deleted_at"):
        meta.append("<b>{}</b>".format(_("in the trash since {day}").format(day=day(_date(row["deleted_at"])))))
    flow: list[Flowable] = [_meta(meta, s)]
    if row.get("opinion") is True:
        flow.append(line(opinion_label(lead), s.meta))
    facts: list[str | Said] = []  # the short fields, on one line
    texts: list[Flowable] = []  # the words, each under its label
    for field, value in row.items():
        if field in QUIET_FIELDS or field == "opinion" or value is None or value == "":
            continue
        if isinstance(value, str) and ("\n" in value or (" " in value.strip() and len(value) > 24)):  # words
            texts += [Paragraph(_label(field), s.label), user_text(value, s.quote)]
        else:
            # Translators: a field's label before its value, "Status: open" (French puts a space before the colon).
            label = _("{label}:").format(label=_label(field))
            facts += (["  ·  "] if facts else []) + [f"<b>{label}</b> ", Said(_shown(value))]
    if facts:
        flow.append(line(facts, s.body))
    flow += texts
    flow.append(Spacer(1, 4))
    return flow


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$")


def _shown(value: Any) -> str:
    """A field's value as a reader wants it: days as days, yes or no, choices in words."""
    if isinstance(value, bool):
        return pgettext("packet", "yes") if value else pgettext("packet", "no")
    if isinstance(value, str) and _ISO.match(value):
        when = _date(value)
        return day(when) + (f" {time_text(when)}" if "T" in value else "")
    return str(value).replace("_", " ") if isinstance(value, str) and value.isidentifier() else str(value)


def _date(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def access_story(access: AccessDocument) -> list[Flowable]:
    """The PDF of an access export: a cover with the manifest, then every record, section by section."""
    s = packet_styles()
    manifest = access.document["manifest"]
    hold = manifest["hold"]
    made = day(_date(manifest["made_at"]))
    request = pgettext("packet", "Access request")
    info = PacketInfo(key=new_key(), mentee_name=access.name, period=request, kind=request,
                      made=_("Made {day}").format(day=made))
    # Translators: the cover's kicker above the person's name, in capitals.
    story: list[Flowable] = [PacketMark(info), Spacer(1, 20), Paragraph(_("EVERYTHING HELD ABOUT"), s.kicker),
                             user_text(access.name, s.title)]
    count = access.record_count
    facts: list[list[str | Said]] = [
        sentence(_("Made on {day} by {lead}, from the journal {journal}."), day=made,
                 lead=Said(short(manifest["made_by"]) or pgettext("packet", "the lead")),
                 journal=Said(manifest["journal"])),
        [ngettext("It holds {n} record: every note (private ones too), the watchlist, what is in the trash and "
                  "what was being typed (drafts).",
                  "It holds {n} records: every note (private ones too), the watchlist, what is in the trash and "
                  "what was being typed (drafts).", count).format(n=number_text(count))],
        [manifest["others_named"]],
    ]
    if hold["held"]:
        facts.insert(1, sentence(
            # Translators: {day} is the day the hold began, {reason} the lead's words for it.
            _("<b>On hold</b> since {day}: {reason}. Nothing already written about them may be changed or deleted."),
            day=day(_date(hold["since"])), reason=Said(hold["reason"])))
    else:
        facts.insert(1, [_("Not on hold.")])
    story += [line(parts, s.body) for parts in facts]
    story.append(PageBreak())
    titles = _titles()
    keys = [k for k in ORDER if k in access.records] + [k for k in access.records if k not in ORDER]
    for key in keys:
        rows = access.records[key]
        story += _heading(titles.get(key) or _label(key), s)
        if not rows:
            story.append(Paragraph(pgettext("packet", "None."), s.empty))
        for row in rows:
            story += _record(row, lead=short(manifest["made_by"]))
    story += _heading(_("Drafts (unsaved text)"), s)
    if not access.document["drafts"]:
        story.append(Paragraph(pgettext("packet", "None."), s.empty))
    for draft in access.document["drafts"]:
        story.append(_meta([Said(draft["name"])], s))
        story.append(user_text(_draft_text(draft["text"]), s.quote))
    return story


def _draft_text(kept: str) -> str:
    """A draft's typed words (drafts keep their boxes as JSON; the choices beside them are not words)."""
    try:
        value = json.loads(kept)
    except ValueError:
        return kept
    if isinstance(value, dict):
        return "\n".join(str(v) for v in value.values() if isinstance(v, str) and v.strip()) or kept
    return kept


def write_access_export(services: Services, *, mentee_id: int, folder: Path | str) -> AccessExport:
    """Write the access export of one mentee into the new folder `folder` (whole or not at all)."""
    folder = Path(folder).expanduser()
    check_output_folder(folder, services.store.path)
    check_new_folder(folder)
    access = services.access.document(mentee_id)
    stem = safe_file_stem(access.name, fallback=f"mentee-{mentee_id}")
    json_name, pdf_name = f"{stem}-access.json", f"{stem}-access.pdf"
    text = json.dumps(access.document, ensure_ascii=False, indent=2) + "\n"

    def fill(temporary: Path) -> None:
        (temporary / json_name).write_text(text, encoding="utf-8")
        write_story(access_story(access), temporary / pdf_name,
                    title=_("Access request — {name}").format(name=short(access.name)),
                    author=access.document["manifest"]["made_by"], subject=_("Everything held about one person"))

    write_folder_atomically(folder, fill)
    return AccessExport(folder=folder, json=folder / json_name, pdf=folder / pdf_name, records=access.record_count)
