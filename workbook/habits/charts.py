"""Charts of follow-up habits: one matplotlib function per chart.

Each function takes data the analytics already computed (the follow-ups of
:func:`workbook.habits.followup_table.followups`, or a table of :mod:`workbook.habits`) and an optional
``ax``; it draws, and returns the Axes. Nothing here computes a rate or a status that
:mod:`workbook.habits` or :mod:`workbook.habits.followup_table` already computes, and nothing calls
``plt.show()``: the notebook shows the figure, the dashboard renders it.

Every chart has a plain-words title, axes with units, the guideline where it applies (the
24-hour line, everyone thanked), the colour-blind-safe :data:`STATUS_COLORS`, dates in the
interview's local time (an interview is dated by the local date it started), and a readable
"No ..." message instead of an error on empty data. An overdue note is told apart as "not yet
thanked (overdue)" while it can still be sent and "never thanked" once it no longer can
(:mod:`workbook.habits.followup_table`).
Statuses, durations, local dates and rates are written by :mod:`workbook.wording`.

This is the only module that imports matplotlib; ``import workbook`` does not import it.
"""

from __future__ import annotations

import inspect

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import dates as mdates
from matplotlib import ticker
from matplotlib.patches import Patch

from . import analysis
from ..errors import InvalidValueError, Problem, UnknownRecordError, raise_problems
from .followup_table import DUE_AFTER
from ..instants import local_wall_clock
from ..wording import (
    NEVER_THANKED, NOT_YET_THANKED, STATUS_WORDS, durations, local_dates, local_times, percent, times_left,
)

__all__ = [
    "OKABE_ITO", "STATUS_COLORS", "NOT_YET_THANKED_COLOR", "STATUS_LABELS", "FIGSIZE",
    "hours_to_send", "interview_timeline", "trend", "outcomes_by_followup",
    "coverage_by_interview", "due_now", "coach_view",
]

#: The Okabe–Ito palette: eight colours told apart with every common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000",
}
#: One colour per follow-up status (and per column of the per-interview table that counts it).
#: "Pending" is a neutral grey: not yet good or bad.
STATUS_COLORS = {
    "same_day": OKABE_ITO["bluish_green"],
    "within_24h": OKABE_ITO["blue"],
    "late": OKABE_ITO["orange"],
    "pending": "#999999",
    "overdue": OKABE_ITO["vermillion"],
}
#: An overdue note that can still be sent; one that no longer can is ``STATUS_COLORS["overdue"]``.
NOT_YET_THANKED_COLOR = OKABE_ITO["reddish_purple"]
#: The statuses as a chart's legend says them: the words of every table and widget.
STATUS_LABELS = STATUS_WORDS
#: The colour of the guideline's marks (the 24-hour line, 100%, "due").
GUIDELINE_COLOR = OKABE_ITO["black"]
#: The size in inches of the figure each chart makes when no ``ax`` is given.
FIGSIZE = {
    "hours_to_send": (8, 4.5),
    "interview_timeline": (9, 4.5),
    "trend": (9, 4.5),
    "outcomes_by_followup": (8, 4.5),
    "coverage_by_interview": (9, 7),
    "due_now": (9, 5),
    "coach_view": (8, 4),
}

GUIDELINE_HOURS = DUE_AFTER / pd.Timedelta(hours=1)
#: The most rows (bars) a chart of one row per interview, person or candidate draws: beyond
#: this the labels no longer read, and a chart of a coaching practice's years would take
#: minutes to draw. The chart then keeps the rows that matter most and says so in its title.
MOST_ROWS = 30

