"""The habits dashboard, used as a person would: choose candidates and dates, read the table."""

from __future__ import annotations

import datetime

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import workbook  # noqa: E402
from workbook import habits  # noqa: E402
from workbook.sample import SAMPLE_NOW  # noqa: E402
from workbook.instants import local_wall_clock  # noqa: E402
from workbook.ui.habits_dashboard import CHARTS, NO_INTERVIEWS, NO_MATCH, HabitsDashboard  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def sample_followups(sample_log):
    return workbook.followups(sample_log, now=SAMPLE_NOW)


@pytest.fixture
def table_only(sample_log):
    """A dashboard on the sample drawing no charts: the table is what these tests read."""
    return HabitsDashboard(sample_log, now=SAMPLE_NOW, charts=(), display=False)


def expected_summary(followups: pd.DataFrame, keep) -> pd.DataFrame:
    return habits.summary(followups[keep].reset_index(drop=True))


def local_day(followups: pd.DataFrame) -> pd.Series:
    return local_wall_clock(followups["started_at"], followups["timezone"]).dt.date


def test_at_first_every_candidate_and_every_date(table_only, sample_followups):
    c = table_only.controls
    assert c["candidates"].value == c["candidates"].options == (
        "Dana Whitfield", "Elena Vasquez", "Marcus Okafor", "Priya Raman")
    assert (c["start"].value, c["end"].value) == (datetime.date(2026, 8, 4), datetime.date(2026, 11, 20))
    pd.testing.assert_frame_equal(table_only.summary, habits.summary(sample_followups))
    assert table_only.error is None and c["message"].value == ""
    assert "<td>113</td>" in c["summary"].value and "82%" in c["summary"].value  # notes due, coverage (98 of 120)
    assert repr(table_only) == ("HabitsDashboard(4 of 4 candidates, 2026-08-04 to 2026-11-20: "
                                "53 interviews, 120 people met)")


def test_choosing_candidates_changes_the_summary(table_only, sample_followups):
    table_only.controls["candidates"].value = ("Priya Raman", "Elena Vasquez")
    keep = sample_followups["candidate"].isin(["Priya Raman", "Elena Vasquez"])
    pd.testing.assert_frame_equal(table_only.summary, expected_summary(sample_followups, keep))
    assert table_only.summary.index.tolist() == ["Elena Vasquez", "Priya Raman", habits.ALL]
    assert table_only.summary.loc[habits.ALL, "people_met"] == 58
    html = table_only.controls["summary"].value
    assert "Priya Raman" in html and "Marcus Okafor" not in html
    assert set(table_only.followups["candidate"]) == {"Priya Raman", "Elena Vasquez"}


def test_choosing_dates_filters_by_the_local_date_the_interview_started(table_only, sample_followups):
    c = table_only.controls
    c["start"].value = datetime.date(2026, 10, 1)
    c["end"].value = datetime.date(2026, 11, 10)
    day = local_day(sample_followups)
    keep = (day >= datetime.date(2026, 10, 1)) & (day <= datetime.date(2026, 11, 10))
    pd.testing.assert_frame_equal(table_only.summary, expected_summary(sample_followups, keep))
    # Interview 48 ended at 01:00 UTC on 11 Nov: it started on 10 Nov in Los Angeles, so it is in.
    assert 48 in set(table_only.followups["interview_id"])
    c["start"].value = datetime.date(2026, 11, 11)
    c["end"].value = datetime.date(2026, 11, 20)
    assert 48 not in set(table_only.followups["interview_id"])
    pd.testing.assert_frame_equal(table_only.summary,
                                  expected_summary(sample_followups, day >= datetime.date(2026, 11, 11)))


def test_candidates_and_dates_together_and_open_ended_dates(table_only, sample_followups):
    c = table_only.controls
    c["candidates"].value = ("Marcus Okafor",)
    c["start"].value = None
    c["end"].value = datetime.date(2026, 8, 31)
    keep = ((sample_followups["candidate"] == "Marcus Okafor")
            & (local_day(sample_followups) <= datetime.date(2026, 8, 31)))
    pd.testing.assert_frame_equal(table_only.summary, expected_summary(sample_followups, keep))
    assert table_only.summary.loc["Marcus Okafor", "interviews"] == sample_followups.loc[keep, "interview_id"].nunique()


def test_show_everything_puts_the_choices_back(table_only, sample_followups):
    c = table_only.controls
    c["candidates"].value = ("Priya Raman",)
    c["start"].value = datetime.date(2026, 11, 1)
    c["show_all"].click()
    assert c["candidates"].value == c["candidates"].options
    assert c["start"].value == datetime.date(2026, 8, 4)
    pd.testing.assert_frame_equal(table_only.summary, habits.summary(sample_followups))


def test_nothing_chosen_says_so(table_only):
    c = table_only.controls
    c["candidates"].value = ()
    assert NO_MATCH in c["message"].value and c["summary"].value == ""
    assert table_only.followups.empty and table_only.error is None
    c["candidates"].value = ("Priya Raman",)
    c["start"].value, c["end"].value = datetime.date(2026, 11, 1), datetime.date(2026, 10, 1)
    assert "The start date is after the end date." in c["message"].value
    assert table_only.error is None


