"""The interview form, without a browser: type into the controls, press the buttons, and look
at the log and at what the form shows next to each field."""

from __future__ import annotations

import datetime

import ipywidgets as widgets
import pandas as pd
import pytest

from workbook.ui.interview_form import InterviewForm, read_time_of_day

from .conftest import assert_same_log, capture_display, displayed, snapshot, widget_tree

# The day after the interview typed below, when the candidate logs it.
NEXT_MORNING = "2026-09-15T12:00:00+00:00"
HOSTILE = "<img src=x onerror=alert(1)>"

INTERVIEW = dict(candidate="Maya Okafor", company="Northwind Analytics", role="Data analyst",
                 stage="hiring manager", date=datetime.date(2026, 9, 14), start="10:00", end="11:00",
                 timezone="America/New_York")
ANA = dict(name="Ana Lima", title="Analytics lead", email="ana@northwind.example", phone="+1 555 0101",
           talking_points="rebuilding the churn dashboard")
BO = dict(name="Bo Chen", title="Data engineer", email="bo@northwind.example", talking_points="dbt tests")


@pytest.fixture
def maya(log):
    """A log with one candidate and nothing else."""
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=["SQL", "Python"])
    return log


def form_for(log, **kwargs) -> InterviewForm:
    kwargs.setdefault("now", NEXT_MORNING)
    return InterviewForm(log, display=False, **kwargs)


def fill(form: InterviewForm, *people: dict, **interview) -> None:
    """Type the interview (INTERVIEW, changed by ``interview``) and one row per person."""
    for name, value in {**INTERVIEW, **interview}.items():
        form.controls[name].value = value
    while len(form.controls["people"]) < len(people):
        form.controls["add_person"].click()
    for row, person in zip(form.controls["people"], people):
        for name, value in person.items():
            row[name].value = value


def html_values(form: InterviewForm) -> list[str]:
    return [w.value for w in widget_tree(form.widget) if isinstance(w, (widgets.HTML, widgets.HTMLMath))]


def field_messages(form: InterviewForm) -> dict:
    """Every message next to a field: by control name, and by (row index, field) for people."""
    shown = {name: html.value for name, html in form.controls["messages"].items()}
    for index, row in enumerate(form.controls["people"]):
        shown.update({(index, name): html.value for name, html in row["messages"].items()})
    return shown


# -- saving ---------------------------------------------------------------------------------

def test_an_interview_with_two_people_is_saved_in_one_go(maya):
    form = form_for(maya)
    fill(form, ANA, BO)

    form.controls["save"].click()

    [interview] = maya.interviews().itertuples()
    assert (interview.candidate, interview.company, interview.role, interview.stage, interview.timezone) == (
        "Maya Okafor", "Northwind Analytics", "Data analyst", "hiring manager", "America/New_York")
    # 10:00 to 11:00 on a New York wall clock in September (EDT, UTC-4).
    assert interview.starts_at == pd.Timestamp("2026-09-14T14:00:00Z")
    assert interview.ends_at == pd.Timestamp("2026-09-14T15:00:00Z")
    met = maya.interviewers()
    assert met["interview_id"].tolist() == [interview.interview_id] * 2
    assert met["name"].tolist() == ["Ana Lima", "Bo Chen"]
    assert met["email"].tolist() == ["ana@northwind.example", "bo@northwind.example"]
    assert met["talking_points"].tolist() == ["rebuilding the churn dashboard", "dbt tests"]
    assert met["phone"].iloc[0] == "+1 555 0101" and pd.isna(met["phone"].iloc[1])
    assert form.saved == [interview.interview_id]
    assert form.controls["message"].value == (
        f"Saved interview {interview.interview_id} with Northwind Analytics: 2 people met. "
        "Next: write their thank-you notes in 02-write-thank-you-notes.")
    assert "⚠" not in "".join(str(v) for v in field_messages(form).values())
    # Ready for the next interview: one empty row of people.
    [row] = form.controls["people"]
    assert row["name"].value == "" and row["heading"].value == "Person 1"
    assert form.controls["people_box"].children == (row["box"],)


def test_a_second_click_on_save_does_not_log_the_interview_twice(maya):
    form = form_for(maya)
    fill(form, ANA, BO)
    form.controls["save"].click()
    before = snapshot(maya)
    form.controls["save"].click()
    assert_same_log(before, snapshot(maya))
    assert "company" in field_messages(form)["company"] or "missing" in field_messages(form)["company"]
    assert form.controls["company"].value == "" and form.controls["start"].value == ""