# Parameter and return text shared by the charts' docstrings, written once.
_DOCS = {
    "followups": (
        "followups : DataFrame\n"
        "    One row per person met, as :func:`workbook.habits.followup_table.followups` returns (or a\n"
        "    subset of its rows: one candidate, a date range)."
    ),
    "ax": (
        "ax : matplotlib.axes.Axes, optional\n"
        "    Where to draw. By default a new figure of a fixed size (:data:`FIGSIZE`)."
    ),
    "returns": (
        "Returns\n"
        "-------\n"
        "matplotlib.axes.Axes\n"
        "    The Axes drawn on. On empty data it holds the title and a centred \"No ...\"\n"
        "    message instead of a chart."
    ),
}


def _share_docs(func):
    """Fill ``{ax}``, ``{followups}`` and ``{returns}`` into a chart's docstring."""
    func.__doc__ = inspect.cleandoc(func.__doc__).format(**_DOCS)
    return func


# -- shared drawing steps ------------------------------------------------------------------

def _axes(ax, chart: str):
    """The Axes to draw on: the given one, or a new figure of the chart's fixed size."""
    if ax is None:
        _, ax = plt.subplots(figsize=FIGSIZE[chart], layout="constrained")
    return ax


def _nothing_to_show(ax, title: str, message: str):
    """An empty chart that still reads: the title and a centred message."""
    ax.set_title(title)
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=12, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _legend_below(ax, handles=None, labels=None, ncol: int = 3) -> None:
    """The legend under the x-axis label, where it hides no data."""
    if handles is None:
        handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=ncol, fontsize=9,
              frameon=False)


def _plain(text: pd.Series) -> pd.Series:
    """Text from the log, shown as typed: a "$" in a name must not start mathtext."""
    return text.astype(str).str.replace("$", r"\$", regex=False)


def _at_most(table: pd.DataFrame, most: int, keep: str, things: str) -> tuple[pd.DataFrame, str]:
    """At most ``most`` rows of ``table``: its first rows with ``keep="first"``, its last with
    ``keep="last"``; and the words for the title when some were left out ("" when none)."""
    if most < 1:
        raise InvalidValueError(f"a chart needs room for at least one row, not most={most}")
    if len(table) <= most:
        return table, ""
    kept = table.head(most) if keep == "first" else table.tail(most)
    return kept, f"\n({most} of {len(table):,} {things})"


def _percent_axis(axis) -> None:
    axis.set_major_formatter(ticker.PercentFormatter(xmax=1))


# -- the charts ----------------------------------------------------------------------------

@_share_docs
def hours_to_send(followups: pd.DataFrame, ax=None):
    """How soon the notes went out: a histogram of hours to send, stacked by status.

    Bars count the people thanked, coloured ``same_day``, ``within_24h`` and ``late``; a
    dashed line marks the guideline's 24 hours, and the text in the corner gives the
    same-day and on-time rates of :func:`workbook.habits.summary` (over the notes due) and
    how many people are not in the bars (not yet thanked though overdue, never thanked, or not
    due yet).

    Parameters
    ----------
    {followups}
    {ax}

    {returns}
    """
    ax = _axes(ax, "hours_to_send")
    title = "How soon the thank-you notes went out"
    thanked = followups[followups["hours_to_send"].notna()]
    if thanked.empty:
        return _nothing_to_show(ax, title, "No notes sent yet")

    # Bins of a width that divides 24, so that the 24-hour line falls on a bin edge; bins
    # are closed on the right because exactly 24 h is still on time.
    longest = float(thanked["hours_to_send"].max())
    width = next((w for w in (1, 2, 3, 4, 6, 12, 24) if longest / w <= 30), 24 * np.ceil(longest / 24 / 30))
    edges = np.arange(0, max(longest, GUIDELINE_HOURS) + width, width)
    # Bin i holds (edges[i], edges[i + 1]]; 0 h goes in the first.
    hours = thanked["hours_to_send"].to_numpy(dtype=float)
    bins = np.maximum(np.searchsorted(edges, hours, side="left") - 1, 0)
    status = thanked["status"].astype(str).to_numpy()

    bottom = np.zeros(len(edges) - 1)
    for name in ("same_day", "within_24h", "late"):
        counts = np.bincount(bins[status == name], minlength=len(edges) - 1)
        ax.bar(edges[:-1], counts, width=width, bottom=bottom, align="edge",
               color=STATUS_COLORS[name], edgecolor="white", linewidth=0.5, label=STATUS_LABELS[name])
        bottom += counts

    ax.axvline(GUIDELINE_HOURS, color=GUIDELINE_COLOR, linestyle="--", linewidth=1.5, label="24 h: the guideline")
    overall = analysis.summary(followups).loc[analysis.ALL]
    lines = [f"Same day: {percent(overall['same_day_rate'])} of {overall['due']:.0f} notes due",
             f"Within 24 h: {percent(overall['on_time_rate'])}"]
    left_out = [f"{n:.0f} {what}" for n, what in ((overall["not_yet_thanked"], NOT_YET_THANKED),
                                                  (overall["never_thanked"], NEVER_THANKED),
                                                  (overall["pending"], "not due yet")) if n]
    if left_out:
        lines.append("Not in the bars: " + ", ".join(left_out))
    ax.text(0.98, 0.97, "\n".join(lines), transform=ax.transAxes, ha="right", va="top",
            bbox={"facecolor": "white", "edgecolor": "#cccccc", "boxstyle": "round"})
    ax.set_title(title)
    ax.set_xlabel("Hours from the interview's end to the note (h)")
    ax.set_ylabel("People thanked (count)")
    ax.set_xlim(0, edges[-1])
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.legend(loc="center right")
    return ax


