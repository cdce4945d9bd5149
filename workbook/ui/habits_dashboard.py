"""The habits dashboard: how fast, and how completely, the candidates thank the people they
meet, for the candidates and the dates chosen.

A thin layer: the log is read once (:func:`~workbook.habits.followup_table.followups` and the outcomes);
choosing candidates or dates filters those rows in memory, :func:`~workbook.habits.summary`
gives the table and :mod:`workbook.habits.charts` draws the charts. Every value shown as HTML is
escaped: candidate names come from the log.
"""

from __future__ import annotations

import base64
import io

import ipywidgets as widgets
import pandas as pd

from .. import habits
from ..errors import WorkbookError
from ..habits.followup_table import FOLLOWUP_COLUMNS
from ..habits.followup_table import followups as read_followups
from ..instants import local_wall_clock
from ..habits.views import SUMMARY_HEADINGS, readable_summary
from ..wording import NO_VALUE
from .common import shared_docs
from .common import Quiet, disable_controls, maybe_display, message_html, now_message, read_now, table_html

#: The charts the dashboard draws, in the order shown (names of :mod:`workbook.habits.charts`).
CHARTS = ("coach_view", "hours_to_send", "trend", "coverage_by_interview", "due_now", "outcomes_by_followup")
#: What the dashboard shows on a log without interviews.
NO_INTERVIEWS = ("No interviews in the log yet: log an interview and the people you met, send your notes, "
                 "and come back here to see your follow-up habits.")
#: What it shows when the candidates and dates chosen match no interview.
NO_MATCH = "No interviews match: choose at least one candidate and widen the dates."
#: The resolution of the chart images, in dots per inch.
DPI = 80


def render_summary(summary: pd.DataFrame) -> str:
    """The table of :func:`workbook.habits.summary` as escaped HTML, in the words of
    :func:`~workbook.habits.views.readable_summary`."""
    shown = readable_summary(summary).drop(columns=SUMMARY_HEADINGS["p90_hours"])
    return table_html(shown, na_rep=NO_VALUE)


