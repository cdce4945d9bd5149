"""The interview form: log an interview and every person met there, in one go.

A thin layer over :meth:`Log.add_interview <workbook.store.log.Log.add_interview>`, which checks the
interview and its people and saves them in one transaction. The form only reads what was
typed (a date, times of day such as "10:00"), hands it over, and shows each problem the log
finds next to the field it is about, plus one summary line. Times of day are wall-clock times
in the interview's time zone. A candidate typed by name who is not in the log yet is added
only once everything else has passed the log's checks. Everything shown as HTML is escaped.
"""

from __future__ import annotations

import re

import ipywidgets as widgets

from ..errors import InvalidTimeError, Problem, WorkbookError
from ..instants import machine_time_zone, time_zone_names
from .common import shared_docs
from .common import cannot_start_html, maybe_display, message_html, read_now, refuse_to_start

_CANNOT_START = "The form cannot log an interview"

#: Stages the form suggests; any other text will do.
STAGES = ("phone screen", "hiring manager", "technical", "panel", "final")
#: The fields of one person met, in the order of a row (as ``Log.add_interview`` takes them).
PERSON_FIELDS = ("name", "title", "email", "phone", "talking_points")
#: Which control shows the problems with each field of the new interview.
INTERVIEW_FIELDS = {"candidate": "candidate", "company": "company", "role": "role", "stage": "stage",
                    "date": "date", "starts_at": "start", "ends_at": "end", "timezone": "timezone"}
#: The notebook where the notes to the people met are written.
NEXT_NOTEBOOK = "02-write-thank-you-notes"

_LABEL = {"style": {"description_width": "11em"}}
_FIELD = widgets.Layout(width="32em")
_TIME_OF_DAY = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m\.?)?", re.IGNORECASE)


def read_time_of_day(text: str) -> str | None:
    """A time of day as typed ("10:00", "9.30", "2:15 pm") as "HH:MM"; None if it is not one."""
    found = _TIME_OF_DAY.fullmatch(text.strip())
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


