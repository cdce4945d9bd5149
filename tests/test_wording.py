"""One way to say a time: durations, local times, statuses and rates, worked out by hand.

The rule (workbook/wording.py): cut the span down to the whole minute (seconds dropped, never
rounded up); under 1 h minutes, under 48 h hours and minutes, from 48 h days and hours; a
zero last part is left out; the sign is the caller's to say; missing is "—".
"""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

import workbook
from workbook import habits, wording
from workbook.habits import views
from workbook.habits.followup_table import describe_timing
from workbook.sample import SAMPLE_NOW

H = pd.Timedelta(hours=1)
MIN = pd.Timedelta(minutes=1)
S = pd.Timedelta(seconds=1)

# (span, long form, short form), each worked out by hand.
EDGES = [
    (pd.Timedelta(0), "0 min", "0 min"),
    (30 * S, "0 min", "0 min"),                                   # under a minute: 0 whole minutes
    (59 * MIN, "59 min", "59 min"),
    (59 * MIN + 59 * S, "59 min", "59 min"),                      # not rounded up to 1 h
    (60 * MIN, "1 h", "1 h"),
    (61 * MIN, "1 h 1 min", "1 h"),
    (5 * H + 20 * MIN, "5 h 20 min", "5 h"),
    (23 * H + 59 * MIN, "23 h 59 min", "23 h"),
    (24 * H, "24 h", "24 h"),                                     # the guideline's day stays in hours
    (47 * H + 59 * MIN, "47 h 59 min", "47 h"),
    (47 * H + 59 * MIN + 59 * S, "47 h 59 min", "47 h"),
    (48 * H, "2 days", "2 days"),
    (49 * H + 59 * MIN, "2 days 1 h", "2 days"),                  # minutes are not said past 48 h
    (85 * 24 * H + 17 * H + 30 * MIN, "85 days 17 h", "85 days"),  # 2057.5 h: the half hour is cut
    (85 * 24 * H + 18 * H, "85 days 18 h", "85 days"),            # 2058 h
]


@pytest.mark.parametrize(("span", "long", "short"), EDGES, ids=[e[1] for e in EDGES])
def test_a_duration_by_hand(span, long, short):
    assert wording.duration(span) == long
    assert wording.duration(span, short=True) == short
    # The same span as hours (as hours_to_send and hours_left are) says the same.
    assert wording.duration(span / H) == long
    # The sign is dropped: a negative span is as long.
    assert wording.duration(-span) == long


def test_scalar_and_vectorised_durations_agree():
    spans = pd.Series([span for span, _, _ in EDGES] + [pd.NaT])
    assert wording.durations(spans).tolist() == [long for _, long, _ in EDGES] + ["—"]
    assert wording.durations(spans / H).tolist() == [long for _, long, _ in EDGES] + ["—"]
    assert wording.durations(spans, short=True).tolist() == [short for _, _, short in EDGES] + ["—"]


def test_hours_are_read_to_the_microsecond_not_cut_by_float_error():
    # 320 min as hours is 5.333… h, whose float times 60 is not exactly 320.
    hours = (pd.Timestamp("2026-09-14T20:20Z") - pd.Timestamp("2026-09-14T15:00Z")) / H
    assert wording.duration(hours) == "5 h 20 min"
    thirds = pd.Series([k / 3 for k in range(1, 600)])  # 20 min, 40 min, 1 h, ...
    expected = wording.durations(pd.Series([k * 20 * MIN for k in range(1, 600)]))
    assert wording.durations(thirds).tolist() == expected.tolist()


@pytest.mark.parametrize("missing", [None, np.nan, pd.NaT, float("nan")])
def test_missing_is_a_dash(missing):
    assert wording.duration(missing) == "—"
    assert wording.time_left(missing) == "—"


@pytest.mark.parametrize(("hours_left", "said"), [
    (6.0, "6 h left"),
    (13.5, "13 h 30 min left"),
    (0.0, "0 min left"),                 # at the due instant the note is still due
    (-1 / 3600, "overdue by 0 min"),     # one second past it
    (-3.0, "overdue by 3 h"),
    (-72.0, "overdue by 3 days"),
    (-2057.5, "overdue by 85 days 17 h"),
])
def test_time_left(hours_left, said):
    assert wording.time_left(hours_left) == said
    assert wording.times_left(pd.Series([hours_left])).tolist() == [said]
    assert wording.time_left(hours_left * H) == said


def test_time_left_short_is_the_first_part():
    assert wording.times_left(pd.Series([-2057.5, 6.5, 0.25]), short=True).tolist() == [
        "overdue by 85 days", "6 h left", "15 min left"]


