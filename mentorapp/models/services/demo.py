"""A believable demo team, generated deterministically from a seed.

By default 8–12 mentees with names from several languages and a year of notes of
every kind both ways, threads, goals with latitude, recognitions, asks and one
watchlist case with three chances. Large sizes give repeatable benchmark journals.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from mentorapp.models.entities import Ask, Chance, Entry, Goal, JournalInfo, Mentee, Recognition, Thread, WatchCase
from mentorapp.models.entities.base import utcnow
from mentorapp.models.entities.entry import discussed_when
from mentorapp.i18n import N_, _, number_text
from mentorapp.models.errors import MentorAppError
from mentorapp.models.services.base import Service
from mentorapp.models.services.changes import Topic
from mentorapp.models.services.commands import Command, created_rows
from mentorapp.models.services.journal import LEAD_NAME
from mentorapp.models.vocabulary import (
    AskStatus,
    CaseStatus,
    ChanceResult,
    Direction,
    EntryKind,
    GoalStatus,
    RecognitionKind,
    Setting,
    Side,
    ThreadStatus,
)

DEMO_LEAD = "Sam Rivera"

# The default team: full names as their owners write them.
TEAM = (
    ("Priya Raman", N_("Backend engineer"), N_("A specific note in the team channel; no fuss in person")),
    ("Marco Rossi", N_("Frontend engineer"), N_("Public praise at the weekly demo")),
    ("Олег Петров", N_("Site reliability engineer"), N_("A quiet thank-you and a good book")),
    ("Νίκη Παππά", N_("Data engineer"), N_("Credit in front of the stakeholders")),
    ("Sofía Hernández", N_("Product designer"), N_("Coffee and a handwritten card")),
    ("Kwame Mensah", N_("Mobile engineer"), N_("Time off after a big push")),
    ("Siobhán O'Brien", N_("QA engineer"), N_("Being asked to present her work")),
    ("Nguyễn Thị Lan", N_("Machine learning engineer"), N_("A conference ticket or course")),
    ("Björn Lindqvist", N_("Platform engineer"), N_("Straight thanks, one to one")),
    ("Amélie Dubois", N_("Engineering intern"), N_("A shout-out in the all-hands")),
    ("Yusuf Demir", N_("Security engineer"), N_("Budget for new tooling")),
    ("Leila Haddad", N_("Technical writer"), N_("Public praise in the release notes")),
)

FIRST_NAMES = (
    "Aarav", "Ana", "Bjørn", "Chiara", "Dmitri", "Eleni", "Fatima", "Giulia", "Hannah", "Ines", "Jonas",
    "Kenji", "Lucía", "Mateus", "Nadia", "Olu", "Paulo", "Rania", "Sven", "Tamar", "Umar", "Vera",
    "Wen", "Ximena", "Yara", "Zoltan", "Chloé", "Mikael", "Aiyana", "Tomasz",
)
LAST_NAMES = (
    "Andersen", "Bianchi", "Costa", "Dimitriou", "Eriksen", "Fernández", "García", "Horvat", "Ito",
    "Jensen", "Kowalski", "Lindgren", "Moreau", "Nakamura", "Okafor", "Papadopoulos", "Quispe",
    "Rahman", "Schmidt", "Tanaka", "Üzüm", "Varga", "Wiśniewska", "Yilmaz", "Zhou",
)
THANKS_IN_PERSON = N_("Thanks in person")
ROLES = (
    N_("Backend engineer"), N_("Frontend engineer"), N_("Data engineer"), N_("QA engineer"),
    N_("Product designer"), N_("Site reliability engineer"), N_("Mobile engineer"), N_("Engineering manager"),
    N_("Technical writer"),
)

# What the demo team's notes are about, put into the sentences below as {topic}.
TOPICS = (
    # Translators: a topic of the demo team's notes, inserted as {topic} into the demo's sentences (notes,
    # threads, goals, asks). German: the bare noun without an article (the sentences say "zum Thema {topic}"
    # or start with "{topic}:"); French and Spanish: with its article (la, le, l', les / la, el, las), as the
    # sentences never put {topic} after de/à or de/a, where the article would contract.
    N_("the release checklist"),
    N_("the on-call rota"),
    N_("the API migration"),
    N_("code review turnaround"),
    N_("the design doc for search"),
    N_("the customer escalation"),
    N_("the flaky integration tests"),
    N_("the onboarding guide"),
    N_("the billing refactor"),
    N_("the quarterly roadmap"),
    N_("pairing with the new hire"),
    N_("the incident review"),
    N_("the performance dashboard"),
    N_("estimates for the sprint"),
    N_("the accessibility audit"),
)

TEXTS: dict[EntryKind, tuple[str, ...]] = {
    EntryKind.PROGRESS: (
        N_("Shipped the first slice of {topic}; the rollout went quietly."),
        N_("Halfway through {topic}; unblocked the data part on their own."),
        N_("Closed the last open question on {topic} and wrote it up for the team."),
        N_("Demoed {topic} to the team; good questions, two follow-ups agreed."),
    ),
    EntryKind.CONCERN: (
        N_("Deadlines on {topic} keep slipping by a few days without a heads-up."),
        N_("Seemed withdrawn in stand-up again; {topic} may be weighing on them."),
        N_("Review comments on {topic} came across as curt to a junior colleague."),
        N_("Took on {topic} alone and did not ask for help when stuck."),
    ),
    EntryKind.THOUGHT: (
        N_("Could be ready to own {topic} end to end next quarter."),
        N_("Works best with a clear outcome and room to choose the route; keep it that way for {topic}."),
        N_("Worth pairing them with someone on {topic} to spread the knowledge."),
    ),
    EntryKind.FEEDBACK: (
        N_("Told them the write-up on {topic} was exactly the level of detail the team needed."),
        N_("Suggested sharing progress on {topic} earlier, even when it is rough."),
        N_("Said the way they handled {topic} under pressure was calm and clear."),
        N_("Asked them to bring options, not only problems, when {topic} gets stuck."),
    ),
    EntryKind.QUESTION: (
        N_("I've encountered some challenges with {topic} and I want to hear your view. What do you think?"),
        N_("What would make {topic} easier for you next time?"),
        N_("Where do you want more room to decide on {topic}?"),
    ),
    EntryKind.PRAISE: (
        N_("Great catch on {topic}; it saved us a bad week."),
        N_("The team noticed how well {topic} was run. Thank you."),
        N_("Customer wrote in to thank us for {topic}."),
    ),
    EntryKind.ASK: (
        N_("Needs a staging environment of their own for {topic}."),
        N_("Would like a course budget to go deeper on {topic}."),
        N_("Asked for protected focus time while {topic} is in flight."),
    ),
    EntryKind.DECISION: (
        N_("Agreed they decide the approach for {topic}; I only check the outcome."),
        N_("We agreed to pause {topic} until the migration lands."),
    ),
}

# Feedback a mentee gives the lead: (the thread's topic, how they opened it).
UPWARD = (
    (N_("Feedback on {topic} came late"), N_("Your feedback on {topic} came late; earlier would have helped.")),
    (N_("More context on priorities"), N_("I'd like more context on why {topic} was reprioritised.")),
    (N_("Our 1:1s keep moving"), N_("The 1:1s keep getting moved; can we protect them?")),
    (N_("Ad-hoc requests"), N_("It would help if you shielded us from ad-hoc requests during {topic}.")),
    (N_("A say in decisions"), N_("I felt {topic} was decided without us; I'd like a say next time.")),
)
LEAD_REPLIES = (
    N_("Fair point. I'll give feedback on {topic} within a day from now on."),
    N_("You're right; here is the context on {topic}, and I should have shared it sooner."),
    N_("Agreed. Let's try a fixed slot and see if it holds for a month."),
    N_("Thanks for saying it. How would you like it to work next time?"),
)
MENTEE_REPLIES = (
    N_("That works for me; let's check in two weeks."),
    N_("Thanks, that helps. I'll try it on {topic} first."),
    N_("Better already this week."),
    N_("Still seeing it sometimes, but it's improving."),
)

GOALS = (
    (
        N_("Take {topic} from plan to retro as its owner"),
        N_("Ships on the agreed date; the retro names two improvements the team adopts"),
        N_("Chooses the tooling, the order of work and who to pair with; may slip scope by one item without asking"),
    ),
    (
        N_("Become the team's go-to person for {topic}"),
        N_("Two colleagues say they learned from them; the runbook is up to date"),
        N_("Decides how to teach (docs, pairing, a talk); may trial changes on staging freely"),
    ),
    (
        N_("Get reviews on {topic} merged within a working day"),
        N_("Median under one working day for a month"),
        N_("May change the review rota and bot settings; asks before changing CI requirements"),
    ),
    (
        N_("Lead the design work on {topic}"),
        N_("Design doc accepted by the two teams that depend on it"),
        N_("Free to pick the approach and prototype; production changes go through the usual review"),
    ),
)
# The thread a lead opens, and what a lead did about feedback from a mentee.
LEAD_THREAD = N_("Feedback on {topic}")
ACTED_ON = N_("Changed how I schedule our 1:1s.")
RECOGNITIONS = (
    N_("Stayed calm and clear through the incident on {topic}"),
    N_("Mentored the new hire through their first week"),
    N_("A thoughtful write-up of {topic}"),
    N_("Took the unglamorous work on {topic} without being asked"),
    N_("Great demo of {topic} to the wider team"),
)
ASKS = (
    (N_("A second monitor and a better chair"), N_("Raised with facilities")),
    (N_("Budget for a conference on {topic}"), N_("Pushing in the budget round")),
    (N_("Protected focus time on Wednesdays"), N_("Agreed with the product lead")),
    (N_("Access to production read replicas"), N_("Waiting on the security review")),
)


def _said(template: str, topic: str = "") -> str:
    """`template` (marked with N_) in the language the demo is made in, about `topic` (already in it)."""
    text = _(template).format(topic=topic)
    return text[:1].upper() + text[1:]  # a translation may open with the topic


@dataclass(frozen=True)
class DemoSize:
    mentees: int
    entries: int


def _team(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    if count <= len(TEAM):
        head, tail = list(TEAM[:4]), list(TEAM[4:])
        rng.shuffle(tail)
        return (head + tail)[:count]
    people = list(TEAM)
    used = {person[0] for person in people}
    while len(people) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in used:
            name = f"{name} {len(people) + 1}"
        used.add(name)
        people.append((name, rng.choice(ROLES), THANKS_IN_PERSON))
    return people


class DemoService(Service):
    """Fills an empty journal with a demo team."""

    def generate(
        self,
        *,
        mentees: int | None = None,
        entries: int | None = None,
        seed: int = 7,
        today: dt.date | None = None,
    ) -> DemoSize:
        rng = random.Random(seed)
        count = mentees if mentees is not None else rng.randint(8, 12)
        if count < 1 or count > 100_000:
            raise MentorAppError(_("The demo team needs between {least} and {most} mentees.").format(
                least=number_text(1), most=number_text(100_000)))
        total = entries if entries is not None else count * 45
        if total < 0 or total > 50_000_000:
            raise MentorAppError(_("The demo needs between {least} and {most} notes.").format(
                least=number_text(0), most=number_text(50_000_000)))
        today = today or self.clock.today()
        with self.store.write() as session:
            if session.scalar(select(Mentee.id).limit(1)) is not None:
                raise MentorAppError(_("The demo only fills an empty journal; this one already holds mentees."))
            # On the clock's own day, nothing is dated later than now; on another day, by its end.
            now = self.clock.now() if today == self.clock.today() else dt.datetime.combine(today, dt.time(23, 59))
            _Builder(session, rng, today, now).build(_team(rng, count), total)
        self.announce(Topic.JOURNAL)
        return DemoSize(mentees=count, entries=total)

    def generate_undoable(self, *, today: dt.date | None = None, seed: int = 7) -> Command[DemoSize] | None:
        """Fill an empty journal with the demo team, as one step that moves the whole team to the trash."""
        size = self.generate(today=today, seed=seed)
        with self.store.read() as session:
            team = [(Mentee, ident) for ident in session.scalars(select(Mentee.id).where(Mentee.deleted_at.is_(None)))]
        return created_rows(self.store, self.bus, _("Load the demo team"), size, team,
                            topics=frozenset({Topic.JOURNAL}))


class _Builder:
    """Writes the demo rows with bulk inserts, in one transaction."""

    CHUNK = 5_000

    def __init__(self, session: Session, rng: random.Random, today: dt.date, now: dt.datetime) -> None:
        self.session = session
        self.rng = rng
        self.today = today
        self.now = now  # nothing the demo says happened lies after this moment
        self.stamp = utcnow()
        self.start = today - dt.timedelta(days=365)
        self.entries: list[dict[str, Any]] = []

    def build(self, team: list[tuple[str, str, str]], total: int) -> None:
        rng = self.rng
        self.session.merge(JournalInfo(key=LEAD_NAME, value=DEMO_LEAD))
        mentee_rows = []
        for name, role, thanks in team:
            started = self.start - dt.timedelta(days=rng.randint(30, 900))
            mentee_rows.append(
                {
                    "name": name,
                    "role": _(role),
                    "started_on": started,
                    "cadence_days": rng.choice((7, 7, 14, 14, 14, 21)),
                    "thanks_preference": _(thanks),
                    "archived": False,
                    **self._stamps(),
                }
            )
        ids = self._insert_returning(Mentee, mentee_rows)
        # Uneven load, as in a real team: some people have far more notes than others.
        weights = [rng.uniform(0.4, 1.6) for _mentee in ids]
        if ids:
            weights[0] *= 2.5
        scale = sum(weights)
        budgets = [int(total * w / scale) for w in weights]
        budgets[0] += total - sum(budgets)
        watched = ids[min(3, len(ids) - 1)] if len(ids) > 1 else None
        for position, (mentee_id, budget) in enumerate(zip(ids, budgets)):
            # A few people have not been seen for a while, so the desk has something to nudge.
            quiet_days = rng.choice((0, 0, 0, 1, 2, 5)) if position % 4 else rng.choice((12, 25, 40))
            self._mentee(mentee_id, budget, quiet_days=quiet_days, watched=mentee_id == watched)
        self._flush_entries(final=True)

    # -- per mentee ------------------------------------------------------------------------
    def _mentee(self, mentee_id: int, budget: int, *, quiet_days: int, watched: bool) -> None:
        rng = self.rng
        last_day = self.today - dt.timedelta(days=quiet_days)
        # The notes speak the language the demo is made in; the topics are chosen before they are translated,
        # so a seed gives the same team in every language.
        topics = [_(topic) for topic in rng.sample(TOPICS, k=6)]
        goals = self._goals(mentee_id, topics)
        budget = self._threads(mentee_id, topics, budget, last_day)
        self._recognitions(mentee_id, topics, quiet=quiet_days > 20)
        self._asks(mentee_id, topics)
        if watched:
            self._watch_case(mentee_id)
        kinds = list(EntryKind)
        kind_weights = [5, 2, 2, 4, 2, 2, 1, 1]
        span = max(1, (last_day - self.start).days)
        for _note in range(budget):
            kind = rng.choices(kinds, kind_weights)[0]
            direction = rng.choices(
                (Direction.TO_MENTEE, Direction.FROM_MENTEE, Direction.PRIVATE), (4, 3, 2)
            )[0]
            if kind is EntryKind.THOUGHT:
                direction = Direction.PRIVATE
            elif kind in (EntryKind.QUESTION, EntryKind.PRAISE) and direction is Direction.PRIVATE:
                direction = Direction.TO_MENTEE  # asked or said aloud, not kept to oneself
            # Recent months a little busier than old ones, as memory would have it.
            offset = int(span * (rng.random() ** 0.8))
            at = self._moment(self.start + dt.timedelta(days=offset))
            topic = rng.choice(topics)
            goal_id = None
            if kind is EntryKind.PROGRESS and goals and rng.random() < 0.5:
                goal_id, topic = rng.choice(goals)  # progress on a goal speaks of the goal's subject
            text = _said(rng.choice(TEXTS[kind]), topic)
            discussed = None  # a two-way concern is discussed on its day (the rule, applied in _entry)
            if kind is EntryKind.CONCERN and direction is Direction.PRIVATE and rng.random() < 0.7:
                discussed = min(at.date() + dt.timedelta(days=rng.randint(1, 10)), self.today)
            self._entry(mentee_id, at, kind, direction, text, goal_id=goal_id, discussed_on=discussed)
        # Always close with a real touchpoint on the last day seen.
        if budget:
            last = self.entries[-1]
            last["at"] = self._moment(last_day)
            last["direction"] = Direction.TO_MENTEE.value
            if last["kind"] == EntryKind.THOUGHT.value:
                last["kind"] = EntryKind.FEEDBACK.value
            last["discussed_on"] = discussed_when(kind=last["kind"], direction=last["direction"], at=last["at"],
                                                  discussed_on=None)
        self._flush_entries()

    def _goals(self, mentee_id: int, topics: list[str]) -> list[tuple[int, str]]:
        """The mentee's goals, as (id, the subject each is about)."""
        rng = self.rng
        rows = []
        subjects = []
        for outcome, criteria, latitude in rng.sample(GOALS, k=rng.randint(2, 3)):
            topic = rng.choice(topics)
            subjects.append(topic)
            set_on = self.start + dt.timedelta(days=rng.randint(0, 200))
            rows.append(
                {
                    "mentee_id": mentee_id,
                    "outcome": _said(outcome, topic),
                    "success_criteria": _said(criteria),
                    "latitude": _said(latitude),
                    "set_on": set_on,
                    "check_in_on": self.today + dt.timedelta(days=rng.randint(-5, 40)),
                    "status": rng.choice((GoalStatus.ACTIVE, GoalStatus.ACTIVE, GoalStatus.ACHIEVED)).value,
                    **self._stamps(),
                }
            )
        return list(zip(self._insert_returning(Goal, rows), subjects))

    def _threads(self, mentee_id: int, topics: list[str], budget: int, last_day: dt.date) -> int:
        """Two or three feedback threads; older open ones end with the lead's answer."""
        rng = self.rng
        for number in range(rng.randint(2, 3)):
            replies = rng.randint(2, 5)
            upward = number == 0 or rng.random() < 0.3
            topic = rng.choice(topics)
            opened = self.start + dt.timedelta(days=rng.randint(0, max(1, (last_day - self.start).days - 20)))
            if upward and number == 0 and mentee_id % 3 == 0:
                # Some feedback arrived this week and waits for the lead's answer.
                opened = last_day - dt.timedelta(days=4)
                if replies % 2 == 0:
                    replies -= 1  # the mentee opened it, so an odd count leaves them with the last word
            stale = opened < last_day - dt.timedelta(days=45)
            resolved = stale or rng.random() < 0.5
            # A conversation still open but quiet for weeks was answered by the lead last.
            if not resolved and opened < last_day - dt.timedelta(days=14) and (replies % 2 == 1) == upward:
                replies += 1
            if budget < replies:
                break
            budget -= replies
            subject, opener = (
                rng.choice(UPWARD) if upward else (LEAD_THREAD, rng.choice(TEXTS[EntryKind.FEEDBACK]))
            )
            thread_id = self._insert_returning(
                Thread,
                [
                    {
                        "mentee_id": mentee_id,
                        "topic": _said(subject, topic),
                        "opened_by": (Side.MENTEE if upward else Side.LEAD).value,
                        "opened_on": opened,
                        "status": (ThreadStatus.RESOLVED if resolved else ThreadStatus.OPEN).value,
                        "resolved_on": self._past(opened + dt.timedelta(days=replies * 4)) if resolved else None,
                        "acted_on": self._past(opened + dt.timedelta(days=6)) if upward and rng.random() < 0.6
                        else None,
                        "acted_on_note": _(ACTED_ON) if upward else "",
                        **self._stamps(),
                    }
                ],
            )[0]
            speaker = Direction.FROM_MENTEE if upward else Direction.TO_MENTEE
            for reply in range(replies):
                at = self._moment(min(opened + dt.timedelta(days=reply * 3), last_day))
                if reply == 0:
                    text = _said(opener, topic)
                elif speaker is Direction.TO_MENTEE:
                    text = _said(rng.choice(LEAD_REPLIES), topic)
                else:
                    text = _said(rng.choice(MENTEE_REPLIES), topic)
                self._entry(mentee_id, at, EntryKind.FEEDBACK, speaker, text, thread_id=thread_id)
                speaker = Direction.TO_MENTEE if speaker is Direction.FROM_MENTEE else Direction.FROM_MENTEE
        return budget

    def _recognitions(self, mentee_id: int, topics: list[str], *, quiet: bool) -> None:
        rng = self.rng
        # The most recent recognition is fairly fresh, except for the quiet ones.
        latest = 120 if quiet else 5
        ages = [rng.randint(latest, latest + 40)] + [rng.randint(latest, 360) for _older in range(rng.randint(1, 5))]
        rows = [
            {
                "mentee_id": mentee_id,
                "kind": rng.choice(list(RecognitionKind)).value,
                "given_on": self.today - dt.timedelta(days=age),
                "what_for": _said(rng.choice(RECOGNITIONS), rng.choice(topics)),
                **self._stamps(),
            }
            for age in sorted(ages, reverse=True)
        ]
        self._insert_returning(Recognition, rows)

    def _asks(self, mentee_id: int, topics: list[str]) -> None:
        rng = self.rng
        rows = []
        for what, details in rng.sample(ASKS, k=rng.randint(1, 3)):
            status = rng.choice(list(AskStatus)[:3])
            raised = self.today - dt.timedelta(days=rng.randint(5, 300))
            rows.append(
                {
                    "mentee_id": mentee_id,
                    "what": _said(what, rng.choice(topics)),
                    "details": _(details),
                    "status": status.value,
                    "raised_on": raised,
                    "resolved_on": None if status is AskStatus.OPEN else self._past(raised + dt.timedelta(days=14)),
                    **self._stamps(),
                }
            )
        self._insert_returning(Ask, rows)

    def _watch_case(self, mentee_id: int) -> None:
        opened = self.today - dt.timedelta(days=110)
        case_id = self._insert_returning(
            WatchCase,
            [
                {
                    "mentee_id": mentee_id,
                    "concern": _("Commitments on sprint work missed three sprints running, without early warning."),
                    "opened_on": opened,
                    "support_plan": _("Weekly 20-minute check-in; smaller tickets; pairing on estimates."),
                    "toxicity_concern": _("Two teammates mentioned dismissive comments in code review."),
                    "next_review_on": self.today + dt.timedelta(days=9),
                    "status": CaseStatus.OPEN.value,
                    "outcome": None,
                    "decision_reason": "",
                    "closed_on": None,
                    **self._stamps(),
                }
            ],
        )[0]
        chances = (
            (0, _("Deliver the two sprint tickets agreed, or flag risk by mid-sprint"),
             _("Daily async check-in; tickets split smaller"), _("Delivered one, flagged the other late"),
             ChanceResult.PARTLY_MET),
            (35, _("Estimate each ticket with a peer before committing"),
             _("Paired with a senior engineer on estimates"), _("Estimates held; one review comment still harsh"),
             ChanceResult.MET),
            (70, _("Two sprints on plan, and review comments that a junior would call kind"),
             _("Coaching on review tone; review guidelines shared with the team"), "",
             ChanceResult.PENDING),
        )
        self._insert_returning(
            Chance,
            [
                {
                    "case_id": case_id,
                    "given_on": self._past(opened + dt.timedelta(days=days)),
                    "expectation": expectation,
                    "support": support,
                    "outcome": outcome,
                    "result": result.value,
                    **self._stamps(),
                }
                for days, expectation, support, outcome, result in chances
            ],
        )

    # -- helpers ---------------------------------------------------------------------------
    def _entry(self, mentee_id: int, at: dt.datetime, kind: EntryKind, direction: Direction, text: str, *,
               thread_id: int | None = None, goal_id: int | None = None, discussed_on: dt.date | None = None) -> None:
        setting = (
            Setting.AD_HOC if direction is Direction.PRIVATE
            else self.rng.choices(list(Setting), (6, 2, 1, 3, 2, 2))[0]
        )
        self.entries.append(
            {
                "mentee_id": mentee_id,
                "at": at,
                "kind": kind.value,
                "direction": direction.value,
                "setting": setting.value,
                "text": text,
                "thread_id": thread_id,
                "goal_id": goal_id,
                "discussed_on": discussed_when(kind=kind.value, direction=direction.value, at=at,
                                               discussed_on=discussed_on),
                **self._stamps(),
            }
        )

    def _flush_entries(self, *, final: bool = False) -> None:
        if len(self.entries) >= self.CHUNK or (final and self.entries):
            self.session.execute(insert(Entry), self.entries)
            self.entries = []

    def _moment(self, day: dt.date) -> dt.datetime:
        moment = dt.datetime.combine(day, dt.time(self.rng.randint(8, 18), self.rng.choice((0, 15, 30, 45))))
        return min(moment, self.now)

    def _past(self, day: dt.date) -> dt.date:
        return min(day, self.today)

    def _stamps(self) -> dict[str, dt.datetime | None]:
        return {"created_at": self.stamp, "updated_at": self.stamp, "deleted_at": None}

    def _insert_returning(self, model: type[Any], rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        result = self.session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), rows)
        return list(result.scalars())