def _figure_output(figure, title: str) -> dict:
    """A figure as one output of an ``ipywidgets.Output`` (a PNG), without pyplot."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                     "text/plain": f"<chart: {title}>"}}


@shared_docs
class HabitsDashboard(Quiet):
    """How fast and how completely the candidates thank the people they meet, with charts.

    Choose one or more candidates and a range of dates (the local date each interview
    started on, as everywhere in the workbook); the summary table and the charts follow. The log is read once, when the
    dashboard is made: make a new one to see notes logged since.

    Parameters
    ----------
    log : Log
        The interview log.
    now : datetime or str, optional
        The instant to judge pending against overdue notes and count the hours left; by
        default ``$WORKBOOK_NOW`` if set, else the real clock. When it is not a time, the
        dashboard says so and offers nothing to press.
    charts : sequence of str, default :data:`CHARTS`
        The charts to draw, by name; each takes a moment to render, so a notebook showing
        one of them (or a test of the table) can ask for fewer, or none.
    {display}

    Attributes
    ----------
    {widget}
    controls : dict
        The named controls: ``candidates`` (SelectMultiple), ``start`` and ``end``
        (DatePickers; empty means open-ended), ``period`` (ToggleButtons: the trend by weeks
        or months), ``show_all`` (Button: every candidate, every date), ``message`` (HTML),
        ``summary`` (HTML: the table) and ``charts`` (Output: the charts as images).
    charts : tuple of str
        The names of the charts drawn.
    followups : DataFrame
        The rows of :func:`~workbook.habits.followup_table.followups` chosen, as last shown.
    summary : DataFrame
        :func:`~workbook.habits.summary` of those rows.
    axes : dict of str to Axes
        The charts last drawn, by name (:data:`CHARTS`); empty when nothing matched.
    figures : list of Figure
        Their figures. They are not registered with pyplot, so a redraw leaves no open figure
        behind.
    error : Exception or None
        What went wrong at the last update (also shown in the widget), None if nothing did.

    Examples
    --------
    >>> dashboard = HabitsDashboard(log, now="2026-11-20T17:00:00+00:00")  # doctest: +SKIP
    >>> dashboard.controls["candidates"].value = ("Priya Raman",)  # doctest: +SKIP
    >>> dashboard.summary.loc["Priya Raman", "on_time_rate"]  # doctest: +SKIP
    """

    def __init__(self, log, now=None, charts=CHARTS, display: bool = True):
        unknown = set(charts) - set(CHARTS)
        if unknown:
            raise ValueError(f"no chart named {', '.join(sorted(unknown))}; the charts are {', '.join(CHARTS)}")
        self.log = log
        self.charts = tuple(name for name in CHARTS if name in charts)
        self.followups = pd.DataFrame(columns=FOLLOWUP_COLUMNS)
        self.summary = habits.summary(self.followups)
        self.axes: dict = {}
        self.figures: list = []
        self.error: Exception | None = None
        self._quiet = False

        # Read the log once; every change afterwards filters these rows.
        self._all, self._outcomes = self.followups, pd.DataFrame(columns=["interview_id", "outcome"])
        self.now, self.error = read_now(now)
        try:
            if self.error is None:
                self._all = read_followups(log, self.now)
                self._outcomes = log.outcomes()
        except WorkbookError as error:
            self.error = error
        self._local_day = local_wall_clock(self._all["started_at"], self._all["timezone"]).dt.normalize()
        names = sorted(self._all["candidate"].unique())
        first, last = (self._local_day.min().date(), self._local_day.max().date()) if len(self._all) else (None, None)

        # Define the widgets.
        self.controls = {
            "candidates": widgets.SelectMultiple(description="Candidates", options=names, value=tuple(names),
                                                 rows=min(max(len(names), 2), 8)),
            "start": widgets.DatePicker(description="From", value=first),
            "end": widgets.DatePicker(description="To", value=last),
            "period": widgets.ToggleButtons(description="Trend by", options=[("weeks", "W"), ("months", "M")],
                                            value="W", style={"button_width": "6em"}),
            "show_all": widgets.Button(description="Show everything", icon="refresh"),
            "message": widgets.HTML(),
            "summary": widgets.HTML(),
            "charts": widgets.Output(),
        }
        c = self.controls
        self.widget = widgets.VBox([
            widgets.HBox([c["candidates"], widgets.VBox([c["start"], c["end"]]),
                          widgets.VBox([c["period"], c["show_all"]])]),
            c["message"], c["summary"], c["charts"],
        ])
        self._first_last = (first, last)

        # Connect them.
        for name in ("candidates", "start", "end", "period"):
            c[name].observe(self._on_change, names="value")
        c["show_all"].on_click(lambda _button: self.show_everything())

        if self.error is not None or not len(self._all):
            disable_controls(self.widget)
            why = now_message(self.error, now) if self.now is None else self.error
            self._say(f"Could not show the follow-up habits: {why}" if self.error else NO_INTERVIEWS,
                      error=self.error is not None)
        else:
            self.refresh()
        maybe_display(self.widget, display, "Habits dashboard")

    def __repr__(self) -> str:
        start, end = (self.controls[k].value for k in ("start", "end"))
        return (f"HabitsDashboard({len(self.controls['candidates'].value)} of "
                f"{len(self.controls['candidates'].options)} candidates, {start or '…'} to {end or '…'}: "
                f"{self.followups['interview_id'].nunique()} interviews, {len(self.followups)} people met)")

    def _on_change(self, _change) -> None:
        if not self._quiet:
            self.refresh()

    def show_everything(self) -> None:
        """Every candidate, every date, then refresh."""
        with self._quietly():
            self.controls["candidates"].value = tuple(self.controls["candidates"].options)
            self.controls["start"].value, self.controls["end"].value = self._first_last
        self.refresh()

    # -- what is shown --------------------------------------------------------------------

    def chosen(self) -> pd.DataFrame:
        """The follow-ups of the candidates chosen, of interviews that started (local date)
        within the dates chosen."""
        c = self.controls
        keep = self._all["candidate"].isin(c["candidates"].value)
        if c["start"].value is not None:
            keep &= self._local_day >= pd.Timestamp(c["start"].value)
        if c["end"].value is not None:
            keep &= self._local_day <= pd.Timestamp(c["end"].value)
        return self._all[keep].reset_index(drop=True)

    def refresh(self) -> None:
        """Filter, summarise and draw again; show what went wrong instead of raising."""
        self.error = None
        try:
            self.followups = self.chosen()
            self.summary = habits.summary(self.followups)
            start, end = self.controls["start"].value, self.controls["end"].value
            if self.followups.empty:
                self._say("The start date is after the end date." if start and end and start > end else NO_MATCH)
                self.controls["summary"].value = ""
                self._draw({})
                return
            self._say("")
            self.controls["summary"].value = render_summary(self.summary)
            self._draw(self._chart_data())
        except Exception as error:  # noqa: BLE001 -- a widget shows the problem, never a traceback
            self.error = error
            self._say(f"Could not update the dashboard: {error}", error=True)

    def _chart_data(self) -> dict[str, pd.DataFrame]:
        """What each chart to draw takes, from the rows chosen."""
        rows = self.followups
        builders = {
            "coach_view": lambda: self.summary,
            "hours_to_send": lambda: rows,
            "trend": lambda: habits.trend(rows, freq=self.controls["period"].value),
            "coverage_by_interview": lambda: habits.interview_followup(rows),
            "due_now": lambda: habits.due_now(rows, self.now),
            "outcomes_by_followup": lambda: habits.outcomes_by_followup(rows, self._outcomes),
        }
        return {name: builders[name]() for name in self.charts}

    def _draw(self, data: dict[str, pd.DataFrame]) -> None:
        """Draw each chart on a figure of its own and show them as images.

        The figures are made without pyplot: nothing is left open between redraws, and
        the notebook does not show them a second time below the widget.
        """
        self.axes, self.figures, outputs = {}, [], []
        if data:
            from ..habits import charts

            for name in self.charts:
                self.axes[name] = charts.draw_alone(name, data[name])
                self.figures.append(self.axes[name].figure)
                outputs.append(_figure_output(self.axes[name].figure, self.axes[name].get_title()))
        self.controls["charts"].outputs = tuple(outputs)

    def _say(self, text: str, error: bool = False) -> None:
        shown = message_html(text, error=error)
        self.controls["message"].value = shown if error or not shown else f"<b>{shown}</b>"
