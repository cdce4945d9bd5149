"""Write ``data/sample/mail/Sent.mbox``: a small Gmail Takeout of Marcus Okafor's mail that
matches the sample cohort (``data/sample/*.csv``), for the "From your sent mail" section of
notebook 03.

Marcus is the sample candidate whose mail shows every kind of match at the sample's instant
(``workbook.sample.SAMPLE_NOW``, Friday 20 November 2026, 17:00 UTC): notes he marked sent with
clicks a few minutes (or, twice, hours) after the message went out ("already_recorded", with
the difference); replies, one already recorded; three drafts the log still shows waiting that
his mail says went out ("marked_sent": Mei Alvarez's and Ryan Brennan's the morning after his
Tessellate Cloudworks final, Amelia Lockhart's in September); and a note to Tomas Sandoval
written in his mail program only ("added_note"). Mail to people not met, and a newsletter,
match nothing. Every message is dated before the sample's instant.

The subjects and bodies of notes in the log are the log's (``notes.csv``). Run from the
repository's root: ``.venv/bin/python scripts/make_sample_mail.py`` (byte for byte the same
each time).
"""

from __future__ import annotations

import email.policy
import mailbox
import sys
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workbook.config import SAMPLE_DIR  # noqa: E402

CANDIDATE = "Marcus Okafor"
TARGET = SAMPLE_DIR / "mail" / "Sent.mbox"
POLICY = email.policy.default.clone(linesep="\n", max_line_length=78)

#: (interviewer_id, what it is, the message's time in UTC). Notes already recorded keep the
#: log's subject and body; drafts are sent with their text; Tomas's note is written here.
SENT = [
    (3, "recorded", "2026-08-06T16:58"),     # clicked 17:04: 6 min later
    (9, "recorded", "2026-08-14T01:31"),     # clicked 01:37
    (10, "recorded", "2026-08-15T23:10"),    # clicked 2 h 20 min later
    (23, "recorded", "2026-08-23T23:09"),
    (25, "recorded", "2026-08-26T12:32"),    # clicked the same minute
    (44, "recorded", "2026-09-09T19:51"),
    (53, "draft", "2026-09-16T19:20"),       # Amelia Lockhart: went out, never marked
    (90, "recorded", "2026-10-24T21:15"),    # Lukas Hoffmann: clicked the next morning, 12 h 26 min later
    (91, "recorded", "2026-10-24T16:18"),
    (97, "recorded", "2026-11-04T02:47"),
    (99, "recorded", "2026-11-06T20:12"),
    (116, "draft", "2026-11-20T13:40"),      # Mei Alvarez
    (117, "draft", "2026-11-20T14:05"),      # Ryan Brennan (met twice: this is his note of 19 November)
    (115, "new", "2026-11-20T14:10"),        # Tomas Sandoval: no note in the log
]
#: (interviewer_id, the reply's time in UTC, its text).
REPLIES = [
    (23, "2026-08-24T01:29", "Thanks Marcus, good to meet you too. We will be in touch."),  # recorded already
    (90, "2026-10-26T08:05", "Hallo Marcus, thank you for the note. Our decision comes next week."),
    (97, "2026-11-05T14:00", "Thanks Marcus! The team enjoyed the conversation."),
    (116, "2026-11-20T15:30", "Thanks Marcus, it was a pleasure. Talk soon."),
]
TOMAS_BODY = ("Dear Tomas,\n\nThank you for walking me through how Tessellate Cloudworks rolls out its "
              "control plane, region by region. The canary checks you described are the part I would most like "
              "to help build.\n\nBest regards,\nMarcus Okafor\n212-555-0178")


def _local(at: str, zone: str) -> str:
    """The Date header a mail program in ``zone`` writes for the UTC time ``at``."""
    return format_datetime(pd.Timestamp(at, tz="UTC").to_pydatetime().astimezone(ZoneInfo(zone)))


