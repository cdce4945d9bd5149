"""Handing a note to the person's mail program: the .eml file a mail program reads back, the
mailto: link a browser decodes, and the refusals that keep headers and files where they belong."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from email import policy
from email.parser import BytesParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from workbook import InvalidTimeError, InvalidValueError, UnknownRecordError
from workbook.notes.context import note_context
from workbook.notes.mail import email_message, mailto, mailto_link, note_message, save_eml, write_eml

BODY = "Dear Ana,\n\nThank you for walking me through the churn dashboard.\nBest,\nMaya"
INJECTIONS = ["Thanks\r\nBcc: all@evil.example", "Thanks\nBcc: all@evil.example", "Thanks\rBcc: x@evil.example",
              "Thanks\x85Bcc: x@evil.example", "Thanks\u2028Bcc: x@evil.example", "Thanks\x00", "Thanks\n"]


@pytest.fixture
def outbox(tmp_path):
    """A folder for the .eml files, apart from the log's own files."""
    return tmp_path / "outbox"


def files_in(folder) -> list:
    return sorted(folder.rglob("*")) if folder.exists() else []


def read_eml(path):
    with open(path, "rb") as file:
        return BytesParser(policy=policy.default).parse(file)


def raw_headers(path) -> bytes:
    return path.read_bytes().split(b"\r\n\r\n", 1)[0]


def run_sql(log, statement: str, *params) -> None:
    """Write to the log's file behind its back, as another tool could."""
    with sqlite3.connect(log.url.database) as conn:
        conn.execute(statement, params)
    conn.close()


def test_the_eml_file_reads_back_as_the_note(one_interview, outbox):
    log, _, [ana, _] = one_interview
    path = write_eml(log, ana, BODY, outbox, subject="Thank you, Ana", sent_at="2026-09-14T15:30")

    assert path == outbox / "thank-you-ana-lima-northwind-analytics.eml"
    message = read_eml(path)
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Ana Lima", "ana@northwind.example")
    [sender] = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Maya Okafor", "maya@example.com")
    assert message["Subject"] == "Thank you, Ana"
    # A wall-clock sent_at is in the interview's time zone (New York, EDT in September).
    assert message["Date"] == "Mon, 14 Sep 2026 15:30:00 -0400"
    assert message["Date"].datetime == datetime(2026, 9, 14, 19, 30, tzinfo=timezone.utc)
    assert message["X-Unsent"] == "1"  # Outlook opens it as a draft to send
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message.get_content() == BODY + "\n"
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")  # CRLF line ends throughout


def test_date_is_now_unless_sent_at_is_given(one_interview):
    log, _, [ana, _] = one_interview
    assert note_message(log, ana, BODY, now="2026-09-14T19:00:00Z")["Date"] == "Mon, 14 Sep 2026 15:00:00 -0400"
    aware = datetime(2026, 9, 15, 8, 0, tzinfo=timezone.utc)
    assert note_message(log, ana, BODY, sent_at=aware)["Date"] == "Tue, 15 Sep 2026 04:00:00 -0400"
    with pytest.raises(InvalidTimeError) as error:
        note_message(log, ana, BODY, sent_at="tomorrow morning")
    assert (error.value.row, error.value.field) == ("Ana Lima", "sent_at")
    assert (error.value.record, error.value.key) == ("interviewer", ana)


def test_without_the_candidates_email_there_is_no_from(one_interview):
    log, _, [ana, _] = one_interview
    log.change_candidate("Maya Okafor", email=None)
    message = note_message(log, ana, BODY)
    assert "From" not in message
    assert message["To"] == "Ana Lima <ana@northwind.example>"


def test_a_blank_subject_gets_the_default(one_interview):
    log, _, [ana, _] = one_interview
    assert note_message(log, ana, BODY, subject="  ")["Subject"] == "Thank you: Data analyst interview"
    assert note_message(log, ana, BODY)["Subject"] == "Thank you: Data analyst interview"


def test_a_non_ascii_name_is_encoded_in_ascii_headers_and_reads_back(one_interview, outbox):
    log, interview, _ = one_interview
    jose = log.add_interviewer(interview, "José Núñez", email="jose@northwind.example")
    path = write_eml(log, jose, "Querido José, ¡gracias! — Maya", outbox, subject="Gracias, José")

    assert path.name == "thank-you-jose-nunez-northwind-analytics.eml"
    headers = raw_headers(path)
    assert headers.isascii()
    assert b"=?utf-8?" in headers and "José".encode() not in headers
    message = read_eml(path)
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("José Núñez", "jose@northwind.example")
    assert message["Subject"] == "Gracias, José"
    assert message.get_content() == "Querido José, ¡gracias! — Maya\n"


