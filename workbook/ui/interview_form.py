"""The interview form: log an interview and every person met there, in one go, or open one
logged before and correct it.

A thin layer over :meth:`Log.add_interview <workbook.store.log.Log.add_interview>` and
:meth:`Log.edit_interview <workbook.store.log.Log.edit_interview>`, each of which checks the
interview and its people and saves them in one transaction. The form only reads what was
typed (the dates, times of day such as "10:00"), hands it over, and shows each problem the log
finds next to the field it is about, plus one summary line. Times of day are wall-clock times
in the interview's time zone; the interview's date is the date it started, and its end has a
date of its own (the next day, for an interview that ends after midnight). A candidate typed
by name who is not in the log yet is added only once everything else has passed the log's
checks. Everything shown as HTML is escaped.
"""

from __future__ import annotations

import datetime
import re

import ipywidgets as widgets
import pandas as pd

from ..errors import InvalidTimeError, Problem, RecordInUseError, WorkbookError
from ..instants import local_wall_clock, machine_time_zone, time_zone_names
from ..store.kinds import MULTILINE
from ..vocabulary import PERSON_FIELDS
from ..wording import calendar_date, interview_words, notes_words
from .common import latest_candidate, nothing_saved_html, read_time_of_day, shared_docs
from .common import Quiet, cannot_start_html, interview_label, maybe_display, message_html, read_now, refuse_to_start

_CANNOT_START = "The form cannot log an interview"

#: Stages the form suggests; any other text will do.
STAGES = ("phone screen", "hiring manager", "technical", "panel", "final")
#: The controls of the interview that a correction compares with the interview as opened.
INTERVIEW_CONTROLS = ("candidate", "company", "role", "stage", "date", "start", "end", "end_date", "timezone")
#: Which control shows the problems with each field of the interview (``end_date`` is the form's own).
INTERVIEW_FIELDS = {"candidate": "candidate", "company": "company", "role": "role", "stage": "stage",
                    "date": "date", "starts_at": "start", "ends_at": "end", "end_date": "end_date",
                    "timezone": "timezone"}
#: The notebook where the notes to the people met are written.
NEXT_NOTEBOOK = "02-write-thank-you-notes"
#: The choice of the "Open a logged interview" list that starts a new one.
NEW_INTERVIEW = 0
#: How a change names the fields it changed.
FIELD_WORDS = {"candidate": "candidate", "company": "company", "role": "role", "stage": "stage",
               "timezone": "time zone", "starts_at": "start", "ends_at": "end", "name": "name",
               "title": "title", "email": "email", "phone": "phone", "talking_points": "what you talked about"}

_LABEL = {"style": {"description_width": "13em"}}
_FIELD = widgets.Layout(width="38em")
_TIME = widgets.Layout(width="22em")
_HOUR_24 = re.compile(r"24(?:[:.](\d{2}))?")


def matching_time_zones(text: str, zones: list[str] | None = None) -> list[str]:
    """The time zones whose name holds every word typed, in any case: "berlin" finds
    Europe/Berlin, "new york" America/New_York, "america/l" America/La_Paz... All of them for
    nothing typed."""
    zones = time_zone_names() if zones is None else zones
    words = [w for w in re.split(r"[\s_]+", text.strip().lower()) if w]
    return [z for z in zones if all(w in z.lower().replace("_", " ") for w in words)]