@_share_docs
def interview_timeline(followups: pd.DataFrame, interview_id=None, ax=None):
    """One interview's follow-up, person by person, in the interview's local time.

    Each person met has a row: the interview's end and the due time (end + 24 h) are
    vertical marks across the interview's rows, the end of the local day a dotted one; each
    first sent note is a point coloured by status. Whoever was not thanked by the due time is
    a cross at the due line, labelled "not yet thanked (overdue)" while the note can still be
    sent and "never thanked" once it no longer can; a note not sent and not yet due is a
    hollow circle there. Given several interviews (a week's worth), each keeps its own rows
    and its own local time, and is dated by its local start.

    Parameters
    ----------
    {followups}
    interview_id : int or list of int, optional
        The interview(s) to show. By default every interview in ``followups``.
    {ax}

    {returns}

    Raises
    ------
    UnknownRecordError
        When an ``interview_id`` asked for is not in ``followups``.
    """
    ax = _axes(ax, "interview_timeline")
    if interview_id is not None:
        wanted = np.atleast_1d(interview_id)
        unknown = sorted(set(wanted.tolist()) - set(followups["interview_id"].tolist()))
        raise_problems([Problem(f"interview {i}", "interview_id", "is not among these follow-ups", UnknownRecordError)
                        for i in unknown])
        followups = followups[followups["interview_id"].isin(wanted)]
    if followups.empty:
        return _nothing_to_show(ax, "Thank-you notes after the interview", "No interviews to show")

    rows = followups.sort_values(["ended_at", "interview_id", "interviewer_id"], ignore_index=True)
    zones = rows["timezone"]
    ended = local_wall_clock(rows["ended_at"], zones)
    due = local_wall_clock(rows["due_at"], zones)
    sent = local_wall_clock(rows["sent_at"], zones)
    day_ends = ended.dt.normalize() + pd.Timedelta(days=1)
    single = rows["interview_id"].nunique() == 1
    # Several interviews: a blank row above each one holds its heading.
    group = rows["interview_id"].ne(rows["interview_id"].shift()).cumsum().to_numpy()
    y = np.arange(len(rows)) + (0 if single else group)

    # The marks of each interview span its own rows.
    spans = pd.DataFrame({"interview_id": rows["interview_id"], "y": y, "ended": ended, "due": due,
                          "day_end": day_ends}).groupby("interview_id", sort=False).agg(
        low=("y", "min"), high=("y", "max"), ended=("ended", "first"), due=("due", "first"),
        day_end=("day_end", "first"))
    low, high = spans["low"].to_numpy() - 0.4, spans["high"].to_numpy() + 0.4
    ax.vlines(spans["ended"].to_numpy(), low, high, color="#555555", linewidth=2, label="interview ended")
    ax.vlines(spans["day_end"].to_numpy(), low, high, color="#555555", linestyle=":", linewidth=1,
              label="end of the local day")
    ax.vlines(spans["due"].to_numpy(), low, high, color=GUIDELINE_COLOR, linestyle="--", linewidth=1.5,
              label="due: 24 h after the end")

    status = rows["status"].astype(str)
    for name in ("same_day", "within_24h", "late"):
        mine = (status == name).to_numpy()
        if mine.any():
            ax.scatter(sent[mine].to_numpy(), y[mine], s=60, color=STATUS_COLORS[name], zorder=3,
                       label=STATUS_LABELS[name])
    never = rows["never_thanked"].to_numpy(dtype=bool)
    for missed, words, colour in (((status == "overdue").to_numpy() & ~never, NOT_YET_THANKED, NOT_YET_THANKED_COLOR),
                                  ((status == "overdue").to_numpy() & never, NEVER_THANKED, STATUS_COLORS["overdue"])):
        if not missed.any():
            continue
        ax.scatter(due[missed].to_numpy(), y[missed], s=90, marker="X", color=colour, zorder=3, label=words)
        for x, row in zip(due[missed], y[missed]):
            ax.annotate(words, (x, row), xytext=(8, 0), textcoords="offset points", va="center", color=colour,
                        fontsize=9)
    waiting = (status == "pending").to_numpy()
    if waiting.any():
        ax.scatter(due[waiting].to_numpy(), y[waiting], s=70, facecolors="none", edgecolors=STATUS_COLORS["pending"],
                   linewidths=2, zorder=3, label=STATUS_LABELS["pending"])

    ax.set_yticks(y, _plain(rows["interviewer"]))
    if not single:
        headings = (_plain(rows["company"]) + ", " + local_times(rows["started_at"], zones, with_zone=True)
                    ).groupby(rows["interview_id"], sort=False).first()
        for heading, top in zip(headings, spans["low"]):
            ax.annotate(heading, (0.01, top - 1), xycoords=("axes fraction", "data"), va="center", fontsize=9,
                        fontweight="bold")
    ax.set_ylim(y.max() + 0.6, y.min() - (0.6 if single else 1.6))
    times = pd.concat([ended, due, sent.dropna()])
    room = (times.max() - times.min()) * 0.2  # for "never thanked" right of the last due line
    ax.set_xlim(times.min() - pd.Timedelta(hours=2), times.max() + max(room, pd.Timedelta(hours=4)))
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if single:
        first = rows.iloc[0]
        ax.set_title(f"Thank-you notes after the interview at {_plain(rows['company']).iloc[0]}, "
                     f"{local_dates(rows['started_at'], zones).iloc[0]}")
        ax.set_xlabel(f"Local time at the interview ({first['timezone']})")
    else:
        ax.set_title(f"Thank-you notes after {rows['interview_id'].nunique()} interviews, each in its local time")
        ax.set_xlabel("Local time at each interview (each in its own time zone)")
    ax.set_ylabel("Person met")
    _legend_below(ax, ncol=4)
    return ax


