"""The charts: what was drawn (bars, lines, points, labels), not pixels."""

from __future__ import annotations

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import dates as mdates  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.container import ErrorbarContainer  # noqa: E402

import workbook  # noqa: E402
from workbook import habits  # noqa: E402
from workbook.habits import charts
from workbook.errors import UnknownRecordError  # noqa: E402
from workbook.sample import SAMPLE_NOW  # noqa: E402

NOW = "2026-09-20T12:00:00+00:00"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def small(log):
    """Two interviews in New York (UTC−4) as of NOW, one person of each status:

    A, Mon 2026-09-14 10:00–11:00 local: Ana +2 h (same day), Bo +22 h (next morning),
    Cy +49 h (late), Di never thanked (overdue, and the outcome is known). Outcome: an offer (final).
    B, Sat 2026-09-19 19:00–20:00 local (Sun 00:00 UTC): Ed not sent, due in 12 h (pending),
    Flo +1 h (same day).
    Returns (log, {"A": id, "B": id}, {name: interviewer id}).
    """
    log.add_candidate("Maya Okafor")
    a = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00",
                          "2026-09-14T11:00", "America/New_York")
    b = log.add_interview("Maya Okafor", "Brightline Health", "Data analyst", "2026-09-19T19:00",
                          "2026-09-19T20:00", "America/New_York")
    sent = {"Ana": (a, "2026-09-14T13:00-04:00"), "Bo": (a, "2026-09-15T09:00-04:00"),
            "Cy": (a, "2026-09-16T12:00-04:00"), "Di": (a, None), "Ed": (b, None), "Flo": (b, "2026-09-19T21:00-04:00")}
    people = {}
    for name, (interview, at) in sent.items():
        people[name] = log.add_interviewer(interview, name)
        if at:
            log.add_note(people[name], body="Thank you", sent_at=at)
    log.add_outcome(a, "offer", "2026-09-18")
    return log, {"A": a, "B": b}, people


@pytest.fixture
def small_followups(small):
    return workbook.followups(small[0], now=NOW)


@pytest.fixture
def sample_followups(sample_log):
    return workbook.followups(sample_log, now=SAMPLE_NOW)


def texts(ax) -> list[str]:
    """Every text written on the Axes (texts and annotations)."""
    return [t.get_text() for t in ax.texts]


def bars(ax, colour: str) -> list:
    return [p for p in ax.patches if p.get_facecolor() == to_rgba(colour)]


def labelled(collection_type, ax, label: str):
    found = [c for c in ax.collections if isinstance(c, collection_type) and c.get_label() == label]
    assert len(found) == 1, [c.get_label() for c in ax.collections]
    return found[0]


def line_of(ax, starts: str):
    """The one line on ``ax`` whose legend label starts with ``starts``."""
    found = [line for line in ax.lines if line.get_label().startswith(starts)]
    assert len(found) == 1, [line.get_label() for line in ax.lines]
    return found[0]


def local_num(text: str) -> float:
    """A naive local wall-clock time as a matplotlib date number."""
    return mdates.date2num(np.datetime64(text))


def empty_inputs(log):
    """Every chart's input on an empty log."""
    followups = workbook.followups(log, now=NOW)
    return {
        "hours_to_send": followups,
        "interview_timeline": followups,
        "trend": habits.trend(followups),
        "outcomes_by_followup": habits.outcomes_by_followup(followups, log.outcomes()),
        "coverage_by_interview": habits.interview_followup(followups),
        "due_now": habits.due_now(followups, pd.Timestamp(NOW)),
        "coach_view": habits.summary(followups),
    }


def sample_inputs(sample_log, followups):
    return {
        "hours_to_send": followups,
        "interview_timeline": followups[followups["interview_id"] == 6],
        "trend": habits.trend(followups),
        "outcomes_by_followup": habits.outcomes_by_followup(followups, sample_log.outcomes()),
        "coverage_by_interview": habits.interview_followup(followups),
        "due_now": habits.due_now(followups, pd.Timestamp(SAMPLE_NOW)),
        "coach_view": habits.summary(followups),
    }


CHARTS = list(charts.FIGSIZE)


