"""Calendars as Google, Outlook / Exchange / Teams, Apple and Zoom really write them, read as a
careful person would: the instants, the IANA zone, the people met (never the candidate, never
a room), and whether each event looks like an interview and why not.

The fixtures are in ``tests/data/calendars/`` (its README says what each file shows). The
expected readings below were decided from the files, before the reader was run, and the README
holds the same table. Then: a Teams invitation, its update and its cancellation imported into a
log in turn; and Hypothesis-made calendars, valid and broken in every way we could think of,
which the reader either reads or refuses with our error, leaving the log as it was.

Every Hypothesis test runs with ``derandomize=True``: the same examples on every run and on CI.
"""

from __future__ import annotations

import codecs
import datetime
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import workbook
from workbook.errors import WorkbookError
from workbook.sample import SAMPLE_NOW

from .conftest import assert_same_log, snapshot

CALENDARS = Path(__file__).resolve().parent / "data" / "calendars"
CANDIDATE = "Maya Okafor"
NOW = pd.Timestamp(SAMPLE_NOW)
MACHINE_ZONE = "America/Chicago"  # $TZ in these tests: the zone of a UTC time with no calendar zone

TEAMS_UID = ("040000008200E00074C5B7101A82E00800000000E6A1C07D2F6ADB01000000000000000010000000"
             "9B3E5A71C2D84F0E8A6B1D4C7F9E2A05")


@dataclass(frozen=True)
class Expected:
    """One event as a careful reader reads it: UTC instants (None for an all-day event), the
    zone, the people met as (name, email), and why it is not an interview ("" when it is)."""

    uid: str
    starts_at: str | None
    ends_at: str | None
    timezone: str
    people: tuple[tuple[str, str], ...]
    reason: str = ""
    sequence: int = 0


