"""Sent mail read over IMAP, from a real server: the session's dovecot (``imap_server``,
:mod:`tests.imap_server`), plain IMAP and IMAPS on loopback, user ``maya@example.com``.

What a person relies on: an IMAP folder gives the same matches as the same messages in an
mbox file; IMAPS checks the server's certificate; a refused login, a certificate that cannot be
verified, plain IMAP to another machine, or a connection dropped in the middle of a fetch each
raise a ``MailImportError`` and write nothing; the password is never shown; importing twice
changes nothing; replies in INBOX and notes in Sent are read together.

Each test writes to IMAP folders of its own (the server is shared by the session). The
interview: Maya Okafor met Ana Lima and Bo Chen at Northwind Analytics on 14 September 2026,
10:00–11:00 in New York (14:00–15:00 UTC)."""

from __future__ import annotations

import logging
import mailbox
import socket
import time
import traceback
from datetime import datetime, timedelta, timezone
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

import pandas as pd
import pytest

import workbook
from workbook import MailImportError

from .conftest import assert_same_log, snapshot

pytestmark = pytest.mark.imap

MAYA = "Maya Okafor"
NOW = "2026-11-20T17:00:00+00:00"
ENDED = datetime(2026, 9, 14, 15, 0, tzinfo=timezone.utc)
NEW_YORK = timezone(timedelta(hours=-4))
PASSWORD_ENV = "WORKBOOK_IMAP_PASSWORD"


# -- the log and the messages --------------------------------------------------------------

def maya_log(log) -> dict[str, int]:
    """Maya, her interview, the two people met (with their addresses) and a draft to Ana."""
    log.add_candidate(MAYA, email="maya@example.com")
    interview = log.add_interview(MAYA, "Northwind Analytics", "Data analyst", "2026-09-14T10:00",
                                  "2026-09-14T11:00", "America/New_York", stage="hiring manager")
    ana = log.add_interviewer(interview, "Ana Lima", title="Analytics lead", email="ana@northwind.example")
    bo = log.add_interviewer(interview, "Bo Chen", title="Data engineer", email="Bo.Chen@Northwind.example")
    draft = log.add_note(ana, subject="Thank you", body="Dear Ana, thank you for your time today.")
    return {"ana": ana, "bo": bo, "draft": draft}


def message(sender, to, subject: str, date: datetime, message_id: str, body: str, cc=None,
            attachment: bytes | None = None) -> bytes:
    """A message as a mail program writes it (headers folded and RFC 2047-encoded as needed)."""
    mail = EmailMessage(policy=policy.default)
    mail["Received"] = "from smtp.example.com (smtp.example.com [198.51.100.7]) by mx.example.com; " + \
        format_datetime(date + timedelta(seconds=3))
    mail["Received"] = "from [192.168.1.20] by smtp.example.com with ESMTPSA; " + format_datetime(date)
    mail["From"] = sender
    mail["To"] = to
    if cc:
        mail["Cc"] = cc
    mail["Subject"] = subject
    mail["Date"] = format_datetime(date)
    mail["Message-ID"] = message_id
    mail.set_content(body)
    if attachment is not None:
        mail.add_attachment(attachment, maintype="application", subtype="pdf", filename="portfolio.pdf")
    return mail.as_bytes()


MAYA_FROM = Address("Maya Okafor", "maya", "example.com")
ANA = Address("Ana Líma", "ana", "northwind.example")  # an RFC 2047-encoded name
BO = Address("Bo Chen", "bo.chen", "northwind.example")  # the log has it in other case

NOTE_ANA = message(MAYA_FROM, ANA, "Thank you for today, Ana", datetime(2026, 9, 14, 15, 40, tzinfo=NEW_YORK),
                   "<note-ana.1@mail.example.com>", "Dear Ana,\n\nthank you for the conversation about the churn "
                   "dashboard.\n\nMaya")
NOTE_BO = message(MAYA_FROM, BO, "Thanks, and the dbt example",
                  datetime(2026, 9, 15, 9, 5, tzinfo=NEW_YORK), "<note-bo.2@mail.example.com>",
                  "Hi Bo,\n\nthank you for walking me through your dbt tests. My portfolio is attached.\n\nMaya",
                  cc="recruiting@northwind.example", attachment=b"%PDF-1.4\n" + bytes(range(256)) * 40)
AGAIN_ANA = message(MAYA_FROM, ANA, "One more thing", datetime(2026, 9, 16, 8, 0, tzinfo=NEW_YORK),
                    "<again-ana.3@mail.example.com>", "Ana, the article I mentioned: ...")