# -- every chart ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_says_no_data_instead_of_failing(log, name):
    ax = getattr(charts, name)(empty_inputs(log)[name])
    assert ax.get_title()
    assert len(ax.texts) == 1 and ax.texts[0].get_text().startswith("No ")
    assert not ax.patches and not ax.lines


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_has_a_title_units_and_draws_on_the_axes_given(sample_log, sample_followups, name):
    _, given = plt.subplots()
    ax = getattr(charts, name)(sample_inputs(sample_log, sample_followups)[name], ax=given)
    assert ax is given
    assert len(plt.get_fignums()) == 1
    assert ax.get_title()
    for label in (ax.get_xlabel(), ax.get_ylabel()):
        assert label
    units = ("(h", "(%)", "(count)", "(local date", "local time", "Local time")
    assert any(u in ax.get_xlabel() + ax.get_ylabel() for u in units) or name == "interview_timeline"
    ax.figure.canvas.draw()  # the whole chart renders, mathtext and layout included


@pytest.mark.parametrize("name", CHARTS)
def test_without_an_ax_a_chart_makes_a_figure_of_its_fixed_size(sample_log, sample_followups, name):
    ax = getattr(charts, name)(sample_inputs(sample_log, sample_followups)[name])
    assert tuple(ax.figure.get_size_inches()) == pytest.approx(charts.FIGSIZE[name])


def test_shared_parameter_text_is_filled_into_the_docstrings():
    for name in CHARTS:
        doc = getattr(charts, name).__doc__
        assert "{" not in doc and "ax : matplotlib.axes.Axes, optional" in doc and "Returns" in doc


def test_the_palette_is_okabe_ito_with_a_colour_per_status():
    assert set(charts.STATUS_COLORS) == set(workbook.STATUSES)
    assert len(set(charts.STATUS_COLORS.values())) == len(workbook.STATUSES)
    assert set(charts.STATUS_COLORS.values()) - {"#999999"} <= set(charts.OKABE_ITO.values())


def test_importing_workbook_does_not_import_the_charts():
    code = "import sys, workbook; print('workbook.habits.charts' in sys.modules, 'matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


# -- hours to send -------------------------------------------------------------------------

def test_hours_to_send_bars_count_the_people_thanked_by_status(sample_followups):
    ax = charts.hours_to_send(sample_followups)
    heights = [p.get_height() for p in ax.patches]
    thanked = sample_followups["hours_to_send"].notna().sum()
    assert sum(heights) == thanked == 98
    counts = sample_followups["status"].value_counts()
    for status in ("same_day", "within_24h", "late"):
        assert sum(p.get_height() for p in bars(ax, charts.STATUS_COLORS[status])) == counts[status]
    # Nothing on time lies right of the line, nothing late left of it.
    assert all(p.get_x() >= 24 for p in bars(ax, charts.STATUS_COLORS["late"]) if p.get_height())
    assert all(p.get_x() + p.get_width() <= 24 for p in bars(ax, charts.STATUS_COLORS["within_24h"])
               if p.get_height())


def test_hours_to_send_marks_24_hours_and_writes_the_same_day_share(sample_followups):
    ax = charts.hours_to_send(sample_followups)
    guideline = [line for line in ax.lines if list(line.get_xdata()) == [24, 24]]
    assert len(guideline) == 1 and "24 h" in guideline[0].get_label()
    overall = habits.summary(sample_followups).loc[habits.ALL]
    assert f"Same day: {overall['same_day_rate']:.0%} of 113 notes due" in texts(ax)[0]
    assert "1 not yet thanked (overdue), 14 never thanked, 7 not due yet" in texts(ax)[0]
    assert "(h)" in ax.get_xlabel() and "(count)" in ax.get_ylabel()


def test_hours_to_send_on_a_small_log(small_followups):
    ax = charts.hours_to_send(small_followups)
    drawn = {status: [(p.get_x(), p.get_height()) for p in bars(ax, charts.STATUS_COLORS[status]) if p.get_height()]
             for status in ("same_day", "within_24h", "late")}
    # Bins of 2 hours: Ana +2 h and Flo +1 h in (0, 2], Bo +22 h in (20, 22], Cy +49 h in (48, 50].
    assert drawn == {"same_day": [(0, 2)], "within_24h": [(20, 1)], "late": [(48, 1)]}
    assert "Not in the bars: 1 never thanked, 1 not due yet" in texts(ax)[0]


