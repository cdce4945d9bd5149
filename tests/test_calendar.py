"""Interviews from the calendar: ``.ics`` invitations read as a person would read them (zones,
people, what is an interview), and imported into the log once, moved by an update, never
losing a person; on SQLite and on PostgreSQL.

The calendars are written here as literal text, the way the programs write them (CRLF, lines
folded at 75 characters, Outlook's Windows zone names, Google's and Apple's X-WR-TIMEZONE)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import workbook
from workbook.calendar import COLUMNS, INTERVIEW_WORDS, LOG_COLUMNS, plain_text

from .conftest import assert_same_log, snapshot

MAYA = "Maya Okafor"


# -- calendars as the programs write them ----------------------------------------------------

def fold(line: str) -> list[str]:
    """A content line folded as RFC 5545 says: at most 75 characters, each continuation after a space."""
    parts = [line[:75]]
    line = line[75:]
    while line:
        parts.append(" " + line[:74])
        line = line[74:]
    return parts


def calendar(*events: list[str], head: tuple[str, ...] = ()) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Follow-up Workbook tests//EN", *head]
    for properties in events:
        lines += ["BEGIN:VEVENT", *properties, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))


def event(uid: str, summary: str, start: str, end: str | None, *more: str) -> list[str]:
    """An event's lines; ``start`` and ``end`` as they follow the property name (";TZID=…:…" or ":…Z")."""
    lines = [f"UID:{uid}", "DTSTAMP:20261001T120000Z", f"SUMMARY:{summary}", f"DTSTART{start}"]
    if end is not None:
        lines.append(f"DTEND{end}")
    return lines + list(more)


W_EUROPE = (
    "BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10", "END:STANDARD",
    "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
    "END:VTIMEZONE",
)

ORGANIZER = "ORGANIZER;CN=Ana Lima:mailto:ana.lima@contoso.example"
MAYA_INVITED = "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=Maya Okafor:MAILTO:Maya@Example.COM"


def outlook_invitation(sequence: int = 0, start: str = "20261001T100000", end: str = "20261001T110000",
                       people: tuple[str, ...] = ("José Núñez-Ortega de la Fuente:jose.nunez@contoso.example",),
                       cancelled: bool = False) -> str:
    """Exchange's invitation: a Windows zone, the organizer also an attendee, a room, the
    candidate in capitals; a long attendee line folded inside the name."""
    zone = "TZID=W. Europe Standard Time"
    attendees = [f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
                 f"CN={name}:mailto:{email}" for name, email in (p.split(":") for p in people)]
    return calendar(event(
        "040000008200E00074C5B7101A82E0080000000012AB", ("Canceled: " if cancelled else "") +
        "Technical interview – Data Analyst", f";{zone}:{start}", f";{zone}:{end}",
        ORGANIZER, "ATTENDEE;CN=Ana Lima;ROLE=CHAIR:mailto:ANA.LIMA@contoso.example", *attendees, MAYA_INVITED,
        "ATTENDEE;CUTYPE=ROOM;CN=Room Rhein 4.12:mailto:rhein412@contoso.example",
        f"SEQUENCE:{sequence}", "STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED",
        "DESCRIPTION:Please join us.\\nThe team"),
        head=("METHOD:CANCEL" if cancelled else "METHOD:REQUEST", *W_EUROPE))


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def one(frame: pd.DataFrame, summary_start: str) -> pd.Series:
    [row] = [r for _, r in frame.iterrows() if r["summary"].startswith(summary_start)]
    return row


def names(row) -> list[str]:
    return [person["name"] for person in row["people"]]


# -- reading ---------------------------------------------------------------------------------