@_share_docs
def trend(trend_table: pd.DataFrame, ax=None):
    """Am I getting better? The on-time and same-day rates period by period, and the median
    hours to send on a second axis with the 24-hour guideline.

    The on-time rate is a large open circle, the same-day rate a small filled square drawn
    on top of it: where the two are equal (every note on time went out the same day) both
    stay visible. Months are ticked and named by month ("Nov 2026"), weeks on the Monday they
    start.

    Parameters
    ----------
    trend_table : DataFrame
        As :func:`workbook.habits.trend` returns. With ``by_candidate=True`` the chart shows
        each candidate's on-time rate as a line of its own (and no median hours).
    {ax}

    {returns}
        The median hours are on ``ax``'s twin (the figure's other Axes).
    """
    ax = _axes(ax, "trend")
    by_candidate = "candidate" in trend_table
    title = "On-time thank-you notes over time" + (", by candidate" if by_candidate else "")
    if trend_table.empty:
        return _nothing_to_show(ax, title, "No interviews yet")
    if trend_table["due"].sum() == 0:
        return _nothing_to_show(ax, title, "No notes due yet")

    table = trend_table.sort_values("period_start")
    when = pd.to_datetime(table["period_start"]).to_numpy()
    monthly = str(table["period"].dtype).startswith("period[M")
    if by_candidate:
        colours = [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple",
                                          "sky_blue", "black")]
        for i, (candidate, rows) in enumerate(table.groupby("candidate", sort=True)):
            ax.plot(pd.to_datetime(rows["period_start"]).to_numpy(), rows["on_time_rate"].to_numpy(), marker="o",
                    color=colours[i % len(colours)], label=str(candidate).replace("$", r"\$"))
    else:
        ax.plot(when, table["on_time_rate"].to_numpy(), marker="o", markersize=11, markerfacecolor="none",
                markeredgewidth=2, linewidth=2, color=STATUS_COLORS["within_24h"], zorder=2,
                label="on time (within 24 h): open circle")
        ax.plot(when, table["same_day_rate"].to_numpy(), marker="s", markersize=5, linewidth=1.5,
                color=STATUS_COLORS["same_day"], zorder=3, label="same day: small square")
    ax.axhline(1, color=GUIDELINE_COLOR, linestyle=":", linewidth=1, label="everyone on time (100%)")
    ax.set_ylim(0, 1.05)
    _percent_axis(ax.yaxis)
    ax.set_ylabel("Notes due that went out on time (%)")
    handles, labels = ax.get_legend_handles_labels()

    if not by_candidate:
        hours = ax.twinx()
        hours.plot(when, table["median_hours"].to_numpy(), marker="^", linestyle="--", color=STATUS_COLORS["late"],
                   label="median hours to send (right axis)")
        hours.axhline(GUIDELINE_HOURS, color=GUIDELINE_COLOR, linestyle="--", linewidth=1.5,
                      label="24 h: the guideline (right axis)")
        top = np.nanmax(np.append(table["median_hours"].to_numpy(dtype=float), GUIDELINE_HOURS))
        hours.set_ylim(0, top * 1.15)
        hours.set_ylabel("Median hours to send (h)")
        more_handles, more_labels = hours.get_legend_handles_labels()
        handles, labels = handles + more_handles, labels + more_labels

    ax.set_title(title)
    ax.set_xlabel(("Month" if monthly else "Week starting") + " (local date each interview started)")
    pad = pd.Timedelta(days=15 if monthly else 3)  # a single period still gets a readable axis
    ax.set_xlim(when.min() - pad, when.max() + pad)
    # A tick on each period's start (every few when there are many), named as a period.
    span = pd.Timestamp(when.max()) - pd.Timestamp(when.min())
    if monthly:
        months = round(span.days / 30.44) + 1
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=int(np.ceil(months / 12))))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    else:
        weeks = span.days // 7 + 1
        locator = mdates.WeekdayLocator(byweekday=mdates.MO, interval=int(np.ceil(weeks / 12)))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    _legend_below(ax, handles, labels)
    return ax


