"""The ``workbook`` command (workbook/cli.py): what a person types in a terminal, and what a
script reads.

Most behaviour is checked in-process through ``workbook.cli.main([...])`` (its exit status and
what it printed); the console script installed with the package, and ``python -m workbook``,
each run for real once, as a person starts them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pandas as pd
import pytest

import workbook
from workbook import cli
from workbook.config import REPO_ROOT
from workbook.sample import SAMPLE_NOW

from . import mail_fixtures

CALENDARS = Path(__file__).parent / "data" / "calendars"
MAIL = Path(__file__).parent / "data" / "mail"
SCRIPT = Path(sys.executable).with_name("workbook")

#: At SAMPLE_NOW: whose note can still be sent, most urgent first (decided from the sample's
#: files: the one overdue note still worth sending, then the people met last, by time left).
STILL_TO_THANK = ["Ethan Brennan", "Mateo Whitaker", "Tomas Sandoval", "Mei Alvarez", "Ryan Brennan",
                  "Aditya Chatterjee", "Keisha Valenzuela", "Naomi Sandoval"]
NEVER_THANKED = 14


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    """The sample cohort in a SQLite file of this module's own; the tests here only read it."""
    path = tmp_path_factory.mktemp("cli") / "sample.sqlite"
    workbook.sample_log(path).close()
    return path


@pytest.fixture
def sample_copy(sample_file, tmp_path) -> Path:
    """A copy of the sample log a test may write to."""
    path = tmp_path / "copy.sqlite"
    shutil.copyfile(sample_file, path)
    return path


@pytest.fixture
def at_sample_now(monkeypatch, sample_file):
    """$WORKBOOK_LOG and $WORKBOOK_NOW on the module's sample log, as a person sets them."""
    monkeypatch.setenv("WORKBOOK_LOG", str(sample_file))
    monkeypatch.setenv("WORKBOOK_NOW", SAMPLE_NOW)


def run(capsys, *argv) -> tuple[int, str, str]:
    """``workbook ARGV...`` in this process: (exit status, stdout, stderr)."""
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def error_line(err: str) -> str:
    """The one error line: the last on stderr (a stage may be said before it), and no traceback."""
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("workbook: error: ")]
    assert len(errors) == 1, err
    assert err.rstrip("\n").splitlines()[-1] == errors[0]
    return errors[0]


# -- the console script and python -m ---------------------------------------------------------