@shared_docs
class InterviewForm(Quiet):
    """Log an interview and the people met there, or correct one logged before.

    Choose the candidate (or type a new one's name: they are added with the interview),
    type the company, role and stage, the date, the start and end times (wall clock, in the
    interview's time zone; an interview that ends after midnight ends on the next day: set
    its End date) and the time zone (type part of its name and pick it from the list below),
    and one row per person met: name, title, email, phone and what you talked about. "Save
    interview" saves all of it at once, or nothing: each problem is shown next to its field,
    with a summary line above the button. After a save the rows of people are cleared for the
    next interview; the candidate and the time zone stay.

    "Open a logged interview" fills the form with an interview from the log (the latest
    first) and its people: change any field, add people, remove people, and "Save changes"
    saves it all as one change, or nothing. Only what was changed in the form is saved: what
    another notebook changed meanwhile, and people added there, stay. Removing someone who
    has notes asks a second click, and says how many notes go with them; if the notes to
    them change before the save (a note written or sent in another notebook), nothing is
    saved and the form asks again. "New interview" starts an empty one again.

    The time zone starts as the zone of the latest interview (of the candidate chosen, else
    of anyone), else the machine's.

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
        The named controls: ``open`` (Dropdown: "New interview" and the logged interviews by
        id), ``candidate`` and ``stage`` (Comboboxes), ``company``, ``role`` and ``timezone``
        (Text), ``zones`` (Select: the time zones matching what is typed in ``timezone``;
        choosing one fills it), ``date`` and ``end_date`` (DatePickers), ``start`` and ``end``
        (Text, "10:00"), ``add_person`` and ``save`` (Buttons), ``message`` (HTML: the summary
        line), ``messages`` (a dict of HTML, by control name: the problem next to each field;
        ``candidate`` also says when a new candidate will be added), ``people_box`` (VBox) and
        ``people``: a list, in order, of one dict per person met with ``name``, ``title``,
        ``email``, ``phone``, ``talking_points``, ``remove`` (Button), ``heading`` (Label
        "Person 2"), ``warning`` (HTML beside the heading), ``messages`` (HTML by field),
        ``box``, ``interviewer_id`` (None for a person not saved yet) and, for a person logged
        before, ``logged`` (their fields as opened) and ``notes`` (the number of notes to them,
        and of those sent, as last told).
    saved : list of int
        The interviews saved with this form, in order (an interview changed again is listed again).
    editing : int or None
        The id of the logged interview open in the form, or None for a new one.
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
        machine_zone = machine_time_zone()
        instant, self.error = read_now(now)
        self.log = log
        self.now = now
        self.saved: list[int] = []
        self.editing: int | None = None
        self._opened: list[dict] = []  # the rows of the people of the interview opened, as opened
        self._shown: dict = {}  # the interview's controls as opened (see open_interview)
        self._instant = instant
        self._machine_zone = machine_zone
        self._zones = time_zone_names()
        self._interviews = log.interviews()
        self._end_date_chosen = False  # the person set the end date: it no longer follows the date
        self._zone_chosen = False      # the person chose the zone: it no longer follows the candidate
        self._picking = False
        candidate = latest_candidate(log)
        zone = self._default_zone(candidate)
        today = self._today(zone)

        # Define the widgets.
        self.controls = {
            "open": widgets.Dropdown(description="Open a logged interview", options=self._interview_choices(),
                                     value=NEW_INTERVIEW, layout=widgets.Layout(width="70em", max_width="100%"),
                                     **_LABEL),
            "candidate": widgets.Combobox(description="Candidate", options=self._candidates(), value=candidate,
                                          ensure_option=False, placeholder="choose, or type a new name",
                                          layout=_FIELD, **_LABEL),
            "company": widgets.Text(description="Company", layout=_FIELD, **_LABEL),
            "role": widgets.Text(description="Role", layout=_FIELD, **_LABEL),
            "stage": widgets.Combobox(description="Stage", options=STAGES, ensure_option=False,
                                      placeholder="phone screen, panel…", layout=_FIELD, **_LABEL),
            "date": widgets.DatePicker(description="Date", value=today, **_LABEL),
            "start": widgets.Text(description="Start time", placeholder="10:00", layout=_TIME, **_LABEL),
            "end": widgets.Text(description="End time", placeholder="11:00", layout=_TIME, **_LABEL),
            "end_date": widgets.DatePicker(description="End date", value=today, **_LABEL),
            "timezone": widgets.Text(description="Time zone", value=zone, placeholder="type a city: Berlin",
                                     layout=_FIELD, **_LABEL),
            "zones": widgets.Select(options=self._zones, value=zone if zone in self._zones else None, rows=5,
                                    layout=widgets.Layout(width="25em", margin="0 0 0.5em 13.6em")),
            "add_person": widgets.Button(description="Add person", icon="user-plus"),
            "save": widgets.Button(description="Save interview", icon="save", button_style="primary"),
            "message": widgets.HTML(),
            "messages": {name: widgets.HTML() for name in dict.fromkeys(INTERVIEW_FIELDS.values())},
            "people_box": widgets.VBox(),
            "people": [],
        }
        c = self.controls
        fields = [widgets.HBox([c[name], c["messages"][name]]) for name in
                  ("candidate", "company", "role", "stage", "date", "start", "end", "end_date", "timezone")]
        self.widget = widgets.VBox([c["open"], widgets.HTML("<hr style='margin: 0.3em 0'>"), *fields, c["zones"],
                                    widgets.HTML("<b>People met</b>"), c["people_box"], c["add_person"],
                                    c["message"], c["save"]])

        # Connect them.
        c["open"].observe(lambda _change: self._quiet or self._open_chosen(), names="value")
        c["candidate"].observe(lambda _change: self._candidate_changed(), names="value")
        c["date"].observe(lambda _change: self._date_changed(), names="value")
        c["end_date"].observe(lambda _change: self._end_date_changed(), names="value")
        c["timezone"].observe(lambda _change: self._zone_typed(), names="value")
        c["zones"].observe(lambda _change: self._zone_picked(), names="value")
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

    def _today(self, zone: str) -> datetime.date | None:
        if self._instant is None:
            return None
        try:
            return self._instant.tz_convert(zone).date()
        except Exception:  # noqa: BLE001 -- a zone the log refuses is told when saving
            return self._instant.tz_convert(self._machine_zone).date()

    # -- the candidate and the time zone ----------------------------------------------------

    def _candidates(self) -> list[str]:
        return list(self.log.candidates()["candidate"])

    def _latest(self, candidate: str | None = None):
        """The latest interview (of ``candidate``, if given and they have one), or None."""
        interviews = self._interviews
        if candidate:
            theirs = interviews[interviews["candidate"] == candidate]
            interviews = theirs if len(theirs) else interviews
        if not len(interviews):
            return None
        return interviews.sort_values(["starts_at", "interview_id"]).iloc[-1]

    def _default_zone(self, candidate: str | None) -> str:
        """The zone of the latest interview (the candidate's, else anyone's), else the machine's."""
        latest = self._latest(candidate)
        return self._machine_zone if latest is None else str(latest["timezone"])

    def _is_new_candidate(self, name: str) -> bool:
        return bool(name) and name not in self.controls["candidate"].options

    def _hint_candidate(self) -> None:
        name = self.controls["candidate"].value.strip()
        self.controls["messages"]["candidate"].value = message_html(
            f"New candidate: {name} is added to the log with this interview." if self._is_new_candidate(name)
            else "")

    def _candidate_changed(self) -> None:
        self._hint_candidate()
        if self._quiet or self._zone_chosen or self.editing is not None:
            return
        with self._quietly():
            self.controls["timezone"].value = self._default_zone(self.controls["candidate"].value.strip())
        self._zone_typed()

    def _zone_typed(self) -> None:
        """Show the zones matching what is typed (all of them, the typed one chosen, for a zone's
        full name); a zone typed by the person is theirs, and stays."""
        if not self._quiet and not self._picking:
            self._zone_chosen = True
        if self._picking:
            return
        typed = self.controls["timezone"].value.strip()
        zones = self.controls["zones"]
        with self._quietly():
            if typed in self._zones:
                zones.options, zones.value = self._zones, typed
            else:
                zones.options = matching_time_zones(typed, self._zones)
                zones.value = None

    def _zone_picked(self) -> None:
        picked = self.controls["zones"].value
        if self._quiet or picked is None:
            return
        self._zone_chosen, self._picking = True, True
        try:
            self.controls["timezone"].value = picked
        finally:
            self._picking = False

    # -- the dates --------------------------------------------------------------------------

    def _date_changed(self) -> None:
        # The end date follows the date, unless the person chose it; a date cleared leaves it be.
        if not self._end_date_chosen and self.controls["date"].value is not None:
            with self._quietly():
                self.controls["end_date"].value = self.controls["date"].value

    def _end_date_changed(self) -> None:
        if not self._quiet:
            chosen = self.controls["end_date"].value
            self._end_date_chosen = chosen is not None and chosen != self.controls["date"].value

    # -- opening a logged interview ---------------------------------------------------------

    def _interview_choices(self) -> list[tuple[str, int]]:
        """"New interview", then the logged interviews, the latest first, as the other widgets
        name them (with the candidate's name when the log holds more than one candidate)."""
        interviews = self._interviews.sort_values(["starts_at", "interview_id"], ascending=False)
        several = interviews["candidate"].nunique() > 1
        return [("New interview", NEW_INTERVIEW)] + [
            (interview_label(row) + (f" · {row.candidate}" if several else ""), int(row.interview_id))
            for row in interviews.itertuples()]

    def _refresh_choices(self) -> None:
        self._interviews = self.log.interviews()
        with self._quietly():
            chosen = self.controls["open"].value
            self.controls["open"].options = self._interview_choices()
            self.controls["open"].value = chosen if chosen in {v for _, v in self.controls["open"].options} \
                else NEW_INTERVIEW
        self.controls["candidate"].options = self._candidates()

    def _open_chosen(self) -> None:
        chosen = self.controls["open"].value
        if chosen == NEW_INTERVIEW:
            self.new_interview()
        else:
            self.open_interview(chosen)

    def new_interview(self) -> None:
        """Start an empty interview (the candidate stays; the time zone is theirs again)."""
        c = self.controls
        self.editing, self._opened = None, []
        self._end_date_chosen = self._zone_chosen = False
        with self._quietly():
            c["open"].value = NEW_INTERVIEW
            for name in ("company", "role", "stage", "start", "end"):
                c[name].value = ""
            c["timezone"].value = self._default_zone(c["candidate"].value.strip())
            c["date"].value = c["end_date"].value = self._today(c["timezone"].value)
        self._zone_typed()
        self._zone_chosen = False
        self.clear_people()
        c["save"].description = "Save interview"
        self._show_problems([], [])

    def open_interview(self, interview_id: int) -> None:
        """Fill the form with a logged interview and its people, to change them."""
        c = self.controls
        interviews = self.log.interviews()
        found = interviews[interviews["interview_id"] == interview_id]
        if not len(found):
            self._refresh_choices()
            c["message"].value = message_html("That interview is no longer in the log (removed in another "
                                              "notebook?).", error=True)
            return
        interview = found.iloc[0]
        zone = str(interview["timezone"])
        start, end = local_wall_clock(pd.Series([interview["starts_at"], interview["ends_at"]]),
                                      pd.Series([zone, zone]))
        people = self.log.interviewers()
        people = people[people["interview_id"] == interview_id].sort_values("interviewer_id")
        notes = self.log.notes()
        notes = notes[notes["interviewer_id"].isin(people["interviewer_id"])]
        self.editing = int(interview_id)
        if self.editing not in {value for _, value in c["open"].options}:
            self._refresh_choices()  # logged in another notebook since
        with self._quietly():
            c["open"].value = self.editing
            c["candidate"].value = str(interview["candidate"])
            for name in ("company", "role", "stage"):
                value = interview[name]
                c[name].value = "" if value is None or pd.isna(value) else str(value)
            c["timezone"].value = zone
            c["date"].value, c["start"].value = start.date(), f"{start:%H:%M}"
            c["end_date"].value, c["end"].value = end.date(), f"{end:%H:%M}"
        self._end_date_chosen = end.date() != start.date()
        self._zone_typed()
        self._zone_chosen = True
        # As shown: a save sends only what differs (a time kept as shown keeps its instant,
        # seconds included, as an import may have given them).
        self._shown = {name: c[name].value for name in INTERVIEW_CONTROLS}
        self.controls["people"] = []
        for person in people.itertuples():
            logged = {name: "" if pd.isna(value) else str(value)
                      for name in PERSON_FIELDS for value in [getattr(person, name)]}
            row = self.add_person(**logged)
            row.update(interviewer_id=int(person.interviewer_id), logged=logged,
                       notes=_counted(notes, person.interviewer_id))
        self._opened = list(self.controls["people"])
        if not len(people):
            self.add_person()
        c["save"].description = "Save changes"
        self._show_problems([], [])
        c["message"].value = message_html(f"Opened {interview_words(interview)}: change what needs "
                                          "correcting, then Save changes.")

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
            "warning": widgets.HTML(),
            "messages": {name: widgets.HTML() for name in PERSON_FIELDS},
            "interviewer_id": None,
            "logged": None,
            "notes": (0, 0),
            "asking": False,     # the Remove button asks for a second click
            "confirmed": None,   # removed, the notes to them being ``notes`` then
        }
        for name, value in values.items():
            row[name].value = value
        row["box"] = widgets.VBox(
            [widgets.HBox([row["heading"], row["remove"], row["warning"]]),
             *(widgets.HBox([row[name], row["messages"][name]]) for name in PERSON_FIELDS)],
            layout=widgets.Layout(border="1px solid #ddd", padding="0.3em", margin="0.2em 0"))
        row["remove"].on_click(lambda _button, row=row: self.remove_person(self._position(row)))
        self.controls["people"].append(row)
        self._lay_out_people()
        return row

    def _position(self, row: dict) -> int:
        return next(i for i, r in enumerate(self.controls["people"]) if r is row)

    def remove_person(self, index: int) -> None:
        """Remove the row of the person at ``index`` (0 for the first row shown).

        A logged person who has notes is removed on a second call only: the first says how
        many notes go with them (they go when the change is saved, if they are still those).
        """
        row = self.controls["people"][index]
        if row["notes"][0] and not row["asking"]:
            self._ask(row)
            return
        row["confirmed"] = row["notes"]
        del self.controls["people"][index]
        self._lay_out_people()

    def _ask(self, row: dict, since: str = "") -> None:
        """Say on a logged person's row what removing them also removes, and turn Remove into
        Remove anyway; ``since`` says what happened to the notes since they were removed."""
        name = row["name"].value.strip() or row["logged"]["name"]
        count, sent = row["notes"]
        told = f"Removing {name} also removes the {notes_words(count, sent, to='them')}."
        if since:
            told = (f"{name} now has {notes_words(count, sent, to='them')}, {since} since you removed them. "
                    f"Removing {name} also removes {'it' if count == 1 else 'them'}.")
        row["asking"], row["confirmed"] = True, None
        row["remove"].description, row["remove"].button_style = "Remove anyway", "danger"
        row["warning"].value = message_html(told + " Click Remove anyway to do it; it happens when you save.",
                                            error=True)

    def _recount_removed(self) -> list[Problem]:
        """Read the notes to the people removed again: a person whose notes changed since they
        were removed (a note written or sent in another notebook) is put back, asking again.
        Return a problem for each one put back."""
        removed = self._removed_rows()
        if not removed:
            return []
        notes, problems = self.log.notes(), []
        for row in removed:
            now, told = _counted(notes, row["interviewer_id"]), row["confirmed"] or (0, 0)
            row["notes"] = now
            if not now[0] or now == told:
                continue
            since = "written" if now[0] > told[0] else "sent"
            # Back where it was among the rows of the people as opened.
            shown = {id(r) for r in self.controls["people"]}
            opened_before = self._opened[:next(i for i, r in enumerate(self._opened) if r is row)]
            place = sum(id(r) in shown for r in opened_before)
            self.controls["people"].insert(place, row)
            self._lay_out_people()
            self._ask(row, since)
            name = row["name"].value.strip() or row["logged"]["name"]
            problems.append(Problem(name, "interviewer_id", "", RecordInUseError, "interviewer", row["interviewer_id"],
                                    text=f"{name} now has {notes_words(*now, to='them')}, {since} since you removed "
                                         f"them (see Person {place + 1})"))
        return problems

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
        """Check and save the interview and the people met (a new one, or the changes to the
        one opened); return its id.

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
        values = dict(candidate=candidate, company=c["company"].value, role=c["role"].value,
                      stage=c["stage"].value, timezone=c["timezone"].value.strip(),
                      starts_at=starts_at, ends_at=ends_at)
        interview_id, edit = None, None
        if self.editing is not None:
            problems += self._recount_removed()  # anyone whose notes changed is back, asking again
            values = self._changed_values(values)
        people, rows = self._people()
        try:
            # With a time missing the log refuses, and names every other problem: all are
            # shown at once. A new candidate is saved with the interview or not at all.
            if self.editing is None:
                interview_id = self.log.add_interview(**values, people=people, new_candidate=True)
            elif not any(p.record == "interviewer" for p in problems):
                removed = self._removed_rows()
                # The notes to each person removed may go only if they are those the person saw.
                edit = self.log.edit_interview(
                    self.editing, values, people, remove=[row["interviewer_id"] for row in removed],
                    new_candidate=True, cascade={row["interviewer_id"]: row["notes"][0] for row in removed})
                interview_id = edit.interview_id
        except WorkbookError as error:
            found = self._problems(error)
            if any(p.record == "interviewer" and p.kind is RecordInUseError for p in found):
                # A note to someone removed, written in the moment since they were counted.
                found = [p for p in found if not (p.record == "interviewer" and p.kind is RecordInUseError)]
                found += self._recount_removed() or [Problem(
                    "interview", "", "", RecordInUseError, "interviewer",
                    text="the notes to someone removed changed while saving: save again to see them")]
            problems += [p for p in found if not self._already_told(p, problems)]
        if problems or interview_id is None:
            self._show_problems(problems, rows)
            return None
        self.saved.append(interview_id)
        if edit is None:
            self._saved(interview_id, values["company"].strip(), candidate if new_candidate else None, len(people))
        else:
            self._changed(edit, candidate if new_candidate else None)
        return interview_id

    def _removed_rows(self) -> list[dict]:
        """The logged people of the interview open whose rows were removed (after the second click)."""
        shown = {row["interviewer_id"] for row in self.controls["people"]}
        return [row for row in self._opened if row["interviewer_id"] not in shown]

    def _changed_values(self, values: dict) -> dict:
        """Of the interview's ``values``, those the person changed since it was opened: the
        others stay as the log holds them (changed in another notebook, maybe). A new time
        zone moves both times: they are read on its clock, as shown."""
        c, shown = self.controls, self._shown
        changed = {name: values[name] for name in ("candidate", "company", "role", "stage")
                   if _typed(c[name].value) != _typed(shown[name])}
        moved = _typed(c["timezone"].value) != _typed(shown["timezone"])
        if moved:
            changed["timezone"] = values["timezone"]
        for field, controls in (("starts_at", ("date", "start")), ("ends_at", ("end_date", "end"))):
            if moved or any(_typed(c[name].value) != _typed(shown[name]) for name in controls):
                changed[field] = values[field]
        return changed

    def _times(self) -> tuple[str | None, str | None, list[Problem]]:
        """The start and end as wall-clock text ("2026-09-14T10:00") and the problems with
        the dates and times typed; a time is None when it cannot be read."""
        problems, c = [], self.controls
        for name, what in (("date", "the day the interview started"), ("end_date", "the day it ended")):
            if c[name].value is None:
                problems.append(Problem("interview", name, f"is missing: choose {what}", InvalidTimeError,
                                        "interview"))
        times, read = [], []
        for name, field, day in (("start", "starts_at", c["date"].value), ("end", "ends_at", c["end_date"].value)):
            typed = c[name].value.strip()
            time_of_day = read_time_of_day(typed) if typed else None
            if not typed:
                problems.append(Problem("interview", field, "is missing (like 10:00)", InvalidTimeError,
                                        "interview"))
            elif time_of_day is None:
                problems.append(Problem("interview", field, self._not_a_time(typed), InvalidTimeError, "interview"))
            read.append(time_of_day)
            times.append(f"{day.isoformat()}T{time_of_day}" if time_of_day is not None and day is not None else None)
        start, end = read
        if (start is not None and end is not None and c["date"].value is not None
                and c["date"].value == c["end_date"].value and end < start):
            next_day = c["date"].value + datetime.timedelta(days=1)
            problems.append(Problem("interview", "ends_at",
                                    f"{end} is before the start ({start}) on the same day: if the interview ended "
                                    f"after midnight, set the End date to the next day, {calendar_date(next_day)}",
                                    InvalidTimeError, "interview"))
        return times[0], times[1], problems

    @staticmethod
    def _not_a_time(typed: str) -> str:
        after_midnight = _HOUR_24.fullmatch(typed)
        if after_midnight:
            return (f"{typed!r} is not a time of day: after midnight the clock starts again at "
                    f"00:{after_midnight[1] or '00'}; type that, and set the End date to the next day")
        return f"{typed!r} is not a time of day (like 10:00 or 14:30)"

    def _people(self) -> tuple[list[dict], list[dict]]:
        """The people to save, and the row of each: each new person as typed (rows left wholly
        empty skipped), and of each person logged before the fields changed since it was
        opened, with their ``interviewer_id`` (emptied, they are refused for their missing
        name). A person logged before and left as opened is not given: they stay as the log
        holds them."""
        people, rows = [], []
        for row in self.controls["people"]:
            person = {name: row[name].value for name in PERSON_FIELDS}
            if row["logged"] is not None:
                person = {name: value for name, value in person.items()
                          if _typed(value, name) != _typed(row["logged"][name], name)}
                if not person:
                    continue
                person["interviewer_id"] = row["interviewer_id"]
            elif not any(value.strip() for value in person.values()):
                continue
            people.append(person)
            rows.append(row)
        return people, rows

    @staticmethod
    def _problems(error: WorkbookError) -> list[Problem]:
        return error.problems or [Problem("interview", "", str(error), type(error))]

    @staticmethod
    def _already_told(problem: Problem, told: list[Problem]) -> bool:
        """Whether the log's ``problem`` is one the form found itself (a time it did not pass on)."""
        if problem.record != "interview":
            return False
        dates = {"starts_at": ("starts_at", "date"), "ends_at": ("ends_at", "date", "end_date")}
        return problem.field in dates and any(p.field in dates[problem.field] for p in told)

    def _show_problems(self, problems: list[Problem], rows: list[dict]) -> None:
        """Each problem next to its field, and the summary line; clears them all for none."""
        c = self.controls
        places = [*c["messages"].values(), *(m for row in c["people"] for m in row["messages"].values())]
        reasons: dict[int, list[str]] = {}  # by id() of the HTML widget next to the field
        elsewhere = []
        for problem in problems:
            place = self._place(problem, rows)
            if place is None:
                elsewhere.append(self._words(problem))
            else:
                reasons.setdefault(id(place), []).append(self._reason(problem, rows))
        for place in places:
            place.value = message_html("; ".join(reasons.get(id(place), [])), error=True)
        if id(c["messages"]["candidate"]) not in reasons:
            self._hint_candidate()
        if not problems:
            c["message"].value = ""
            return
        c["message"].value = nothing_saved_html(len(problems), bool(reasons), elsewhere)

    @staticmethod
    def _reason(problem: Problem, rows: list[dict]) -> str:
        """What is said next to a field: the log's reason, and who, when the problem is who a
        person's row is (one removed in another notebook: "Bo Chen is not one of...")."""
        if problem.record == "person" and problem.field == "interviewer_id":
            row = rows[problem.key - 1]
            return f"{(row['logged'] or {}).get('name') or row['name'].value.strip()} {problem.reason}"
        return problem.reason

    @staticmethod
    def _words(problem: Problem) -> str:
        """A problem with no field of the form to stand beside, in words naming people."""
        if problem.text:
            return problem.text
        if problem.record == "interviewer":  # a person to remove met elsewhere now
            return f"{problem.row} {problem.reason}"
        if problem.record == "interview" and problem.field == "interview_id":
            return "this interview is no longer in the log (removed in another notebook?)"
        return str(problem)

    def _place(self, problem: Problem, rows: list[dict]):
        """The HTML widget next to the field a problem is about, or None: the log says which
        record (the interview, the candidate added with it, or the person at a position among
        those given, 1 for the first) and which field."""
        if problem.record in ("interview", "candidate"):
            # A candidate refused when added is about the name typed in the candidate field.
            name = "candidate" if problem.record == "candidate" else INTERVIEW_FIELDS.get(problem.field)
            return self.controls["messages"].get(name)
        if problem.record == "person" and isinstance(problem.key, int) and 1 <= problem.key <= len(rows):
            row = rows[problem.key - 1]
            return row["messages"].get(problem.field, row["messages"]["name"])
        return None

    def _saved(self, interview_id: int, company: str, added_candidate: str | None, people: int) -> None:
        met = {0: "no one met logged yet (add the people you met before you write notes)",
               1: "1 person met"}.get(people, f"{people} people met")
        line = f"Saved interview {interview_id} with {company}: {met}."
        if people:
            line += f" Next: write their thank-you notes in {NEXT_NOTEBOOK}."
        if added_candidate is not None:
            line = f"Added candidate {added_candidate}. " + line
        self._refresh_choices()
        # A second click must not log the same interview again: what made it is cleared.
        # The candidate, the date and the time zone stay, for the next interview of the day.
        with self._quietly():
            for name in ("company", "role", "stage", "start", "end"):
                self.controls[name].value = ""
        self._end_date_chosen = False
        self._date_changed()
        self.clear_people()
        self._hint_candidate()
        self.controls["message"].value = message_html(line)

    def _changed(self, edit, added_candidate: str | None) -> None:
        """Say what a saved change changed, with the interview open again as the log now holds it."""
        self._refresh_choices()
        self.open_interview(edit.interview_id)
        found = self._interviews[self._interviews["interview_id"] == edit.interview_id].iloc[0]
        said = []
        if edit.fields:
            said.append("changed its " + ", ".join(FIELD_WORDS[f] for f in edit.fields))
        if edit.added:
            said.append("added " + ", ".join(edit.added))
        for name, fields in edit.changed:
            said.append(f"changed {name}'s " + ", ".join(FIELD_WORDS[f] for f in fields))
        if edit.removed:
            removed = "removed " + ", ".join(edit.removed)
            if edit.notes_removed:
                removed += " and the " + notes_words(edit.notes_removed, edit.sent_notes_removed, to="them")
            said.append(removed)
        words = interview_words(found)
        if not said:
            line = f"Nothing to save: the log already holds {words} as shown."
        else:
            line = f"Saved {words}: " + "; ".join(said) + "."
        if added_candidate is not None:
            line = f"Added candidate {added_candidate}. " + line
        self.controls["message"].value = message_html(line)


def _typed(value, field: str = ""):
    """A control's value as the log keeps it, to tell whether it was changed: one-line text
    stripped (what you talked about kept as typed), dates as they are."""
    if isinstance(value, str) and field not in MULTILINE:
        return value.strip()
    return value


def _counted(notes: pd.DataFrame, interviewer_id) -> tuple[int, int]:
    """The number of notes to one person, and of those sent."""
    theirs = notes[notes["interviewer_id"] == interviewer_id]
    return len(theirs), int(theirs["sent_at"].notna().sum())