def test_an_outlook_invitation_reads_with_its_windows_zone_and_the_people_met(tmp_path):
    path = write(tmp_path, "invite.ics", outlook_invitation())
    events = workbook.read_calendar(path, candidate="maya@example.com")
    assert list(events.columns) == list(COLUMNS)
    [row] = events.to_dict("records")
    # 10:00 in Berlin on 1 October (summer time, UTC+2).
    assert (row["starts_at"], row["ends_at"]) == (pd.Timestamp("2026-10-01T08:00Z"), pd.Timestamp("2026-10-01T09:00Z"))
    assert str(events["starts_at"].dt.tz) == "UTC"
    assert row["timezone"] == "Europe/Berlin"
    # The organizer once (also an attendee, in capitals), no room, not Maya (her address in capitals);
    # the long line folded inside the name, accents kept.
    assert row["people"] == [{"name": "Ana Lima", "email": "ana.lima@contoso.example"},
                             {"name": "José Núñez-Ortega de la Fuente", "email": "jose.nunez@contoso.example"}]
    assert (row["company"], row["role"], row["stage"]) == ("Contoso", "Data Analyst", "technical")
    assert (row["looks_like_interview"], row["reason"], row["status"], row["all_day"]) == (True, "", "confirmed", False)
    assert (row["uid"], row["sequence"], row["file"]) == ("040000008200E00074C5B7101A82E0080000000012AB", 0, str(path))
    assert row["description"] == "Please join us.\nThe team"


def test_eastern_standard_time_without_a_vtimezone_is_new_york(tmp_path):
    text = calendar(event("est-1", "Phone screen – Kestrel Bank", ';TZID="Eastern Standard Time":20261102T093000',
                          ';TZID="Eastern Standard Time":20261102T101500', ORGANIZER))
    [row] = workbook.read_calendar(write(tmp_path, "est.ics", text)).to_dict("records")
    # The day after US daylight time ended: UTC-5.
    assert (row["timezone"], row["starts_at"]) == ("America/New_York", pd.Timestamp("2026-11-02T14:30Z"))
    assert (row["company"], row["stage"]) == ("Kestrel Bank", "phone screen")


def test_a_utc_time_takes_the_calendars_x_wr_timezone_and_a_floating_time_is_local_to_it(tmp_path):
    text = calendar(
        event("utc-1", "Video interview with Maison Bérénice", ":20261112T090000Z", ":20261112T094500Z"),
        event("floating-1", "Entretien RH", ":20261104T143000", None, "DURATION:PT1H"),
        head=("X-WR-CALNAME:Maya", "X-WR-TIMEZONE:Europe/Paris"))
    events = workbook.read_calendar(write(tmp_path, "apple.ics", text))
    utc, floating = one(events, "Video"), one(events, "Entretien")
    assert (utc["timezone"], utc["starts_at"], utc["ends_at"]) == (
        "Europe/Paris", pd.Timestamp("2026-11-12T09:00Z"), pd.Timestamp("2026-11-12T09:45Z"))
    # 14:30 wall clock in Paris in November (UTC+1), an hour long.
    assert (floating["timezone"], floating["starts_at"], floating["ends_at"]) == (
        "Europe/Paris", pd.Timestamp("2026-11-04T13:30Z"), pd.Timestamp("2026-11-04T14:30Z"))


def test_without_x_wr_timezone_utc_and_floating_times_are_in_the_machines_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    text = calendar(event("zoom-1", "Phone screen: Product Analyst - Quillon Labs", ":20261105T010000Z",
                          ":20261105T013000Z", "ORGANIZER;CN=Dev Ramaswamy:mailto:dev.ramaswamy@quillon.example"),
                    event("floating-2", "Interview", ":20261106T100000", ":20261106T110000"))
    events = workbook.read_calendar(write(tmp_path, "zoom.ics", text))
    assert events["timezone"].tolist() == ["Asia/Tokyo", "Asia/Tokyo"]
    assert one(events, "Phone")["starts_at"] == pd.Timestamp("2026-11-05T01:00Z")
    assert one(events, "Interview")["starts_at"] == pd.Timestamp("2026-11-06T01:00Z")  # 10:00 in Tokyo
    assert names(one(events, "Phone")) == ["Dev Ramaswamy"]
    assert one(events, "Interview")["people"] == []