@pytest.mark.parametrize("subject", INJECTIONS)
def test_a_line_break_in_the_subject_is_refused_and_nothing_is_written(one_interview, outbox, subject):
    log, _, [ana, _] = one_interview
    with pytest.raises(InvalidValueError) as error:
        write_eml(log, ana, BODY, outbox, subject=subject)
    assert (error.value.row, error.value.field, error.value.key) == ("Ana Lima", "subject", ana)
    assert files_in(outbox) == []
    with pytest.raises(InvalidValueError):
        note_message(log, ana, BODY, subject=subject)
    with pytest.raises(InvalidValueError):
        mailto_link(log, ana, BODY, subject=subject)


@pytest.mark.parametrize("column, value", [
    ("name", "Ana Lima\r\nBcc: all@evil.example"),
    ("name", "Ana\u2028Bcc: all@evil.example"),
    ("email", "ana@northwind.example\r\nBcc: all@evil.example"),
])
def test_a_line_break_that_reached_the_log_is_refused(one_interview, outbox, column, value):
    log, interview, _ = one_interview
    person = 99
    values = {"name": "Ana Lima", "email": "ana@northwind.example", column: value}
    run_sql(log, "INSERT INTO interviewers (interviewer_id, interview_id, name, email) VALUES (?, ?, ?, ?)",
            person, interview, values["name"], values["email"])
    with pytest.raises(InvalidValueError) as error:
        write_eml(log, person, BODY, outbox)
    # Named on one line, the forged header shown as the text it is; the id for a program.
    assert (error.value.row, error.value.field) == (" ".join(values["name"].replace("\u2028", " ").split()), column)
    assert (error.value.record, error.value.key) == ("interviewer", person)
    assert "\n" not in str(error.value) and "\r" not in str(error.value)
    assert files_in(outbox) == []
    if column == "email":
        with pytest.raises(InvalidValueError):
            mailto_link(log, person, BODY)


def test_a_line_break_in_the_candidates_name_is_refused(one_interview, outbox):
    log, _, [ana, _] = one_interview
    run_sql(log, "UPDATE candidates SET name = ?", "Maya\r\nBcc: all@evil.example")
    with pytest.raises(InvalidValueError) as error:
        write_eml(log, ana, BODY, outbox)
    assert (error.value.field, error.value.row) == ("name", "Maya Bcc: all@evil.example")
    assert (error.value.record, error.value.key) == ("candidate", "Maya\r\nBcc: all@evil.example")
    assert files_in(outbox) == []


def test_an_address_the_mail_program_would_rewrite_is_refused(one_interview):
    """The log takes "ana(x)@..."; the email package would drop "(x)" and write to another address."""
    log, interview, _ = one_interview
    person = log.add_interviewer(interview, "Ana Lima", email="ana(x)@northwind.example")
    with pytest.raises(InvalidValueError) as error:
        note_message(log, person, BODY)
    assert error.value.field == "email"
    with pytest.raises(InvalidValueError):
        mailto_link(log, person, BODY)


def test_an_interviewer_without_an_email_address_gets_advice(one_interview, outbox):
    log, _, [_, bo] = one_interview
    for hand_off in (lambda: write_eml(log, bo, BODY, outbox), lambda: mailto_link(log, bo, BODY)):
        with pytest.raises(InvalidValueError, match="handwritten note") as error:
            hand_off()
        # What the person reads names Bo and says where to add the address; no internal id.
        assert str(error.value) == ("Bo Chen's email address is missing: add it to the interview in "
                                    "01-log-an-interview, or send a handwritten note")
        assert (error.value.row, error.value.field) == ("Bo Chen", "email")
        assert (error.value.record, error.value.key) == ("interviewer", bo)  # for a widget to point at
        assert error.value.problems[0].reason.startswith("is missing: add their email address")
    assert files_in(outbox) == []


def test_messages_name_people_and_interviews_never_by_id_alone(one_interview, outbox):
    """Every refusal a person reads in the builder names whom it is about."""
    log, interview, [ana, bo] = one_interview
    run_sql(log, "UPDATE interviews SET timezone = ? WHERE interview_id = ?", "Mars/Olympus", interview)
    with pytest.raises(InvalidValueError) as error:
        note_message(log, bo, BODY, subject="Thanks\nBcc: x@evil.example")
    text = str(error.value)
    assert text.splitlines() == [
        "3 problems:",
        "Bo Chen, subject: contains a line break or control character, which could forge a mail header; "
        "keep it on one line",
        "Bo Chen's email address is missing: add it to the interview in 01-log-an-interview, or send a "
        "handwritten note",
        "the interview with Northwind Analytics (Data analyst), timezone: 'Mars/Olympus' is not an IANA time "
        "zone (like Europe/Berlin)",
    ]
    assert not re.search(rf"\binterview(er)? ({ana}|{bo}|{interview})\b", text)
    assert [(p.record, p.key, p.field) for p in error.value.problems] == [
        ("interviewer", bo, "subject"), ("interviewer", bo, "email"), ("interview", interview, "timezone")]


