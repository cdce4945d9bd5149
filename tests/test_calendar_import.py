"""The widget "From your calendar" (notebook 01) without a browser: type a path, press Read,
check the ticks, the company and the people met, press Import, and the log holds what was
shown; problems are said in the widget and nothing is written.

The calendars are the hand-made fixtures of ``tests/data/calendars`` (their README says what
each holds), copied into a temporary folder, and a few written here. The candidate is Maya
Okafor, maya@example.com, as in the fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from workbook.ui import CalendarImport

from .conftest import assert_same_log, snapshot

CALENDARS = Path(__file__).resolve().parent / "data" / "calendars"
MAYA = "Maya Okafor"
TEAMS_UID = ("040000008200E00074C5B7101A82E00800000000E6A1C07D2F6ADB01000000000000000010000000"
             "9B3E5A71C2D84F0E8A6B1D4C7F9E2A05")
NOW = "2026-11-20T17:00:00+00:00"


def copy(tmp_path: Path, *names: str) -> Path:
    """A folder holding the fixtures named (without ``.ics``)."""
    folder = tmp_path / "calendar"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(CALENDARS / f"{name}.ics", folder / f"{name}.ics")
    return folder


def widget(log, source=None, **options) -> CalendarImport:
    return CalendarImport(log, source=source, now=NOW, display=False, **options)


def read(calendar: CalendarImport, path) -> list[dict]:
    calendar.controls["source"].value = str(path)
    calendar.controls["read"].click()
    return calendar.controls["events"]


def row_of(calendar: CalendarImport, summary_start: str) -> dict:
    [row] = [row for row, summary in zip(calendar.controls["events"], calendar.events["summary"])
             if summary.startswith(summary_start)]
    return row


def people(row: dict) -> dict[str, bool]:
    return {box.description: box.value for box, _email in row["people"]}


@pytest.fixture
def maya(log):
    log.add_candidate(MAYA, email="maya@example.com")
    return log


@pytest.mark.backends("sqlite", "postgresql")
def test_an_invitation_is_read_corrected_and_imported_once(maya, tmp_path):
    calendar = widget(maya)
    assert calendar.controls["candidate"].value == MAYA  # the only candidate
    [row] = read(calendar, copy(tmp_path, "teams-invite") / "teams-invite.ics")
    # Ticked: it looks like an interview; 09:00 in Los Angeles, on its own clock; Maya is not among the people met.
    assert row["import"].value and row["reason"].value == ""
    assert "Tue 10 Nov 2026 09:00–10:00 America/Los_Angeles" in row["when"].value
    assert "Panel interview – Analytics Engineer (Cedar Point Outfitters)" in row["summary"].value
    assert (row["company"].value, row["role"].value, row["stage"].value) == (
        "Cedar Point Outfitters", "Analytics Engineer", "panel")
    assert people(row) == {"Grace Nakamura-Ellis (grace.nakamura-ellis@cedarpoint.example)": True,
                           "Tomás Ferreira (tomas.ferreira@cedarpoint.example)": True,
                           "Bea Lindgren (bea.lindgren@cedarpoint.example)": True}
    assert "new" in row["in_log"].value

    row["role"].value = "Senior analytics engineer"
    row["people"][2][0].value = False  # Bea was not there
    calendar.controls["import"].click()
    assert calendar.controls["message"].value == (
        "Added 1 interview. Next: write the thank-you notes in 02-write-thank-you-notes.")
    [interview] = maya.interviews().to_dict("records")
    assert (interview["candidate"], interview["company"], interview["role"], interview["stage"]) == (
        MAYA, "Cedar Point Outfitters", "Senior analytics engineer", "panel")
    assert (interview["starts_at"], interview["timezone"]) == (pd.Timestamp("2026-11-10T17:00Z"), "America/Los_Angeles")
    assert interview["calendar_uid"] == TEAMS_UID
    assert sorted(maya.interviewers()["name"]) == ["Grace Nakamura-Ellis", "Tomás Ferreira"]
    # The table is read again: the event is in the log now.
    [row] = calendar.controls["events"]
    assert "in the log" in row["in_log"].value
    # What the log holds, not the guess again; corrected in the interview form, not here.
    assert (row["role"].value, row["role"].disabled) == ("Senior analytics engineer", True)
    assert calendar.imported[-1]["action"].tolist() == ["added"]

    before = snapshot(maya)
    calendar.controls["import"].click()
    assert calendar.controls["message"].value == "Nothing changed: 1 left as it was."
    assert_same_log(before, snapshot(maya))


@pytest.mark.backends("sqlite", "postgresql")
def test_an_update_moves_the_interview_and_a_cancellation_is_shown(maya, tmp_path):
    folder = copy(tmp_path, "teams-invite")
    calendar = widget(maya, source=folder)  # read at once
    calendar.controls["import"].click()
    copy(tmp_path, "teams-update")
    read(calendar, folder)
    [row] = calendar.controls["events"]
    assert "moved" in row["in_log"].value and "Thu 12 Nov 2026 13:00–14:00" in row["when"].value
    calendar.controls["import"].click()
    assert calendar.controls["message"].value == "Moved 1 interview."
    [interview] = maya.interviews().to_dict("records")
    assert interview["starts_at"] == pd.Timestamp("2026-11-12T21:00Z")
    assert "Kwame Mensah-Boateng" in set(maya.interviewers()["name"])

    copy(tmp_path, "teams-cancel")
    [row] = read(calendar, folder)
    assert not row["import"].value and "(cancelled)" in row["reason"].value
    assert "cancelled in the calendar" in row["in_log"].value
    before = snapshot(maya)
    calendar.controls["import"].click()  # nothing ticked
    assert calendar.controls["message"].value == (
        "<span style='color: #b00020'>⚠ Nothing is ticked to import: tick the events that are interviews.</span>")
    assert_same_log(before, snapshot(maya))


def test_the_events_are_listed_latest_first_each_saying_why_it_is_not_an_interview(maya, tmp_path, monkeypatch):
    copy(tmp_path, "google-export")
    monkeypatch.setenv("HOME", str(tmp_path))
    calendar = widget(maya)
    rows = read(calendar, "~/calendar")  # "~" is the home folder
    assert calendar.events["starts_at"].is_monotonic_decreasing
    said = {row["uid"][:2]: (row["import"].value, row["reason"].value) for row in rows}
    assert said["1m"] == (False, "<span style='color: #555'>(recurring)</span>")
    assert said["3c"] == (False, "<span style='color: #555'>(no interview word)</span>")
    assert said["4d"] == (False, "<span style='color: #555'>(all-day)</span>")
    assert all(said[uid] == (True, "") for uid in ("2b", "5e", "6f", "7g"))
    assert "Thu 15 Oct 2026 (all day)" in row_of(calendar, "Onsite")["when"].value

    # An event the guess left out is imported when ticked; one it took is left out when unticked.
    onsite_free = row_of(calendar, "Dentist")
    onsite_free["import"].value = True
    onsite_free["company"].value = "Praxis Dr. Weber"
    onsite_free["role"].value = "Dental assistant"
    row_of(calendar, "Entrevista")["import"].value = False
    calendar.controls["import"].click()
    assert calendar.controls["message"].value.startswith("Added 4 interviews.")
    assert sorted(maya.interviews()["company"]) == [
        "Fjordlicht Energie", "Lumière Conseil", "Nordhafen Logistik", "Praxis Dr. Weber"]


def test_a_missing_company_is_said_with_its_event_and_nothing_is_written(maya, tmp_path):
    calendar = widget(maya, source=copy(tmp_path, "teams-invite", "zoom-invite"))
    assert len(calendar.controls["events"]) == 2
    zoom = row_of(calendar, "Phone screen")
    zoom["company"].value = "  "
    before = snapshot(maya)
    calendar.controls["import"].click()
    assert_same_log(before, snapshot(maya))
    assert calendar.controls["message"].value == (
        "<span style='color: #b00020'>⚠ Nothing was imported: 1 problem, shown with the events.</span>")
    assert "the company is not said in the invitation: type it above" in zoom["message"].value
    assert row_of(calendar, "Panel")["message"].value == ""

    zoom["company"].value = "Quillon Labs"
    calendar.controls["import"].click()
    assert calendar.controls["message"].value.startswith("Added 2 interviews.")
    assert zoom["message"].value == ""


def test_problems_are_said_in_the_widget_never_raised(log, tmp_path):
    # An empty log: no candidate to import for, but a calendar can still be read.
    calendar = widget(log)
    assert calendar.controls["candidate"].options == () and calendar.controls["candidate"].value is None
    calendar.controls["read"].click()
    assert "Type the path of a calendar file (.ics) or of a folder of them" in calendar.controls["message"].value
    read(calendar, tmp_path / "missing.ics")
    assert "Nothing was read" in calendar.controls["message"].value
    assert "there is no such file or folder" in calendar.controls["message"].value
    calendar.controls["import"].click()
    assert "Press Read first" in calendar.controls["message"].value

    read(calendar, copy(tmp_path, "zoom-invite"))
    assert len(calendar.controls["events"]) == 1
    calendar.controls["import"].click()
    assert "Choose the candidate whose calendar it is" in calendar.controls["message"].value
    log.add_candidate(MAYA)  # under About you, after the widget was made: listed at the next Read
    calendar.controls["read"].click()
    assert calendar.controls["candidate"].options == (MAYA,) and calendar.controls["candidate"].value == MAYA
    calendar.controls["source"].value = str(tmp_path / "elsewhere")
    calendar.controls["import"].click()
    assert "The path was changed since the events were read" in calendar.controls["message"].value

    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Interview\r\nDTSTART:2026100XT1000Z\r\n"
                      "END:VEVENT\r\nEND:VCALENDAR\r\n")
    read(calendar, broken)
    assert calendar.controls["events"] == [] and calendar.events is None
    said = calendar.controls["message"].value
    assert "Nothing was read" in said and "broken.ics" in said and "DTSTART" in said
    assert len(log.interviews()) == 0

    unknown = widget(log, candidate="Nobody Known")
    assert "The log holds no candidate named Nobody Known" in unknown.controls["message"].value


def test_summaries_and_descriptions_are_shown_as_text(maya, tmp_path):
    hostile = '<img src=x onerror="window.__pwned=1">'
    path = tmp_path / "hostile.ics"
    path.write_text("\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:hostile-1",
        "DTSTAMP:20261001T120000Z", f"SUMMARY:Interview {hostile} – Acme", "DTSTART:20261105T150000Z",
        "DTEND:20261105T160000Z", f"DESCRIPTION:Join: {hostile}", f"LOCATION:{hostile}",
        'ORGANIZER;CN="Eve <b>Bold</b>":mailto:eve@acme.example', "END:VEVENT", "END:VCALENDAR", ""]), encoding="utf-8")
    [row] = read(widget(maya), path)
    shown = row["summary"].value + row["when"].value + row["in_log"].value
    assert "<img" not in shown and "&lt;img src=x" in shown
    # A checkbox's label is text, not HTML.
    [(box, _email)] = row["people"]
    assert box.description == "Eve <b>Bold</b> (eve@acme.example)" and not box.description_allow_html


def test_a_time_that_cannot_be_read_stops_the_widget_in_it(maya, tmp_path):
    calendar = CalendarImport(maya, source=copy(tmp_path, "teams-invite"), now="tomorrow-ish", display=False)
    assert calendar.error is not None and calendar.events is None
    assert "The calendar import cannot start: the time now is unknown" in calendar.controls["message"].value
    assert calendar.controls["import"].disabled and calendar.controls["read"].disabled
    calendar.controls["import"].click()
    assert len(maya.interviews()) == 0