def test_what_is_an_interview_and_why_not(tmp_path):
    at = lambda day: (f";TZID=Europe/Berlin:202610{day}T100000", f";TZID=Europe/Berlin:202610{day}T110000")  # noqa: E731
    text = calendar(
        event("a", "Interview – Northwind", *at("05")),
        event("b", "Vorstellungsgespräch bei Müller & Söhne GmbH", *at("06")),
        event("c", "Entretien – Analyste de données", *at("07")),
        event("d", "Entrevista técnica – Telefónica", *at("08")),
        event("e", "Lunch with Sam", *at("09"), "DESCRIPTION:We talk about the hiring manager role."),
        event("f", "Team stand-up", *at("12"), "RRULE:FREQ=WEEKLY;BYDAY=MO"),
        event("g", "Onsite interview day", ";VALUE=DATE:20261015", ";VALUE=DATE:20261016"),
        event("h", "Canceled: Panel interview", *at("13"), "STATUS:CANCELLED"),
        event("i", "Dentist", *at("14")),
        event("j", "Interview, maybe", *at("15"), "STATUS:TENTATIVE"),
        event("k", "Interview without an end", ";TZID=Europe/Berlin:20261016T100000", None),
        head=("X-WR-TIMEZONE:Europe/Berlin",))
    events = workbook.read_calendar(write(tmp_path, "all.ics", text)).set_index("uid")
    assert events["reason"].to_dict() == {
        "a": "", "b": "", "c": "", "d": "", "e": "", "f": "recurring", "g": "all-day", "h": "cancelled",
        "i": "no interview word", "j": "", "k": "no time"}
    assert events["looks_like_interview"].to_dict() == (events["reason"] == "").to_dict()
    assert events.loc["g", "all_day"] and events.loc["g", "starts_at"] == pd.Timestamp("2026-10-14T22:00Z")
    assert events["status"].to_dict() == {**dict.fromkeys("abcdefgik", "confirmed"), "h": "cancelled", "j": "tentative"}
    assert events.loc["b", "company"] == "Müller & Söhne GmbH"
    assert (events.loc["c", "role"], events.loc["d", "company"], events.loc["d", "stage"]) == (
        "Analyste de données", "Telefónica", "technical")
    assert {"interview", "vorstellungsgespräch", "entretien", "entrevista"} <= set(INTERVIEW_WORDS)


def test_an_update_in_a_later_file_wins_and_a_tie_goes_to_the_later_file(tmp_path):
    write(tmp_path / "a", "1-invite.ics", outlook_invitation(sequence=0))
    write(tmp_path / "b", "2-update.ics", outlook_invitation(sequence=2, start="20261003T140000", end="20261003T150000"))
    write(tmp_path / "c", "3-stale.ics", outlook_invitation(sequence=1, start="20261002T140000", end="20261002T150000"))
    [row] = workbook.read_calendar(tmp_path).to_dict("records")
    assert (row["sequence"], row["starts_at"]) == (2, pd.Timestamp("2026-10-03T12:00Z"))
    assert row["file"].endswith("2-update.ics")
    write(tmp_path / "d", "4-same.ics", outlook_invitation(sequence=2, start="20261004T140000", end="20261004T150000"))
    [row] = workbook.read_calendar(tmp_path).to_dict("records")
    assert row["file"].endswith("4-same.ics") and row["starts_at"] == pd.Timestamp("2026-10-04T12:00Z")


def test_a_broken_start_is_an_error_naming_the_file_the_event_and_the_line(tmp_path):
    text = calendar(event("good-1", "Interview – Northwind", ":20261005T100000Z", ":20261005T110000Z"),
                    event("broken-1", "Interview – Contoso", ":2026100XT100000Z", ":20261006T110000Z"))
    path = write(tmp_path, "broken.ics", text)
    with pytest.raises(workbook.CalendarImportError) as raised:
        workbook.read_calendar(path)
    error = raised.value
    assert isinstance(error, workbook.WorkbookError)
    [problem] = error.problems
    line = text.split("\r\n").index("DTSTART:2026100XT100000Z") + 1
    assert (problem.field, problem.record, problem.key) == ("DTSTART", str(path), line)
    for said in (str(path), f"line {line}", "'Interview – Contoso'", "broken-1", "2026100XT100000Z"):
        assert said in str(error)