def test_the_console_script_lists_who_still_needs_a_note(sample_file):
    """The installed `workbook` command, on $WORKBOOK_LOG at $WORKBOOK_NOW: most urgent first,
    each with the time left and the due time on the interview's wall clock, in its zone."""
    env = {**os.environ, "WORKBOOK_LOG": str(sample_file), "WORKBOOK_NOW": SAMPLE_NOW}
    done = subprocess.run([SCRIPT, "due"], capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == "8 people still to thank: 1 overdue, 7 not due yet."
    assert lines[1].split() == ["Time", "left", "Due", "(local", "time)", "Person", "Company", "Candidate"]
    rows = lines[2:-1]
    assert [next(name for name in STILL_TO_THANK if name in row) for row in rows] == STILL_TO_THANK
    assert rows[0].startswith("overdue by 6 days 20 h ") and "Fri 13 Nov 2026 14:30 America/Chicago" in rows[0]
    # Tessellate met in Los Angeles: due 23:00 UTC, 15:00 there, 6 h after now.
    assert rows[1].startswith("6 h left ") and "Fri 20 Nov 2026 15:00 America/Los_Angeles" in rows[1]
    assert "Sat 21 Nov 2026 12:00 Asia/Kolkata" in rows[5] and rows[5].startswith("13 h 30 min left")
    assert lines[-1].startswith(f"Not listed: {NEVER_THANKED} people never thanked")


def test_python_m_workbook_says_an_error_in_one_line(sample_file):
    """`python -m workbook` is the same command; a wrong --now is one line, exit status 2."""
    env = {**os.environ, "WORKBOOK_LOG": str(sample_file)}
    done = subprocess.run([sys.executable, "-m", "workbook", "due", "--now", "next tuesday"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        "workbook: error: --now: 'next tuesday' is not an ISO 8601 time (like 2026-09-14T10:00 or "
        "2026-09-14T10:00:00-04:00)"]


def test_import_workbook_loads_no_command_line():
    """Only the script imports the command: `import workbook` stays as light as it was."""
    code = "import sys, workbook; print([m for m in ('workbook.cli', 'argparse', 'getpass') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_the_script_is_declared_in_pyproject():
    text = (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^\[project\.scripts\]\nworkbook = "workbook\.cli:main"$',
                     re.sub(r"^#.*\n", "", text, flags=re.M), re.M)


# -- workbook due ------------------------------------------------------------------------------

def test_due_json_for_scripts(capsys, at_sample_now):
    status, out, err = run(capsys, "due", "--json")
    assert (status, err) == (0, "")
    said = json.loads(out)
    assert said["now"] == "2026-11-20T17:00:00+00:00"
    assert [p["interviewer"] for p in said["due"]] == STILL_TO_THANK
    assert said["never_thanked"] == NEVER_THANKED
    mateo = said["due"][1]
    assert mateo["due_at"] == "2026-11-20T23:00:00+00:00"
    assert mateo["due_local"] == "2026-11-20T15:00:00-08:00"
    assert (mateo["timezone"], mateo["hours_left"], mateo["time_left"]) == ("America/Los_Angeles", 6.0, "6 h left")
    assert (mateo["company"], mateo["candidate"], mateo["status"]) == \
        ("Tessellate Cloudworks", "Marcus Okafor", "pending")
    ethan = said["due"][0]
    assert (ethan["status"], ethan["never_thanked"], ethan["standing"]) == \
        ("overdue", False, "not yet thanked (overdue)")
    hours = [p["hours_left"] for p in said["due"]]
    assert hours == sorted(hours)


def test_due_for_one_candidate_and_with_everyone_never_thanked(capsys, at_sample_now):
    status, out, _ = run(capsys, "due", "--json", "--candidate", "dana.whitfield@example.org")
    assert status == 0
    said = json.loads(out)
    assert said["candidate"] == "Dana Whitfield"
    assert [p["interviewer"] for p in said["due"]] == ["Ethan Brennan", "Aditya Chatterjee"]

    status, out, _ = run(capsys, "due", "--all", "--json")
    people = json.loads(out)["due"]
    assert len(people) == len(STILL_TO_THANK) + NEVER_THANKED
    assert sum(p["standing"] == "never thanked" for p in people) == NEVER_THANKED

    status, out, _ = run(capsys, "due", "--all")
    assert status == 0
    assert out.splitlines()[1].split()[-1] == "Status"
    assert sum(line.endswith("never thanked") for line in out.splitlines()) == NEVER_THANKED
    assert "Not listed" not in out


def test_due_when_nothing_is_due_exits_0_and_says_so(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WORKBOOK_NOW", "2026-09-15T12:00:00+00:00")
    path = tmp_path / "log.sqlite"
    with workbook.open_log(path) as log:
        status, out, _ = run(capsys, "--log", path, "due")
        assert (status, out.startswith("No interviews in the log yet")) == (0, True)
        log.add_candidate("Maya Okafor", email="maya@example.com")
        interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14 10:00",
                                      "2026-09-14 11:00", "America/New_York")
        ana = log.add_interviewer(interview, "Ana Lima")
        log.send_note(ana, "Dear Ana, thank you.", at="2026-09-14 17:00")
    status, out, err = run(capsys, "due", "--log", path)  # the global options after the command too
    assert (status, err) == (0, "")
    assert out == "You have no thank-you note to send: everyone met has been thanked.\n"
    status, out, _ = run(capsys, "due", "--log", path, "--json")
    assert (status, json.loads(out)["due"]) == (0, [])


# -- workbook remind ---------------------------------------------------------------------------

def _events(path: Path) -> dict[str, icalendar.Event]:
    """The events of a calendar file as a calendar keeps them: by UID, a later one replacing."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_remind_writes_one_event_per_note_at_its_due_time(capsys, at_sample_now, sample_file, tmp_path):
    path = tmp_path / "reminders.ics"
    status, out, _ = run(capsys, "remind", "--ics", path)
    assert status == 0
    assert out.startswith(f"Wrote 8 reminders to {path}, at the moment each note falls due, with an alarm 3 h before")
    events = list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    with workbook.open_log(sample_file) as log:
        due = workbook.habits.due_now(workbook.followups(log, SAMPLE_NOW), pd.Timestamp(SAMPLE_NOW))
        revision = log.revision()
    due = due[~due["never_thanked"]]
    assert len(events) == len(due) == 8
    for event, row in zip(events, due.itertuples()):
        assert re.fullmatch(rf"note-due-{row.interviewer_id}-[0-9a-f]{{12}}@followup-workbook", str(event["UID"]))
        assert event.decoded("DTSTART") == row.due_at.to_pydatetime()
        assert "DTEND" not in event and "DURATION" not in event  # a moment, not a meeting
        assert str(event["SUMMARY"]) == f"Thank-you note due: {row.interviewer}, {row.company}"
        assert event["SEQUENCE"] == revision
        assert event.decoded("DTSTAMP") == pd.Timestamp(SAMPLE_NOW).to_pydatetime()
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -pd.Timedelta(hours=3).to_pytimedelta()
    mateo = events[1]
    assert "is due Fri 20 Nov 2026 15:00 America/Los_Angeles" in str(mateo["DESCRIPTION"])

    status, _, _ = run(capsys, "remind", "--ics", path, "--hours-before", "1.5", "--candidate", "Dana Whitfield")
    events = list(_events(path).values())
    assert [str(e["SUMMARY"]).split(": ")[1] for e in events] == [
        "Ethan Brennan, Kindlewood Simulation Labs", "Aditya Chatterjee, Ashgrove Learning Systems"]
    assert events[0].walk("VALARM")[0].decoded("TRIGGER") == -pd.Timedelta(minutes=90).to_pytimedelta()


def test_reminders_imported_twice_are_not_duplicated(capsys, at_sample_now, sample_copy, tmp_path):
    """The same log written twice gives the same UIDs (a calendar replaces, never doubles); after
    a note is sent its event is gone and the others come back with a higher SEQUENCE; another
    log never shares a UID; and the reminders never look like interviews to an import."""
    first, second = tmp_path / "a" / "reminders.ics", tmp_path / "b" / "reminders.ics"
    first.parent.mkdir(), second.parent.mkdir()
    assert run(capsys, "--log", sample_copy, "remind", "--ics", first)[0] == 0
    assert run(capsys, "--log", sample_copy, "remind", "--ics", second)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    kept = {**_events(first), **_events(second)}  # imported twice, as a calendar keeps events
    assert len(kept) == 8

    both = workbook.read_calendar(tmp_path)  # our own reader, on the two files at once
    assert sorted(both["uid"]) == sorted(kept)
    assert not both["looks_like_interview"].any()
    assert set(both["reason"]) == {"no time"}

    with workbook.open_log(sample_copy) as log:
        log.send_note(114, "Dear Mateo, thank you for the walk through the platform.", at="2026-11-20T16:00:00+00:00")
    assert run(capsys, "--log", sample_copy, "remind", "--ics", second)[0] == 0
    before, after = _events(first), _events(second)
    assert set(after) == {uid for uid in before if not uid.startswith("note-due-114-")}
    assert all(after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"] for uid in after)

    other = tmp_path / "other.sqlite"
    shutil.copyfile(sample_copy, other)
    elsewhere = tmp_path / "other.ics"
    assert run(capsys, "--log", other, "remind", "--ics", elsewhere)[0] == 0
    assert not set(_events(elsewhere)) & set(after)

    # A calendar export holding the reminders imports none of them as interviews.
    status, out, _ = run(capsys, "--log", sample_copy, "import-calendar", second, "--candidate", "Marcus Okafor")
    assert (status, out.splitlines()[-1]) == (0, "Nothing changed: 7 other events skipped.")


# -- imports, export, report -------------------------------------------------------------------

def test_import_calendar_logs_the_interview_once(capsys, tmp_path):
    path = tmp_path / "log.sqlite"
    with workbook.open_log(path) as log:
        log.add_candidate("Maya Okafor", email="maya@example.com")
    invite = CALENDARS / "google-invite.ics"
    status, out, err = run(capsys, "--log", path, "--now", SAMPLE_NOW, "import-calendar", invite,
                           "--candidate", "Maya Okafor")
    assert status == 0
    assert err == f"Reading the calendar files in {invite} and importing the interviews…\n"
    lines = out.splitlines()
    assert lines[1].startswith("added ") and "Wed 21 Oct 2026 10:00 America/New_York" in lines[1]
    assert lines[-1].startswith("Added 1 interview.")
    with workbook.open_log(path) as log:
        interviews = log.interviews()
        assert len(interviews) == 1 and len(log.interviewers()) >= 1
    status, out, _ = run(capsys, "--log", path, "--now", SAMPLE_NOW, "import-calendar", invite,
                         "--candidate", "Maya Okafor")
    assert (status, out.splitlines()[-1]) == (0, "Nothing changed: 1 left as it was.")
    with workbook.open_log(path) as log:
        assert len(log.interviews()) == 1


def test_import_mail_marks_notes_sent_from_the_mbox(capsys, tmp_path):
    path = tmp_path / "log.sqlite"
    with workbook.open_log(path) as log:
        ids = mail_fixtures.build_search(log)
    common = ["--log", path, "--now", mail_fixtures.NOW, "import-mail", MAIL / "sent.mbox",
              "--candidate", mail_fixtures.CANDIDATE, "--address", mail_fixtures.OTHER_ADDRESS]
    status, out, _ = run(capsys, *common, "--dry-run")
    assert status == 0
    assert out.splitlines()[0].startswith("What an import would do")
    [jose] = [line for line in out.splitlines() if "José Ramírez" in line and "Re:" not in line]
    assert jose.startswith("already recorded (your click was 13 h 30 min later)")
    with workbook.open_log(path) as log:
        assert log.notes()["sent_at"].notna().sum() == 1  # a dry run writes nothing

    status, out, err = run(capsys, *common)
    assert status == 0, err
    assert out.splitlines()[-1].startswith("Read 18 messages: 1 draft marked as sent, 3 notes recorded")
    with workbook.open_log(path) as log:
        notes = log.notes().set_index("note_id")
        assert notes.at[ids["ana_note"], "sent_at"] == pd.Timestamp("2026-09-14T22:12:00+00:00")


def test_import_mail_without_a_password_and_no_terminal(capsys, tmp_path, monkeypatch, sample_file):
    """Where no terminal can ask and $WORKBOOK_IMAP_PASSWORD is unset: one line, never an echoed prompt."""
    monkeypatch.delenv(cli.IMAP_PASSWORD_ENV, raising=False)
    if sys.stdin is not None and sys.stdin.isatty():  # pytest -s in a terminal; captured, stdin is none
        pytest.skip("in a terminal the command asks for the password")
    status, out, err = run(capsys, "--log", sample_file, "import-mail", "imaps://maya@mail.example/Sent",
                           "--candidate", "Marcus Okafor")
    assert (status, out) == (2, "")
    assert error_line(err) == ("workbook: error: no password for maya@mail.example: set $WORKBOOK_IMAP_PASSWORD, "
                               "or run the command in a terminal to be asked for it")


def test_export_csv_and_xlsx(capsys, sample_file, tmp_path):
    status, out, _ = run(capsys, "--log", sample_file, "export", "--csv", tmp_path / "csv")
    assert status == 0
    assert out == (f"Exported 4 candidates, 53 interviews, 120 people met, 107 notes, 46 outcomes to "
                   f"{tmp_path / 'csv'} as 5 CSV files.\n")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "candidates.csv", "interviewers.csv", "interviews.csv", "notes.csv", "outcomes.csv"]
    status, out, _ = run(capsys, "--log", sample_file, "export", "--xlsx", tmp_path / "log.xlsx")
    assert status == 0 and out.endswith(f"to {tmp_path / 'log.xlsx'}, a sheet per table.\n")
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "log.xlsx", read_only=True).sheetnames == [
        "candidates", "interviews", "interviewers", "notes", "outcomes"]


def test_report_hands_over_to_the_session_report(capsys, at_sample_now, tmp_path):
    """The command calls workbook.report.make_report as it is defined (running the report
    notebook takes some 14 s: tests/ of workbook.report run it and look at the page), and an
    unknown candidate is told before anything starts."""
    import inspect

    from workbook.report import make_report

    inspect.signature(make_report).bind(None, "Marcus Okafor", tmp_path / "r.html", as_of=pd.Timestamp(SAMPLE_NOW),
                                        coach_note="Well done this week.")
    status, out, err = run(capsys, "report", "--candidate", "Nobody", "--out", tmp_path / "r.html")
    assert (status, out) == (2, "")
    assert error_line(err).startswith("workbook: error: the log holds no candidate named 'Nobody'")
    assert not (tmp_path / "r.html").exists()


# -- errors and help ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv, said", [
    (["due", "--candidate", "Nobody"], "the log holds no candidate named 'Nobody'"),
    (["due", "--log", "{tmp}/typo.sqlite"], "there is no log at {tmp}/typo.sqlite"),
    (["remind", "--ics", "{tmp}/no/such/folder.ics"], "cannot write {tmp}/no/such/folder.ics: the folder"),
    (["remind", "--ics", "{tmp}"], "{tmp} is a folder"),
    (["import-calendar", "{tmp}/missing.ics", "--candidate", "Marcus Okafor"], "{tmp}/missing.ics: there is no such"),
    (["export", "--xlsx", "{tmp}/log.csv"], "{tmp}/log.csv: a spreadsheet's name ends in .xlsx"),
    (["report", "--candidate", "Marcus Okafor", "--out", "{tmp}/report.docx"], "report.docx: a report is written as"),
    (["due", "--now", "2026-11-20 17:00"], "--now: '2026-11-20 17:00' has no UTC offset"),
])
def test_errors_are_one_line_and_exit_2(capsys, at_sample_now, tmp_path, argv, said):
    status, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert (status, out) == (2, "")
    assert error_line(err).startswith("workbook: error: " + said.format(tmp=tmp_path))


def test_a_calendar_with_several_problems_is_still_one_line(capsys, at_sample_now, tmp_path):
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261120Tnoon\r\n"
                      "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Mars/Olympus:20261120T100000\r\n"
                      "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    status, _, err = run(capsys, "import-calendar", broken, "--candidate", "Marcus Okafor")
    line = error_line(err)
    assert status == 2 and line.startswith(f"workbook: error: Nothing was read from {broken}: 2 problems: ")
    assert line.count(str(broken)) == 3


@pytest.mark.parametrize("argv", [[], ["due", "--jsn"], ["export"], ["export", "--csv", "a", "--xlsx", "b.xlsx"],
                                  ["remind"], ["remind", "--ics", "r.ics", "--hours-before", "-1"], ["frobnicate"]])
def test_usage_errors_exit_2(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: workbook") and "Traceback" not in err


@pytest.mark.parametrize("command", ["due", "remind", "import-calendar", "import-mail", "export", "report"])
def test_every_command_has_help(capsys, command):
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"usage: workbook {command} ")
    assert "--log LOG" in out and "--now TIME" in out


@pytest.mark.imap
def test_import_mail_from_imap_takes_the_password_from_the_environment(capsys, tmp_path, monkeypatch, imap_server,
                                                                       request):
    """The sent-mail folder on a real IMAP server (the session's dovecot): the password comes
    from $WORKBOOK_IMAP_PASSWORD and is shown nowhere; a wrong one is one line, exit status 2."""
    import mailbox

    folder = f"Sent-{request.node.name}"
    imap_server.delete_folder(folder)
    box = mailbox.mbox(MAIL / "sent.mbox", create=False)
    try:
        for message in box:
            imap_server.append(folder, message.as_bytes())
    finally:
        box.close()
    path = tmp_path / "log.sqlite"
    with workbook.open_log(path) as log:
        mail_fixtures.build_search(log)
    argv = ["--log", path, "--now", mail_fixtures.NOW, "import-mail", imap_server.url(folder),
            "--candidate", mail_fixtures.CANDIDATE, "--address", mail_fixtures.OTHER_ADDRESS, "--dry-run"]

    monkeypatch.setenv(cli.IMAP_PASSWORD_ENV, imap_server.password)
    status, out, err = run(capsys, *argv)
    assert status == 0, err
    # The server is searched for the people's addresses: fewer messages read, the same matches.
    assert re.match(r"Read \d+ messages: 1 draft to mark as sent, 3 notes to record, 3 replies to record, "
                    r"1 already recorded\.", out.splitlines()[-1])
    assert imap_server.password not in out + err

    monkeypatch.setenv(cli.IMAP_PASSWORD_ENV, "not-" + imap_server.password)
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert "the server refused the login of 'maya@example.com'" in error_line(err)
    assert imap_server.password not in err

    # A password written in the URL is never shown either, not even in what is being read.
    url = imap_server.url(folder).replace("%40example.com@", "%40example.com:" + imap_server.password + "@")
    status, out, err = run(capsys, *[url if a == imap_server.url(folder) else a for a in argv])
    assert imap_server.password not in out + err