def test_hours_to_send_counts_exactly_24_hours_as_on_time(one_interview):
    log, _, (ana, _bo) = one_interview
    log.add_note(ana, body="Thanks", sent_at="2026-09-15T11:00-04:00")
    ax = charts.hours_to_send(workbook.followups(log, now=NOW))
    on_time = [p for p in bars(ax, charts.STATUS_COLORS["within_24h"]) if p.get_height()]
    assert len(on_time) == 1 and on_time[0].get_x() + on_time[0].get_width() == 24


def test_hours_to_send_with_nobody_thanked_yet(one_interview):
    ax = charts.hours_to_send(workbook.followups(one_interview[0], now=NOW))
    assert texts(ax) == ["No notes sent yet"]


# -- one interview's timeline --------------------------------------------------------------

def test_timeline_puts_each_note_at_its_local_time_and_marks_who_was_missed(small, small_followups):
    _, interviews, _ = small
    ax = charts.interview_timeline(small_followups, interview_id=interviews["A"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana", "Bo", "Cy", "Di"]
    same_day = labelled(PathCollection, ax, charts.STATUS_LABELS["same_day"])
    assert same_day.get_offsets().tolist() == [[local_num("2026-09-14T13:00"), 0]]
    late = labelled(PathCollection, ax, charts.STATUS_LABELS["late"])
    assert late.get_offsets().tolist() == [[local_num("2026-09-16T12:00"), 2]]
    # Di, never thanked (the outcome is known): a cross at the due line (11:00 local the next
    # day), said in words.
    missed = labelled(PathCollection, ax, "never thanked")
    assert missed.get_offsets().tolist() == [[local_num("2026-09-15T11:00"), 3]]
    assert "never thanked" in texts(ax) and "not yet thanked (overdue)" not in texts(ax)
    due = labelled(LineCollection, ax, "due: 24 h after the end")
    assert [segment[0][0] for segment in due.get_segments()] == [local_num("2026-09-15T11:00")]
    ended = labelled(LineCollection, ax, "interview ended")
    assert [segment[0][0] for segment in ended.get_segments()] == [local_num("2026-09-14T11:00")]
    assert "America/New_York" in ax.get_xlabel()
    assert "Northwind Analytics" in ax.get_title() and "Mon 14 Sep 2026" in ax.get_title()


def test_timeline_shows_a_note_not_yet_due_at_the_due_line(small, small_followups):
    _, interviews, _ = small
    ax = charts.interview_timeline(small_followups, interview_id=interviews["B"])
    waiting = labelled(PathCollection, ax, charts.STATUS_LABELS["pending"])
    assert waiting.get_offsets().tolist() == [[local_num("2026-09-20T20:00"), 0]]
    assert "Sat 19 Sep 2026" in ax.get_title()  # the local date; in UTC it was already Sunday


def test_timeline_of_several_interviews_gives_each_its_rows_and_heading(small_followups):
    ax = charts.interview_timeline(small_followups)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Ana", "Bo", "Cy", "Di", "Ed", "Flo"]
    headings = [t for t in texts(ax) if "America/New_York" in t]
    # Each interview by its local start.
    assert headings == ["Northwind Analytics, Mon 14 Sep 2026 10:00 America/New_York",
                        "Brightline Health, Sat 19 Sep 2026 19:00 America/New_York"]
    assert len(labelled(LineCollection, ax, "due: 24 h after the end").get_segments()) == 2
    assert "2 interviews" in ax.get_title()


def test_timeline_of_an_interview_not_in_the_table_says_which(small_followups):
    with pytest.raises(UnknownRecordError, match="interview 99"):
        charts.interview_timeline(small_followups, interview_id=99)


# -- trend ---------------------------------------------------------------------------------

def test_trend_draws_the_rates_and_the_median_hours_against_24_hours(sample_followups):
    table = habits.trend(sample_followups)
    ax = charts.trend(table)
    on_time = line_of(ax, "on time (within 24 h)")
    np.testing.assert_allclose(on_time.get_ydata(), table["on_time_rate"])
    assert len(on_time.get_xdata()) == len(table)
    assert any(list(line.get_ydata()) == [1, 1] for line in ax.lines)  # everyone on time
    twin = [other for other in ax.figure.axes if other is not ax][0]
    median = [line for line in twin.lines if line.get_label().startswith("median hours")][0]
    np.testing.assert_allclose(median.get_ydata(), table["median_hours"])
    assert any(list(line.get_ydata()) == [24, 24] for line in twin.lines)
    assert "(%)" in ax.get_ylabel() and "(h)" in twin.get_ylabel()
    assert ax.get_xlabel().startswith("Week starting")


def test_trend_by_candidate_and_by_month(sample_followups):
    table = habits.trend(sample_followups, freq="M", by_candidate=True)
    ax = charts.trend(table)
    drawn = {line.get_label() for line in ax.lines} - {"everyone on time (100%)"}
    assert drawn == set(table["candidate"])
    assert ax.get_xlabel().startswith("Month")
    assert len(ax.figure.axes) == 1


def test_trend_of_one_week_with_nothing_due_yet_and_then_with_one_note(one_interview):
    log, _, (ana, _bo) = one_interview
    ax = charts.trend(habits.trend(workbook.followups(log, now="2026-09-14T16:00Z")))
    assert texts(ax) == ["No notes due yet"]
    log.add_note(ana, body="Thanks", sent_at="2026-09-14T12:00-04:00")
    ax = charts.trend(habits.trend(workbook.followups(log, now=NOW)))
    on_time = line_of(ax, "on time (within 24 h)")
    assert list(on_time.get_ydata()) == [0.5]
    low, high = ax.get_xlim()  # a week either side at most, not matplotlib's default of years
    assert high - low == 6


# -- outcomes by follow-up -----------------------------------------------------------------

def test_outcomes_bars_with_wilson_intervals_counts_caution_and_caption(sample_log, sample_followups):
    table = habits.outcomes_by_followup(sample_followups, sample_log.outcomes())
    ax = charts.outcomes_by_followup(table)
    np.testing.assert_allclose([p.get_height() for p in ax.patches], table["share"])
    errorbars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(errorbars) == 1
    segments = errorbars[0].lines[2][0].get_segments()
    np.testing.assert_allclose([s[0][1] for s in segments], table["low"])
    np.testing.assert_allclose([s[1][1] for s in segments], table["high"])
    written = texts(ax)
    assert {"n = 26", "n = 12", "n = 7"} <= set(written)
    assert "only 7 interviews:\ntoo few to read much into" in written
    assert any("not what caused what" in t for t in written)
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "everyone thanked within 24 h"


def test_outcomes_with_empty_groups_draws_no_interval_for_them(small, small_followups):
    table = habits.outcomes_by_followup(small_followups, small[0].outcomes())
    assert table["interviews"].tolist() == [0, 0, 1]
    ax = charts.outcomes_by_followup(table)
    assert [p.get_height() for p in ax.patches] == [0, 0, 1]
    errorbars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(errorbars[0].lines[2][0].get_segments()) == 1
    assert "n = 0" in texts(ax)
    ax.figure.canvas.draw()


def test_outcomes_with_none_recorded(small, small_followups):
    no_outcomes = small[0].outcomes().iloc[:0]
    ax = charts.outcomes_by_followup(habits.outcomes_by_followup(small_followups, no_outcomes))
    assert texts(ax) == ["No outcomes recorded yet"]


# -- coverage by interview -----------------------------------------------------------------

def test_coverage_bars_match_the_counts_of_each_interview(sample_followups):
    table = habits.interview_followup(sample_followups)
    table = table.merge(sample_followups.drop_duplicates("interview_id")[["interview_id", "timezone"]])
    ax = charts.coverage_by_interview(table, most=len(table))
    assert len(ax.patches) == 5 * len(table)
    parts = {"on_time": charts.STATUS_COLORS["same_day"], "late": charts.STATUS_COLORS["late"],
             "overdue": charts.NOT_YET_THANKED_COLOR, "missed": charts.STATUS_COLORS["overdue"],
             "pending": charts.STATUS_COLORS["pending"]}
    ordered = table.sort_values(["ended_at", "interview_id"])
    for column, colour in parts.items():
        assert [p.get_width() for p in bars(ax, colour)] == ordered[column].tolist()
    # Stacked: each bar ends at the number of people met.
    ends = pd.DataFrame([(p.get_y(), p.get_x() + p.get_width()) for p in ax.patches], columns=["y", "end"])
    assert ends.groupby("y")["end"].max().tolist() == ordered["people_met"].tolist()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # Interview 48 ended at 01:00 UTC on the 11th: the 10th in Los Angeles.
    assert "Tue 10 Nov 2026 · Tinsmith Outdoor Gear" in labels
    assert "(count)" in ax.get_xlabel()


def test_coverage_says_how_many_were_thanked(small_followups):
    ax = charts.coverage_by_interview(habits.interview_followup(small_followups))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mon 14 Sep 2026 · Northwind Analytics",
                                                             "Sat 19 Sep 2026 · Brightline Health"]
    assert [t.get_text() for t in ax.texts] == ["3 of 4", "1 of 2"]


# -- due now -------------------------------------------------------------------------------

def test_due_now_bars_most_urgent_first_overdue_in_another_colour(sample_followups):
    table = habits.due_now(sample_followups, pd.Timestamp(SAMPLE_NOW))
    ax = charts.due_now(table)
    by_row = sorted(ax.patches, key=lambda p: p.get_y())
    widths = [p.get_width() for p in by_row]
    assert widths == table["hours_left"].tolist() and widths == sorted(widths)
    assert ax.yaxis_inverted()  # row 0, the most urgent, on top
    never, overdue, waiting = (charts.STATUS_COLORS["overdue"], charts.NOT_YET_THANKED_COLOR,
                               charts.STATUS_COLORS["pending"])
    expected = [never if gone else overdue if w < 0 else waiting for w, gone in zip(widths, table["never_thanked"])]
    assert [p.get_facecolor() for p in by_row] == [to_rgba(colour) for colour in expected]
    # Ethan Brennan's interview has only led to a next round: his note can still be sent.
    assert len(bars(ax, never)) == 14 and len(bars(ax, overdue)) == 1 and len(bars(ax, waiting)) == 7
    assert any(list(line.get_xdata()) == [0, 0] for line in ax.lines)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Daniel Iwasaki · Wrenfield Studio" and labels[-1] == "Naomi Sandoval · Glasswing Finance"
    # The short form of the tables' words: "overdue by 85 days 17 h" there (2057.5 h).
    assert texts(ax)[0] == "overdue by 85 days" and "6 h left" in texts(ax)
    assert ax.get_xscale() == "symlog"


def test_due_now_on_a_small_log(small_followups):
    ax = charts.due_now(habits.due_now(small_followups, pd.Timestamp(NOW)))
    assert [p.get_width() for p in ax.patches] == [-117, 12]  # Di due 4 days 21 h ago, Ed in 12 h
    assert texts(ax) == ["overdue by 4 days", "12 h left"]
    assert ax.get_xscale() == "symlog"


def test_due_now_keeps_a_linear_scale_within_a_few_days(one_interview):
    ax = charts.due_now(habits.due_now(workbook.followups(one_interview[0], now=NOW), "2026-09-15T12:00Z"))
    assert ax.get_xscale() == "linear"
    assert [p.get_width() for p in ax.patches] == [3, 3]
    assert texts(ax) == ["3 h left", "3 h left"]


# -- the coach's view ----------------------------------------------------------------------

def test_coach_view_one_bar_per_candidate_and_all_apart(sample_followups):
    table = habits.summary(sample_followups)
    ax = charts.coach_view(table)
    np.testing.assert_allclose([p.get_width() for p in ax.patches], table["on_time_rate"])
    assert [t.get_text() for t in ax.get_yticklabels()] == table.index.tolist()
    assert ax.patches[-1].get_hatch() == "//" and not ax.patches[0].get_hatch()
    assert ax.get_yticklabels()[-1].get_fontweight() == "bold"
    assert any(list(line.get_xdata()) == [1, 1] for line in ax.lines)  # 100%: every note on time
    assert "median 4 h 15 min · 29 due" in texts(ax)  # 4.25 h
    assert "(%)" in ax.get_xlabel()


def test_coach_view_of_one_candidate_leaves_out_the_all_row(small_followups):
    ax = charts.coach_view(habits.summary(small_followups))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Maya Okafor"]
    assert texts(ax) == ["median 12 h · 5 due"]  # of 1, 2, 22 and 49 h


def test_long_tables_keep_the_rows_that_matter_most_and_say_so(sample_followups):
    """A coaching practice's years would be thousands of bars: a chart keeps the latest
    interviews, the most urgent notes, the candidates with the lowest on-time rate."""
    interviews = habits.interview_followup(sample_followups)
    ax = charts.coverage_by_interview(interviews, most=5)
    latest = interviews.sort_values(["ended_at", "interview_id"]).tail(5)
    assert [p.get_width() for p in bars(ax, charts.STATUS_COLORS["same_day"])] == latest["on_time"].tolist()
    assert len(ax.get_yticklabels()) == 5
    assert ax.get_title().endswith("(5 of 53 interviews, the latest)")

    waiting = habits.due_now(sample_followups, pd.Timestamp(SAMPLE_NOW))
    ax = charts.due_now(waiting, most=3)
    assert sorted(p.get_width() for p in ax.patches) == waiting["hours_left"].head(3).tolist()
    assert ax.get_title().endswith("(3 of 22 notes waiting, the most urgent)")

    summary = habits.summary(sample_followups)
    ax = charts.coach_view(summary, most=2)
    lowest = summary.drop(habits.ALL).nsmallest(2, "on_time_rate").index
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert shown == [name for name in summary.index if name in lowest] + [habits.ALL]
    assert ax.get_title().endswith("(2 of 4 candidates, the lowest on-time rates)")

    assert "(" not in charts.coach_view(summary).get_title()  # nothing left out, nothing said
    with pytest.raises(workbook.InvalidValueError, match="at least one row"):
        charts.due_now(waiting, most=0)


def test_names_with_dollar_signs_are_shown_as_typed(sample_followups):
    table = habits.summary(sample_followups).rename(index={"Priya Raman": "Pay $5 or $6"})
    ax = charts.coach_view(table)
    ax.figure.canvas.draw()
    label = [t for t in ax.get_yticklabels() if "Pay" in t.get_text()][0]
    assert label.get_text() == r"Pay \$5 or \$6"  # escaped: shown as "$5 or $6", not as mathtext


# -- months, markers, the date an interview started, overdue apart from never thanked -------

def test_a_monthly_trend_ticks_and_names_months(sample_followups):
    for table in (habits.trend(sample_followups, "M"), habits.trend(sample_followups, "M", by_candidate=True)):
        ax = charts.trend(table)
        ax.figure.canvas.draw()
        assert [t.get_text() for t in ax.get_xticklabels()] == ["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]
        assert ax.get_xlabel().startswith("Month")


def test_a_weekly_trend_ticks_the_mondays_weeks_start_on(sample_followups):
    ax = charts.trend(habits.trend(sample_followups, "W"))
    ticks = [mdates.num2date(x) for x in ax.get_xticks()]
    assert ticks and all(t.weekday() == 0 for t in ticks)


def test_the_same_day_marker_stays_visible_on_the_on_time_one(one_interview):
    """Every note on time went out the same day: both rates are 100%, their points coincide."""
    log, _, (ana, bo) = one_interview
    log.add_note(ana, body="Thanks", sent_at="2026-09-14T12:00-04:00")
    log.add_note(bo, body="Thanks", sent_at="2026-09-14T13:00-04:00")
    ax = charts.trend(habits.trend(workbook.followups(log, now=NOW), "M"))
    on_time, same_day = line_of(ax, "on time (within 24 h)"), line_of(ax, "same day")
    assert list(on_time.get_ydata()) == list(same_day.get_ydata()) == [1.0]
    # The on-time point is a large open ring, the same-day one a small square drawn above it.
    assert on_time.get_marker() == "o" and same_day.get_marker() == "s"
    assert on_time.get_markerfacecolor() == "none"
    assert on_time.get_markersize() >= 2 * same_day.get_markersize()
    assert same_day.get_zorder() > on_time.get_zorder()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "on time (within 24 h): open circle" in legend and "same day: small square" in legend


@pytest.fixture
def after_midnight(log):
    """Zoë Müller's interview in Berlin, Fri 27 Nov 2026 23:15 to Sat 28 Nov 00:20, two people
    met; as of Sun 29 Nov 12:00 UTC nobody is thanked (due Sat 23:20 UTC)."""
    log.add_candidate("Zoë Müller")
    interview = log.add_interview("Zoë Müller", "Cascade Robotics Inc.", "Engineer", "2026-11-27T23:15",
                                  "2026-11-28T00:20", "Europe/Berlin")
    people = [log.add_interviewer(interview, name) for name in ("Renée Çelik", "Ola Berg")]
    return log, interview, people


def test_an_interview_after_midnight_is_dated_by_its_start_in_every_chart(after_midnight):
    log, interview, _ = after_midnight
    followups = workbook.followups(log, now="2026-11-29T12:00Z")
    coverage = charts.coverage_by_interview(habits.interview_followup(followups))
    assert [t.get_text() for t in coverage.get_yticklabels()] == ["Fri 27 Nov 2026 · Cascade Robotics Inc."]
    timeline = charts.interview_timeline(followups, interview_id=interview)
    assert timeline.get_title().endswith("Cascade Robotics Inc., Fri 27 Nov 2026")
    both = charts.interview_timeline(pd.concat([followups, followups.assign(interview_id=99)]))
    assert "Cascade Robotics Inc., Fri 27 Nov 2026 23:15 Europe/Berlin" in texts(both)


def test_charts_tell_a_note_still_to_send_from_one_never_sent(after_midnight, monkeypatch):
    log, interview, (renee, ola) = after_midnight
    now = "2026-11-29T12:00Z"  # Renée's note overdue by 12 h 40 min, no outcome: it can still be sent
    monkeypatch.setenv("WORKBOOK_NOW", now)  # the log refuses times after "now"
    log.add_note(ola, body="Thanks", sent_at="2026-11-28T10:00")
    followups = workbook.followups(log, now=now)
    hours = charts.hours_to_send(followups)
    assert "Not in the bars: 1 not yet thanked (overdue)" in texts(hours)[0]
    coverage = charts.coverage_by_interview(habits.interview_followup(followups))
    assert [p.get_width() for p in bars(coverage, charts.NOT_YET_THANKED_COLOR)] == [1]
    assert [p.get_width() for p in bars(coverage, charts.STATUS_COLORS["overdue"])] == [0]
    assert {"not yet thanked (overdue)", "never thanked"} <= {t.get_text() for t in coverage.get_legend().get_texts()}
    timeline = charts.interview_timeline(followups)
    assert labelled(PathCollection, timeline, "not yet thanked (overdue)").get_offsets().shape == (1, 2)
    due = charts.due_now(habits.due_now(followups, pd.Timestamp(now)))
    assert [p.get_facecolor() for p in due.patches] == [to_rgba(charts.NOT_YET_THANKED_COLOR)]

    log.record_outcome(interview, "rejected", "2026-11-29")  # now the moment has gone
    followups = workbook.followups(log, now=now)
    assert "Not in the bars: 1 never thanked" in texts(charts.hours_to_send(followups))[0]
    coverage = charts.coverage_by_interview(habits.interview_followup(followups))
    assert [p.get_width() for p in bars(coverage, charts.STATUS_COLORS["overdue"])] == [1]
    timeline = charts.interview_timeline(followups)
    assert labelled(PathCollection, timeline, "never thanked").get_offsets().shape == (1, 2)
    due = charts.due_now(habits.due_now(followups, pd.Timestamp(now)))
    assert [p.get_facecolor() for p in due.patches] == [to_rgba(charts.STATUS_COLORS["overdue"])]
