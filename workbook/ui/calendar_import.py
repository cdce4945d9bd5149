"""From your calendar: interviews read from ``.ics`` invitations and exports, checked and
corrected by the person, then imported into the log in one go.

A thin layer over :func:`workbook.read_calendar` (read → a table of events, the interviews
ticked, with the best guesses of company, role and stage) and :meth:`Log.import_calendar
<workbook.store.log.Log.import_calendar>` (apply the person's choices in one transaction). The
widget only shows the table, one row per event, and turns the ticks and the fields typed into
the ``uids`` and ``corrections`` of that one call. Everything shown as HTML is escaped:
summaries and descriptions come from other people's mail programs and can hold HTML.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from ..calendar import import_summary
from ..errors import WorkbookError
from ..wording import NO_VALUE, counted, local_time
from .common import escape, latest_candidate, maybe_display, message_html, optional, read_now, refuse_to_start
from .common import shared_docs

_CANNOT_START = "The calendar import cannot start"
#: What the path field suggests.
PLACEHOLDER = "~/Downloads/invite.ics"
#: The fields of an event a person corrects, in the order shown.
GUESSES = ("company", "role", "stage")
#: How much of a description is shown under the summary.
DESCRIPTION_CHARACTERS = 160
#: The notebook where the notes to the people met are written.
NEXT_NOTEBOOK = "02-write-thank-you-notes"

_LABEL = {"style": {"description_width": "12em"}}
_GUESS = {"style": {"description_width": "5em"}, "layout": widgets.Layout(width="24em")}
_QUIET = "color: #555"


@shared_docs
class CalendarImport:
    """Read interviews from calendar files and import them into the log, with the people met.

    Choose the candidate (whose calendar it is), type the path of an ``.ics`` file (an
    invitation saved from your mail program, or a whole calendar exported from Google,
    Outlook or Apple) or of a folder of them, and press "Read". Each event is one row, the
    latest first: a tick "import" (ticked when it looks like an interview; when not, why not:
    "all-day", "recurring"…), its local date and time in its own time zone, its summary, the
    company, role and stage guessed (correct them), one tick per person met (untick whoever
    was not there), and what the log already knows of it ("new", "in the log", "moved",
    "cancelled in the calendar"). "Import" imports the ticked events in one call of the log,
    or nothing: a problem (a missing company, a file that cannot be read) is said in the
    widget. Then the table is read again.

    Company, role and stage typed are used for the events added now; an event already in the
    log keeps what the log holds (correct it in the interview form). A person no longer in the
    calendar is never removed from the log.

    Parameters
    ----------
    log : Log
        The interview log.
    candidate : str, optional
        The candidate whose calendar it is. By default the candidate of the latest interview
        in the log, else the first candidate.
    source : str or Path, optional
        A calendar file or folder to show in the path field and read at once. By default the
        field is empty.
    now : datetime or str, optional
        The instant the import is recorded at. By default ``$WORKBOOK_NOW`` if set, else the
        real clock. When it is not a time, the widget says so and offers nothing to press.
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidate`` (Dropdown), ``source`` (Text: a path; ``~`` is your
        home folder), ``read`` and ``import`` (Buttons), ``message`` (HTML: the summary line),
        ``events_box`` (VBox) and ``events``: a list, in the order shown, of one dict per
        event with ``uid``, ``import`` (Checkbox), ``reason``, ``when``, ``summary`` and
        ``in_log`` (HTML), ``company``, ``role`` and ``stage`` (Text), ``people`` (a list of
        ``(Checkbox, email)``, one per person met), ``message`` (HTML: a problem with this
        event) and ``box``.
    events : DataFrame or None
        The table last read (:func:`workbook.read_calendar`, with the log), the latest first.
    imported : list of DataFrame
        What each import did: the table :meth:`Log.import_calendar` returned, with ``action``.
    error : Exception or None
        Why the widget could not start (a malformed ``now``), also shown in it; None if it could.

    Examples
    --------
    >>> calendar = CalendarImport(log)  # doctest: +SKIP
    >>> calendar.controls["source"].value = "~/Downloads/invite.ics"  # doctest: +SKIP
    >>> calendar.controls["read"].click()  # doctest: +SKIP
    >>> calendar.controls["events"][0]["role"].value = "Data analyst"  # doctest: +SKIP
    >>> calendar.controls["import"].click()  # doctest: +SKIP
    """

    def __init__(self, log, candidate: str | None = None, source=None, now=None, display: bool = True):
        _, self.error = read_now(now)
        self.log = log
        self.now = now
        self.events: pd.DataFrame | None = None
        self.imported: list[pd.DataFrame] = []
        self._read_from: Path | None = None  # the path the table was read from
        self._refreshing = False  # the candidates are being listed again: no reading meanwhile
        candidates = list(log.candidates()["candidate"])
        chosen = latest_candidate(log) if candidate is None else str(candidate).strip()

        # Define the widgets.
        self.controls = {
            "candidate": widgets.Dropdown(description="Candidate", options=candidates,
                                          value=chosen if chosen in candidates else None,
                                          layout=widgets.Layout(width="34em"), **_LABEL),
            "source": widgets.Text(description="Calendar file or folder", value="" if source is None else str(source),
                                   placeholder=PLACEHOLDER, layout=widgets.Layout(width="52em", max_width="100%"),
                                   **_LABEL),
            "read": widgets.Button(description="Read", icon="calendar"),
            "import": widgets.Button(description="Import", icon="download", button_style="primary"),
            "message": widgets.HTML(),
            "events_box": widgets.VBox(),
            "events": [],
        }
        c = self.controls
        self.widget = widgets.VBox([c["candidate"], widgets.HBox([c["source"], c["read"]]), c["events_box"],
                                    c["message"], c["import"]])

        # Connect them.
        c["read"].on_click(lambda _button: self.read())
        c["import"].on_click(lambda _button: self.import_events())
        c["candidate"].observe(lambda _change: self._candidate_changed(), names="value")

        if self.error is not None:
            refuse_to_start(self.widget, c["message"], _CANNOT_START, self.error, now)
        elif candidate is not None and chosen not in candidates:
            c["message"].value = message_html(
                f"The log holds no candidate named {chosen}: add them first under About you, then choose them here.",
                error=True)
        elif source is not None and str(source).strip():
            self.read()
        maybe_display(self.widget, display, "From your calendar")

    def __repr__(self) -> str:
        candidate = self.controls["candidate"].value or "no candidate"
        if self.events is None:
            return f"CalendarImport({candidate}: nothing read yet)"
        ticked = len(self.ticked())
        return f"CalendarImport({candidate}: {counted(len(self.events), 'event')} read, {ticked} ticked)"

    # -- reading --------------------------------------------------------------------------

    def _path(self) -> Path | None:
        typed = self.controls["source"].value.strip().strip('"').strip("'")
        return Path(typed).expanduser() if typed else None

    def read(self) -> pd.DataFrame | None:
        """Read the calendar file or folder typed and show its events, the latest first;
        return them, or None (and say why in the widget) when they cannot be read."""
        if self.error is not None:
            return None
        c = self.controls
        c["message"].value = ""
        self._refresh_candidates()
        path = self._path()
        if path is None:
            c["message"].value = message_html(
                f"Type the path of a calendar file (.ics) or of a folder of them, like {PLACEHOLDER}.", error=True)
            return None
        from ..calendar import read_calendar

        try:
            events = read_calendar(path, log=self.log, candidate=c["candidate"].value or None)
        except WorkbookError as error:
            self._show([])
            self.events, self._read_from = None, None
            said = str(error)
            c["message"].value = message_html(said if said.startswith("Nothing") else f"Nothing was read: {said}",
                                              error=True)
            return None
        events = events.sort_values("starts_at", ascending=False, na_position="last", kind="stable")
        self.events, self._read_from = events.reset_index(drop=True), path
        logged = self._logged(self.events)
        self._show([self._row(event, logged.get(event["interview_id"])) for event in self.events.to_dict("records")])
        if not len(events):
            c["message"].value = message_html(f"{path} holds no events.")
        return self.events

    def _logged(self, events: pd.DataFrame) -> dict:
        """The company, role and stage the log holds of each interview the events are in, by id."""
        ids = events["interview_id"].dropna()
        if not len(ids):
            return {}
        interviews = self.log.interviews()
        interviews = interviews[interviews["interview_id"].isin(ids)]
        return {row["interview_id"]: row for row in interviews[["interview_id", *GUESSES]].to_dict("records")}

    def _refresh_candidates(self) -> None:
        """List the candidates the log holds now (one may have been added under About you since
        the widget was made); the one chosen stays chosen, else the latest interview's is."""
        control = self.controls["candidate"]
        candidates = list(self.log.candidates()["candidate"])
        if list(control.options) == candidates:
            return
        chosen = control.value if control.value in candidates else latest_candidate(self.log) or None
        self._refreshing = True
        try:
            control.options = candidates
            control.value = chosen
        finally:
            self._refreshing = False

    def _candidate_changed(self) -> None:
        # Whom the people met leave out, and what the log knows, depend on the candidate.
        if self.events is not None and not self._refreshing:
            self.read()

    def _show(self, rows: list[dict]) -> None:
        self.controls["events"] = rows
        self.controls["events_box"].children = [row["box"] for row in rows]

    def _row(self, event: dict, logged: dict | None = None) -> dict:
        """The controls of one event; ``logged``: the interview it is in the log as, if any."""
        interview = bool(event["looks_like_interview"])
        row = {
            "uid": event["uid"],
            "import": widgets.Checkbox(description="import", value=interview, indent=False,
                                       layout=widgets.Layout(width="6em")),
            "reason": widgets.HTML("" if interview else f"<span style='{_QUIET}'>({escape(event['reason'])})</span>"),
            "when": widgets.HTML(f"<b>{escape(_when(event))}</b>"),
            "summary": widgets.HTML(_summary_html(event)),
            "in_log": widgets.HTML(f"<span style='{_QUIET}'>{escape(event.get('in_log') or '')}</span>"),
            "people": [],
            "message": widgets.HTML(),
        }
        for name in GUESSES:
            # An event in the log shows what the log holds: an import does not change it (the form does).
            row[name] = widgets.Text(description=name.capitalize(),
                                     value=optional((logged or event)[name]) or "", disabled=logged is not None,
                                     tooltip="in the log: correct it in the interview form" if logged else "",
                                     placeholder="not said: type it" if name != "stage" else "", **_GUESS)
        for person in event["people"]:
            email = person.get("email")
            said = f"{person['name']} ({email})" if email else person["name"]
            # Only a person with an address can be left out: the log tells people apart by it.
            row["people"].append((widgets.Checkbox(description=said, value=True, indent=False, disabled=not email,
                                                   layout=widgets.Layout(width="auto")), email))
        people = [box for box, _email in row["people"]] or [widgets.HTML(f"<span style='{_QUIET}'>no one</span>")]
        row["box"] = widgets.VBox([
            widgets.HBox([row["import"], row["reason"], row["when"], row["in_log"]],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.8em")),
            row["summary"],
            widgets.HBox([row[name] for name in GUESSES], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([widgets.HTML("People met:"), *people],
                         layout=widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.8em")),
            row["message"],
        ], layout=widgets.Layout(border="1px solid #ddd", padding="0.3em 0.6em", margin="0.3em 0"))
        return row

    # -- importing ------------------------------------------------------------------------

    def ticked(self) -> list[str]:
        """The UIDs of the events ticked, in the order shown."""
        return [row["uid"] for row in self.controls["events"] if row["import"].value]

    def corrections(self) -> dict[str, dict]:
        """What the import is told of each ticked event: company, role and stage as shown, and
        the people unticked (by address)."""
        return {row["uid"]: {**{name: row[name].value for name in GUESSES},
                             "leave_out": [email for box, email in row["people"] if email and not box.value]}
                for row in self.controls["events"] if row["import"].value}

    def import_events(self) -> pd.DataFrame | None:
        """Import the ticked events as the candidate's interviews, with the corrections typed,
        in one call of the log; say what happened and read the table again. Return what the
        log did (:meth:`Log.import_calendar`), or None when nothing was written (a problem,
        said in the widget)."""
        if self.error is not None:
            return None
        c = self.controls
        for row in c["events"]:
            row["message"].value = ""
        problem = None
        self._refresh_candidates()
        if self.events is None:
            problem = "Press Read first: nothing has been read to import."
        elif self._path() != self._read_from:
            problem = "The path was changed since the events were read: press Read to see its events first."
        elif not c["candidate"].value:
            problem = ("Choose the candidate whose calendar it is (add them under About you first, if the list "
                       "is empty).")
        elif not self.ticked():
            problem = "Nothing is ticked to import: tick the events that are interviews."
        if problem is not None:
            c["message"].value = message_html(problem, error=True)
            return None
        try:
            done = self.log.import_calendar(self._read_from, c["candidate"].value, uids=self.ticked(),
                                            corrections=self.corrections(), now=self.now)
        except WorkbookError as error:
            self._show_problems(error)
            return None
        self.imported.append(done)
        line = _summary_line(done)
        self.read()
        c["message"].value = message_html(line)
        return done

    def _show_problems(self, error: WorkbookError) -> None:
        """Each problem with one event in its row; the summary line says the rest."""
        rows = {row["uid"]: row for row in self.controls["events"]}
        beside, elsewhere = {}, []
        for problem in error.problems:
            row = rows.get(problem.key) if problem.record == "event" else None
            if row is None:
                elsewhere.append(str(problem))
            elif problem.field in GUESSES:
                beside.setdefault(problem.key, []).append(
                    f"the {problem.field} is not said in the invitation: type it above")
            else:
                beside.setdefault(problem.key, []).append(f"{problem.field}: {problem.reason}")
        for uid, said in beside.items():
            rows[uid]["message"].value = message_html("; ".join(said), error=True)
        if not error.problems:
            elsewhere.append(str(error))
        count = len(error.problems) or 1
        line = "Nothing was imported: " + ("1 problem" if count == 1 else f"{count} problems")
        if beside:
            line += ", shown with the events"
        if elsewhere:
            line += ": " + "; ".join(elsewhere)
        self.controls["message"].value = message_html(line + ".", error=True)


def _when(event: dict) -> str:
    """When an event is, on its own zone's wall clock: "Tue 17 Nov 2026 13:00–14:30
    America/Chicago", "Sat 21 Nov 2026 (all day)"."""
    starts_at, ends_at, zone = event["starts_at"], event["ends_at"], event["timezone"]
    if pd.isna(starts_at) or not zone:
        return "no time given"
    if event["all_day"]:
        return f"{local_time(starts_at, zone, with_zone=False, date_only=True)} (all day)"
    start = local_time(starts_at, zone, with_zone=False)
    end = local_time(ends_at, zone, with_zone=False) if pd.notna(ends_at) else NO_VALUE
    day, _, clock = end.rpartition(" ")
    if start.startswith(day + " "):
        end = clock  # the same day: the end's time alone
    return f"{start}–{end} {zone}"


def _summary_html(event: dict) -> str:
    """The summary, where, and the start of the description: text, escaped."""
    summary = escape(event["summary"] or "(no summary)")
    location = optional(event["location"])
    html = f"<b>{summary}</b>" + (f" <span style='{_QUIET}'>· {escape(location)}</span>" if location else "")
    description = " ".join((optional(event["description"]) or "").split())
    if description:
        if len(description) > DESCRIPTION_CHARACTERS:
            description = description[:DESCRIPTION_CHARACTERS].rstrip() + "…"
        html += f"<br><span style='{_QUIET}'>{escape(description)}</span>"
    return html


def _summary_line(done: pd.DataFrame) -> str:
    """What an import did, as a sentence: "Added 2 interviews, moved 1, 3 left as they were."."""
    cancelled = done["action"].eq("cancelled in the calendar: not changed").sum()
    return import_summary(done, cancelled_hint=f" (remove {'it' if cancelled == 1 else 'them'} in the interview "
                                               "form if need be)",
                          next_step=f"Next: write the thank-you notes in {NEXT_NOTEBOOK}.")
