""""From your sent mail" in a real browser, as a person uses it: the password box is there only
for an IMAP address; type the path of the mbox a mail program exported, press Find matches,
read the table (the person met, the message's date on the interview's clock, what it will do),
press Import; the widget says what it did and the log on disk holds the draft marked sent at
the message's time, and its reply.

The widget runs in notebook 03's section "From your sent mail", as shipped. The server
(conftest.py) runs on the same machine, so a mailbox written here is one the kernel can read.
Names are this test's own (the server's log is shared by the browser tests).
"""

from __future__ import annotations

import mailbox
from email.message import EmailMessage

import pandas as pd
import pytest

import workbook

from .test_notebooks_in_browser import Notebook, expect, html_table

pytestmark = pytest.mark.browser

NOTEBOOK = "03-sent-notes-and-outcomes"
CANDIDATE, EMAIL = "Odile Marchetti", "odile.marchetti@example.org"
COMPANY, PERSON, PERSON_EMAIL = "Saltmarsh Cartography", "Kenji Aldana", "kenji.aldana@saltmarsh.example"
#: The interview ended at 15:00 in Paris (14:00 UTC); the note went out at 18:25 there, the
#: reply came the next morning. All before the server's now (the sample's, 20 Nov 17:00 UTC).
SENT_AT, REPLIED_AT = "2026-11-18T17:25:00+00:00", "2026-11-19T08:40:00+00:00"

def message(sender: str, to: str, date: str | None, subject: str, body: str, message_id: str) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"], mail["Message-ID"] = sender, to, subject, message_id
    if date is not None:
        mail["Date"] = pd.Timestamp(date).strftime("%a, %d %b %Y %H:%M:%S +0000")
    mail.set_content(body)
    return mail


@pytest.fixture
def sent_mbox(tmp_path) -> str:
    path = tmp_path / "Sent.mbox"
    box = mailbox.mbox(str(path))
    for mail in (
        message(f"{CANDIDATE} <{EMAIL}>", f"{PERSON} <{PERSON_EMAIL}>", SENT_AT, "Thank you, Kenji",
                "Dear Kenji,\n\nThank you for showing me the tide charts.\n\nOdile", "<saltmarsh-1@example.org>"),
        message(f"{PERSON} <{PERSON_EMAIL}>", EMAIL, REPLIED_AT, "Re: Thank you, Kenji", "Thank you, Odile!",
                "<saltmarsh-2@saltmarsh.example>"),
        message(EMAIL, PERSON_EMAIL, None, "Thank you again", "No date on this one.", "<saltmarsh-3@example.org>"),
    ):
        box.add(mail)
    box.close()
    return str(path)


@pytest.fixture
def draft(lab_server) -> int:
    """Odile's interview, and her draft to Kenji waiting to be sent; the draft's id."""
    with workbook.open_log(lab_server.log_path) as log:
        log.add_candidate(CANDIDATE, email=EMAIL)
        interview = log.add_interview(CANDIDATE, COMPANY, "Survey analyst", "2026-11-18T14:00", "2026-11-18T15:00",
                                      "Europe/Paris", stage="panel", people=[{"name": PERSON, "email": PERSON_EMAIL}])
        people = log.interviewers()
        [person] = people.loc[people["interview_id"] == interview, "interviewer_id"]
        return log.add_note(int(person), "Dear Kenji,\n\nThank you for the tide charts.\n\nOdile",
                            subject="Thank you, Kenji")


@pytest.fixture
def notebook(page, lab_server, screenshots):
    """Notebook 03, as shipped: its section "From your sent mail"."""
    return Notebook(page, lab_server, screenshots, NOTEBOOK).open()


def test_sent_mail_is_found_and_imported_through_the_widget(notebook, lab_server, draft, sent_mbox):
    nb = notebook.run_all()
    mail = nb.widget_labelled("Where your sent mail is")
    source = mail.get_by_label("Where your sent mail is", exact=True)
    password = mail.get_by_label("IMAP password", exact=True)
    importing = mail.get_by_role("button", name="Import")
    expect(password).to_be_hidden()
    source.fill("imaps://odile@imap.example.org/Sent")
    expect(password).to_be_visible()
    expect(importing).to_be_disabled()

    mail.get_by_label("Candidate", exact=True).select_option(label=CANDIDATE)
    source.fill(sent_mbox)
    expect(password).to_be_hidden()
    expect(mail.get_by_label("Days to look after each interview", exact=True)).to_have_value("14")
    mail.get_by_role("button", name="Find matches").click()
    expect(mail.get_by_text("Read 3 messages: 1 draft to mark as sent, 1 reply to record. Skipped 1 that could not "
                            "be used (1 with no date). Press Import to record them.", exact=True)).to_be_visible()
    table = mail.locator("table.workbook-table")
    # On the interview's clock: 17:25 UTC is 18:25 in Paris.
    assert html_table(table) == [
        {"person met": PERSON, "company": COMPANY, "message sent (local)": "Wed 18 Nov 2026 18:25 Europe/Paris",
         "subject": "Thank you, Kenji", "what the import will do": "mark the draft as sent"},
        {"person met": PERSON, "company": COMPANY, "message sent (local)": "Thu 19 Nov 2026 09:40 Europe/Paris",
         "subject": "Re: Thank you, Kenji", "what the import will do": "record the reply"}]
    with workbook.open_log(lab_server.log_path) as log:
        assert pd.isna(log.notes().set_index("note_id").loc[draft, "sent_at"])  # finding writes nothing

    expect(importing).to_be_enabled()
    importing.click()
    expect(mail.get_by_text("Read 3 messages: 1 draft marked as sent, 1 reply recorded. Skipped 1 that could not "
                            "be used (1 with no date).", exact=True)).to_be_visible()
    expect(mail.get_by_text("marked the draft as sent", exact=True)).to_be_visible()
    expect(importing).to_be_disabled()
    with workbook.open_log(lab_server.log_path) as log:
        note = log.notes().set_index("note_id").loc[draft]
    assert (note["sent_at"], note["replied_at"]) == (pd.Timestamp(SENT_AT), pd.Timestamp(REPLIED_AT))
    assert note["body"] == "Dear Kenji,\n\nThank you for the tide charts.\n\nOdile"  # the draft's text kept
    nb.snap("sent-mail-imported")
    nb.assert_no_page_errors()