@shared_docs
class InterviewForm:
    """Log an interview and the people met there.

    Choose the candidate (or type a new one's name: they are added with the interview),
    type the company, role and stage, the date, the start and end times (wall clock, in the
    interview's time zone) and the time zone, and one row per person met: name, title,
    email, phone and what you talked about. "Save interview" saves all of it at once, or
    nothing: each problem is shown next to its field, with a summary line above the button.
    After a save the rows of people are cleared for the next interview.

    Parameters
    ----------
    log : Log
        The interview log.
    now : datetime or str, optional
        The instant to treat as now: the date starts on its local date. By default
        ``$WORKBOOK_NOW`` if set, else the real clock. When it is not a time, the form
        says so and offers nothing to press.
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidate``, ``stage`` and ``timezone`` (Comboboxes),
        ``company`` and ``role`` (Text), ``date`` (DatePicker), ``start`` and ``end`` (Text,
        "10:00"), ``add_person`` and ``save`` (Buttons), ``message`` (HTML: the summary
        line), ``messages`` (a dict of HTML, by control name: the problem next to each
        field; ``candidate`` also says when a new candidate will be added), ``people_box``
        (VBox) and ``people``: a list, in order, of one dict per person met with ``name``,
        ``title``, ``email``, ``phone``, ``talking_points``, ``remove`` (Button),
        ``heading`` (Label "Person 2"), ``messages`` (HTML by field) and ``box``.
    saved : list of int
        The interviews saved with this form, in order.
    error : Exception or None
        Why the form could not start (a malformed ``now``), also shown in it; None if it could.

    Examples
    --------
    >>> form = InterviewForm(log)  # doctest: +SKIP
    >>> form.controls["company"].value = "Northwind Analytics"  # doctest: +SKIP
    >>> form.controls["people"][0]["name"].value = "Ana Lima"  # doctest: +SKIP
    >>> form.controls["save"].click()  # doctest: +SKIP
    """

    def __init__(self, log, now=None, display: bool = True):
        zone = machine_time_zone()
        instant, self.error = read_now(now)
        today = None if instant is None else instant.tz_convert(zone).date()
        self.log = log
        self.now = now
        self.saved: list[int] = []

        # Define the widgets.
        self.controls = {
            "candidate": widgets.Combobox(description="Candidate", options=self._candidates(),
                                          value=self._latest_candidate(), ensure_option=False,
                                          placeholder="choose, or type a new candidate's name", layout=_FIELD,
                                          **_LABEL),
            "company": widgets.Text(description="Company", layout=_FIELD, **_LABEL),
            "role": widgets.Text(description="Role", layout=_FIELD, **_LABEL),
            "stage": widgets.Combobox(description="Stage", options=STAGES, ensure_option=False,
                                      placeholder="phone screen, hiring manager, technical…", layout=_FIELD,
                                      **_LABEL),
            "date": widgets.DatePicker(description="Date", value=today, **_LABEL),
            "start": widgets.Text(description="Start time", placeholder="10:00", **_LABEL),
            "end": widgets.Text(description="End time", placeholder="11:00", **_LABEL),
            "timezone": widgets.Combobox(description="Time zone", options=time_zone_names(), value=zone,
                                         ensure_option=False, placeholder="type to search: Europe/Berlin",
                                         layout=_FIELD, **_LABEL),
            "add_person": widgets.Button(description="Add person", icon="user-plus"),
            "save": widgets.Button(description="Save interview", icon="save", button_style="primary"),
            "message": widgets.HTML(),
            "messages": {name: widgets.HTML() for name in INTERVIEW_FIELDS.values()},
            "people_box": widgets.VBox(),
            "people": [],
        }
        c = self.controls
        fields = [widgets.HBox([c[name], c["messages"][name]]) for name in INTERVIEW_FIELDS.values()]
        self.widget = widgets.VBox([*fields, widgets.HTML("<b>People met</b>"), c["people_box"], c["add_person"],
                                    c["message"], c["save"]])

        # Connect them.
        c["candidate"].observe(lambda _change: self._hint_candidate(), names="value")
        c["add_person"].on_click(lambda _button: self.add_person())
        c["save"].on_click(lambda _button: self.save())

        self.add_person()
        self._hint_candidate()
        if self.error is not None:
            refuse_to_start(self.widget, c["message"], _CANNOT_START, self.error, now)
        maybe_display(self.widget, display, "Interview form")

    def __repr__(self) -> str:
        rows, saved = len(self.controls["people"]), len(self.saved)
        return (f"InterviewForm({self.controls['candidate'].value or 'no candidate'}: "
                f"{rows} {'row' if rows == 1 else 'rows'} of people met, "
                f"{saved} {'interview' if saved == 1 else 'interviews'} saved)")

    # -- the candidate --------------------------------------------------------------------

    def _candidates(self) -> list[str]:
        return list(self.log.candidates()["candidate"])

    def _latest_candidate(self) -> str:
        interviews = self.log.interviews()
        if len(interviews):
            return str(interviews.sort_values(["starts_at", "interview_id"])["candidate"].iloc[-1])
        candidates = self._candidates()
        return candidates[0] if candidates else ""

    def _is_new_candidate(self, name: str) -> bool:
        return bool(name) and name not in self.controls["candidate"].options

    def _hint_candidate(self) -> None:
        name = self.controls["candidate"].value.strip()
        self.controls["messages"]["candidate"].value = message_html(
            f"New candidate: {name} is added to the log with this interview." if self._is_new_candidate(name)
            else "")

    # -- the people met -------------------------------------------------------------------

    def add_person(self, **values) -> dict:
        """Add a row for one more person met (its fields filled from ``values``); return its controls."""
        row = {
            "heading": widgets.Label(),
            "name": widgets.Text(description="Name", layout=_FIELD, **_LABEL),
            "title": widgets.Text(description="Title", layout=_FIELD, **_LABEL,
                                  placeholder="their job title, from their card"),
            "email": widgets.Text(description="Email", layout=_FIELD, **_LABEL),
            "phone": widgets.Text(description="Phone", layout=_FIELD, **_LABEL),
            "talking_points": widgets.Textarea(description="What we talked about", rows=2, layout=_FIELD, **_LABEL,
                                               placeholder="something specific: the note to them will mention it"),
            "remove": widgets.Button(description="Remove", icon="trash", tooltip="Remove this person"),
            "messages": {name: widgets.HTML() for name in PERSON_FIELDS},
        }
        for name, value in values.items():
            row[name].value = value
        row["box"] = widgets.VBox(
            [widgets.HBox([row["heading"], row["remove"]]),
             *(widgets.HBox([row[name], row["messages"][name]]) for name in PERSON_FIELDS)],
            layout=widgets.Layout(border="1px solid #ddd", padding="0.3em", margin="0.2em 0"))
        row["remove"].on_click(lambda _button, row=row: self.remove_person(self._position(row)))
        self.controls["people"].append(row)
        self._lay_out_people()
        return row

    def _position(self, row: dict) -> int:
        return next(i for i, r in enumerate(self.controls["people"]) if r is row)

    def remove_person(self, index: int) -> None:
        """Remove the row of the person at ``index`` (0 for the first row shown)."""
        del self.controls["people"][index]
        self._lay_out_people()

    def clear_people(self) -> None:
        """Start the people met again from one empty row."""
        self.controls["people"] = []
        self.add_person()

    def _lay_out_people(self) -> None:
        rows = self.controls["people"]
        for number, row in enumerate(rows, start=1):
            row["heading"].value = f"Person {number}"
        self.controls["people_box"].children = [row["box"] for row in rows]

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> int | None:
        """Check and save the interview and the people met; return its id.

        Returns None when anything is wrong: nothing is saved (no candidate either), and
        each problem is shown next to its field.
        """
        if self.error is not None:
            self.controls["message"].value = cannot_start_html(_CANNOT_START, self.error, self.now)
            return None
        self._show_problems([], [])
        c = self.controls
        candidate = c["candidate"].value.strip()
        new_candidate = bool(candidate) and candidate not in self._candidates()  # as the log is now
        starts_at, ends_at, problems = self._times()
        people, rows = self._people()
        values = dict(candidate=candidate, company=c["company"].value, role=c["role"].value,
                      stage=c["stage"].value, timezone=c["timezone"].value.strip(),
                      starts_at=starts_at, ends_at=ends_at, people=people)
        interview_id = None
        try:
            # With a time missing the log refuses, and names every other problem: all are
            # shown at once. A new candidate is saved with the interview or not at all.
            interview_id = self.log.add_interview(**values, new_candidate=True)
        except WorkbookError as error:
            problems += [p for p in self._problems(error) if not self._already_told(p, problems)]
        if problems or interview_id is None:
            self._show_problems(problems, rows)
            return None
        self.saved.append(interview_id)
        self._saved(interview_id, values["company"].strip(), candidate if new_candidate else None, len(people))
        return interview_id

    def _times(self) -> tuple[str | None, str | None, list[Problem]]:
        """The start and end as wall-clock text ("2026-09-14T10:00") and the problems with
        the date and times typed; a time is None when it cannot be read."""
        problems, c = [], self.controls
        if c["date"].value is None:
            problems.append(Problem("new interview", "date", "is missing: choose the day of the interview",
                                    InvalidTimeError, "interview"))
        times = []
        for name, field in (("start", "starts_at"), ("end", "ends_at")):
            typed = c[name].value.strip()
            time_of_day = read_time_of_day(typed) if typed else None
            if not typed:
                problems.append(Problem("new interview", field, "is missing (like 10:00)", InvalidTimeError,
                                        "interview"))
            elif time_of_day is None:
                problems.append(Problem("new interview", field, f"{typed!r} is not a time of day (like 10:00 or 14:30)",
                                        InvalidTimeError, "interview"))
            times.append(f"{c['date'].value.isoformat()}T{time_of_day}"
                         if time_of_day is not None and c["date"].value is not None else None)
        return times[0], times[1], problems

    def _people(self) -> tuple[list[dict], list[dict]]:
        """The people as typed, rows left wholly empty skipped, and the row of each."""
        people, rows = [], []
        for row in self.controls["people"]:
            person = {name: row[name].value for name in PERSON_FIELDS}
            if any(value.strip() for value in person.values()):
                people.append(person)
                rows.append(row)
        return people, rows

    @staticmethod
    def _problems(error: WorkbookError) -> list[Problem]:
        return error.problems or [Problem("new interview", "", str(error), type(error))]

    @staticmethod
    def _already_told(problem: Problem, told: list[Problem]) -> bool:
        """Whether the log's ``problem`` is one the form found itself (a time it did not pass on)."""
        if problem.record != "interview":
            return False
        return problem.field in ("starts_at", "ends_at") and any(p.field in (problem.field, "date") for p in told)

    def _show_problems(self, problems: list[Problem], rows: list[dict]) -> None:
        """Each problem next to its field, and the summary line; clears them all for none."""
        c = self.controls
        places = [*c["messages"].values(), *(m for row in c["people"] for m in row["messages"].values())]
        reasons: dict[int, list[str]] = {}  # by id() of the HTML widget next to the field
        elsewhere = []
        for problem in problems:
            place = self._place(problem, rows)
            if place is None:
                elsewhere.append(str(problem))
            else:
                reasons.setdefault(id(place), []).append(problem.reason)
        for place in places:
            place.value = message_html("; ".join(reasons.get(id(place), [])), error=True)
        if id(c["messages"]["candidate"]) not in reasons:
            self._hint_candidate()
        if not problems:
            c["message"].value = ""
            return
        count = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        line = f"Nothing was saved: {count}"
        if reasons:
            line += ", shown next to the fields"
        if elsewhere:
            line += ": " + "; ".join(elsewhere)
        c["message"].value = message_html(line + ".", error=True)

    def _place(self, problem: Problem, rows: list[dict]):
        """The HTML widget next to the field a problem is about, or None: the log says which
        record (the interview, the candidate added with it, or the person at a position among
        those given, 1 for the first) and which field."""
        if problem.record in ("interview", "candidate"):
            # A candidate refused when added is about the name typed in the candidate field.
            name = "candidate" if problem.record == "candidate" else INTERVIEW_FIELDS.get(problem.field)
            return self.controls["messages"].get(name)
        if problem.record == "person" and isinstance(problem.key, int) and 1 <= problem.key <= len(rows):
            return rows[problem.key - 1]["messages"].get(problem.field)
        return None

    def _saved(self, interview_id: int, company: str, added_candidate: str | None, people: int) -> None:
        met = {0: "no one met logged yet (add the people you met before you write notes)",
               1: "1 person met"}.get(people, f"{people} people met")
        line = f"Saved interview {interview_id} with {company}: {met}."
        if people:
            line += f" Next: write their thank-you notes in {NEXT_NOTEBOOK}."
        if added_candidate is not None:
            line = f"Added candidate {added_candidate}. " + line
        self.controls["candidate"].options = self._candidates()
        # A second click must not log the same interview again: what made it is cleared.
        for name in ("company", "role", "stage", "start", "end"):
            self.controls[name].value = ""
        self.clear_people()
        self._hint_candidate()
        self.controls["message"].value = message_html(line)

