"""The interview form, without a browser: type into the controls, press the buttons, and look
at the log and at what the form shows next to each field."""

from __future__ import annotations

import datetime

import ipywidgets as widgets
import pandas as pd
import pytest

import workbook
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
    "end before start": (dict(start="11:00", end="10:30"), "end",
                         "10:30 is before the start (11:00) on the same day: if the interview ended after midnight, "
                         "set the End date to the next day, Tue 15 Sep 2026"),
    "end when it starts": (dict(start="11:00", end="11:00"), "end", "ends before (or when) it starts"),
    "end a day before the start": (dict(end_date=datetime.date(2026, 9, 13)), "end", "ends before (or when) it starts"),
    "no end date": (dict(end_date=None), "end_date", "is missing: choose the day it ended"),
    "24:20": (dict(start="23:15", end="24:20"), "end",
              "&#x27;24:20&#x27; is not a time of day: after midnight the clock starts again at 00:20; type that, "
              "and set the End date to the next day"),
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


@pytest.mark.backends("sqlite", "postgresql")
def test_the_form_starts_on_the_latest_candidate_and_the_zone_of_their_latest_interview(one_interview, monkeypatch):
    log = one_interview[0]
    log.add_candidate("Leo Park")
    log.add_interview("Leo Park", "Kiel Robotics", "Analyst", "2026-09-10T10:00", "2026-09-10T11:00", "Europe/Berlin")
    monkeypatch.setenv("TZ", "Asia/Tokyo")

    form = form_for(log, now="2026-09-14T23:30:00+00:00")

    assert form.controls["candidate"].value == "Maya Okafor"  # the latest interview's
    assert form.controls["timezone"].value == "America/New_York"  # hers, not the machine's
    assert form.controls["zones"].value == "America/New_York"
    assert form.controls["date"].value == datetime.date(2026, 9, 14)  # still the 14th in New York
    form.controls["candidate"].value = "Leo Park"
    assert form.controls["timezone"].value == "Europe/Berlin"  # the zone follows the candidate...
    form.controls["timezone"].value = "Asia/Kolkata"
    form.controls["candidate"].value = "Maya Okafor"
    assert form.controls["timezone"].value == "Asia/Kolkata"  # ...until the person chooses one

    fill(form, ANA, timezone="Asia/Kolkata", start="20:00", end="21:00")  # after hers in New York
    assert form.save() is not None
    assert form.controls["timezone"].value == "Asia/Kolkata"  # it stays after a save
    assert form_for(log).controls["timezone"].value == "Asia/Kolkata"  # and a new form starts on it