EXPECTED = {
    "google-invite.ics": [
        Expected("4q8v1m3k7s2d9f6h0j5l8n1p2r@google.com", "2026-10-21T14:00Z", "2026-10-21T14:45Z",
                 "America/New_York",
                 (("Priscilla Anand-Whitcombe", "priscilla.anand-whitcombe@harbourline.example"),
                  ("Zoë Müller-Hartmann", "zoe.mueller-hartmann@harbourline.example"),
                  ("Sam Ortiz", "sam.ortiz@harbourline.example"))),
    ],
    "google-export.ics": [
        Expected("1m0q7c2t5v8x3z6b9d4f7h2k5n@google.com", "2026-09-07T07:30Z", "2026-09-07T07:45Z",
                 "Europe/Berlin", (), "recurring"),
        Expected("2b5e8h1k4n7q0t3w6z9c2f5i8l@google.com", "2026-10-06T08:00Z", "2026-10-06T08:45Z",
                 "Europe/Berlin", (("Ingrid Solberg", "ingrid.solberg@fjordlicht.example"),)),
        Expected("3c6f9i2l5o8r1u4x7a0d3g6j9m@google.com", "2026-10-08T14:00Z", "2026-10-08T14:30Z",
                 "Europe/Berlin", (), "no interview word"),
        Expected("4d7g0j3m6p9s2v5y8b1e4h7k0n@google.com", None, None, "Europe/Berlin", (), "all-day"),
        Expected("5e8h1k4n7q0t3w6z9c2f5i8l1o@google.com", "2026-10-20T12:00Z", "2026-10-20T13:00Z",
                 "Europe/Berlin",
                 (("Zoë Müller", "zoe.mueller@nordhafen-logistik.example"),
                  ("Jörg Weiß", "joerg.weiss@nordhafen-logistik.example"))),
        Expected("6f9i2l5o8r1u4x7a0d3g6j9m2p@google.com", "2026-10-28T09:00Z", "2026-10-28T10:00Z",
                 "Europe/Berlin",
                 (("Renée Çelik", "renee.celik@lumiere-conseil.example"),
                  ("Élodie Marchand", "elodie.marchand@lumiere-conseil.example"))),
        Expected("7g0j3m6p9s2v5y8b1e4h7k0n3q@google.com", "2026-11-03T15:00Z", "2026-11-03T15:45Z",
                 "Europe/Berlin", (("Íñigo Sáenz de Ugarte", "inigo.saenz@solymar-turismo.example"),)),
    ],
    "outlook-berlin.ics": [
        Expected("040000008200E00074C5B7101A82E00800000000B0F4A2C6E43BDB01000000000000000010000000"
                 "A1C93F7E55E2B84E9F2D6B3C8E1A4D57", "2026-10-27T09:00Z", "2026-10-27T10:00Z", "Europe/Berlin",
                 (("Renée Çelik", "renee.celik@spreewerk.example"),
                  ("Jonas Becker", "jonas.becker@spreewerk.example"))),
    ],
    "outlook-new-york.ics": [
        Expected("040000008200E00074C5B7101A82E008000000005D2B8E9A1F65DB01000000000000000010000000"
                 "4E7A0C3B9D1F2A4C8B6E5D3F2A1C0B9E", "2026-11-02T14:30Z", "2026-11-02T15:15Z", "America/New_York",
                 (("Aisha O'Connell", "aisha.oconnell@kestrelbank.example"),
                  ("Dmitri Vasquez-Lindqvist", "dmitri.vasquez-lindqvist@kestrelbank.example"))),
    ],
    "apple-export.ics": [
        Expected("5F1C7A2E-93B4-4D7E-A8C1-2E6F0B9D3A41", "2026-11-04T13:30Z", "2026-11-04T14:30Z", "Europe/Paris",
                 (("Renée Çelik", "renee.celik@maison-berenice.example"),
                  ("Zoë Müller", "zoe.muller@maison-berenice.example"))),
        Expected("B2D84F10-6C3A-4E95-9F27-0A1B5C8E7D36", "2026-11-12T09:00Z", "2026-11-12T09:45Z", "Europe/Paris",
                 (("Zoë Müller", "zoe.muller@maison-berenice.example"),)),
    ],
    "zoom-invite.ics": [
        Expected("20261029T200412Z-84529106371@fe80:0:0:0:0:0:0:1", "2026-11-05T16:00Z", "2026-11-05T16:30Z",
                 MACHINE_ZONE, (("Dev Ramaswamy", "dev.ramaswamy@quillon.example"),)),
    ],
    "teams-invite.ics": [
        Expected(TEAMS_UID, "2026-11-10T17:00Z", "2026-11-10T18:00Z", "America/Los_Angeles",
                 (("Grace Nakamura-Ellis", "grace.nakamura-ellis@cedarpoint.example"),
                  ("Tomás Ferreira", "tomas.ferreira@cedarpoint.example"),
                  ("Bea Lindgren", "bea.lindgren@cedarpoint.example"))),
    ],
    "teams-update.ics": [
        Expected(TEAMS_UID, "2026-11-12T21:00Z", "2026-11-12T22:00Z", "America/Los_Angeles",
                 (("Grace Nakamura-Ellis", "grace.nakamura-ellis@cedarpoint.example"),
                  ("Tomás Ferreira", "tomas.ferreira@cedarpoint.example"),
                  ("Kwame Mensah-Boateng", "kwame.mensah-boateng@cedarpoint.example")), sequence=1),
    ],
    "teams-cancel.ics": [
        Expected(TEAMS_UID, "2026-11-12T21:00Z", "2026-11-12T22:00Z", "America/Los_Angeles",
                 (("Grace Nakamura-Ellis", "grace.nakamura-ellis@cedarpoint.example"),
                  ("Tomás Ferreira", "tomas.ferreira@cedarpoint.example"),
                  ("Kwame Mensah-Boateng", "kwame.mensah-boateng@cedarpoint.example")), "cancelled", sequence=2),
    ],
}


def test_every_fixture_has_its_expected_reading():
    assert sorted(EXPECTED) == sorted(path.name for path in CALENDARS.glob("*.ics"))


@pytest.fixture
def machine_zone(monkeypatch):
    monkeypatch.setenv("TZ", MACHINE_ZONE)


@pytest.fixture
def maya(log):
    """An empty log but for the candidate, whose address the calendars write in other cases."""
    log.add_candidate(CANDIDATE, email="maya@example.com", phone="+1 555 0100")
    return log


def people_of(row) -> set[tuple[str, str]]:
    return {(person["name"], person["email"]) for person in row["people"]}