OTHER = message(MAYA_FROM, "friend@example.org", "Lunch?", datetime(2026, 9, 14, 18, 0, tzinfo=NEW_YORK),
                "<lunch.4@mail.example.com>", "Lunch on Friday?")
REPLY_ANA = message(ANA, MAYA_FROM, "Re: Thank you for today, Ana", datetime(2026, 9, 15, 11, 30, tzinfo=NEW_YORK),
                    "<reply-ana.5@northwind.example>", "Thanks Maya, it was a pleasure. Ana")
NEWSLETTER = message("news@jobs.example", MAYA_FROM, "New jobs for you",
                     datetime(2026, 9, 15, 7, 0, tzinfo=NEW_YORK), "<news.6@jobs.example>", "Ten new jobs.")
SENT = [NOTE_ANA, OTHER, NOTE_BO, AGAIN_ANA]


def folder_of(request, name: str = "Sent") -> str:
    """A folder name of the test's own on the shared server."""
    return f"{name}-{request.node.name}".replace("[", "-").replace("]", "")


def fill(server, folder: str, messages: list[bytes]) -> str:
    """``folder`` emptied, then holding ``messages``; returns its plain imap:// URL."""
    server.delete_folder(folder)
    for raw in messages:
        server.append(folder, raw)
    return server.url(folder)


def mbox_of(path, messages: list[bytes]):
    box = mailbox.mbox(path)
    try:
        for raw in messages:
            box.add(raw)
        box.flush()
    finally:
        box.close()
    return path


def password_nowhere(password: str, *things, text: str = "") -> None:
    """``password`` is in none of ``things`` (their str and repr) nor in ``text``."""
    for thing in things:
        assert password not in str(thing) and password not in repr(thing), thing
    assert password not in text


# -- the tests -----------------------------------------------------------------------------

@pytest.mark.backends("sqlite", "postgresql")
def test_an_imap_folder_gives_the_same_matches_as_an_mbox_file(log, imap_server, request, tmp_path):
    ids = maya_log(log)
    url = fill(imap_server, folder_of(request), SENT)
    mbox = mbox_of(tmp_path / "Sent.mbox", SENT)

    from_mbox = workbook.read_sent_mail(mbox, log, MAYA, now=NOW)
    from_imap = workbook.read_sent_mail(url, log, MAYA, password=imap_server.password, now=NOW)
    pd.testing.assert_frame_equal(from_imap, from_mbox)
    assert from_imap[["interviewer", "message_id", "action"]].values.tolist() == [
        ["Ana Lima", "<note-ana.1@mail.example.com>", "marked_sent"],
        ["Bo Chen", "<note-bo.2@mail.example.com>", "added_note"],
    ]
    assert from_imap["sent_at"].tolist() == [pd.Timestamp("2026-09-14T19:40Z"), pd.Timestamp("2026-09-15T13:05Z")]
    assert from_imap["company"].tolist() == ["Northwind Analytics"] * 2
    assert log.notes()["sent_at"].isna().all()  # reading wrote nothing

    imported = log.import_sent_mail(url, MAYA, password=imap_server.password, now=NOW)
    notes = log.notes().set_index("interviewer_id")
    # What was read is what was done; the note added for Bo now has its id.
    pd.testing.assert_frame_equal(imported.drop(columns="note_id"), from_imap.drop(columns="note_id"))
    assert imported["note_id"].tolist() == [ids["draft"], notes.loc[ids["bo"], "note_id"]]
    assert notes.loc[ids["ana"], "note_id"] == ids["draft"]
    assert notes.loc[ids["ana"], "sent_at"] == pd.Timestamp("2026-09-14T19:40Z")
    assert notes.loc[ids["ana"], "body"] == "Dear Ana, thank you for your time today."  # the draft's text kept
    assert notes.loc[ids["ana"], "sent_message_id"] == "<note-ana.1@mail.example.com>"
    assert notes.loc[ids["bo"], "sent_at"] == pd.Timestamp("2026-09-15T13:05Z")
    assert notes.loc[ids["bo"], "subject"] == "Thanks, and the dbt example"
    assert "walking me through your dbt tests" in notes.loc[ids["bo"], "body"]
    assert notes.loc[ids["bo"], "sent_message_id"] == "<note-bo.2@mail.example.com>"