@pytest.mark.parametrize("zone, day, start, end, starts_at, ends_at", [
    ("Europe/Berlin", datetime.date(2026, 1, 15), "9:30", "10:15", "2026-01-15T08:30Z", "2026-01-15T09:15Z"),
    ("Europe/Berlin", datetime.date(2026, 7, 15), "9:30", "10:15", "2026-07-15T07:30Z", "2026-07-15T08:15Z"),
    ("Asia/Kolkata", datetime.date(2026, 11, 20), "2:00 pm", "3 pm", "2026-11-20T08:30Z", "2026-11-20T09:30Z"),
    ("America/Los_Angeles", datetime.date(2026, 11, 19), "14:00", "15:00", "2026-11-19T22:00Z", "2026-11-19T23:00Z"),
])
def test_times_are_wall_clock_times_in_the_interview_zone(maya, zone, day, start, end, starts_at, ends_at):
    form = form_for(maya, now="2026-12-01T00:00:00+00:00")
    fill(form, ANA, timezone=zone, date=day, start=start, end=end)

    interview_id = form.save()

    saved = maya.interviews().set_index("interview_id").loc[interview_id]
    assert (saved["starts_at"], saved["ends_at"]) == (pd.Timestamp(starts_at), pd.Timestamp(ends_at))
    assert "1 person met" in form.controls["message"].value


def test_rows_left_empty_are_not_people_met(maya):
    form = form_for(maya)
    fill(form, ANA, {}, BO)
    assert len(form.controls["people"]) == 3

    form.controls["save"].click()

    assert maya.interviewers()["name"].tolist() == ["Ana Lima", "Bo Chen"]
    assert "2 people met" in form.controls["message"].value


# -- refusals: next to the field, and nothing saved ----------------------------------------

# What to type wrong, where the problem must show (a control, or (row index, field) of a
# person), and what it must say.
REFUSALS = {
    "unknown time zone": (dict(timezone="Mars/Olympus_Mons"), "timezone", "is not an IANA time zone"),
    "empty time zone": (dict(timezone=""), "timezone", "is missing"),
    "end before start": (dict(start="11:00", end="10:30"), "end", "ends before (or when) it starts"),
    "missing company": (dict(company="  "), "company", "is missing"),
    "missing role": (dict(role=""), "role", "is missing"),
    "bad email in person 2": (dict(person_2={"email": "bo at northwind"}), (1, "email"), "is not an email address"),
    "person without a name": (dict(person_2={"name": ""}), (1, "name"), "is missing"),
    "no date": (dict(date=None), "date", "is missing"),
    "no start time": (dict(start=""), "start", "is missing"),
    "start time unreadable": (dict(start="ten"), "start", "&#x27;ten&#x27; is not a time of day"),
    "end time out of range": (dict(end="25:00"), "end", "&#x27;25:00&#x27; is not a time of day"),
    "clocks skip it": (dict(date=datetime.date(2026, 3, 8), start="2:30", end="3:30"), "start", "does not exist"),
}


@pytest.mark.parametrize("candidate", ["Maya Okafor", "Leo Park"], ids=["known candidate", "new candidate"])
@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_bad_entry_is_refused_next_to_its_field_and_nothing_is_saved(maya, case, candidate):
    changes, where, reason = REFUSALS[case]
    changes = dict(changes)
    bo = {**BO, **changes.pop("person_2", {})}
    form = form_for(maya)
    fill(form, ANA, bo, candidate=candidate, **changes)
    before = snapshot(maya)

    assert form.save() is None

    assert_same_log(before, snapshot(maya))  # no interview, no person, no new candidate
    shown = field_messages(form)
    assert reason in shown[where] and "⚠" in shown[where], shown
    assert [place for place, value in shown.items() if "⚠" in value] == [where]
    assert "Nothing was saved: 1 problem, shown next to the fields" in form.controls["message"].value
    # What was typed stays, to be corrected.
    assert [row["name"].value for row in form.controls["people"]] == ["Ana Lima", bo["name"]]
    if candidate == "Leo Park":
        assert "New candidate: Leo Park" in shown["candidate"]