@_share_docs
def outcomes_by_followup(table: pd.DataFrame, ax=None):
    """The share of good outcomes (next round, offer) after each kind of follow-up.

    Bars are the shares, error bars the 95% Wilson intervals, each labelled with its
    number of interviews; a group's caution (too few interviews) is written on it. The
    caption says it plainly: this is what went together, not what caused what.

    Parameters
    ----------
    table : DataFrame
        As :func:`workbook.habits.outcomes_by_followup` returns.
    {ax}

    {returns}
    """
    ax = _axes(ax, "outcomes_by_followup")
    title = "Good outcomes after each kind of follow-up"
    if table.empty or table["interviews"].sum() == 0:
        return _nothing_to_show(ax, title, "No outcomes recorded yet")

    x = np.arange(len(table))
    share = table["share"].to_numpy(dtype=float)
    has_data = ~np.isnan(share)
    colours = table["group"].astype(str).map(
        {"all_on_time": STATUS_COLORS["same_day"], "some_late": STATUS_COLORS["late"],
         "someone_missed": STATUS_COLORS["overdue"]}).fillna("#999999")
    ax.bar(x, np.nan_to_num(share), color=colours.to_list(), width=0.6, label="share with a good outcome")
    below = share - table["low"].to_numpy(dtype=float)
    above = table["high"].to_numpy(dtype=float) - share
    ax.errorbar(x[has_data], share[has_data], yerr=[below[has_data], above[has_data]], fmt="none",
                ecolor=GUIDELINE_COLOR, capsize=6, linewidth=1.5, label="95% interval")

    counts = "n = " + table["interviews"].astype(str)
    counts_at = np.where(has_data, np.nan_to_num(table["high"].to_numpy(dtype=float)), 0)
    for i in x:
        ax.annotate(counts.iloc[i], (i, counts_at[i]), xytext=(0, 4), textcoords="offset points", ha="center",
                    va="bottom", fontsize=10)
        if table["caution"].iloc[i]:
            ax.annotate(table["caution"].iloc[i].replace(": ", ":\n"), (i, 0.02), ha="center", va="bottom",
                        fontsize=8, style="italic", color="#333333",
                        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
    ax.text(0.5, 0.98, "What went together in this log, not what caused what.", transform=ax.transAxes,
            ha="center", va="top", style="italic", color="#333333")
    ax.set_xticks(x, table["label"].str.replace(", ", ",\n", regex=False))
    ax.set_ylim(0, 1.25)
    ax.set_yticks(np.linspace(0, 1, 6))
    _percent_axis(ax.yaxis)
    ax.set_ylabel("Interviews followed by a next round or offer (%)")
    ax.set_xlabel("How the follow-up to the interview went")
    ax.set_title(title)
    return ax


@_share_docs
def coverage_by_interview(interview_table: pd.DataFrame, ax=None, most: int = MOST_ROWS):
    """Did everyone get a note? One stacked bar per interview: the people thanked on time,
    thanked late, not yet thanked though overdue, never thanked, and not yet due; "3 of 3" at
    the end of each bar.

    Bars are labelled with the local date the interview started and its company, the latest on
    top. A bar of only green and orange is the guideline met: everyone thanked.

    Parameters
    ----------
    interview_table : DataFrame
        As :func:`workbook.habits.interview_followup` returns. With a ``timezone`` column
        (the interview's), the dates are local; without one, they are UTC dates.
    {ax}
    most : int, default :data:`MOST_ROWS`
        The most interviews drawn: the latest ones; the title says how many were left out.

    {returns}
    """
    ax = _axes(ax, "coverage_by_interview")
    title = "Did everyone you met get a thank-you note?"
    if interview_table.empty:
        return _nothing_to_show(ax, title, "No interviews yet")

    table = interview_table.sort_values(["ended_at", "interview_id"], ignore_index=True)
    table, left_out = _at_most(table, most, "last", "interviews, the latest")
    table = table.reset_index(drop=True)
    y = np.arange(len(table))
    parts = {"on_time": (STATUS_COLORS["same_day"], "thanked on time"), "late": (STATUS_COLORS["late"], "thanked late"),
             "overdue": (NOT_YET_THANKED_COLOR, NOT_YET_THANKED), "missed": (STATUS_COLORS["overdue"], NEVER_THANKED),
             "pending": (STATUS_COLORS["pending"], "not due yet")}
    left = np.zeros(len(table))
    for column, (colour, label) in parts.items():
        widths = table[column].to_numpy(dtype=float)
        ax.barh(y, widths, left=left, color=colour, edgecolor="white", linewidth=0.5, label=label)
        left += widths
    thanked = table["on_time"] + table["late"]
    ax.bar_label(ax.containers[-1], labels=(thanked.astype(str) + " of " + table["people_met"].astype(str)).to_list(),
                 padding=3, fontsize=8)

    labels = local_dates(table["started_at"], table["timezone"]) + " · " + _plain(table["company"])
    ax.set_yticks(y, labels, fontsize=8 if len(table) > 20 else 10)
    ax.set_ylim(-0.5, len(table) - 0.5)
    ax.set_xlim(0, table["people_met"].max() * 1.2)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel("People met (count)")
    ax.set_ylabel("Interview (local date it started · company)")
    ax.set_title(title + left_out)
    _legend_below(ax, ncol=3)  # under the chart: five parts would hide the latest bars
    return ax


@_share_docs
def due_now(due_table: pd.DataFrame, ax=None, most: int = MOST_ROWS):
    """Who still needs a note, most urgent first: the time left until each note is due, or
    how long it has been overdue (below zero, in red).

    Bars are labelled with the person and the company and read top-down, most urgent at the
    top; the zero line is "due". An overdue note that can still be sent is purple, one that
    can no longer be sent (never thanked) red. When some notes are long overdue the time axis is
    compressed beyond a day either side (a symmetric log scale), so that the notes still due
    within hours stay visible; each bar carries its time in words.

    Parameters
    ----------
    due_table : DataFrame
        As :func:`workbook.habits.due_now` returns (``hours_left``, most urgent first).
    {ax}
    most : int, default :data:`MOST_ROWS`
        The most notes drawn: the most urgent; the title says how many were left out.

    {returns}
    """
    ax = _axes(ax, "due_now")
    title = "Who still needs a thank-you note"
    if due_table.empty:
        return _nothing_to_show(ax, title, "No notes waiting: everyone met has been thanked")
    due_table, left_out = _at_most(due_table, most, "first", "notes waiting, the most urgent")

    hours = due_table["hours_left"].to_numpy(dtype=float)
    y = np.arange(len(due_table))
    overdue = hours < 0
    never = (due_table["never_thanked"].to_numpy(dtype=bool) if "never_thanked" in due_table
             else np.zeros(len(due_table), dtype=bool))
    colours = np.where(overdue, np.where(never, STATUS_COLORS["overdue"], NOT_YET_THANKED_COLOR),
                       STATUS_COLORS["pending"])
    ax.barh(y, hours, color=colours, height=0.7)
    span = np.abs(hours)
    words = times_left(due_table["hours_left"], short=True)
    # The words go right of the bar's end, or of the zero line for an overdue bar (left of it).
    ends = np.maximum(hours, 0)
    for text, row, end, late, colour in zip(words, y, ends, overdue, colours):
        ax.annotate(text, (end, row), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8,
                    color=colour if late else "#222222")
    ax.axvline(0, color=GUIDELINE_COLOR, linewidth=1.5, label="due")

    labels = _plain(due_table["interviewer"]) + " · " + _plain(due_table["company"])
    ax.set_yticks(y, labels, fontsize=8 if len(due_table) > 20 else 10)
    ax.set_ylim(len(due_table) - 0.5, -0.5)
    widest = max(span.max(), GUIDELINE_HOURS)
    if widest > 3 * GUIDELINE_HOURS:
        ax.set_xscale("symlog", linthresh=GUIDELINE_HOURS, linscale=1.5)
        pad = 4
    else:
        pad = 1.3
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: "due" if v == 0 else f"{v:,.0f}"))
    ax.set_xlim(min(hours.min(), 0) * pad, max(hours.max(), 0) * pad + (1 if hours.max() <= 0 else 0))
    ax.set_xlabel("Hours until the note is due (h; below zero: overdue)")
    ax.set_ylabel("Person met · company")
    _legend_below(ax, [Patch(color=STATUS_COLORS["pending"]), Patch(color=NOT_YET_THANKED_COLOR),
                       Patch(color=STATUS_COLORS["overdue"])],
                  ["still time: not due yet", NOT_YET_THANKED, NEVER_THANKED], ncol=3)
    ax.set_title(title + left_out)
    return ax