def test_imaps_works_with_the_certificate_trusted_and_not_without(log, imap_server, request, monkeypatch):
    ids = maya_log(log)
    fill(imap_server, folder_of(request), [NOTE_ANA])
    url = imap_server.url(folder_of(request), tls=True)
    assert url.startswith("imaps://maya%40example.com@127.0.0.1:")

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # the self-signed certificate is trusted nowhere
    before = snapshot(log)
    with pytest.raises(MailImportError, match="certificate") as raised:
        log.import_sent_mail(url, MAYA, password=imap_server.password, now=NOW)
    assert f"127.0.0.1:{imap_server.tls_port}" in str(raised.value)  # says which server
    assert_same_log(before, snapshot(log))

    monkeypatch.setenv("SSL_CERT_FILE", str(imap_server.ca_file))  # read by ssl.create_default_context()
    imported = log.import_sent_mail(url, MAYA, password=imap_server.password, now=NOW)
    assert imported[["interviewer_id", "action"]].values.tolist() == [[ids["ana"], "marked_sent"]]
    assert log.notes().set_index("note_id").loc[ids["draft"], "sent_at"] == pd.Timestamp("2026-09-14T19:40Z")


def test_a_refused_login_raises_and_never_shows_the_password(log, imap_server, request, caplog, capsys):
    maya_log(log)
    url = fill(imap_server, folder_of(request), [NOTE_ANA])
    wrong = "Wr0ng-" + imap_server.password[::-1]
    before = snapshot(log)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(MailImportError) as raised:
        log.import_sent_mail(url, MAYA, password=wrong, now=NOW)
    error = raised.value
    assert "maya@example.com" in str(error) and ("login" in str(error) or "password" in str(error))
    assert_same_log(before, snapshot(log))
    with pytest.raises(MailImportError) as read_raised:
        workbook.read_sent_mail(url, log, MAYA, password=wrong, now=NOW)
    shown = "".join(traceback.format_exception(error)) + "".join(traceback.format_exception(read_raised.value))
    output = capsys.readouterr()
    for password in (wrong, imap_server.password):
        password_nowhere(password, error, read_raised.value, *error.args, *error.problems, error.__context__,
                         error.__cause__, log,
                         text=shown + caplog.text + output.out + output.err)


def test_plain_imap_to_another_machine_is_refused_before_connecting(log):
    password = "never-sent-in-clear"
    maya_log(log)
    # A listener on every address of this machine: a connection to it would be seen.
    with socket.socket() as listener:
        listener.bind(("0.0.0.0", 0))
        listener.listen()
        listener.setblocking(False)
        port = listener.getsockname()[1]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outward address
            host = probe.getsockname()[0]
        assert not host.startswith("127."), host
        before = snapshot(log)
        started = time.monotonic()
        with pytest.raises(MailImportError, match="imaps://") as raised:
            log.import_sent_mail(f"imap://maya%40example.com@{host}:{port}/Sent", MAYA, password=password, now=NOW)
        assert time.monotonic() - started < 2
        with pytest.raises(BlockingIOError):
            listener.accept()  # no one connected
    assert host in str(raised.value) and password not in str(raised.value)
    assert_same_log(before, snapshot(log))


@pytest.mark.backends("sqlite", "postgresql")
def test_a_connection_cut_in_the_middle_of_a_fetch_leaves_the_log_unchanged(log, imap_server, request):
    ids = maya_log(log)
    big = message(MAYA_FROM, [ANA, BO], "Slides from today", datetime(2026, 9, 16, 10, 0, tzinfo=NEW_YORK),
                  "<slides.7@mail.example.com>", "The slides.", attachment=bytes(range(256)) * 1200)  # ~400 KB
    folder = folder_of(request)
    fill(imap_server, folder, [NOTE_ANA, NOTE_BO, big])
    cut_after = 60_000  # past the login, SELECT and SEARCH; inside the messages
    proxy = imap_server.cutting_proxy(cut_after)
    before = snapshot(log)
    with pytest.raises(MailImportError) as raised:
        log.import_sent_mail(imap_server.cutting_url(folder, cut_after), MAYA, password=imap_server.password,
                             now=NOW)
    assert_same_log(before, snapshot(log))
    cut = [connection for connection in proxy.connections if connection["cut"]]
    assert cut, proxy.connections
    assert b"FETCH" in cut[-1]["client_bytes"].upper()  # it was cut while messages were being fetched
    assert imap_server.password not in str(raised.value)

    # The same folder, not cut, is imported: the cut is what kept it out.
    imported = log.import_sent_mail(imap_server.url(folder), MAYA, password=imap_server.password, now=NOW)
    assert imported["interviewer_id"].tolist() == [ids["ana"], ids["bo"]]
    assert log.notes()["sent_at"].notna().all()


