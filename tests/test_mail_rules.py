"""The rules of the sent-mail import that a person relies on, each with a few messages written
here: which message is a person's note (the first after the interview, within the window; for
someone met twice, the latest meeting before it), which is a reply, the candidate's other
addresses, dates a wrong clock wrote, and what is refused before anything is read.

The formats (mbox, Maildir, folders, IMAP) and the fixtures of a whole job search are in
``test_mail_sources.py`` and ``test_mail_imap.py``."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbook
from workbook.mail import _Mbox, candidate_addresses

from .conftest import assert_same_log, snapshot

MAYA = "Maya Okafor"
NOW = "2026-10-30T12:00:00+00:00"


def message(sender, to, date, subject="Thank you", body="Dear Ana,\n\nThank you.", message_id=None, cc=None):
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    if cc:
        mail["Cc"] = cc
    mail["Subject"] = subject
    if date:
        mail["Date"] = date
    if message_id:
        mail["Message-ID"] = message_id
    mail.set_content(body)
    return mail


def mbox(path, *messages):
    box = mailbox.mbox(path)
    for one in messages:
        box.add(one)
    box.close()
    return path


@pytest.fixture
def search(log):
    """Maya met Ana twice (14 Sep and 1 Oct, New York) and Bo once, on 14 Sep."""
    log.add_candidate(MAYA, email="Maya@Example.com")
    first = log.add_interview(MAYA, "Northwind Analytics", "Data analyst", "2026-09-14T10:00", "2026-09-14T11:00",
                              "America/New_York", stage="phone screen")
    second = log.add_interview(MAYA, "Northwind Analytics", "Data analyst", "2026-10-01T10:00", "2026-10-01T11:00",
                               "America/New_York", stage="hiring manager")
    ana_1 = log.add_interviewer(first, "Ana Lima", email="ana@northwind.example")
    bo = log.add_interviewer(first, "Bo Chen", email="Bo.Chen@northwind.example")
    ana_2 = log.add_interviewer(second, "Ana Lima", email="ana@northwind.example")
    return log, {"ana_1": ana_1, "bo": bo, "ana_2": ana_2}


def test_the_first_message_after_the_interview_within_the_window_is_the_note(search, tmp_path):
    log, ids = search
    source = mbox(tmp_path / "Sent",
                  # Before the interview ended (a scheduling mail): not a note.
                  message("maya@example.com", "Bo Chen <bo.chen@northwind.example>", "Mon, 14 Sep 2026 10:30:00 -0400",
                          subject="Running late", message_id="<late@mail>"),
                  message("Maya <MAYA@example.com>", "BO.CHEN@northwind.example", "Tue, 15 Sep 2026 08:00:00 -0400",
                          subject="Thank you, Bo", message_id="<bo@mail>"),
                  # A second message to Bo: the first one is his note.
                  message("maya@example.com", "bo.chen@northwind.example", "Wed, 16 Sep 2026 08:00:00 -0400",
                          subject="One more thing", message_id="<bo-2@mail>"))
    found = log.import_sent_mail(source, MAYA, now=NOW)
    assert found[["interviewer", "message_id", "action"]].values.tolist() == [["Bo Chen", "<bo@mail>", "added_note"]]
    [note] = log.notes().to_dict("records")
    assert note["interviewer_id"] == ids["bo"] and note["subject"] == "Thank you, Bo"
    assert note["sent_at"] == pd.Timestamp("2026-09-15 12:00", tz="UTC")
    assert note["body"] == "Dear Ana,\n\nThank you." and note["sent_message_id"] == "<bo@mail>"


def test_a_message_past_the_window_is_no_note_and_the_window_is_the_persons_choice(search, tmp_path):
    log, ids = search
    late = message("maya@example.com", "bo.chen@northwind.example", "Wed, 30 Sep 2026 09:00:00 -0400",
                   message_id="<bo-late@mail>")
    source = mbox(tmp_path / "Sent", late)
    assert workbook.read_sent_mail(source, log, MAYA, now=NOW).empty
    found = workbook.read_sent_mail(source, log, MAYA, window_days=21, now=NOW)
    assert found["interviewer_id"].tolist() == [ids["bo"]]
    for wrong in (0, -3, 2.5, "two weeks", True):
        with pytest.raises(workbook.MailImportError, match="window_days"):
            workbook.read_sent_mail(source, log, MAYA, window_days=wrong, now=NOW)


def test_someone_met_twice_gets_each_note_from_the_meeting_before_it(search, tmp_path):
    log, ids = search
    source = mbox(tmp_path / "Sent",
                  message("maya@example.com", "ana@northwind.example", "Mon, 14 Sep 2026 15:00:00 -0400",
                          message_id="<ana-1@mail>"),
                  # Within 14 days of both interviews: the note of the second, the latest before it.
                  message("maya@example.com", "ana@northwind.example", "Thu, 01 Oct 2026 12:00:00 -0400",
                          message_id="<ana-2@mail>"),
                  message("Ana Lima <ana@northwind.example>", "maya@example.com", "Fri, 02 Oct 2026 09:00:00 -0400",
                          subject="Re: Thank you", message_id="<ana-reply@mail>"))
    found = log.import_sent_mail(source, MAYA, now=NOW)
    assert found[["interviewer_id", "message_id", "action"]].values.tolist() == [
        [ids["ana_1"], "<ana-1@mail>", "added_note"],
        [ids["ana_2"], "<ana-2@mail>", "added_note"],
        [ids["ana_2"], "<ana-reply@mail>", "reply"],
    ]
    notes = log.notes().set_index("interviewer_id")
    assert pd.isna(notes.at[ids["ana_1"], "replied_at"])
    assert notes.at[ids["ana_2"], "replied_at"] == pd.Timestamp("2026-10-02 13:00", tz="UTC")
    assert notes.at[ids["ana_2"], "reply_message_id"] == "<ana-reply@mail>"


def test_a_reply_counts_only_after_the_note_went_out_and_the_earliest_sets_the_time(search, tmp_path):
    log, ids = search
    note = log.add_note(ids["bo"], body="Dear Bo, thank you.", sent_at="2026-09-14T18:00")
    source = mbox(tmp_path / "Inbox",
                  # Bo writing before the note went out (the interview's logistics): no reply.
                  message("bo.chen@northwind.example", "maya@example.com", "Mon, 14 Sep 2026 12:00:00 -0400",
                          subject="Directions", message_id="<directions@mail>"),
                  message("bo.chen@northwind.example", "maya@example.com", "Wed, 16 Sep 2026 09:00:00 -0400",
                          subject="Re: Thank you", message_id="<second@mail>"),
                  message("bo.chen@northwind.example", "Maya <maya@example.com>", "Tue, 15 Sep 2026 09:00:00 -0400",
                          subject="Re: Thank you", message_id="<first@mail>"),
                  # To someone else, Maya in Cc: still a reply to her.
                  message("bo.chen@northwind.example", "hr@northwind.example", "Tue, 15 Sep 2026 08:00:00 -0400",
                          subject="Re: Thank you", message_id="<cc@mail>", cc="maya@example.com"))
    found = log.import_sent_mail(source, MAYA, now=NOW)
    assert found[["note_id", "message_id", "action"]].values.tolist() == [[note, "<cc@mail>", "reply"]]
    assert log.notes().at[0, "replied_at"] == pd.Timestamp("2026-09-15 12:00", tz="UTC")
    again = log.import_sent_mail(source, MAYA, now=NOW)
    assert again[["message_id", "action"]].values.tolist() == [["<cc@mail>", "already_recorded"]]
    assert again.at[0, "difference"] == pd.Timedelta(0)


def test_the_candidates_other_addresses_count_as_hers(search, tmp_path):
    log, ids = search
    source = mbox(tmp_path / "Sent", message("Maya O. <maya.okafor@mail.example>", "bo.chen@northwind.example",
                                             "Tue, 15 Sep 2026 08:00:00 -0400", message_id="<other@mail>"))
    assert workbook.read_sent_mail(source, log, MAYA, now=NOW).empty
    found = workbook.read_sent_mail(source, log, MAYA, addresses=["maya.okafor@mail.example"], now=NOW)
    assert found["message_id"].tolist() == ["<other@mail>"]
    assert candidate_addresses("Maya@Example.com", "Maya O. <maya.okafor@mail.example>; m@x.example") == {
        "maya@example.com", "maya.okafor@mail.example", "m@x.example"}


def test_a_message_dated_in_the_future_is_skipped_and_counted_not_refused(search, tmp_path):
    log, ids = search
    source = mbox(tmp_path / "Sent",
                  message("maya@example.com", "bo.chen@northwind.example", "Tue, 15 Sep 2026 08:00:00 -0400",
                          message_id="<ok@mail>"),
                  message("maya@example.com", "ana@northwind.example", "Mon, 02 Nov 2026 08:00:00 -0500",
                          message_id="<wrong-clock@mail>"))
    found = log.import_sent_mail(source, MAYA, now=NOW)
    assert found["message_id"].tolist() == ["<ok@mail>"]
    assert found.attrs["skipped"] == {"a date in the future": 1}
    assert "1 with a date in the future" in found.attrs["summary"]


def test_a_candidate_without_an_address_or_unknown_is_refused_before_any_mail_is_read(log, tmp_path):
    log.add_candidate("Sam Reyes")
    before = snapshot(log)
    missing = tmp_path / "no such mailbox"
    with pytest.raises(workbook.MailImportError, match="no email address for Sam Reyes"):
        log.import_sent_mail(missing, "Sam Reyes", now=NOW)
    with pytest.raises(workbook.UnknownRecordError, match="no candidate named 'Nobody'"):
        log.import_sent_mail(missing, "Nobody", now=NOW)
    with pytest.raises(workbook.MailImportError, match="does not exist"):
        log.import_sent_mail(missing, "Sam Reyes", addresses="sam@example.com", now=NOW)
    assert_same_log(before, snapshot(log))


def test_plain_imap_is_refused_to_another_machine_before_connecting(search):
    log, _ = search
    for url in ("imap://maya@imap.example.com/Sent", "imap://maya@10.0.0.7/Sent"):
        with pytest.raises(workbook.MailImportError, match="unencrypted") as raised:
            workbook.read_sent_mail(url, log, MAYA, password="hunter2-secret", now=NOW)
        assert "hunter2" not in str(raised.value) and "hunter2" not in repr(raised.value.problems)


@pytest.mark.backends("sqlite", "postgresql")
def test_a_note_written_meanwhile_is_seen_by_the_import(search, tmp_path):
    """The mail is read before the write; the matching is done again inside it, so a note
    another notebook marked sent in between is left alone, not added twice."""
    log, ids = search
    source = mbox(tmp_path / "Sent", message("maya@example.com", "bo.chen@northwind.example",
                                             "Tue, 15 Sep 2026 08:00:00 -0400", message_id="<bo@mail>"))
    preview = workbook.read_sent_mail(source, log, MAYA, now=NOW)
    assert preview["action"].tolist() == ["added_note"] and preview["note_id"].isna().all()
    clicked = log.send_note(ids["bo"], "Dear Bo, thank you.", at="2026-09-15T09:00")
    found = log.import_sent_mail(source, MAYA, now=NOW)
    assert found[["note_id", "action"]].values.tolist() == [[clicked[0], "already_recorded"]]
    assert found.at[0, "difference"] == pd.Timedelta(hours=-1)
    assert len(log.notes()) == 1


# -- the mbox reader's table of contents ---------------------------------------------------

MBOX_LINES = st.sampled_from([b"From maya@example.com Mon Sep 14 12:00:00 2026\n", b"From \n", b"\n", b"\r\n",
                              b"Subject: hi\n", b">From here\n", b"From:x\n", b"text From here\n", b"From", b"x"])


@given(st.lists(MBOX_LINES, max_size=30), st.sampled_from([1, 2, 5, 6, 7, 13, _Mbox.BLOCK]))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_mbox_reader_finds_the_messages_the_standard_library_finds(tmp_path, lines, block):
    """workbook.mail finds an mbox file's message boundaries its own, faster way: exactly
    where the standard library's mailbox.mbox finds them, for any arrangement of lines, and
    wherever the blocks it searches the file in happen to split it."""
    path = tmp_path / "box"
    path.write_bytes(b"".join(lines))
    ours, theirs = _Mbox(path, create=False), mailbox.mbox(path, create=False)
    ours.BLOCK = block
    try:
        assert ours.keys() == theirs.keys()
        assert [ours.get_bytes(key) for key in ours.keys()] == [theirs.get_bytes(key) for key in theirs.keys()]
    finally:
        ours.close()
        theirs.close()


def test_a_time_corrected_by_hand_forgets_the_message_it_was_read_from(search, tmp_path):
    log, ids = search
    source = mbox(tmp_path / "Mail",
                  message("maya@example.com", "bo.chen@northwind.example", "Tue, 15 Sep 2026 08:00:00 -0400",
                          message_id="<bo@mail>"),
                  message("bo.chen@northwind.example", "maya@example.com", "Tue, 15 Sep 2026 09:00:00 -0400",
                          subject="Re: Thank you", message_id="<bo-reply@mail>"))
    log.import_sent_mail(source, MAYA, now=NOW)
    [note] = log.notes()["note_id"]
    log.change_note(note, replied_at=None)  # not a reply to the note, after all
    log.change_note(note, sent_at="2026-09-15T07:30")
    [row] = log.notes().to_dict("records")
    assert pd.isna(row["replied_at"]) and pd.isna(row["reply_message_id"]) and pd.isna(row["sent_message_id"])
    assert row["sent_at"] == pd.Timestamp("2026-09-15 11:30", tz="UTC")


def test_other_addresses_are_read_from_any_list_and_a_wrong_one_is_named(search, tmp_path):
    log, _ = search
    source = mbox(tmp_path / "Sent", message("maya.okafor@mail.example", "bo.chen@northwind.example",
                                             "Tue, 15 Sep 2026 08:00:00 -0400", message_id="<other@mail>"))
    found = workbook.read_sent_mail(source, log, MAYA, addresses="old@example.com maya.okafor@mail.example", now=NOW)
    assert found["message_id"].tolist() == ["<other@mail>"]
    with pytest.raises(workbook.MailImportError, match="addresses: 'maya.okafor' is not an email address"):
        workbook.read_sent_mail(source, log, MAYA, addresses="maya.okafor, m@x.example", now=NOW)


def test_a_subject_in_windows_quotes_is_recorded_without_its_control_characters(search, tmp_path):
    """Windows-1252 quotes labelled ISO-8859-1 (common from Outlook) decode to C1 control
    characters, which the log refuses in a subject: they are read as the quotes they are, as
    mail programs do, and the note is recorded."""
    log, ids = search
    raw = (b"From: maya@example.com\nTo: bo.chen@northwind.example\nDate: Tue, 15 Sep 2026 08:00:00 -0400\n"
           b"Message-ID: <quotes@mail>\nSubject: =?iso-8859-1?q?=93Thank_you=94_for_today?=\n"
           b"Content-Type: text/plain; charset=iso-8859-1\n\n\x93Dear Bo\x94, thank you.\n")
    box = tmp_path / "Sent"
    box.write_bytes(b"From maya@example.com Tue Sep 15 12:00:00 2026\n" + raw + b"\n")
    found = log.import_sent_mail(box, MAYA, now=NOW)
    assert found["action"].tolist() == ["added_note"]
    [note] = log.notes().to_dict("records")
    assert note["subject"] == "\u201cThank you\u201d for today"
    assert note["body"] == "\u201cDear Bo\u201d, thank you."


def test_a_long_read_tells_its_progress_and_the_command_draws_it(search, tmp_path):
    import io

    from workbook import cli, mail

    log, _ = search
    many = [message("maya@example.com", f"someone{i}@other.example", "Tue, 15 Sep 2026 08:00:00 -0400",
                    message_id=f"<m{i}@mail>") for i in range(mail.PROGRESS_EVERY * 2 + 10)]
    told = []
    workbook.read_sent_mail(mbox(tmp_path / "Sent", *many), log, MAYA, now=NOW,
                            progress=lambda read, known: told.append((read, known)))
    assert told == [(500, 1010), (1000, 1010), (1010, 1010)]

    shown = io.StringIO()
    bar = cli.progress_bar(shown, width=10)
    bar(500, 1010)
    bar(1010, 1010)
    assert shown.getvalue() == ("\r[####......]  50% 500 of 1,010 messages"
                                "\r[##########] 100% 1,010 of 1,010 messages\n")