def instant(text: str | None):
    return pd.NaT if text is None else pd.Timestamp(text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_source_reads_as_a_careful_reader_would(maya, machine_zone, name):
    events = workbook.read_calendar(CALENDARS / name, log=maya, candidate=CANDIDATE)
    expected = EXPECTED[name]
    assert list(events["uid"]) == [e.uid for e in expected]
    for (_, row), want in zip(events.iterrows(), expected):
        where = f"{name}: {row['summary']}"
        assert row["timezone"] == want.timezone, where
        assert bool(row["all_day"]) == (want.reason == "all-day"), where
        if want.starts_at is not None:
            assert row["starts_at"] == instant(want.starts_at), where
            assert row["ends_at"] == instant(want.ends_at), where
            assert str(row["starts_at"].tz) == "UTC", where
        assert people_of(row) == set(want.people), where
        assert len(row["people"]) == len(want.people), f"{where}: someone twice"
        assert row["reason"] == want.reason, where
        assert bool(row["looks_like_interview"]) == (want.reason == ""), where
        assert int(row["sequence"]) == want.sequence, where
        assert name in str(row["file"]), where
        assert row["in_log"] == "new", where


#: Where the summary says plainly which company and which role, the guess says the same.
PLAIN_GUESSES = [
    ("google-invite.ics", "4q8v1m3k7s2d9f6h0j5l8n1p2r@google.com", "Harbourline Freight", "Data Analyst",
     "hiring manager"),
    ("google-export.ics", "2b5e8h1k4n7q0t3w6z9c2f5i8l@google.com", "Fjordlicht Energie", "BI Developer",
     "hiring manager"),
    ("google-export.ics", "5e8h1k4n7q0t3w6z9c2f5i8l1o@google.com", "Nordhafen Logistik", "Datenanalystin", None),
    ("google-export.ics", "6f9i2l5o8r1u4x7a0d3g6j9m2p@google.com", "Lumière Conseil", "Analyste de données", None),
    ("google-export.ics", "7g0j3m6p9s2v5y8b1e4h7k0n3q@google.com", "Sol y Mar Turismo", "Analista de datos", None),
    ("outlook-new-york.ics", EXPECTED["outlook-new-york.ics"][0].uid, "Kestrel Bank", "Risk Analyst", "phone screen"),
    ("zoom-invite.ics", EXPECTED["zoom-invite.ics"][0].uid, "Quillon Labs", "Product Analyst", "phone screen"),
    ("teams-invite.ics", TEAMS_UID, "Cedar Point Outfitters", "Analytics Engineer", "panel"),
]


@pytest.mark.parametrize("name, uid, company, role, stage", PLAIN_GUESSES)
def test_a_summary_that_names_company_and_role_is_guessed_right(maya, machine_zone, name, uid, company, role, stage):
    events = workbook.read_calendar(CALENDARS / name, log=maya, candidate=CANDIDATE).set_index("uid")
    guessed = events.loc[uid]
    assert (guessed["company"], guessed["role"]) == (company, role), guessed["summary"]
    if stage is not None:
        assert guessed["stage"] == stage, guessed["summary"]


def test_a_folder_is_read_file_by_file(maya, machine_zone, tmp_path):
    for name in ("google-invite.ics", "zoom-invite.ics", "outlook-berlin.ics"):
        shutil.copy(CALENDARS / name, tmp_path / name)
    events = workbook.read_calendar(tmp_path, log=maya, candidate=CANDIDATE)
    expected = {e.uid: name for name in ("google-invite.ics", "zoom-invite.ics", "outlook-berlin.ics")
                for e in EXPECTED[name]}
    assert sorted(events["uid"]) == sorted(expected)
    for _, row in events.iterrows():
        assert expected[row["uid"]] in str(row["file"])


def test_an_invitation_and_its_update_in_one_folder_are_one_event_the_latest(maya, machine_zone, tmp_path):
    """A person saves every mail's invitation in one folder: the update wins, whichever file
    is read first."""
    shutil.copy(CALENDARS / "teams-update.ics", tmp_path / "a-update.ics")
    shutil.copy(CALENDARS / "teams-invite.ics", tmp_path / "b-invite.ics")
    events = workbook.read_calendar(tmp_path, log=maya, candidate=CANDIDATE)
    assert list(events["uid"]) == [TEAMS_UID]
    row = events.iloc[0]
    assert int(row["sequence"]) == 1 and row["starts_at"] == pd.Timestamp("2026-11-12T21:00Z")
    assert people_of(row) == set(EXPECTED["teams-update.ics"][0].people)

def test_the_candidate_is_left_out_by_address_whatever_its_case(maya, machine_zone, tmp_path):
    """The same invitation with the candidate's address in capitals and a CN of another
    spelling: still not a person met."""
    text = (CALENDARS / "outlook-new-york.ics").read_bytes().replace(
        b'CN="Maya Okafor";RSVP=TRUE:mailto:maya@example.com', b'CN="M. Okafor";RSVP=TRUE:mailto:MAYA@EXAMPLE.COM')
    assert b"MAYA@EXAMPLE.COM" in text
    (tmp_path / "invite.ics").write_bytes(text)
    events = workbook.read_calendar(tmp_path / "invite.ics", log=maya, candidate=CANDIDATE)
    assert "maya@example.com" not in {email.lower() for _, email in people_of(events.iloc[0])}


def test_a_utc_time_without_a_calendar_zone_takes_the_machines(maya, monkeypatch):
    for zone, local in (("Asia/Kolkata", "21:30"), ("Europe/Lisbon", "16:00")):
        monkeypatch.setenv("TZ", zone)
        row = workbook.read_calendar(CALENDARS / "zoom-invite.ics", log=maya, candidate=CANDIDATE).iloc[0]
        assert row["timezone"] == zone
        assert row["starts_at"] == pd.Timestamp("2026-11-05T16:00Z")
        assert row["starts_at"].tz_convert(zone).strftime("%H:%M") == local


# -- into the log: an invitation, its update, its cancellation ---------------------------------

def interviewers_of(log, interview_id) -> dict[str, pd.Series]:
    people = log.interviewers()
    return {row["name"]: row for _, row in people[people["interview_id"] == interview_id].iterrows()}


@pytest.mark.backends("sqlite", "postgresql")
def test_an_update_moves_the_interview_adds_the_new_person_and_keeps_one_with_a_note(maya, machine_zone):
    log = maya
    first = log.import_calendar(CALENDARS / "teams-invite.ics", candidate=CANDIDATE, now=NOW)
    assert list(first["action"]) == ["added"]
    interviews = log.interviews()
    assert len(interviews) == 1
    interview = interviews.iloc[0]
    interview_id = int(interview["interview_id"])
    assert int(first.iloc[0]["interview_id"]) == interview_id
    assert interview["candidate"] == CANDIDATE
    assert interview["timezone"] == "America/Los_Angeles"
    assert interview["starts_at"] == pd.Timestamp("2026-11-10T17:00Z")
    assert interview["ends_at"] == pd.Timestamp("2026-11-10T18:00Z")
    people = interviewers_of(log, interview_id)
    assert sorted(people) == ["Bea Lindgren", "Grace Nakamura-Ellis", "Tomás Ferreira"]
    assert people["Tomás Ferreira"]["email"] == "tomas.ferreira@cedarpoint.example"

    log.add_note(int(people["Bea Lindgren"]["interviewer_id"]), "Dear Bea, thank you for the panel.")

    before = snapshot(log)
    again = log.import_calendar(CALENDARS / "teams-invite.ics", candidate=CANDIDATE, now=NOW)
    assert list(again["action"]) == ["unchanged"]
    assert_same_log(before, snapshot(log))

    assert workbook.read_calendar(CALENDARS / "teams-invite.ics", log=log, candidate=CANDIDATE).iloc[0]["in_log"] == \
        "in the log"
    seen = workbook.read_calendar(CALENDARS / "teams-update.ics", log=log, candidate=CANDIDATE).iloc[0]
    assert seen["in_log"] == "moved" and int(seen["interview_id"]) == interview_id

    moved = log.import_calendar(CALENDARS / "teams-update.ics", candidate=CANDIDATE, now=NOW)
    assert list(moved["action"]) == ["moved"]
    interviews = log.interviews()
    assert len(interviews) == 1 and int(interviews.iloc[0]["interview_id"]) == interview_id
    assert interviews.iloc[0]["starts_at"] == pd.Timestamp("2026-11-12T21:00Z")
    assert interviews.iloc[0]["ends_at"] == pd.Timestamp("2026-11-12T22:00Z")
    people = interviewers_of(log, interview_id)
    assert {"Grace Nakamura-Ellis", "Tomás Ferreira", "Kwame Mensah-Boateng", "Bea Lindgren"} == set(people)
    assert people["Kwame Mensah-Boateng"]["email"] == "kwame.mensah-boateng@cedarpoint.example"
    assert len(log.notes()) == 1  # the note to Bea, still there, still to her
    assert int(log.notes().iloc[0]["interviewer_id"]) == int(people["Bea Lindgren"]["interviewer_id"])

    before = snapshot(log)
    assert list(log.import_calendar(CALENDARS / "teams-update.ics", candidate=CANDIDATE, now=NOW)["action"]) == \
        ["unchanged"]
    assert_same_log(before, snapshot(log))


@pytest.mark.backends("sqlite", "postgresql")
def test_a_cancellation_is_shown_and_changes_nothing(maya, machine_zone):
    log = maya
    log.import_calendar(CALENDARS / "teams-invite.ics", candidate=CANDIDATE, now=NOW)
    interview_id = int(log.interviews().iloc[0]["interview_id"])
    before = snapshot(log)

    seen = workbook.read_calendar(CALENDARS / "teams-cancel.ics", log=log, candidate=CANDIDATE).iloc[0]
    assert seen["reason"] == "cancelled" and not seen["looks_like_interview"]
    assert seen["in_log"] == "cancelled in the calendar" and int(seen["interview_id"]) == interview_id

    result = log.import_calendar(CALENDARS / "teams-cancel.ics", candidate=CANDIDATE, now=NOW)
    assert len(result) == 1 and "cancelled" in result.iloc[0]["action"]  # said, not silently skipped
    assert result.iloc[0]["reason"] == "cancelled"
    assert_same_log(before, snapshot(log))


@pytest.mark.backends("sqlite", "postgresql")
def test_the_whole_export_imports_its_four_interviews_with_their_people(maya, machine_zone):
    log = maya
    result = log.import_calendar(CALENDARS / "google-export.ics", candidate=CANDIDATE, now=NOW)
    interviews = [e for e in EXPECTED["google-export.ics"] if not e.reason]
    assert sorted(result[result["action"] == "added"]["uid"]) == sorted(e.uid for e in interviews)
    assert set(result[result["action"] != "added"]["action"]) == {"skipped"}
    stored = log.interviews().sort_values("starts_at")
    assert list(stored["starts_at"]) == [pd.Timestamp(e.starts_at) for e in interviews]
    assert set(stored["timezone"]) == {"Europe/Berlin"}
    people = log.interviewers()
    assert {(row["name"], row["email"]) for _, row in people.iterrows()} == \
        {person for e in interviews for person in e.people}


# -- bad files: our error, naming the file, the event and the line -------------------------------

def line_of(data: bytes, needle: bytes) -> int:
    return data[:data.index(needle)].count(b"\n") + 1


@pytest.mark.parametrize("case, old, new", [
    ("a broken date", b"DTSTART;TZID=America/New_York:20261021T100000",
     b"DTSTART;TZID=America/New_York:20261341T250000"),
    ("an unknown zone", b"DTSTART;TZID=America/New_York:20261021T100000", b"DTSTART;TZID=Mars/Olympus:20261021T100000"),
])
def test_a_broken_event_is_refused_naming_file_event_and_line(maya, tmp_path, case, old, new):
    data = (CALENDARS / "google-invite.ics").read_bytes()
    assert old in data
    data = data.replace(old, new)
    path = tmp_path / "invite.ics"
    path.write_bytes(data)
    with pytest.raises(workbook.CalendarImportError) as refused:
        workbook.read_calendar(path, log=maya, candidate=CANDIDATE)
    message = str(refused.value)
    assert "invite.ics" in message, message
    assert ("Interview: Data Analyst" in message or "4q8v1m3k7s2d9f6h0j5l8n1p2r@google.com" in message), message
    assert re.search(rf"\bline {line_of(data, new)}\b", message), message
    before = snapshot(maya)
    with pytest.raises(workbook.CalendarImportError):
        maya.import_calendar(path, candidate=CANDIDATE, now=NOW)
    assert_same_log(before, snapshot(maya))


@pytest.mark.parametrize("case, data", [
    ("an empty file", b""),
    ("not a calendar", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ("random bytes", bytes(range(256)) * 4),
])
def test_an_unreadable_file_is_refused_naming_it(maya, tmp_path, case, data):
    path = tmp_path / "export.ics"
    path.write_bytes(data)
    with pytest.raises(workbook.CalendarImportError) as refused:
        workbook.read_calendar(path, log=maya, candidate=CANDIDATE)
    assert "export.ics" in str(refused.value)


def test_a_candidate_the_log_does_not_know_is_refused(maya):
    before = snapshot(maya)
    with pytest.raises(WorkbookError, match="Ana Nobody"):
        maya.import_calendar(CALENDARS / "teams-invite.ics", candidate="Ana Nobody", now=NOW)
    assert_same_log(before, snapshot(maya))


# -- fuzzed: any calendar is read, or refused with our error; the log never half-written ---------

FIXTURES = {path.name: path.read_bytes() for path in sorted(CALENDARS.glob("*.ics"))}

GOOD_TZIDS = st.sampled_from(["Europe/Berlin", "America/New_York", "W. Europe Standard Time",
                              '"Eastern Standard Time"', "Pacific Standard Time", "Asia/Kathmandu", "UTC"])
TZIDS = st.one_of(GOOD_TZIDS, GOOD_TZIDS, st.sampled_from([
    "Mars/Olympus", "", " ", "Europe/Berlin ", "europe/berlin", "localtime", "Factory", "../../etc/passwd",
    "/etc/localtime", "Europe/Berlin\x00", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
    "Customized Time Zone", "tzone://Microsoft/Custom", "/mozilla.org/20050126_1/Europe/Berlin", "GMT+2",
    "Etc/GMT+14", "Z", "+02:00", "Pacific/Chatham", "Eastern Standard Time; x",
]), st.text(max_size=12))
GOOD_DATES = st.datetimes(min_value=datetime.datetime(1900, 1, 1), max_value=datetime.datetime(2199, 12, 31)).map(
    lambda moment: moment.strftime("%Y%m%dT%H%M%S") + ("Z" if moment.second % 2 else ""))
DATES = st.one_of(
    GOOD_DATES, GOOD_DATES, GOOD_DATES,
    st.sampled_from([
        "20261021", "20261341T250000", "20260230T100000", "20261021T246000", "2026-10-21T10:00:00",
        "20261021T1000", "00000101T000000", "99991231T235959Z", "16010101T000000", "", " ", "now",
        "20261021T100000ZZ", "20261021T100000+0200", "20261021T100000\x00", "２０２６１０２１T100000",
        "20261021T100000.5Z", "-20261021T100000", "20260329T023000", "20261025T023000",
    ]),
    st.text(max_size=20),
)
DURATIONS = st.sampled_from(["PT45M", "PT1H30M", "P1D", "P1W", "-PT1H", "PT0S", "P999999999D", "PTXM", "", "45",
                             "PT45M;PT1H", "P1Y"])
TEXTS = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["Interview", "Vorstellungsgespräch", "Entretien", "Entrevista", "Phone screen – Acme",
                     "<b>Interview</b><script>alert(1)</script>", "Interview\x00with\x07NUL", "\u202eweivretnI",
                     "\\n\\,\\;\\\\", "Interview\r\nBEGIN:VEVENT", ":", ";", ",", '"', "\ufeff"]),
    st.sampled_from(["<p>Interview</p>", "x", "é—ü ", "🙂", "\\n",
                     "<a href='https://x.example'>join</a> "]).flatmap(
        lambda piece: st.integers(20_000, 200_000).map(lambda size: piece * (size // len(piece.encode()) + 1))),
)
ADDRESSES = st.sampled_from(["mailto:ana@acme.example", "MAILTO:Maya@Example.com", "mailto:", "ana@acme.example",
                             "mailto:not an address", "mailto:ana@acme.example,bo@acme.example", "invalid:nomail",
                             "mailto:maya@example.com", "mailto:\x00@x.example", "urn:uuid:1234"])
PARAMS = st.sampled_from(["", ";CN=Ana Lima", ';CN="Lima, Ana"', ";CN=Lima, Ana", ";CUTYPE=ROOM;CN=Room 1",
                          ";CUTYPE=RESOURCE", ";CUTYPE=GROUP;CN=Team", ';CN="Zoë Müller";EMAIL="zoe@x.example"',
                          ";CN=", ";CN", ";ROLE=CHAIR;PARTSTAT=ACCEPTED;CN=Renée Çelik", ';CN="unterminated'])


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@st.composite
def events(draw, clean: bool) -> list[str]:
    """One VEVENT's lines; ``clean``: every part there and valid (the texts and people aside)."""
    lines = ["BEGIN:VEVENT"]
    if clean:
        lines.append("UID:" + draw(st.sampled_from(["a@x.example", TEAMS_UID, "same"]) | st.uuids().map(str)))
        lines.append(f"SEQUENCE:{draw(st.integers(0, 3))}")
    else:
        if draw(st.integers(0, 9)):
            uid = st.sampled_from(["a@x.example", TEAMS_UID, "", "same", "\x00"]) | st.text(max_size=30)
            lines.append("UID:" + draw(uid))
        if draw(st.booleans()):
            lines.append(f"SEQUENCE:{draw(st.sampled_from(['0', '1', '-1', 'abc', '', '99999999999999999999']))}")
    lines.append("SUMMARY:" + escape(draw(TEXTS)))
    if draw(st.booleans()):
        lines.append("DESCRIPTION:" + escape(draw(TEXTS)))
    if draw(st.booleans()):
        lines.append("X-ALT-DESC;FMTTYPE=text/html:" + escape(draw(TEXTS)))
    form = draw(st.sampled_from(["tzid", "utc", "floating", "date"]))
    if clean:
        start = draw(st.datetimes(min_value=datetime.datetime(1970, 1, 2), max_value=datetime.datetime(2100, 1, 1)))
        end = start + datetime.timedelta(minutes=draw(st.integers(1, 600)), days=1 if form == "date" else 0)
        shape = "%Y%m%d" if form == "date" else "%Y%m%dT%H%M%S" + ("Z" if form == "utc" else "")
        params = {"tzid": f";TZID={draw(GOOD_TZIDS)}", "date": ";VALUE=DATE"}.get(form, "")
        lines.append(f"DTSTART{params}:{start.strftime(shape)}")
        if form != "date" and draw(st.booleans()):
            lines.append(f"DURATION:PT{int((end - start).total_seconds() // 60)}M")
        else:
            lines.append(f"DTEND{params}:{end.strftime(shape)}")
        if draw(st.integers(0, 3)) == 0:
            lines.append("RRULE:FREQ=WEEKLY;BYDAY=MO")
    else:
        zone = draw(st.none() | TZIDS)
        for name in ("DTSTART", "DTEND"):
            if name == "DTSTART" and not draw(st.integers(0, 12)):
                continue  # no start at all
            if name == "DTEND" and draw(st.integers(0, 3)) == 0:
                if draw(st.booleans()):
                    lines.append("DURATION:" + draw(DURATIONS))
                continue
            params = f";TZID={zone}" if form == "tzid" and zone is not None else ";VALUE=DATE" if form == "date" else ""
            lines.append(f"{name}{params}:{draw(DATES)}")
        if draw(st.integers(0, 3)) == 0:
            rules = ["FREQ=WEEKLY;BYDAY=MO", "FREQ=NEVER", "", "FREQ=DAILY;COUNT=x"]
            lines.append("RRULE:" + draw(st.sampled_from(rules)))
    if draw(st.booleans()):
        lines.append("STATUS:" + draw(st.sampled_from(["CONFIRMED", "CANCELLED", "TENTATIVE", "cancelled", ""])))
    if draw(st.booleans()):
        lines.append("ORGANIZER" + draw(PARAMS) + ":" + draw(ADDRESSES))
    for _ in range(draw(st.integers(0, 4))):
        lines.append("ATTENDEE" + draw(PARAMS) + ":" + draw(ADDRESSES))
    if clean or draw(st.integers(0, 9)):
        lines.append("END:VEVENT")
    return lines


VTIMEZONE = ["BEGIN:VTIMEZONE", "TZID:{zone}", "BEGIN:STANDARD", "DTSTART:16010101T030000",
             "TZOFFSETFROM:{offset}", "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE"]


def folded(line: str, fold: bool) -> bytes:
    """A line as UTF-8, folded at 75 octets or not; a fold can cut a character in two, as some
    writers do."""
    data = line.encode("utf-8", "surrogatepass")
    if not fold:
        return data
    return b"\r\n ".join(data[i:i + 75] for i in range(0, len(data), 75))


@st.composite
def written_calendars(draw) -> list[str]:
    clean = draw(st.booleans())
    zones = GOOD_TZIDS if clean else TZIDS
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Fuzz//EN"]
    if draw(st.booleans()):
        lines.append("METHOD:" + draw(st.sampled_from(["REQUEST", "CANCEL", "PUBLISH", "REPLY", ""])))
    if draw(st.booleans()):
        lines.append("X-WR-TIMEZONE:" + draw(zones))
    if draw(st.booleans()):
        offsets = ["+0200"] if clean else ["+0200", "garbage", "+9999", ""]
        lines += [line.format(zone=draw(zones), offset=draw(st.sampled_from(offsets)))
                  for line in VTIMEZONE]
    for _ in range(draw(st.integers(0, 4))):
        lines += draw(events(clean))
    if clean or draw(st.integers(0, 9)):
        lines.append("END:VCALENDAR")
    return lines


def mangle(draw, data: bytes) -> bytes:
    """Bytes broken after writing: cut short, a NUL or a bad byte inserted, another encoding,
    a byte-order mark, LF or CR line ends."""
    for change in draw(st.lists(st.sampled_from(["cut", "byte", "encoding", "bom", "lf", "cr"]), max_size=2)):
        if change == "cut":
            data = data[:draw(st.integers(0, len(data)))]
        elif change == "byte":
            i = draw(st.integers(0, len(data)))
            bad = st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\r"])
            data = data[:i] + draw(bad) + data[i:]
        elif change == "encoding":
            encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"]))
            data = data.decode("utf-8", "replace").encode(encoding, "replace")
        elif change == "bom":
            data = codecs.BOM_UTF8 + data
        elif change == "lf":
            data = data.replace(b"\r\n", b"\n")
        else:
            data = data.replace(b"\r\n", b"\r")
    return data


@st.composite
def calendar_files(draw) -> bytes:
    kind = draw(st.sampled_from(["fixture", "fixture", "written", "written", "written", "bytes", "empty"]))
    event(kind)
    if kind == "empty":
        return draw(st.sampled_from([b"", b"\r\n", b"   ", codecs.BOM_UTF8, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2_000))
    if kind == "fixture":
        data = FIXTURES[draw(st.sampled_from(sorted(FIXTURES)))]
    else:
        fold = draw(st.booleans())
        data = b"".join(folded(line, fold) + b"\r\n" for line in draw(written_calendars()))
    return mangle(draw, data)


@pytest.fixture(scope="module")
def fuzz_log(tmp_path_factory):
    """One log for every example: what imports well stays in, so that later examples meet
    events already in the log (the same UID again, an update, a cancellation)."""
    with workbook.open_log(tmp_path_factory.mktemp("fuzz") / "log.sqlite") as log:
        log.add_candidate(CANDIDATE, email="maya@example.com")
        yield log


@pytest.mark.slow
@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=calendar_files())
def test_any_calendar_is_read_or_refused_with_our_error_and_the_log_is_never_half_written(fuzz_log, tmp_path_factory,
                                                                                         data):
    path = tmp_path_factory.mktemp("calendar") / "calendar.ics"
    path.write_bytes(data)
    try:
        events = workbook.read_calendar(path, log=fuzz_log, candidate=CANDIDATE)
    except WorkbookError as error:
        assert "calendar.ics" in str(error), str(error)
        refused = True
        event("read: refused")
    else:
        assert isinstance(events, pd.DataFrame)
        refused = False
        event(f"read: {min(len(events), 3)}{'+' if len(events) >= 3 else ''} events")
    before = snapshot(fuzz_log)
    try:
        fuzz_log.import_calendar(path, candidate=CANDIDATE, now=NOW)
    except WorkbookError:
        assert_same_log(before, snapshot(fuzz_log))
        event("import: refused")
    else:
        assert not refused, "read_calendar refused a file that import_calendar took"
        event("import: done")


# -- the sample cohort's invitations (data/sample/calendar/), for the notebook's calendar section --

SAMPLE_CALENDARS = Path(__file__).resolve().parent.parent / "data" / "sample" / "calendar"

SAMPLE_INVITATIONS = [
    ("elena-vasquez-glasswing-finance.ics", "Elena Vasquez", "Glasswing Finance", "Product Designer",
     "hiring manager", "America/New_York", "2026-11-24T16:00Z", "2026-11-24T16:45Z",
     {"Keisha Valenzuela", "Owen Castellano"}),
    ("marcus-okafor-quarry-lane-robotics.ics", "Marcus Okafor", "Quarry Lane Robotics",
     "Software Engineer, Fleet Services", "technical", "America/Chicago", "2026-11-17T19:00Z", "2026-11-17T20:30Z",
     {"Tessa Zielinski", "Oluwaseun Adeyemi", "Hannah Brightwell"}),
    ("dana-whitfield-calendar.ics", "Dana Whitfield", "Harrowgate Nursing College", "Clinical Educator",
     "phone screen", "America/Chicago", "2026-11-18T16:00Z", "2026-11-18T16:30Z", {"Marisol Okonjo"}),
]


def test_the_sample_folder_holds_the_invitations_described_here():
    assert sorted(path.name for path in SAMPLE_CALENDARS.glob("*.ics")) == sorted(s[0] for s in SAMPLE_INVITATIONS)


@pytest.mark.parametrize("name, candidate, company, role, stage, zone, starts_at, ends_at, people", SAMPLE_INVITATIONS)
def test_each_sample_invitation_imports_as_the_cohort_writes_its_interviews(tmp_path, name, candidate, company, role,
                                                                           stage, zone, starts_at, ends_at, people):
    with workbook.sample_log(tmp_path / "sample.sqlite") as log:
        before = log.interviews()
        events = workbook.read_calendar(SAMPLE_CALENDARS / name, log=log, candidate=candidate)
        interview = events[events["looks_like_interview"].astype(bool)]
        assert len(interview) == 1, name
        row = interview.iloc[0]
        assert (row["company"], row["role"], row["stage"]) == (company, role, stage)
        assert row["timezone"] == zone
        assert (row["starts_at"], row["ends_at"]) == (pd.Timestamp(starts_at), pd.Timestamp(ends_at))
        assert {person["name"] for person in row["people"]} == people
        assert row["in_log"] == "new"
        # new to the sample: not an interview it already holds
        same = before[(before["candidate"] == candidate) & (before["starts_at"] == pd.Timestamp(starts_at))]
        assert same.empty
        result = log.import_calendar(SAMPLE_CALENDARS / name, candidate=candidate, now=NOW)
        assert list(result[result["looks_like_interview"].astype(bool)]["action"]) == ["added"]
        assert len(log.interviews()) == len(before) + 1