@pytest.mark.parametrize("text, said", [
    (calendar(event("z", "Interview", ";TZID=Mars/Olympus_Mons:20261005T100000",
                    ";TZID=Mars/Olympus_Mons:20261005T110000")), "Mars/Olympus_Mons"),
    (calendar(event("x", "Interview", ":20261005T100000Z", ":20261005T110000Z"), head=("X-WR-TIMEZONE:Nowhere",)),
     "Nowhere"),
    ("this is not a calendar\r\n", "is not a calendar file"),
    ("", "holds no calendar"),
])
def test_an_unknown_zone_or_a_file_that_is_no_calendar_is_an_error_naming_it(tmp_path, text, said):
    path = write(tmp_path, "bad.ics", text)
    with pytest.raises(workbook.CalendarImportError, match="bad.ics") as raised:
        workbook.read_calendar(path)
    assert said in str(raised.value)


def test_a_missing_source_is_an_error(tmp_path):
    with pytest.raises(workbook.CalendarImportError, match="no such file or folder"):
        workbook.read_calendar(tmp_path / "nowhere")


def test_html_descriptions_are_plain_text():
    html = ("<html><head><style>p {color: red}</style></head><body><p>Join <b>Microsoft Teams</b> &amp; "
            "bring &lt;your&gt; portfolio</p><div>Meeting ID: 123</div><script>alert(1)</script></body></html>")
    assert plain_text(html) == "Join Microsoft Teams & bring <your> portfolio\nMeeting ID: 123"
    assert plain_text("a < b and c > d") == "a < b and c > d"


def test_a_name_is_made_from_the_address_when_there_is_no_cn_and_the_candidate_is_left_out_by_name(tmp_path):
    text = calendar(event("n", "Interview", ":20261005T100000Z", ":20261005T110000Z",
                          "ORGANIZER:mailto:sam.ortiz@northwind.example",
                          "ATTENDEE;CN=Maya Okafor:mailto:maya.private@gmail.com",
                          "ATTENDEE;CUTYPE=RESOURCE;CN=Projector:mailto:projector@northwind.example",
                          "ATTENDEE;CN=Zoë Müller:mailto:zoe@northwind.example"))
    [row] = workbook.read_calendar(write(tmp_path, "n.ics", text), candidate=MAYA).to_dict("records")
    assert row["people"] == [{"name": "Sam Ortiz", "email": "sam.ortiz@northwind.example"},
                             {"name": "Zoë Müller", "email": "zoe@northwind.example"}]
    assert row["company"] == "Northwind"


def test_importing_workbook_does_not_load_icalendar():
    code = "import sys, workbook; workbook.read_calendar; print('icalendar' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -- into the log ----------------------------------------------------------------------------

@pytest.fixture
def maya(log):
    log.add_candidate(MAYA, email="maya@example.com")
    return log


def people_met(log, interview_id) -> list[str]:
    people = log.interviewers()
    return people[people["interview_id"] == interview_id]["name"].tolist()


@pytest.mark.backends("sqlite", "postgresql")
def test_an_invitation_is_imported_once_and_again_changes_nothing(maya, tmp_path):
    path = write(tmp_path, "invite.ics", outlook_invitation())
    done = maya.import_calendar(path, MAYA)
    assert list(done.columns) == [*COLUMNS, *LOG_COLUMNS, "action"]
    [row] = done.to_dict("records")
    assert (row["in_log"], row["action"]) == ("new", "added")
    [interview] = maya.interviews().to_dict("records")
    assert row["interview_id"] == interview["interview_id"]
    assert {k: interview[k] for k in ("candidate", "company", "role", "stage", "timezone", "calendar_uid",
                                      "calendar_sequence")} == {
        "candidate": MAYA, "company": "Contoso", "role": "Data Analyst", "stage": "technical",
        "timezone": "Europe/Berlin", "calendar_uid": row["uid"], "calendar_sequence": 0}
    assert interview["starts_at"] == pd.Timestamp("2026-10-01T08:00Z")
    assert people_met(maya, interview["interview_id"]) == ["Ana Lima", "José Núñez-Ortega de la Fuente"]
    assert maya.interviewers()["email"].tolist() == ["ana.lima@contoso.example", "jose.nunez@contoso.example"]

    before, revision = snapshot(maya), maya.revision()
    [again] = maya.import_calendar(path, MAYA).to_dict("records")
    assert (again["in_log"], again["action"], again["interview_id"]) == ("in the log", "unchanged", row["interview_id"])
    assert_same_log(before, snapshot(maya))
    [seen] = workbook.read_calendar(path, log=maya, candidate=MAYA).to_dict("records")
    assert (seen["in_log"], seen["interview_id"]) == ("in the log", row["interview_id"])
    assert maya.revision() == revision + 1  # one (empty) write