def test_every_problem_is_shown_at_once(maya):
    form = form_for(maya)
    fill(form, ANA, {**BO, "email": "bo at northwind"}, {"title": "Recruiter"}, company="", date=None)

    form.controls["save"].click()

    shown = field_messages(form)
    assert "is missing" in shown["company"]
    assert "is missing" in shown["date"]
    assert "is not an email address" in shown[(1, "email")]
    assert "is missing" in shown[(2, "name")]
    assert shown[(0, "email")] == "" and shown["start"] == "" and shown["end"] == ""
    assert "4 problems" in form.controls["message"].value
    assert maya.interviews().empty


def test_correcting_the_problem_saves_and_clears_the_messages(maya):
    form = form_for(maya)
    fill(form, ANA, {**BO, "email": "bo at northwind"}, timezone="Mars/Olympus_Mons")
    form.controls["save"].click()
    assert maya.interviews().empty

    form.controls["timezone"].value = "America/New_York"
    form.controls["people"][1]["email"].value = "bo@northwind.example"
    form.controls["save"].click()

    assert len(maya.interviews()) == 1 and len(maya.interviewers()) == 2
    assert all("⚠" not in value for value in field_messages(form).values())
    assert form.controls["message"].value.startswith("Saved interview 1 with Northwind Analytics")


# -- rows of people -------------------------------------------------------------------------

def test_add_and_remove_rows_of_people(maya):
    form = form_for(maya)
    people = form.controls["people"]
    assert len(people) == 1

    form.controls["add_person"].click()
    form.controls["add_person"].click()
    assert [row["heading"].value for row in people] == ["Person 1", "Person 2", "Person 3"]
    assert form.controls["people_box"].children == tuple(row["box"] for row in people)
    first, second, third = people
    second["name"].value, third["name"].value = "Bo Chen", "Cy Diaz"

    first["remove"].click()

    assert form.controls["people"] == [second, third]
    assert [row["heading"].value for row in form.controls["people"]] == ["Person 1", "Person 2"]
    assert form.controls["people_box"].children == (second["box"], third["box"])
    third["remove"].click()
    assert form.controls["people"] == [second]


def test_a_problem_finds_its_row_after_a_removal(maya):
    form = form_for(maya)
    fill(form, ANA, {**BO, "email": "bo at northwind"})
    form.controls["people"][0]["remove"].click()  # Bo is person 1 now

    form.controls["save"].click()

    assert "is not an email address" in form.controls["people"][0]["messages"]["email"].value
    assert maya.interviews().empty


def test_a_problem_finds_its_row_past_a_row_left_empty(maya):
    # The log names the second person given; on the form that is the third row.
    form = form_for(maya)
    fill(form, ANA, {}, {**BO, "email": "bo at northwind"})
    before = snapshot(maya)

    form.controls["save"].click()

    assert_same_log(before, snapshot(maya))
    shown = field_messages(form)
    assert [place for place, value in shown.items() if "⚠" in value] == [(2, "email")]
    assert "is not an email address" in shown[(2, "email")]


def test_an_interview_without_people_is_saved_with_a_reminder(maya):
    form = form_for(maya)
    fill(form)

    interview_id = form.save()

    assert interview_id == 1 and maya.interviewers().empty
    assert "no one met logged yet" in form.controls["message"].value


# -- candidates -----------------------------------------------------------------------------

def test_a_new_candidate_is_added_with_the_interview(maya):
    form = form_for(maya)
    assert form.controls["candidate"].options == ("Maya Okafor",)
    fill(form, ANA, candidate="Leo Park")
    assert "New candidate: Leo Park is added" in form.controls["messages"]["candidate"].value

    interview_id = form.save()

    assert maya.candidates()["candidate"].tolist() == ["Maya Okafor", "Leo Park"]
    assert maya.interviews().set_index("interview_id").at[interview_id, "candidate"] == "Leo Park"
    assert form.controls["message"].value.startswith("Added candidate Leo Park. Saved interview 1")
    assert form.controls["candidate"].options == ("Maya Okafor", "Leo Park")
    assert form.controls["messages"]["candidate"].value == ""  # not new any more