def test_names_from_the_log_are_escaped(sample_log):
    sample_log.add_candidate("<b>x</b>")
    interview = sample_log.add_interview("<b>x</b>", "<i>Acme</i>", "Analyst", "2026-11-02T10:00",
                                         "2026-11-02T11:00", "Europe/Berlin")
    person = sample_log.add_interviewer(interview, "<script>alert(1)</script>")
    sample_log.add_note(person, body="Thanks", sent_at="2026-11-02T12:00+01:00")
    dashboard = HabitsDashboard(sample_log, now=SAMPLE_NOW, charts=("coach_view", "due_now"), display=False)
    dashboard.controls["candidates"].value = ("<b>x</b>", "Priya Raman")
    html = dashboard.controls["summary"].value
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<b>" not in html
    assert dashboard.summary.loc["<b>x</b>", "thanked"] == 1
    assert "<b>x</b>" in [t.get_text() for t in dashboard.axes["coach_view"].get_yticklabels()]
    assert dashboard.error is None


def test_the_charts_follow_the_choices_and_leave_no_figure_open(sample_log, sample_followups):
    dashboard = HabitsDashboard(sample_log, now=SAMPLE_NOW, display=False)
    assert list(dashboard.axes) == list(CHARTS)
    outputs = dashboard.controls["charts"].outputs
    assert len(outputs) == len(CHARTS) and all("image/png" in o["data"] for o in outputs)
    assert [o["data"]["text/plain"] for o in outputs][0] == "<chart: Thank-you notes on time, by candidate>"
    first = dashboard.figures
    dashboard.controls["candidates"].value = ("Priya Raman",)
    assert dashboard.figures[0] is not first[0]
    hours = dashboard.axes["hours_to_send"]
    assert sum(p.get_height() for p in hours.patches) == 29  # Priya's people thanked
    assert plt.get_fignums() == []
    assert dashboard.error is None


def test_many_redraws_leave_no_figure_behind(sample_log):
    dashboard = HabitsDashboard(sample_log, now=SAMPLE_NOW, charts=("coach_view", "due_now"), display=False)
    for candidate in dashboard.controls["candidates"].options * 6:
        dashboard.controls["candidates"].value = (candidate,)
    assert plt.get_fignums() == []
    assert len(dashboard.figures) == 2


def test_the_trend_by_weeks_or_months(sample_log):
    dashboard = HabitsDashboard(sample_log, now=SAMPLE_NOW, charts=("trend",), display=False)
    assert dashboard.axes["trend"].get_xlabel().startswith("Week")
    dashboard.controls["period"].value = "M"
    assert dashboard.axes["trend"].get_xlabel().startswith("Month")


def test_an_empty_log_gets_a_friendly_message(log):
    dashboard = HabitsDashboard(log, now=SAMPLE_NOW, display=False)
    c = dashboard.controls
    assert NO_INTERVIEWS in c["message"].value
    assert c["candidates"].options == () and c["candidates"].disabled and c["show_all"].disabled
    assert dashboard.axes == {} and dashboard.figures == [] and c["charts"].outputs == ()
    assert dashboard.error is None
    assert dashboard.summary.loc[habits.ALL, "people_met"] == 0


def test_errors_are_shown_in_the_widget_not_raised(table_only, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValueError("the table could not be made")

    monkeypatch.setattr(habits, "summary", broken)
    table_only.controls["candidates"].value = ("Priya Raman",)
    assert "Could not update the dashboard: the table could not be made" in table_only.controls["message"].value
    assert isinstance(table_only.error, ValueError)


def test_a_wrong_now_is_shown_in_the_widget(sample_log):
    dashboard = HabitsDashboard(sample_log, now="next tuesday", display=False)
    assert "Could not show the follow-up habits" in dashboard.controls["message"].value
    assert isinstance(dashboard.error, workbook.InvalidTimeError)
    assert dashboard.controls["candidates"].disabled


def test_unknown_chart_names_are_refused(sample_log):
    with pytest.raises(ValueError, match="no chart named pie"):
        HabitsDashboard(sample_log, now=SAMPLE_NOW, charts=("pie",), display=False)


def test_an_interview_after_midnight_is_chosen_by_the_date_it_started(log):
    """Fri 27 Nov 2026 23:15 to Sat 00:20 in Berlin: it is Friday's interview."""
    log.add_candidate("Zoë Müller")
    interview = log.add_interview("Zoë Müller", "Cascade Robotics Inc.", "Engineer", "2026-11-27T23:15",
                                  "2026-11-28T00:20", "Europe/Berlin")
    log.add_interviewer(interview, "Renée Çelik")
    dashboard = HabitsDashboard(log, now="2026-11-29T12:00Z", charts=(), display=False)
    c = dashboard.controls
    assert (c["start"].value, c["end"].value) == (datetime.date(2026, 11, 27),) * 2
    c["start"].value = c["end"].value = datetime.date(2026, 11, 28)
    assert dashboard.followups.empty
    c["start"].value = c["end"].value = datetime.date(2026, 11, 27)
    assert dashboard.followups["interview_id"].tolist() == [interview]
    # Renée's note is 12 h 40 min overdue and can still be sent: not "never thanked".
    assert "Not yet thanked (overdue)" in c["summary"].value
    assert dashboard.summary.loc["Zoë Müller", ["not_yet_thanked", "never_thanked"]].tolist() == [1, 0]