@pytest.mark.backends("sqlite", "postgresql")
def test_an_update_moves_the_interview_adds_people_and_never_removes_one(maya, tmp_path):
    write(tmp_path, "1.ics", outlook_invitation(people=("José Núñez:jose.nunez@contoso.example",
                                                        "Bea Lindgren:bea@contoso.example")))
    [added] = maya.import_calendar(tmp_path / "1.ics", MAYA).to_dict("records")
    interview = int(added["interview_id"])
    bea = int(maya.interviewers().set_index("name").at["Bea Lindgren", "interviewer_id"])
    maya.add_note(bea, body="Dear Bea, thank you for the talk about the churn model.")
    # The recruiter moves it two days later, invites Kwame, and Bea and José are no longer invited.
    update = write(tmp_path, "2.ics", outlook_invitation(sequence=1, start="20261003T150000", end="20261003T160000",
                                                         people=("Kwame Mensah:kwame@contoso.example",)))
    assert workbook.read_calendar(update, log=maya, candidate=MAYA)["in_log"].tolist() == ["moved"]
    [moved] = maya.import_calendar(update, MAYA).to_dict("records")
    assert (moved["in_log"], moved["action"], moved["interview_id"]) == ("moved", "moved", interview)
    [row] = maya.interviews().to_dict("records")
    assert (row["starts_at"], row["ends_at"], row["calendar_sequence"]) == (
        pd.Timestamp("2026-10-03T13:00Z"), pd.Timestamp("2026-10-03T14:00Z"), 1)
    assert people_met(maya, interview) == ["Ana Lima", "José Núñez", "Bea Lindgren", "Kwame Mensah"]
    assert len(maya.notes()) == 1
    # The update again, and the older invitation again: nothing changes.
    before = snapshot(maya)
    assert maya.import_calendar(tmp_path, MAYA)["action"].tolist() == ["unchanged"]
    assert maya.import_calendar(tmp_path / "1.ics", MAYA)["action"].tolist() == ["unchanged"]
    assert_same_log(before, snapshot(maya))


@pytest.mark.backends("sqlite", "postgresql")
def test_a_cancellation_is_shown_and_changes_nothing(maya, tmp_path):
    maya.import_calendar(write(tmp_path, "1.ics", outlook_invitation()), MAYA)
    before = snapshot(maya)
    cancel = write(tmp_path, "2.ics", outlook_invitation(sequence=2, cancelled=True))
    [row] = maya.import_calendar(cancel, MAYA).to_dict("records")
    assert (row["reason"], row["in_log"], row["action"]) == (
        "cancelled", "cancelled in the calendar", "cancelled in the calendar: not changed")
    assert_same_log(before, snapshot(maya))