def test_a_persons_context_read_once_hands_off_the_same_note(one_interview, outbox):
    """What the note builder uses as the person types: the same message, file and link as
    the forms that read the log."""
    log, _, [ana, bo] = one_interview
    context = note_context(log, ana)
    sent_at = "2026-09-14T15:30"
    assert (email_message(context, BODY, "Thanks", sent_at=sent_at).as_bytes()
            == note_message(log, ana, BODY, "Thanks", sent_at=sent_at).as_bytes())
    assert mailto(context, BODY, "Thanks") == mailto_link(log, ana, BODY, "Thanks")
    path = save_eml(context, BODY, outbox, subject="Thanks", sent_at=sent_at)
    assert path.name == "thank-you-ana-lima-northwind-analytics.eml"
    assert path.read_bytes() == write_eml(log, ana, BODY, outbox, subject="Thanks", sent_at=sent_at).read_bytes()
    with pytest.raises(InvalidValueError, match="handwritten note"):
        mailto(note_context(log, bo), BODY)


def test_an_unknown_interviewer_is_refused(one_interview, outbox):
    log, _, _ = one_interview
    for hand_off in (lambda: write_eml(log, 404, BODY, outbox), lambda: mailto_link(log, 404, BODY)):
        with pytest.raises(UnknownRecordError) as error:
            hand_off()
        assert (error.value.row, error.value.field) == ("interviewer 404", "interviewer_id")
        assert (error.value.record, error.value.key) == ("interviewer", 404)


def test_the_mailto_link_decodes_to_the_exact_subject_and_body(one_interview):
    log, _, [ana, _] = one_interview
    subject = "Thanks & a question? #1 at 100% + more; José"
    body = "Hi Ana,\nQ&A? #dashboards at 100% = yes + more;\r\nSaludos, José\n"
    link = mailto_link(log, ana, body, subject=subject)

    assert link.isascii() and " " not in link and "\n" not in link
    assert link.startswith("mailto:ana%40northwind.example?subject=")
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "ana@northwind.example"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert query == {"subject": [subject], "body": [body.replace("\r\n", "\n").replace("\n", "\r\n")]}
    assert "%0D%0A" in link and "%0A%0D" not in link


@pytest.mark.parametrize("filename", ["../x", "/etc/passwd", "a/b", "a\\b", "..", ".", "x\x00y", "", "C:x"])
def test_a_file_name_cannot_leave_the_folder(one_interview, tmp_path, filename):
    log, _, [ana, _] = one_interview
    around = tmp_path / "around"
    folder = around / "out"
    folder.mkdir(parents=True)
    with pytest.raises(InvalidValueError) as error:
        write_eml(log, ana, BODY, folder, filename=filename)
    assert (error.value.row, error.value.field, error.value.key) == ("Ana Lima", "filename", ana)
    assert [p for p in around.rglob("*") if p != folder] == []


def test_a_given_file_name_gets_the_eml_suffix(one_interview, outbox):
    log, _, [ana, _] = one_interview
    assert write_eml(log, ana, BODY, outbox, filename="for-ana") == outbox / "for-ana.eml"
    assert write_eml(log, ana, BODY, outbox, filename="ana.EML") == outbox / "ana.EML"


def test_an_existing_file_is_never_overwritten(one_interview, outbox):
    log, _, [ana, _] = one_interview
    outbox.mkdir()
    mine = outbox / "thank-you-ana-lima-northwind-analytics.eml"
    mine.write_bytes(b"my own draft")
    second = write_eml(log, ana, BODY, outbox)
    third = write_eml(log, ana, BODY, outbox)
    assert (second.name, third.name) == ("thank-you-ana-lima-northwind-analytics-2.eml",
                                         "thank-you-ana-lima-northwind-analytics-3.eml")
    assert mine.read_bytes() == b"my own draft"
    assert read_eml(third)["To"] == "Ana Lima <ana@northwind.example>"


def test_the_module_loads_no_plotting_or_widget_toolkit():
    code = ("import sys, workbook.notes.mail; "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