def _message(n: int, sender: str, to: str, subject: str, body: str, date: str, labels: str,
             in_reply_to: str | None = None) -> tuple[str, bytes]:
    message = EmailMessage(policy=POLICY)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date
    message_id = f"<CAO{n * 7919 % 100000:05d}.sample-{n:03d}@mail.example.org>"
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message["X-Gmail-Labels"] = labels
    message.set_content(body)
    return message_id, message.as_bytes(policy=POLICY)


def messages() -> list[tuple[datetime, bytes]]:
    interviewers = pd.read_csv(SAMPLE_DIR / "interviewers.csv").set_index("interviewer_id")
    interviews = pd.read_csv(SAMPLE_DIR / "interviews.csv").set_index("interview_id")
    notes = pd.read_csv(SAMPLE_DIR / "notes.csv", keep_default_na=False)
    candidates = pd.read_csv(SAMPLE_DIR / "candidates.csv").set_index("candidate")
    me = f"{CANDIDATE} <{candidates.at[CANDIDATE, 'email']}>"
    out: list[tuple[pd.Timestamp, bytes]] = []
    sent_ids: dict[int, tuple[str, str]] = {}
    for n, (person, kind, at) in enumerate(SENT, start=1):
        row = interviewers.loc[person]
        interview = interviews.loc[row["interview_id"]]
        assert interview["candidate"] == CANDIDATE, person
        note = notes[(notes["interviewer_id"] == person) & (notes["channel"] == "email")]
        if kind == "new":
            assert not len(note), person
            subject, body = "Thank you for today", TOMAS_BODY
        else:
            assert len(note) == 1 and (note["sent_at"].iloc[0] == "") == (kind == "draft"), person
            subject, body = note["subject"].iloc[0], note["body"].iloc[0]
        message_id, raw = _message(n, me, f"{row['name']} <{row['email']}>", subject, body,
                                   _local(at, interview["timezone"]), "Sent")
        sent_ids[person] = (message_id, subject)
        out.append((pd.Timestamp(at, tz="UTC"), raw))
    for n, (person, at, text) in enumerate(REPLIES, start=100):
        row = interviewers.loc[person]
        interview = interviews.loc[row["interview_id"]]
        message_id, subject = sent_ids[person]
        _, raw = _message(n, f"{row['name']} <{row['email']}>", me, f"Re: {subject}",
                          f"{text}\n\n{row['name'].split()[0]}", _local(at, interview["timezone"]), "Inbox,Opened",
                          in_reply_to=message_id)
        out.append((pd.Timestamp(at, tz="UTC"), raw))
    # Mail that matches nothing: a recruiter not met, a friend, a newsletter.
    _, raw = _message(200, me, "Jobs at Tessellate <jobs@tessellate.example.com>", "Application: Staff Engineer",
                      "Hello,\n\nplease find my application attached.\n\nMarcus", _local("2026-10-20T15:00", "UTC"), "Sent")
    out.append((pd.Timestamp("2026-10-20T15:00", tz="UTC"), raw))
    _, raw = _message(201, me, "Dee Okafor <dee@example.net>", "Friday",
                      "From what I hear the final went well. Dinner on Friday?\n\nM", _local("2026-11-20T09:00", "UTC"),
                      "Sent")
    out.append((pd.Timestamp("2026-11-20T09:00", tz="UTC"), raw))
    _, raw = _message(202, "Careers Weekly <news@careers.example.com>", me, "Ten backend roles this week",
                      "Ten roles.\n", _local("2026-11-16T06:00", "UTC"), "Inbox")
    out.append((pd.Timestamp("2026-11-16T06:00", tz="UTC"), raw))
    return sorted(out, key=lambda item: item[0])


def write(target: Path = TARGET) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    box = mailbox.mbox(target, create=True)
    for n, (at, raw) in enumerate(messages()):
        # Gmail Takeout's separator: the thread id, then the time.
        box.add(f"From {1780000000000000000 + n:d}@xxx {at:%a %b %d %H:%M:%S +0000 %Y}\n".encode() + raw)
    box.flush()
    box.close()
    return target


if __name__ == "__main__":
    path = write()
    box = mailbox.mbox(path, create=False)
    print(f"wrote {len(box)} messages to {path.relative_to(ROOT)}")
    box.close()
