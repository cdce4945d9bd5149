"""What the workbook's widgets share: text made safe for HTML, how a message or a problem is
shown, how an interview is named in a list, whom a widget starts on, what "now" is (or why it cannot be told), a
time of day as people type one ("8:30 pm", :func:`read_time_of_day`) and a date and time
given with a date picker (:class:`WhenField`), the line of a form that saved nothing
(:func:`nothing_saved_html`), and showing a widget at once. Durations, local times and
statuses are written by :mod:`workbook.wording`, as everywhere else.

Everything the widgets put into an HTML widget goes through :func:`escape` first: names,
companies, talking points and error messages quoting what was typed are typed by people.
"""

from __future__ import annotations

import datetime
import html
import re
from contextlib import contextmanager

import pandas as pd

from ..wording import calendar_date, local_date

#: The colour of a refusal or a problem, in every widget.
ERROR_STYLE = "color: #b00020"


# Hours, minutes, and the seconds an ISO 8601 time pasted from elsewhere has ("20:30:15", "20:30:00.000").
_TIME_OF_DAY = re.compile(r"(\d{1,2})(?:[:.](\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(?:([ap])\.?m\.?)?", re.IGNORECASE)


def read_time_of_day(text: str) -> str | None:
    """A time of day as typed ("10:00", "9.30", "2:15 pm", "20:30:15") as "HH:MM", or
    "HH:MM:SS" when seconds were given (a fraction of one is dropped); None if it is not one.

    What every time field of the widgets reads: the interview form's start and end, the
    tracker's and the builder's "Sent at" and "Reply at".
    """
    found = _TIME_OF_DAY.fullmatch(text.strip())
    if not found:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[5] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or (found[3] is not None and int(found[3]) > 59):
        return None
    seconds = "" if found[3] is None else f":{int(found[3]):02d}"  # a fraction of a second is dropped
    return f"{hour:02d}:{minute:02d}{seconds}"


def escape(value) -> str:
    """Text from the log or typed, safe inside HTML; line breaks kept."""
    return html.escape(str(value)).replace("\n", "<br>")


def optional(value) -> str | None:
    """A text cell of a log DataFrame, None where it is missing."""
    return None if value is None or pd.isna(value) else str(value)


# Tables in an HTML widget get none of JupyterLab's table styling: give them some.
_TABLE_CSS = (
    "<style>.workbook-table {border-collapse: collapse; margin: 4px 0}"
    " .workbook-table th, .workbook-table td {padding: 3px 10px; text-align: left;"
    " border-bottom: 1px solid #ddd; vertical-align: top}"
    " .workbook-table th {background: #f3f3f3}</style>"
)


def table_html(frame: pd.DataFrame, **options) -> str:
    """A DataFrame as an escaped, readable HTML table for an HTML widget."""
    return _TABLE_CSS + frame.to_html(escape=True, border=0, classes="workbook-table", **options)


def message_html(text: str, error: bool = False) -> str:
    """A message as escaped HTML; a refusal in the error colour, after a ⚠."""
    text = escape(text)
    return f"<span style='{ERROR_STYLE}'>⚠ {text}</span>" if error and text else text


def interview_label(interview) -> str:
    """An interview as the dropdown lists it: "Thu 19 Nov 2026 · Northwind Analytics — Data
    analyst (final)", on the local date it started, in its own time zone (one that ends after
    midnight keeps the date it began, as everywhere an interview's date is shown)."""
    stage = optional(interview.stage)
    return (f"{local_date(interview.starts_at, interview.timezone)} · {interview.company} — {interview.role}"
            + (f" ({stage})" if stage else ""))


def latest_candidate(log) -> str:
    """The candidate of the latest interview in the log, else the first candidate, else "":
    whom a widget starts on."""
    interviews = log.interviews()
    if len(interviews):
        return str(interviews.sort_values(["starts_at", "interview_id"])["candidate"].iloc[-1])
    candidates = log.candidates()["candidate"]
    return str(candidates.iloc[0]) if len(candidates) else ""