def test_without_interviews_the_zone_is_the_machines(maya, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    form = form_for(maya, now="2026-09-14T23:30:00+00:00")
    assert form.controls["timezone"].value == "Europe/Berlin"
    assert form.controls["date"].value == datetime.date(2026, 9, 15)  # already the 15th in Berlin


def test_a_zone_is_found_by_part_of_its_name_and_picked_from_the_list(maya):
    form = form_for(maya)
    zones, typed = form.controls["zones"], form.controls["timezone"]
    assert typed.value in zones.options and len(zones.options) > 400  # a full name: every zone, it chosen

    typed.value = "new york"
    assert zones.options == ("America/New_York",) and zones.value is None
    typed.value = "kolk"
    assert zones.options == ("Asia/Kolkata",)
    typed.value = "america/l"
    assert {"America/La_Paz", "America/Lima", "America/Los_Angeles"} <= set(zones.options)
    zones.value = "America/Los_Angeles"          # the person clicks one
    assert typed.value == "America/Los_Angeles"
    assert "America/Lima" in zones.options       # the list stays as it was while choosing
    typed.value = "Mars"
    assert zones.options == ()

    fill(form, ANA, timezone="america/l")          # a part is not a zone: refused, the list still helps
    assert form.save() is None
    assert "is not an IANA time zone" in form.controls["messages"]["timezone"].value
    zones.value = "America/Lima"
    assert form.save() == 1
    assert maya.interviews()["timezone"].tolist() == ["America/Lima"]


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
    ("25:00", None), ("10:75", None), ("13 pm", None), ("ten", None), ("", None),
    ("10:00:00", "10:00:00"), ("20:30:15", "20:30:15"), ("2:15:30 pm", "14:15:30"), ("10:00:60", None),
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


# -- an interview after midnight ------------------------------------------------------------

@pytest.mark.backends("sqlite", "postgresql")
def test_an_interview_ending_after_midnight_is_logged_with_its_end_date(maya):
    form = form_for(maya, now="2026-11-28T12:00:00+00:00")
    fill(form, ANA, date=datetime.date(2026, 11, 27), start="23:15", end="00:20", timezone="Europe/Berlin")
    assert form.controls["end_date"].value == datetime.date(2026, 11, 27)  # it followed the date

    assert form.save() is None                        # the end on the same day: the next day is suggested
    assert "set the End date to the next day, Sat 28 Nov 2026" in form.controls["messages"]["end"].value
    assert maya.interviews().empty

    form.controls["end_date"].value = datetime.date(2026, 11, 28)
    form.controls["end"].value = "12:20 am"
    interview_id = form.save()

    saved = maya.interviews().set_index("interview_id").loc[interview_id]
    assert (saved["starts_at"], saved["ends_at"]) == (pd.Timestamp("2026-11-27T22:15Z"), pd.Timestamp("2026-11-27T23:20Z"))
    # Its date, in every list, is the day it started.
    assert [label for label, _ in form.controls["open"].options][1].startswith("Fri 27 Nov 2026 · Northwind Analytics")
    form.controls["open"].value = interview_id
    c = form.controls
    assert (c["date"].value, c["start"].value, c["end_date"].value, c["end"].value) == (
        datetime.date(2026, 11, 27), "23:15", datetime.date(2026, 11, 28), "00:20")
    assert "on Fri 27 Nov 2026" in c["message"].value


def test_the_end_date_follows_the_date_until_the_person_sets_it(maya):
    form = form_for(maya)
    c = form.controls
    c["date"].value = datetime.date(2026, 11, 27)
    assert c["end_date"].value == datetime.date(2026, 11, 27)
    c["end_date"].value = datetime.date(2026, 11, 28)
    c["date"].value = datetime.date(2026, 11, 26)
    assert c["end_date"].value == datetime.date(2026, 11, 28)  # theirs stays
    c["date"].value = None
    assert c["end_date"].value == datetime.date(2026, 11, 28)


def test_placeholders_are_short_enough_to_be_read_whole(maya):
    # The fields are 38em wide with 13em labels: about 40 characters of text are seen.
    form = form_for(maya)
    for name in ("candidate", "stage", "timezone"):
        assert len(form.controls[name].placeholder) <= 28, name
    assert form.controls["candidate"].layout.width == form.controls["stage"].layout.width == "38em"


# -- correcting a logged interview ----------------------------------------------------------

def open_logged(log, interview_id: int, **kwargs) -> InterviewForm:
    form = form_for(log, **kwargs)
    form.controls["open"].value = interview_id
    return form


@pytest.mark.backends("sqlite", "postgresql")
def test_logged_interviews_are_offered_latest_first_and_fill_the_form(one_interview):
    log, interview_id, (ana, bo) = one_interview
    later = log.add_interview("Maya Okafor", "Kestrel Bank", "Data analyst", "2026-09-16T09:00",
                              "2026-09-16T10:00", "Europe/London", stage="panel")
    form = form_for(log, now="2026-09-17T12:00:00+00:00")
    assert form.controls["open"].options == (
        ("New interview", 0),
        ("Wed 16 Sep 2026 · Kestrel Bank — Data analyst (panel)", later),
        ("Mon 14 Sep 2026 · Northwind Analytics — Data analyst (hiring manager)", interview_id))

    form.controls["open"].value = interview_id

    c = form.controls
    assert (c["candidate"].value, c["company"].value, c["role"].value, c["stage"].value, c["timezone"].value) == (
        "Maya Okafor", "Northwind Analytics", "Data analyst", "hiring manager", "America/New_York")
    assert (c["date"].value, c["start"].value, c["end"].value) == (datetime.date(2026, 9, 14), "10:00", "11:00")
    assert [(row["name"].value, row["email"].value, row["interviewer_id"]) for row in c["people"]] == [
        ("Ana Lima", "ana@northwind.example", ana), ("Bo Chen", "", bo)]
    assert c["save"].description == "Save changes"

    form.controls["open"].value = 0                  # "New interview": empty again
    assert c["company"].value == "" and [row["name"].value for row in c["people"]] == [""]
    assert c["save"].description == "Save interview" and form.editing is None


@pytest.mark.backends("sqlite", "postgresql")
def test_an_interview_is_corrected_people_added_and_removed_in_one_save(one_interview):
    log, interview_id, (ana, bo) = one_interview
    form = open_logged(log, interview_id)
    c = form.controls
    c["company"].value = "Northwind Analytics Inc."
    c["end"].value = "11:30"
    c["people"][1]["remove"].click()                 # Bo has no notes: gone at once
    c["add_person"].click()
    c["people"][1]["name"].value = "Cy Diaz"
    c["people"][1]["email"].value = "cy@northwind.example"
    c["people"][0]["email"].value = "ana.lima@northwind.example"

    assert form.save() == interview_id

    [interview] = log.interviews().itertuples()
    assert interview.company == "Northwind Analytics Inc." and interview.ends_at == pd.Timestamp("2026-09-14T15:30Z")
    met = log.interviewers().set_index("interviewer_id")
    assert met["name"].tolist() == ["Ana Lima", "Cy Diaz"] and ana in met.index and bo not in met.index
    assert met.at[ana, "email"] == "ana.lima@northwind.example"
    assert c["message"].value == (
        "Saved the interview with Northwind Analytics Inc. on Mon 14 Sep 2026: changed its company, end; "
        "added Cy Diaz; changed Ana Lima&#x27;s email; removed Bo Chen.")
    # Still open, as the log holds it: saving again changes nothing.
    assert [row["interviewer_id"] for row in c["people"]] == list(met.index)
    before = snapshot(log)
    form.save()
    assert_same_log(before, snapshot(log))
    assert c["message"].value.startswith("Nothing to save: the log already holds the interview with Northwind")


@pytest.mark.backends("sqlite", "postgresql")
def test_removing_a_person_with_notes_asks_a_second_click_and_says_what_goes(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(ana, body="Dear Ana, a draft.")
    log.add_note(ana, body="Dear Ana, thank you.", sent_at="2026-09-14T18:00")
    form = open_logged(log, interview_id)
    c = form.controls
    first = c["people"][0]

    first["remove"].click()

    assert len(c["people"]) == 2                      # not yet
    assert first["warning"].value == (
        "<span style='color: #b00020'>⚠ Removing Ana Lima also removes the 2 notes to them (1 sent). "
        "Click Remove anyway to do it; it happens when you save.</span>")
    assert first["remove"].description == "Remove anyway"
    assert len(log.notes()) == 2                      # nothing happens before the save

    first["remove"].click()
    assert [row["name"].value for row in c["people"]] == ["Bo Chen"]
    assert len(log.notes()) == 2
    form.save()

    assert log.interviewers()["name"].tolist() == ["Bo Chen"] and log.notes().empty
    assert c["message"].value.endswith("removed Ana Lima and the 2 notes to them (1 sent).")


@pytest.mark.backends("sqlite", "postgresql")
def test_a_refused_correction_changes_nothing_and_shows_each_problem_beside_its_field(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(bo, body="Dear Bo, thank you.", sent_at="2026-09-14T12:00")  # sent at noon in New York
    form = open_logged(log, interview_id)
    c = form.controls
    c["company"].value = "Northwind Analytics Inc."
    c["end"].value = "12:30"                           # after Bo's note went out
    c["people"][0]["email"].value = "ana at northwind"
    c["add_person"].click()
    c["people"][2]["title"].value = "Recruiter"        # no name
    before = snapshot(log)

    assert form.save() is None

    assert_same_log(before, snapshot(log))
    shown = field_messages(form)
    assert "the note to Bo Chen would then be wrong: sent 2026-09-14 12:00, before the interview ended" in shown["end"]
    assert "is not an email address" in shown[(0, "email")]
    assert "is missing" in shown[(2, "name")]
    assert "Nothing was saved: 3 problems, shown next to the fields." in c["message"].value
    assert all(" id" not in value and "interviewer " not in value for value in shown.values())


@pytest.mark.backends("sqlite", "postgresql")
def test_a_person_emptied_is_refused_not_removed(one_interview):
    log, interview_id, _ = one_interview
    form = open_logged(log, interview_id)
    for name in ("name", "title", "email", "talking_points"):
        form.controls["people"][1][name].value = ""
    before = snapshot(log)
    assert form.save() is None
    assert_same_log(before, snapshot(log))
    assert "is missing" in field_messages(form)[(1, "name")]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_person_removed_elsewhere_meanwhile_is_named(one_interview):
    log, interview_id, (ana, bo) = one_interview
    form = open_logged(log, interview_id)
    log.remove_interviewer(bo)                       # another notebook
    form.controls["people"][1]["title"].value = "Staff data engineer"
    assert form.save() is None
    assert "Bo Chen is not one of the people met at the interview with Northwind Analytics on Mon 14 Sep 2026" \
        in field_messages(form)[(1, "name")]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_time_left_as_shown_keeps_its_seconds(one_interview):
    log, interview_id, _ = one_interview
    log.change_interview(interview_id, starts_at="2026-09-14T10:00:30")  # as an import may give it
    form = open_logged(log, interview_id)
    assert form.controls["start"].value == "10:00"
    form.controls["role"].value = "Senior data analyst"

    form.save()

    [interview] = log.interviews().itertuples()
    assert interview.starts_at == pd.Timestamp("2026-09-14T14:00:30Z") and interview.role == "Senior data analyst"
    assert form.controls["message"].value.endswith("changed its role.")


# -- a correction never loses what it did not show, nor notes nobody confirmed ---------------

def all_messages(form: InterviewForm) -> str:
    return " ".join([*html_values(form), *(row["warning"].value for row in form.controls["people"])])


@pytest.mark.backends("sqlite", "postgresql")
def test_a_note_written_elsewhere_after_opening_is_never_removed_without_asking(one_interview, log_target):
    log, interview_id, (ana, bo) = one_interview
    form = open_logged(log, interview_id)
    c = form.controls
    with workbook.open_log(log_target) as other:       # another notebook, after the form opened
        other.send_note(bo, "Dear Bo, thank you.", at="2026-09-14T18:00")
    c["people"][1]["remove"].click()                   # the form knew of no notes: one click
    assert [row["name"].value for row in c["people"]] == ["Ana Lima"]
    before = snapshot(log)

    assert form.save() is None

    assert_same_log(before, snapshot(log))             # the note and Bo are still there
    bo_row = c["people"][1]
    assert [row["name"].value for row in c["people"]] == ["Ana Lima", "Bo Chen"]  # Bo's row is back
    assert bo_row["warning"].value == (
        "<span style='color: #b00020'>⚠ Bo Chen now has 1 note to them (sent), written since you removed "
        "them. Removing Bo Chen also removes it. Click Remove anyway to do it; it happens when you save.</span>")
    assert bo_row["remove"].description == "Remove anyway"
    assert "Nothing was saved" in c["message"].value and "Bo Chen" in c["message"].value
    assert "cascade" not in all_messages(form)

    bo_row["remove"].click()                           # now the person has seen it, and confirms
    assert form.save() == interview_id
    assert log.interviewers()["name"].tolist() == ["Ana Lima"] and log.notes().empty
    assert c["message"].value.endswith("removed Bo Chen and the 1 note to them (sent).")


@pytest.mark.backends("sqlite", "postgresql")
def test_a_note_written_after_the_confirmation_asks_again(one_interview, log_target):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(ana, body="Dear Ana, a draft.")
    form = open_logged(log, interview_id)
    c = form.controls
    c["people"][0]["remove"].click()
    c["people"][0]["remove"].click()                   # "Remove anyway": 1 draft confirmed
    with workbook.open_log(log_target) as other:
        other.send_note(ana, "Dear Ana, thank you.", at="2026-09-14T18:00")
    before = snapshot(log)

    assert form.save() is None

    assert_same_log(before, snapshot(log))
    ana_row = c["people"][0]
    assert ana_row["name"].value == "Ana Lima" and ana_row["remove"].description == "Remove anyway"
    assert "Ana Lima now has 2 notes to them (1 sent), written since you removed them" in ana_row["warning"].value
    assert "cascade" not in all_messages(form)
    ana_row["remove"].click()
    assert form.save() == interview_id
    assert log.notes().empty and log.interviewers()["name"].tolist() == ["Bo Chen"]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_correction_leaves_alone_what_changed_elsewhere_and_people_it_never_showed(one_interview, log_target):
    log, interview_id, (ana, bo) = one_interview
    form = open_logged(log, interview_id)
    with workbook.open_log(log_target) as other:       # another notebook, meanwhile
        cy = other.add_interviewer(interview_id, "Cy Diaz", email="cy@northwind.example")
        other.change_interview(interview_id, stage="panel", ends_at="2026-09-14T11:15")
        other.change_interviewer(ana, email="ana.lima@northwind.example")
    form.controls["company"].value = "Northwind Analytics Inc."   # the one thing fixed here
    form.controls["people"][1]["title"].value = "Staff data engineer"

    assert form.save() == interview_id

    [interview] = log.interviews().itertuples()
    assert (interview.company, interview.stage, interview.ends_at) == (
        "Northwind Analytics Inc.", "panel", pd.Timestamp("2026-09-14T15:15Z"))
    met = log.interviewers().set_index("interviewer_id")
    assert list(met.index) == [ana, bo, cy]                        # Cy, never shown, stays
    assert met.at[ana, "email"] == "ana.lima@northwind.example"    # not reverted
    assert met.at[bo, "title"] == "Staff data engineer"
    assert form.controls["message"].value == (
        "Saved the interview with Northwind Analytics Inc. on Mon 14 Sep 2026: changed its company; "
        "changed Bo Chen&#x27;s title.")
    assert [row["name"].value for row in form.controls["people"]] == ["Ana Lima", "Bo Chen", "Cy Diaz"]


@pytest.mark.backends("sqlite", "postgresql")
def test_removing_everyone_does_not_check_the_notes_that_go_with_them(one_interview):
    log, interview_id, (ana, bo) = one_interview
    log.add_note(bo, body="Dear Bo, thank you.", sent_at="2026-09-14T12:00")  # noon, before the new end
    form = open_logged(log, interview_id)
    c = form.controls
    c["end"].value = "12:30"
    c["people"][1]["remove"].click()
    c["people"][1]["remove"].click()                  # Bo, and his note, confirmed
    c["people"][0]["remove"].click()                  # Ana: no notes

    assert form.save() == interview_id

    assert log.interviewers().empty and log.notes().empty
    assert log.interviews()["ends_at"].tolist() == [pd.Timestamp("2026-09-14T16:30Z")]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_note_written_while_saving_is_not_removed_either(one_interview, log_target, monkeypatch):
    log, interview_id, (ana, bo) = one_interview
    form = open_logged(log, interview_id)
    form.controls["people"][1]["remove"].click()       # Bo: no notes
    read_notes = log.notes

    def another_notebook_writes_just_after_the_form_counted():
        counted = read_notes()
        if counted.empty:
            with workbook.open_log(log_target) as other:
                other.send_note(bo, "Dear Bo, thank you.", at="2026-09-14T18:00")
        return counted

    monkeypatch.setattr(log, "notes", another_notebook_writes_just_after_the_form_counted)
    assert form.save() is None

    assert log.interviewers()["name"].tolist() == ["Ana Lima", "Bo Chen"] and len(read_notes()) == 1
    assert form.controls["people"][1]["remove"].description == "Remove anyway"
    assert "Bo Chen now has 1 note to them (sent), written since you removed them" in form.controls["message"].value
    assert "cascade" not in all_messages(form)
