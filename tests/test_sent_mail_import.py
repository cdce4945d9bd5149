"""The widget "From your sent mail" (notebook 03) without a browser: say where the sent mail is,
press Find matches, read the table, press Import, and the log holds what the table said; a
problem is said in the widget and nothing is written; a subject is shown as text; the IMAP
password box is there for an IMAP address only, emptied after the import and never shown.

The log is Maya Okafor's search of ``tests/mail_fixtures.py`` (a draft to Ana Lima, a note to
José Ramírez clicked "sent" the morning after it went out), the mail the fixtures of
``tests/data/mail`` (their README says what an import makes of each message); a few messages
are written here, and appended to the session's IMAP server (``imap_server``, dovecot) for the
password."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from workbook.ui import SentMailImport

from .conftest import assert_same_log, snapshot
from .mail_fixtures import (
    ANA_DRAFT_BODY,
    ANA_DRAFT_SUBJECT,
    CANDIDATE_EMAIL,
    JOSE_CLICKED_AT,
    NOW,
    OTHER_ADDRESS,
    build_search,
)

SENT_MBOX = Path(__file__).resolve().parent / "data" / "mail" / "sent.mbox"
ERROR = "<span style='color: #b00020'>⚠ "


def message(sender: str, to: str, date: str | None, subject: str, body: str = "Thank you for your time.\n") -> bytes:
    """A plain-text message as a mail program writes it; ``date`` an ISO 8601 time with its offset."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    if date is not None:
        mail["Date"] = format_datetime(pd.Timestamp(date).to_pydatetime())
    mail["Message-ID"] = f"<{hashlib.sha256(f'{sender}|{to}|{date}|{subject}'.encode()).hexdigest()[:20]}@mail.example>"
    mail.set_content(body)
    return mail.as_bytes()


def widget(log, **options) -> SentMailImport:
    return SentMailImport(log, now=NOW, display=False, **options)


def find(mail: SentMailImport, source, addresses: str = "") -> pd.DataFrame | None:
    mail.controls["source"].value = str(source)
    mail.controls["addresses"].value = addresses
    mail.controls["find"].click()
    return mail.matches