def candidate_dropdown(log, candidate: str | None = None, **options):
    """A dropdown of the log's candidates (ipywidgets ``Dropdown``, labelled "Candidate", with
    ``options`` for it) on ``candidate``, else on the latest interview's
    (:func:`latest_candidate`); and, when ``candidate`` is named but not in the log, what the
    widget says (else None)."""
    import ipywidgets as widgets

    candidates = list(log.candidates()["candidate"])
    chosen = latest_candidate(log) if candidate is None else str(candidate).strip()
    dropdown = widgets.Dropdown(description="Candidate", options=candidates,
                                value=chosen if chosen in candidates else None, **options)
    unknown = None if chosen in candidates or candidate is None else (
        f"The log holds no candidate named {chosen}: add them first under About you, then choose them here.")
    return dropdown, unknown


def refresh_candidates(dropdown, log) -> None:
    """List in ``dropdown`` the candidates the log holds now (one may have been added under
    About you since the widget was made): the one chosen stays chosen, else the latest
    interview's (:func:`latest_candidate`) is. A widget whose observers read the choice calls
    this quietly (:class:`Quiet`)."""
    candidates = list(log.candidates()["candidate"])
    if list(dropdown.options) != candidates:
        chosen = dropdown.value if dropdown.value in candidates else latest_candidate(log) or None
        dropdown.options = candidates
        dropdown.value = chosen


def maybe_display(widget, display: bool, name: str = "") -> None:
    """Display ``widget`` in the notebook when ``display`` is true (the widgets' default).

    The notebook keeps the widget's view and a one-line text, ``name``, instead of the long
    text form of every control and its value: what a reader of the saved notebook (and strict
    nbval) sees where the widget cannot be shown.
    """
    if not display:
        return
    from IPython.display import display as show_now

    bundle = widget._repr_mimebundle_() or {}
    bundle["text/plain"] = name or type(widget).__name__
    show_now(bundle, raw=True)


def read_now(now) -> tuple[pd.Timestamp | None, Exception | None]:
    """The instant a widget treats as now, or None and the error saying why it cannot be read.

    A malformed ``$WORKBOOK_NOW`` (or ``now=`` argument) is a setting to fix, not a crash:
    the widget shows :func:`now_message` and offers nothing to press (:func:`disable_controls`).
    """
    from ..errors import WorkbookError
    from ..instants import resolve_now

    try:
        return resolve_now(now), None
    except WorkbookError as error:
        return None, error


def now_message(error: Exception, now) -> str:
    """What a widget says when it cannot tell the time: what is wrong, and how to fix it."""
    from ..config import NOW_ENV

    fix = (f"set {NOW_ENV} to a time with its UTC offset, like 2026-11-20T17:00:00+00:00, or remove it to use "
           "the real clock, then make this widget again" if now is None else
           "give now= a time with its UTC offset, like 2026-11-20T17:00:00+00:00")
    return f"the time now is unknown: {error}. To fix it, {fix}."


def disable_controls(widget) -> None:
    """Turn off every control inside ``widget``: buttons, fields and lists."""
    for child in getattr(widget, "children", ()):
        disable_controls(child)
    if widget.has_trait("disabled"):
        widget.disabled = True


def cannot_start_html(what: str, error: Exception, now) -> str:
    """The message of a widget that cannot tell the time: "The form cannot log an interview: ...".
    """
    return message_html(f"{what}: {now_message(error, now)}", error=True)


def refuse_to_start(widget, message, what: str, error: Exception, now) -> None:
    """Show in ``message`` (an HTML widget) why ``widget`` cannot start, and turn off its
    controls: a malformed now is told in the widget, never raised."""
    disable_controls(widget)
    message.value = cannot_start_html(what, error, now)


class Quiet:
    """Lets a widget set several controls at once without its observers refreshing after
    each: observers check ``self._quiet`` and do nothing while it is set."""

    _quiet = False

    @contextmanager
    def _quietly(self):
        self._quiet, before = True, self._quiet
        try:
            yield
        finally:
            self._quiet = before