@pytest.mark.backends("sqlite", "postgresql")
def test_chosen_events_with_corrections_and_a_person_left_out(maya, tmp_path):
    text = calendar(
        event("lunch-1", "Lunch with Sam", ":20261005T100000Z", ":20261005T110000Z",
              "ORGANIZER;CN=Sam Ortiz:mailto:sam@northwind.example", "ATTENDEE;CN=Bo Chen:mailto:bo@northwind.example"),
        event("iv-1", "Interview – Data analyst", ":20261006T100000Z", ":20261006T110000Z",
              "ORGANIZER;CN=Ana Lima:mailto:ana@contoso.example"),
        head=("X-WR-TIMEZONE:America/Chicago",))
    path = write(tmp_path, "cal.ics", text)
    done = maya.import_calendar(path, MAYA, uids=["lunch-1"], corrections={
        "lunch-1": {"company": "Northwind Traders", "role": "Data analyst", "stage": "informal",
                    "leave_out": ["BO@northwind.example"]}}).set_index("uid")
    assert done["action"].to_dict() == {"lunch-1": "added", "iv-1": "skipped"}
    [row] = maya.interviews().to_dict("records")
    assert (row["company"], row["role"], row["stage"], row["timezone"]) == (
        "Northwind Traders", "Data analyst", "informal", "America/Chicago")
    assert maya.interviewers()["name"].tolist() == ["Sam Ortiz"]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_refused_import_writes_nothing(maya, tmp_path):
    good = event("good-1", "Interview – Data analyst at Contoso", ":20261005T100000Z", ":20261005T110000Z",
                 "ORGANIZER;CN=Ana Lima:mailto:ana@contoso.example")
    no_role = event("no-role-1", "Interview with Northwind", ":20261006T100000Z", ":20261006T110000Z")
    bad_address = event("bad-1", "Interview – Analyst – Fabrikam", ":20261007T100000Z", ":20261007T110000Z",
                        "ORGANIZER;CN=Cy Diaz:mailto:cy at fabrikam")
    before = snapshot(maya)

    write(tmp_path / "a", "cal.ics", calendar(good, no_role))
    with pytest.raises(workbook.WorkbookError) as raised:
        maya.import_calendar(tmp_path / "a", MAYA)
    assert (raised.value.field, raised.value.record, raised.value.key) == ("role", "event", "no-role-1")
    assert "'Interview with Northwind'" in str(raised.value) and "corrections" in str(raised.value)
    assert_same_log(before, snapshot(maya))

    write(tmp_path / "b", "cal.ics", calendar(good, bad_address))
    with pytest.raises(workbook.WorkbookError, match="Cy Diaz|email") as raised:
        maya.import_calendar(tmp_path / "b", MAYA)
    assert "'Interview – Analyst – Fabrikam'" in str(raised.value)
    assert_same_log(before, snapshot(maya))

    write(tmp_path / "c", "cal.ics", calendar(good, event("x", "Interview", ":2026XX05T100000Z", ":20261005T110000Z")))
    with pytest.raises(workbook.CalendarImportError):
        maya.import_calendar(tmp_path / "c", MAYA)
    with pytest.raises(workbook.CalendarImportError, match="nope"):
        maya.import_calendar(tmp_path / "a", MAYA, uids=["nope"])
    with pytest.raises(workbook.WorkbookError, match="Leo Park"):
        maya.import_calendar(tmp_path / "b", "Leo Park")
    assert_same_log(before, snapshot(maya))


@pytest.mark.backends("sqlite", "postgresql")
def test_the_calendar_columns_go_out_and_come_back_in_csv(maya, tmp_path):
    maya.import_calendar(write(tmp_path, "1.ics", outlook_invitation(sequence=3)), MAYA)
    out = maya.export_csv(tmp_path / "out")
    header = (out / "interviews.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",calendar_uid,calendar_sequence")
    with workbook.open_log(tmp_path / "copy.sqlite") as copy:
        copy.import_csv(out)
        assert_same_log(snapshot(maya), snapshot(copy))
        # The copy recognises the event: importing it there changes nothing.
        assert copy.import_calendar(tmp_path / "1.ics", MAYA)["action"].tolist() == ["unchanged"]


@pytest.mark.backends("sqlite", "postgresql")
def test_a_calendar_sequence_is_a_whole_number_of_an_event(maya):
    interview = maya.add_interview(MAYA, "Contoso", "Analyst", "2026-10-05T10:00", "2026-10-05T11:00", "Europe/Berlin")
    for changes, said in (({"calendar_sequence": -1}, "whole number"), ({"calendar_sequence": "two"}, "whole number"),
                          ({"calendar_sequence": 1}, "calendar_uid")):
        with pytest.raises(workbook.InvalidValueError, match=said):
            maya.change_interview(interview, **changes)
    maya.change_interview(interview, calendar_uid="abc@example", calendar_sequence="4")
    assert maya.interviews()[["calendar_uid", "calendar_sequence"]].iloc[0].tolist() == ["abc@example", 4]