def test_local_time_in_a_sentence_and_in_a_table():
    due = pd.Timestamp("2026-09-15T15:00Z")  # 11:00 in New York (EDT, UTC-4)
    assert wording.local_time(due, "America/New_York") == "Tue 15 Sep 2026 11:00 America/New_York"
    assert wording.local_time(due, "America/New_York", with_zone=False) == "Tue 15 Sep 2026 11:00"
    assert wording.local_date(due, "Asia/Tokyo") == "Wed 16 Sep 2026"  # 00:00 the next day there
    instants = pd.Series(pd.to_datetime(["2026-09-15T15:00Z", None, "2026-11-20T17:00Z"], utc=True))
    zones = pd.Series(["America/New_York", "America/New_York", "Europe/Berlin"])
    assert wording.local_times(instants, zones).tolist() == [
        "Tue 15 Sep 2026 11:00", "—", "Fri 20 Nov 2026 18:00"]
    assert wording.local_times(instants, zones, with_zone=True).tolist() == [
        "Tue 15 Sep 2026 11:00 America/New_York", "—", "Fri 20 Nov 2026 18:00 Europe/Berlin"]
    assert wording.local_dates(instants, zones).tolist() == ["Tue 15 Sep 2026", "—", "Fri 20 Nov 2026"]
    assert wording.local_time(None, "UTC") == "—"
    assert wording.calendar_date(datetime.date(2026, 11, 20)) == "Fri 20 Nov 2026"


def test_a_local_time_across_a_clock_change():
    # Berlin leaves summer time at 03:00 CEST on Sun 25 Oct 2026 (01:00 UTC): the wall clock
    # reads 02:30 twice, at 00:30 UTC (CEST) and at 01:30 UTC (CET).
    instants = pd.Series(pd.to_datetime(["2026-10-25T00:30Z", "2026-10-25T01:30Z"], utc=True))
    assert wording.local_times(instants, "Europe/Berlin").tolist() == ["Sun 25 Oct 2026 02:30"] * 2


def test_a_naive_instant_is_refused():
    with pytest.raises(ValueError, match="no time zone"):
        wording.local_time(pd.Timestamp("2026-09-15T11:00"), "UTC")


def test_status_words_cover_every_status():
    assert set(wording.STATUS_WORDS) == set(habits.STATUSES)
    assert wording.status_words(pd.Series(["same_day", "overdue", None])).tolist() == [
        "sent the same day", "overdue, not sent", "—"]


def test_percents():
    assert wording.percents(pd.Series([0.0, 0.825, 1.0, np.nan])).tolist() == ["0%", "82%", "100%", "—"]
    assert wording.percent(98 / 120) == "82%"


# -- one answer for one gap across the package ----------------------------------------------

def test_one_gap_reads_the_same_in_the_table_the_tracker_and_the_chart(sample_log):
    """The sample's most overdue note (due 85 days 17 h 30 min before the sample's now) and a
    note due later read the same in the notebook's table, the tracker, its timing line and
    the chart."""
    from matplotlib.figure import Figure

    from workbook.habits import charts
    from workbook.ui.followup_tracker import FollowupTracker

    due = habits.due_now(workbook.followups(sample_log, SAMPLE_NOW), pd.Timestamp(SAMPLE_NOW))
    assert due["hours_left"].iloc[0] == -2057.5
    table = views.still_to_thank(sample_log, now=SAMPLE_NOW)
    tracker = FollowupTracker(sample_log, now=SAMPLE_NOW, display=False)
    assert table["time left"].tolist() == wording.times_left(due["hours_left"]).tolist()
    assert table["time left"].iloc[0] == "overdue by 85 days 17 h"
    for said in table["time left"]:
        assert f"<td>{said}</td>" in tracker.controls["list"].value
    first = due.iloc[0]
    line = describe_timing(first["ended_at"], first["timezone"], now=SAMPLE_NOW)
    assert line.startswith("overdue by 85 days 17 h (was due Wed 26 Aug 2026 16:30 ")
    assert tracker.controls["person"].label.endswith(": overdue by 85 days 17 h")
    ax = charts.due_now(due, ax=Figure().add_subplot())  # no pyplot: nothing left open
    assert ax.texts[0].get_text() == "overdue by 85 days"  # the short form: its first part


@pytest.mark.parametrize("items, said", [
    (["SQL"], "SQL"), (["SQL", "Python"], "SQL and Python"),
    (["SQL", "Python", "Excel (pivot tables, VLOOKUP)"], "SQL, Python and Excel (pivot tables, VLOOKUP)"),
    (("a", "b"), "a and b"),
])
def test_listed_says_a_list_as_a_sentence_does(items, said):
    """One way, for the advice (habits.analysis) and the About you messages alike."""
    assert wording.listed(items) == said