class NoticesChanges:
    """Lets a widget that reads the log (``self.log``) notice another notebook's writes: it
    keeps the log's revision in ``self._revision`` when it reads (in its ``refresh``), and
    :meth:`notice_changes` reads again only when the revision has moved."""

    _revision = None

    def notice_changes(self) -> bool:
        """Read the log again (``refresh``) if anyone wrote to it since it was last read;
        return whether they had. One tiny read when nothing changed."""
        if self.error is not None or self.log.revision() == self._revision:
            return False
        self.refresh()
        return True


#: Text every widget's docstring shares, written once (as seaborn's ``_docstrings``); a
#: widget's class docstring names it as ``{display}``, ``{widget}``.
SHARED_DOCS = {
    "display": ("display : bool, default True\n"
                "        Show the widget at once (``IPython.display.display``); tests pass False."),
    "widget": "widget : ipywidgets.VBox\n        The top widget.",
    "import_now": ("now : datetime or str, optional\n"
                   "        The instant the import is recorded at. By default ``$WORKBOOK_NOW`` if set, else the\n"
                   "        real clock. When it is not a time, the widget says so and offers nothing to press."),
    "error": ("error : Exception or None\n"
              "        Why the widget could not start (a malformed ``now``), also shown in it; None if it could."),
}


def shared_docs(cls):
    """Fill a widget's class docstring with :data:`SHARED_DOCS`."""
    cls.__doc__ = cls.__doc__.format(**SHARED_DOCS)
    return cls


# A time typed with its date in front, as people write one: "2026-11-28 8:30 pm", "28.11.2026 20:30".
_DATE_IN_FRONT = re.compile(r"(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))[ T]+(.+)")
# The rest of an ISO 8601 time with its UTC offset ("10:00:00-08:00"): handed to the log as written.
_TIME_WITH_OFFSET = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})", re.IGNORECASE)
#: What a time field gives as examples.
TIME_EXAMPLES = "like 20:30 or 8:30 pm"