class _Table(HTMLParser):
    """The cells of an HTML table, row by row, as the text a person reads."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def shown_rows(html: str) -> list[tuple[str, ...]]:
    """The rows of the table of an HTML widget, as text, the headings first."""
    table = _Table()
    table.feed(html)
    return [tuple(row) for row in table.rows]


@pytest.fixture
def maya(log):
    return log, build_search(log)


@pytest.mark.backends("sqlite", "postgresql")
def test_matches_are_shown_then_imported_as_the_table_said(maya):
    log, ids = maya
    mail = widget(log)
    c = mail.controls
    assert c["candidate"].value == "Maya Okafor" and c["window_days"].value == 14
    assert c["import"].disabled  # nothing found yet
    assert c["password"].layout.display == "none"  # a file: no password

    before = snapshot(log)
    find(mail, SENT_MBOX, addresses=f" {OTHER_ADDRESS} ")
    assert_same_log(before, snapshot(log))  # a look writes nothing
    assert not c["import"].disabled
    # Each message's date on its interview's clock (New York, Berlin); names and subjects decoded.
    assert shown_rows(c["matches"].value) == [
        ("person met", "company", "message sent (local)", "subject", "what the import will do"),
        ("Ana Lima", "Northwind Analytics", "Mon 14 Sep 2026 18:12 America/New_York", "Thank you, Ana", "mark the draft as sent"),
        ("José Ramírez", "Northwind Analytics", "Mon 14 Sep 2026 19:35 America/New_York", "Thank you, José",
         "already recorded (your click was 13 h 30 min later)"),
        ("Bo Chen", "Northwind Analytics", "Tue 15 Sep 2026 08:30 America/New_York",
         "Thank you for the conversation about the Northwind Analytics data platform and the dbt tests",
         "record a new note"),
        ("Ana Lima", "Northwind Analytics", "Tue 15 Sep 2026 09:03 America/New_York", "Re: Thank you, Ana", "record the reply"),
        ("José Ramírez", "Northwind Analytics", "Thu 17 Sep 2026 11:20 America/New_York", "Re: Thank you, José", "record the reply"),
        ("Zoë Müller", "Harbourline Freight", "Tue 22 Sep 2026 20:15 Europe/Berlin", "Danke für heute", "record a new note"),
        ("Sam Ortiz", "Harbourline Freight", "Wed 23 Sep 2026 09:10 Europe/Berlin", "Thank you for the panel", "record a new note"),
        ("Zoë Müller", "Harbourline Freight", "Thu 24 Sep 2026 10:00 Europe/Berlin", "AW: Danke für heute", "record the reply"),
    ]
    said = c["message"].value
    assert said.startswith("Read 18 messages: 1 draft to mark as sent, 3 notes to record, 3 replies to record, "
                           "1 already recorded. Skipped 2 that could not be used (")
    assert "1 with no date" in said and said.endswith("). Press Import to record them.")

    c["import"].click()
    said = c["message"].value
    assert said.startswith("Read 18 messages: 1 draft marked as sent, 3 notes recorded, 3 replies recorded, "
                           "1 already recorded. Skipped 2 that could not be used (")
    assert c["import"].disabled  # done: another import is another look first
    assert [row[-1] for row in shown_rows(c["matches"].value)] == [
        "what the import did", "marked the draft as sent", "already recorded (your click was 13 h 30 min later)",
        "recorded a new note", "recorded the reply", "recorded the reply", "recorded a new note",
        "recorded a new note", "recorded the reply"]
    assert list(mail.imported[-1]["action"]) == ["marked_sent", "already_recorded", "added_note", "reply", "reply",
                                                 "added_note", "added_note", "reply"]
    notes = log.notes().set_index("interviewer_id")
    ana = notes.loc[ids["ana"]]
    assert (ana["sent_at"], ana["replied_at"]) == (pd.Timestamp("2026-09-14T22:12Z"), pd.Timestamp("2026-09-15T13:03Z"))
    assert (ana["subject"], ana["body"]) == (ANA_DRAFT_SUBJECT, ANA_DRAFT_BODY)  # the draft's text kept
    jose = notes.loc[ids["jose"]]
    assert (jose["sent_at"], jose["replied_at"]) == (pd.Timestamp(JOSE_CLICKED_AT), pd.Timestamp("2026-09-17T15:20Z"))
    assert notes.loc[ids["bo"], "sent_at"] == pd.Timestamp("2026-09-15T12:30Z")
    assert notes.loc[ids["zoe"], "subject"] == "Danke für heute"
    assert notes.loc[ids["sam"], "sent_at"] == pd.Timestamp("2026-09-23T07:10Z")
    assert ids["aisha"] not in notes.index

    # The same mailbox again: all recorded, nothing to import.
    after = snapshot(log)
    find(mail, SENT_MBOX, addresses=OTHER_ADDRESS)
    assert c["message"].value.startswith("Read 18 messages: 8 already recorded. Skipped 2 ")
    assert c["import"].disabled
    c["import"].click()
    assert c["message"].value == ERROR + "Nothing to import: every match found is in the log already.</span>"
    assert_same_log(after, snapshot(log))


def test_a_changed_field_asks_for_another_look_before_importing(maya):
    log, _ids = maya
    mail = widget(log)
    c = mail.controls
    find(mail, SENT_MBOX)
    assert mail.matches is not None and not c["import"].disabled
    c["window_days"].value = 3
    assert mail.matches is None and c["import"].disabled and c["matches"].value == ""
    assert c["message"].value == "A field was changed: press Find matches to see its matches."
    before = snapshot(log)
    c["import"].click()  # a program may press it anyway
    assert c["message"].value == ERROR + "Press Find matches first: nothing has been found to import.</span>"
    assert_same_log(before, snapshot(log))


def test_problems_are_said_in_the_widget_and_nothing_is_written(maya, tmp_path):
    log, _ids = maya
    mail = widget(log)
    c = mail.controls
    before = snapshot(log)
    c["find"].click()
    assert c["message"].value.startswith(ERROR + "Type where your sent mail is")
    missing = tmp_path / "no-such" / "Sent.mbox"
    assert find(mail, missing) is None
    assert c["message"].value == ERROR + f"Nothing was read: {missing}: does not exist</span>"
    assert c["import"].disabled and c["matches"].value == ""
    c["import"].click()
    assert "Press Find matches first" in c["message"].value
    assert_same_log(before, snapshot(log))

    unknown = widget(log, candidate="Nobody Known")
    assert "The log holds no candidate named Nobody Known" in unknown.controls["message"].value
    stopped = SentMailImport(log, now="tomorrow-ish", display=False)
    assert "The sent-mail import cannot start: the time now is unknown" in stopped.controls["message"].value
    assert stopped.controls["find"].disabled and stopped.controls["import"].disabled


def test_a_subject_holding_html_is_shown_as_text(maya, tmp_path):
    log, ids = maya
    hostile = "<script>window.__pwned=1</script> Thank you, Zoë"
    eml = tmp_path / "zoe.eml"
    eml.write_bytes(message(CANDIDATE_EMAIL, "zoe.mueller@harbourline.example", "2026-09-22T18:00:00Z", hostile))
    mail = widget(log)
    find(mail, eml)
    shown = mail.controls["matches"].value
    assert "<script>" not in shown and "&lt;script&gt;window.__pwned=1&lt;/script&gt; Thank you, Zoë" in shown
    mail.controls["import"].click()
    assert "<script>" not in mail.controls["matches"].value + mail.controls["message"].value
    assert log.notes().set_index("interviewer_id").loc[ids["zoe"], "subject"] == hostile  # kept as written


def every_text(widget) -> list[str]:
    """Every trait a widget shares with the browser (value, description, placeholder...), as
    text, of a widget and of all inside it."""
    texts = [str(value) for value in widget.get_state().values()]
    for child in getattr(widget, "children", ()):
        texts += every_text(child)
    return texts


@pytest.mark.imap
def test_the_password_box_is_for_imap_only_emptied_after_import_and_never_shown(maya, imap_server):
    log, ids = maya
    folder = "Sent by the widget"
    imap_server.delete_folder(folder)
    for raw in (message(CANDIDATE_EMAIL, "ana.lima@northwind.example", "2026-09-14T22:12:00Z", "Thank you, Ana"),
                message(CANDIDATE_EMAIL, "bo.chen@northwind.example", "2026-09-14T22:30:00Z", "Thank you, Bo"),
                message(CANDIDATE_EMAIL, "jose.ramirez@northwind.example", "2026-09-14T23:35:00Z", "Thank you")):
        imap_server.append(folder, raw)
    mail = widget(log)
    c = mail.controls
    box = c["password"]
    assert box.layout.display == "none"
    c["source"].value = imap_server.url(folder)
    assert box.layout.display is None  # shown
    c["find"].click()
    assert c["message"].value.startswith(ERROR + "Type the password of the mail account")

    box.value = "not-" + imap_server.password
    c["find"].click()
    assert c["message"].value.startswith(ERROR + "Nothing was read: ")
    assert "refused the login" in c["message"].value and imap_server.password not in c["message"].value

    box.value = imap_server.password
    c["find"].click()
    assert len(mail.matches) == 3 and not c["import"].disabled
    c["import"].click()
    assert c["message"].value == "Read 3 messages: 1 draft marked as sent, 1 note recorded, 1 already recorded."
    assert log.notes().set_index("interviewer_id").loc[ids["ana"], "sent_at"] == pd.Timestamp("2026-09-14T22:12Z")
    assert box.value == ""
    assert not any(imap_server.password in text for text in every_text(mail.widget) + [repr(mail)])

    # A path again: the box is hidden, and what was typed in it is gone.
    box.value = "typed by mistake"
    c["source"].value = "~/mail/Sent.mbox"
    assert (box.layout.display, box.value) == ("none", "")