def test_the_password_comes_from_the_environment(log, imap_server, request, monkeypatch, caplog, capsys):
    ids = maya_log(log)
    url = fill(imap_server, folder_of(request), [NOTE_ANA])
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with pytest.raises(MailImportError, match=PASSWORD_ENV):
        log.import_sent_mail(url, MAYA, now=NOW)

    monkeypatch.setenv(PASSWORD_ENV, imap_server.password)
    caplog.set_level(logging.DEBUG)
    imported = log.import_sent_mail(url, MAYA, now=NOW)
    assert imported[["interviewer_id", "action"]].values.tolist() == [[ids["ana"], "marked_sent"]]
    output = capsys.readouterr()
    password_nowhere(imap_server.password, imported, imported.attrs, log,
                     text=imported.to_string() + caplog.text + output.out + output.err)


def test_importing_twice_changes_nothing(log, imap_server, request):
    ids = maya_log(log)
    sent = fill(imap_server, folder_of(request), SENT)
    inbox = fill(imap_server, folder_of(request, "Replies"), [REPLY_ANA])
    first = log.import_sent_mail([sent, inbox], MAYA, password=imap_server.password, now=NOW)
    assert first["action"].tolist() == ["marked_sent", "added_note", "reply"]
    after_first = snapshot(log)

    again = log.import_sent_mail([sent, inbox], MAYA, password=imap_server.password, now=NOW)
    assert_same_log(after_first, snapshot(log))
    assert again["action"].tolist() == ["already_recorded"] * 3
    assert again["interviewer_id"].tolist() == [ids["ana"], ids["bo"], ids["ana"]]
    assert (again["difference"] == pd.Timedelta(0)).all()


def test_replies_in_inbox_and_notes_in_sent_are_read_together(log, imap_server, request):
    ids = maya_log(log)
    sent = fill(imap_server, folder_of(request), SENT)
    inbox = fill(imap_server, "INBOX", [NEWSLETTER, REPLY_ANA])
    assert inbox.endswith("/INBOX")

    # Sent alone: no reply; INBOX alone: a reply to a note not yet sent is none.
    only_sent = workbook.read_sent_mail(sent, log, MAYA, password=imap_server.password, now=NOW)
    assert "reply" not in only_sent["action"].tolist()
    only_inbox = workbook.read_sent_mail(inbox, log, MAYA, password=imap_server.password, now=NOW)
    assert only_inbox.empty

    imported = log.import_sent_mail([sent, inbox], MAYA, password=imap_server.password, now=NOW)
    assert imported[["interviewer", "action", "message_id"]].values.tolist() == [
        ["Ana Lima", "marked_sent", "<note-ana.1@mail.example.com>"],
        ["Bo Chen", "added_note", "<note-bo.2@mail.example.com>"],
        ["Ana Lima", "reply", "<reply-ana.5@northwind.example>"],
    ]
    notes = log.notes().set_index("interviewer_id")
    assert notes.loc[ids["ana"], "replied_at"] == pd.Timestamp("2026-09-15T15:30Z")
    assert notes.loc[ids["ana"], "reply_message_id"] == "<reply-ana.5@northwind.example>"
    assert pd.isna(notes.loc[ids["bo"], "replied_at"])


def test_a_folder_named_beyond_ascii_is_read_and_a_password_beyond_ascii_never_shows(log, imap_server, request,
                                                                                      caplog, capsys):
    """French Outlook's sent folder is "Éléments envoyés" (on the server in IMAP's modified
    UTF-7, RFC 3501 5.1.3); a password may hold any character. Neither is a traceback."""
    ids = maya_log(log)
    stored = "&AMk-l&AOk-ments envoy&AOk-s-" + request.node.name[-8:]  # "Éléments envoyés-…" as the server keeps it
    imap_server.delete_folder(stored)
    imap_server.append(stored, NOTE_ANA)
    url = imap_server.url("Éléments envoyés-" + request.node.name[-8:])
    assert "%C3%89l%C3%A9ments%20envoy%C3%A9s" in url
    found = workbook.read_sent_mail(url, log, MAYA, password=imap_server.password, now=NOW)
    assert found[["interviewer_id", "action"]].values.tolist() == [[ids["ana"], "marked_sent"]]

    wrong = "pässwörd-" + imap_server.password[:6] + "-ünïcode"
    before = snapshot(log)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(MailImportError, match="refused the login") as raised:
        log.import_sent_mail(url, MAYA, password=wrong, now=NOW)
    assert_same_log(before, snapshot(log))
    output = capsys.readouterr()
    password_nowhere(wrong, raised.value, *raised.value.args, *raised.value.problems, raised.value.__context__,
                     text="".join(traceback.format_exception(raised.value)) + caplog.text + output.out + output.err)