def test_a_candidate_the_log_refuses_is_not_added(maya):
    form = form_for(maya)
    fill(form, ANA, candidate="Leo Park")
    form.controls["candidate"].value = "Leo\tPark"
    before = snapshot(maya)

    form.controls["save"].click()

    assert_same_log(before, snapshot(maya))
    assert "control character" in form.controls["messages"]["candidate"].value


def test_an_empty_candidate_is_missing(maya):
    form = form_for(maya)
    fill(form, ANA, candidate="")
    form.controls["save"].click()
    assert "is missing" in form.controls["messages"]["candidate"].value
    assert maya.interviews().empty


def test_the_form_starts_on_the_latest_candidate_and_the_machine_zone(one_interview, monkeypatch):
    log = one_interview[0]
    log.add_candidate("Leo Park")
    monkeypatch.setenv("TZ", "Europe/Berlin")

    form = form_for(log, now="2026-09-14T23:30:00+00:00")

    assert form.controls["candidate"].value == "Maya Okafor"  # the latest interview's
    assert form.controls["timezone"].value == "Europe/Berlin"
    assert form.controls["date"].value == datetime.date(2026, 9, 15)  # already the 15th in Berlin
    assert "America/New_York" in form.controls["timezone"].options


def test_an_empty_log_gives_an_empty_form(log):
    form = form_for(log)
    assert form.controls["candidate"].value == "" and form.controls["candidate"].options == ()
    fill(form, ANA, candidate="Maya Okafor")
    assert form.save() == 1
    assert log.candidates()["candidate"].tolist() == ["Maya Okafor"]


# -- escaping -------------------------------------------------------------------------------

def test_nothing_typed_is_shown_unescaped(maya):
    form = form_for(maya)
    hostile_person = {**ANA, "name": HOSTILE, "title": HOSTILE, "talking_points": HOSTILE}
    fill(form, hostile_person, {**BO, "email": HOSTILE}, candidate=f"{HOSTILE} Smith", company=HOSTILE,
         timezone=HOSTILE, start=HOSTILE)

    form.controls["save"].click()                      # refused: errors quoting what was typed
    refused = "\n".join(html_values(form))
    assert "&lt;img src=x onerror=alert(1)&gt;" in form.controls["messages"]["timezone"].value
    assert "&lt;img" in form.controls["messages"]["start"].value
    assert "&lt;img" in form.controls["messages"]["candidate"].value  # "new candidate: <img…> Smith"

    fill(form, hostile_person, {**BO, "email": "bo@northwind.example"}, candidate=f"{HOSTILE} Smith",
         company=HOSTILE)
    form.controls["save"].click()                      # saved: a confirmation naming the company
    assert maya.interviews()["company"].tolist() == [HOSTILE]
    assert maya.interviewers()["name"].tolist() == [HOSTILE, "Bo Chen"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in form.controls["message"].value

    for value in html_values(form) + refused.split("\n"):
        assert "<img" not in value, value


# -- reading what was typed, showing ---------------------------------------------------------

@pytest.mark.parametrize("typed, read", [
    ("10:00", "10:00"), (" 9:05 ", "09:05"), ("9.30", "09:30"), ("14", "14:00"), ("2:15 pm", "14:15"),
    ("12 am", "00:00"), ("12:30 PM", "12:30"), ("11 a.m.", "11:00"),
    ("25:00", None), ("10:75", None), ("13 pm", None), ("ten", None), ("10:00:00", None), ("", None),
])
def test_read_time_of_day(typed, read):
    assert read_time_of_day(typed) == read


def test_it_is_displayed_by_default(maya, monkeypatch):
    shown = capture_display(monkeypatch)
    form = InterviewForm(maya, now=NEXT_MORNING)
    assert shown == [displayed(form.widget, "Interview form")]
    assert repr(form) == "InterviewForm(Maya Okafor: 1 row of people met, 0 interviews saved)"


def test_a_candidate_added_elsewhere_meanwhile_is_not_added_twice(maya):
    form = form_for(maya)
    fill(form, ANA, candidate="Leo Park")
    maya.add_candidate("Leo Park")  # another notebook, after the form was opened

    interview_id = form.save()

    assert maya.interviews().set_index("interview_id").at[interview_id, "candidate"] == "Leo Park"
    assert maya.candidates()["candidate"].tolist() == ["Maya Okafor", "Leo Park"]
    assert form.controls["message"].value.startswith("Saved interview 1 with Northwind Analytics")