@_share_docs
def coach_view(summary_table: pd.DataFrame, ax=None, most: int = MOST_ROWS):
    """One row per candidate: the on-time rate as a bar, the same-day rate as a diamond, and
    the median hours to send and the notes due written beside it; "All candidates" at the
    bottom, hatched. The dotted line at 100% is the guideline: every note on time.

    Parameters
    ----------
    summary_table : DataFrame
        As :func:`workbook.habits.summary` returns, indexed by candidate.
    {ax}
    most : int, default :data:`MOST_ROWS`
        The most candidates drawn: those with the lowest on-time rate (the ones to talk to
        first), in the table's order; the title says how many were left out.

    {returns}
    """
    ax = _axes(ax, "coach_view")
    title = "Thank-you notes on time, by candidate"
    if summary_table.empty or summary_table["people_met"].sum() == 0:
        return _nothing_to_show(ax, title, "No interviews yet")

    # The "All" row is drawn apart, and only when it adds something (more than one candidate).
    candidates = summary_table[summary_table.index != analysis.ALL]
    overall = summary_table[summary_table.index == analysis.ALL]
    lowest = candidates.sort_values("on_time_rate", kind="stable", na_position="last")
    kept, left_out = _at_most(lowest, most, "first", "candidates, the lowest on-time rates")
    candidates = candidates[candidates.index.isin(kept.index)]
    table = pd.concat([candidates, overall]) if len(candidates) > 1 else candidates
    is_all = (table.index == analysis.ALL)
    y = np.arange(len(table))
    on_time = table["on_time_rate"].to_numpy(dtype=float)
    bars = ax.barh(y, np.nan_to_num(on_time), color=np.where(is_all, "#bbbbbb", STATUS_COLORS["within_24h"]),
                   height=0.6, label="on time (within 24 h)")
    if is_all.any():
        bars[-1].set_hatch("//")
    ax.scatter(table["same_day_rate"].to_numpy(dtype=float), y, marker="D", color=STATUS_COLORS["same_day"],
               edgecolor="white", s=60, zorder=3, label="same day")
    ax.axvline(1, color=GUIDELINE_COLOR, linestyle=":", linewidth=1.5, label="every note on time (100%)")

    median = table["median_hours"]
    words = ("median " + durations(median)).where(median.notna(), "none sent")
    due = np.where(table["due"] > 0, table["due"].astype(str) + " due", "nothing due yet")
    beside = words + " · " + due
    for row, text in zip(y, beside):
        ax.annotate(text, (1, row), xycoords=("axes fraction", "data"), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=9)

    ax.set_yticks(y, _plain(table.index.to_series()))
    for label, everyone in zip(ax.get_yticklabels(), is_all):
        label.set_fontweight("bold" if everyone else "normal")
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.set_xlim(0, 1.05)
    _percent_axis(ax.xaxis)
    ax.set_xlabel("Notes due that went out within 24 h (%)")
    ax.set_ylabel("Candidate")
    ax.set_title(title + left_out)
    _legend_below(ax, ncol=3)
    return ax


def draw_alone(name: str, data: pd.DataFrame):
    """Draw the chart ``name`` (a function of this module) on a figure of its own, made without
    pyplot: nothing stays open, and a notebook does not show it a second time. Returns the
    Axes; ``ax.figure`` is the figure."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=FIGSIZE[name], layout="constrained")
    return globals()[name](data, ax=figure.add_subplot())
