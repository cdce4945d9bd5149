""""From your calendar" in notebook 01, in a real browser, as a person uses it: type the path
of an invitation saved from the mail program, press Read, see the interview ticked with the
people met, correct the role, press Import; the log on disk holds the interview with its
people and the event's UID, and a second Import says nothing changed.

The server (conftest.py) runs on the same machine, so a file written here is one the kernel
can read. Names are this test's own (the server's log is shared by the browser tests).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import workbook

from .test_notebooks_in_browser import Notebook, expect, row_counts

pytestmark = pytest.mark.browser

CANDIDATE, EMAIL = "Wren Calloway", "wren.calloway@example.org"
UID = "tidewater-optics-panel-7f3a9c@calendar.example"
INVITATION = "\r\n".join([
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN", "METHOD:REQUEST",
    "BEGIN:VEVENT", f"UID:{UID}", "DTSTAMP:20261112T090000Z", "SEQUENCE:0", "STATUS:CONFIRMED",
    "SUMMARY:Panel interview – Optical Engineer (Tidewater Optics)",
    "DTSTART;TZID=Europe/Lisbon:20261119T140000", "DTEND;TZID=Europe/Lisbon:20261119T150000",
    "ORGANIZER;CN=Inês Duarte:mailto:ines.duarte@tidewater.example",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=Inês Duarte:mailto:ines.duarte@tidewater.example",
    f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN={CANDIDATE}:mailto:{EMAIL}",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=Rui Almeida:mailto:rui.almeida@tidewater.example",
    "ATTENDEE;CUTYPE=ROOM;CN=Sala Tejo:mailto:sala.tejo@tidewater.example",
    "DESCRIPTION:<p>Join <b>here</b></p>",
    "END:VEVENT", "END:VCALENDAR", ""])


@pytest.fixture
def notebook(page, lab_server, screenshots):
    return lambda name: Notebook(page, lab_server, screenshots, name).open()


def test_an_invitation_is_imported_through_the_widget(notebook, lab_server, tmp_path):
    path = tmp_path / "invite.ics"
    path.write_bytes(INVITATION.encode("utf-8"))
    with workbook.open_log(lab_server.log_path) as log:
        log.add_candidate(CANDIDATE, email=EMAIL)
    nb = notebook("01-log-an-interview").run_all()
    calendar = nb.widget_labelled("Calendar file or folder")
    expect(calendar.get_by_label("Calendar file or folder", exact=True)).to_have_attribute(
        "placeholder", "~/Downloads/invite.ics")

    calendar.get_by_label("Candidate", exact=True).select_option(label=CANDIDATE)
    calendar.get_by_label("Calendar file or folder", exact=True).fill(str(path))
    calendar.get_by_role("button", name="Read").click()
    ticked = calendar.get_by_label("import", exact=True)
    expect(ticked).to_have_count(1)
    expect(ticked).to_be_checked()
    expect(calendar).to_contain_text("Thu 19 Nov 2026 14:00–15:00 Europe/Lisbon")
    expect(calendar).to_contain_text("Panel interview – Optical Engineer (Tidewater Optics)")
    expect(calendar).to_contain_text("Join here")  # the description as text
    expect(calendar.get_by_label("Company", exact=True)).to_have_value("Tidewater Optics")
    expect(calendar.get_by_label("Stage", exact=True)).to_have_value("panel")
    for person in ("Inês Duarte (ines.duarte@tidewater.example)", "Rui Almeida (rui.almeida@tidewater.example)"):
        expect(calendar.get_by_label(person, exact=True)).to_be_checked()
    expect(calendar.get_by_text(re.compile(CANDIDATE))).to_have_count(0)  # she is not among the people she met
    expect(calendar).not_to_contain_text("Sala Tejo")  # nor the room
    expect(calendar.get_by_text("new", exact=True)).to_be_visible()

    calendar.get_by_label("Role", exact=True).fill("Senior optical engineer")
    before = row_counts(lab_server.log_path)
    calendar.get_by_role("button", name="Import").click()
    expect(calendar.get_by_text(re.compile(r"^Added 1 interview\."))).to_be_visible()
    expect(calendar.get_by_text("in the log", exact=True)).to_be_visible()  # the table read again
    expect(calendar.get_by_label("Role", exact=True)).to_have_value("Senior optical engineer")  # as the log holds it

    with workbook.open_log(lab_server.log_path) as log:
        interviews = log.interviews()
        [interview] = interviews[interviews["calendar_uid"] == UID].to_dict("records")
        met = log.interviewers()
        met = met[met["interview_id"] == interview["interview_id"]]
    assert (interview["candidate"], interview["company"], interview["role"], interview["stage"]) == (
        CANDIDATE, "Tidewater Optics", "Senior optical engineer", "panel")
    assert (interview["starts_at"], interview["timezone"]) == (pd.Timestamp("2026-11-19T14:00Z"), "Europe/Lisbon")
    assert sorted(met["name"]) == ["Inês Duarte", "Rui Almeida"]
    after = row_counts(lab_server.log_path)
    assert (after["interviews"] - before["interviews"], after["interviewers"] - before["interviewers"]) == (1, 2)

    calendar.get_by_role("button", name="Import").click()
    expect(calendar.get_by_text("Nothing changed: 1 left as it was.", exact=True)).to_be_visible()
    assert row_counts(lab_server.log_path) == after
    nb.snap("calendar-imported")
    nb.assert_no_page_errors()