class WhenField:
    """When something happened, as a person gives it: a date picker and a time of day ("20:30",
    "9.30", "8:30 pm", "20:30:15", as the interview form reads them), on the wall clock of a
    time zone named beside them. The time left empty means now.

    The time field also takes a date in front ("2026-11-28 8:30 pm", "28.11.2026 20:30",
    "2026-11-28T20:30:00"), or an ISO 8601 time with its UTC offset, for who types a whole time.

    The date picker starts on today. A notebook stays open for days: until the person picks
    another date, "today" is the day of the moment the time is read (:meth:`read`), not of
    the moment the field was shown, so "8:30" typed the morning after is that morning.

    Parameters
    ----------
    description : str
        The label before the date picker ("Sent at").
    button : ipywidgets.Button, optional
        The button that records the time, shown beside the fields.
    label_width : str
        The width of the label.
    now : datetime or str, optional
        The widget's ``now=``: a fixed instant stays fixed; None reads ``$WORKBOOK_NOW`` or the
        real clock again each time today is needed.

    Attributes
    ----------
    date : ipywidgets.DatePicker
    time : ipywidgets.Text
    zone : ipywidgets.HTML
        Names the time zone the date and time are in.
    widget : ipywidgets.HBox
        The three, and the ``button`` given (the one that records the time), side by side;
        they wrap rather than cut a hint or a label off.
    """

    def __init__(self, description: str, button=None, label_width: str = "7em", now=None):
        import ipywidgets as widgets

        self.now = now
        self.date = widgets.DatePicker(description=description, style={"description_width": label_width},
                                       layout=widgets.Layout(flex="0 0 auto"))
        # Wide enough for its hint whatever the label beside it: never cut to "now, or 8:3…".
        self.time = widgets.Text(placeholder="now, or 8:30 pm", layout=widgets.Layout(width="11em", flex="0 0 auto"))
        self.zone = widgets.HTML(layout=widgets.Layout(flex="0 1 auto", margin="0 0 0 0.5em"))
        self.widget = widgets.HBox([self.date, self.time, self.zone, *([button] if button is not None else [])],
                                   layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self._zone: str | None = None
        self._today: datetime.date | None = None  # the date the picker was filled with
        self._chosen = False  # whether the person chose the date (else it follows the clock)
        self._filling = False
        self.date.observe(self._on_date, names="value")

    def _on_date(self, _change) -> None:
        if not self._filling:
            self._chosen = True

    def _fill(self, day: datetime.date | None) -> None:
        """Put ``day`` in the date picker as the field's own (today), not as the person's choice."""
        self._filling = True
        try:
            self.date.value = self._today = day
        finally:
            self._filling = False
        self._chosen = False

    def _today_now(self) -> datetime.date | None:
        """Today in the zone shown, as of now (read again: the clock moves on); None without a
        zone. Raises WorkbookError when now cannot be read."""
        from ..instants import resolve_now

        return None if self._zone is None else resolve_now(self.now).tz_convert(self._zone).date()

    def show(self, zone: str | None, keep: bool = True) -> None:
        """Name ``zone`` beside the fields (None: nothing is chosen), the date picker on today
        there. With ``keep``, a date or time the person chose stays as chosen (only the
        zone's name follows)."""
        self._zone = zone
        today = self._today_now()
        if not keep or not self._chosen or self.date.value is None:
            self._fill(today)
        self._today = today
        if not keep:
            self.time.value = ""
        self.zone.value = f"<span style='color: #555'>{escape(zone)} time</span>" if zone else ""

    def read(self) -> tuple[str | None, str | None]:
        """What the log takes as the time (None: now; else "2026-11-28T20:30" on the zone's wall
        clock), and None; or None and what is wrong, in words for the person.

        A date picker the person left as it was filled is moved to today as of this reading
        first."""
        if not self._chosen and self._zone is not None:
            from ..errors import WorkbookError

            try:
                self._fill(self._today_now())
            except WorkbookError as error:
                return None, now_message(error, self.now)
        typed, day = self.time.value.strip(), self.date.value
        if not typed:
            if day is None or day == self._today:
                return None, None
            return None, f"type the time of day on {calendar_date(day)} too ({TIME_EXAMPLES}), or leave both for now"
        dated = _DATE_IN_FRONT.fullmatch(typed)
        clock = typed
        if dated:
            year, month, date_ = (dated[1], dated[2], dated[3]) if dated[1] else (dated[6], dated[5], dated[4])
            try:
                day = datetime.date(int(year), int(month), int(date_))
            except ValueError:
                return None, f"{typed!r} has no such date (like 2026-11-28 20:30 or 28.11.2026 8:30 pm)"
            clock = dated[7].strip()
            if _TIME_WITH_OFFSET.fullmatch(clock):
                return f"{day.isoformat()}T{clock}", None
        time_of_day = read_time_of_day(clock)
        if time_of_day is None:
            return None, f"{clock!r} is not a time of day ({TIME_EXAMPLES})"
        if day is None:
            return None, "choose the date in the date picker too"
        return f"{day.isoformat()}T{time_of_day}", None


def nothing_saved_html(count: int, beside_fields: bool, elsewhere: list[str]) -> str:
    """The summary line of a form that saved nothing: "Nothing was saved: 2 problems, shown
    next to the fields: …", in the error colour.

    Parameters
    ----------
    count : int
        How many problems there are.
    beside_fields : bool
        Whether some are shown next to their fields.
    elsewhere : list of str
        The problems with no field to stand beside, in words: said in the line itself.
    """
    line = "Nothing was saved: " + ("1 problem" if count == 1 else f"{count} problems")
    if beside_fields:
        line += ", shown next to the fields"
    if elsewhere:
        line += ": " + "; ".join(elsewhere)
    return message_html(line + ".", error=True)
