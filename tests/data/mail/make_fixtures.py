"""Write the mail fixtures of Maya Okafor's job search (``tests/mail_fixtures.py``): the SAME
messages as an mbox, a Maildir, a folder of message files and a single ``.eml``.

Run from the repository's root: ``.venv/bin/python tests/data/mail/make_fixtures.py``. The
output is byte for byte the same on every run; the tests read the files it wrote (kept in
git), not this script. ``README.md`` beside it says what each message is.

The messages are written as mail programs write them, raw: the standard library's ``mailbox``
stores them (``mbox`` quotes a body line starting with "From " as ">From "), ``email`` checks
that each one parses, and ``base64`` encodes the attachment.
"""

from __future__ import annotations

import base64
import email
import email.policy
import mailbox
import shutil
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent.parent))

from tests.mail_fixtures import EMAIL  # noqa: E402

MAYA = "Maya Okafor <maya@example.com>"
MAYA_OTHER = '"Okafor, Maya" <maya.okafor@mail.example>'
JOSE_ENCODED = "=?utf-8?q?Jos=C3=A9_Ram=C3=ADrez?="

#: Received headers a message picks up on its way in (three hops, newest first).
RECEIVED = [
    "Received: by 2002:a05:6a10:e4c1:b0:5f1:2a3b:4c5d with SMTP id r1csp2210345pxb;\n"
    "        {date}",
    "Received: from mail-out.{domain} (mail-out.{domain}. [192.0.2.45])\n"
    "        by mx.mail.example with ESMTPS id k9si1234567qkb.101.2026.09.15.06.03.12\n"
    "        for <{to}>\n"
    "        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\n"
    "        {date}",
    "Received: from localhost (localhost [127.0.0.1])\n"
    "        by mail-out.{domain} (Postfix) with ESMTP id 4Bx7Yt0kQzz9sSt\n"
    "        for <{to}>; {date}",
]


def received(domain: str, to: str, date: str) -> list[str]:
    return [line.format(domain=domain, to=to, date=date) for line in RECEIVED]


def text_message(headers: list[str], body: str, charset: str = "utf-8", encoding: str = "8bit") -> bytes:
    headers = headers + ["MIME-Version: 1.0", f'Content-Type: text/plain; charset="{charset}"; format=flowed',
                         f"Content-Transfer-Encoding: {encoding}"]
    return ("\n".join(headers) + "\n\n" + body).encode("utf-8")


PDF = (b"%PDF-1.4\n% portfolio of Maya Okafor (fixture)\n" + b"0123456789abcdef" * 256 + b"\n%%EOF\n")

BO_PLAIN = ("Dear Bo,\n\nThank you for the conversation about the Northwind Analytics data platform. "
            "I enjoyed hearing how you test every dbt model before it ships, and I would be glad to "
            "help extend those tests to the churn pipeline.\n\nBest,\nMaya Okafor\n+1 555 0100")
BO_HTML = ("<html><body><p>Dear Bo,</p><p>Thank you for the conversation about the <b>Northwind Analytics</b> "
           "data platform. I enjoyed hearing how you test every dbt model before it ships, and I would be "
           "glad to help extend those tests to the churn pipeline.</p><p>Best,<br>Maya Okafor<br>+1 555 0100"
           "</p></body></html>")
ZOE_PLAIN = ("Liebe Zoë,\n\nvielen Dank für das Gespräch heute und für den Einblick in die Frachtdaten. "
             "Anbei mein Portfolio mit den zwei Dashboards, über die wir gesprochen haben.\n\nViele Grüße\nMaya")
SAM_BODY = (b"Dear Sam,\n\nThank you for the panel today, and for explaining how Harbourline plans its routes. "
            b"I would be glad to help with the forecasting work.\n\nMaya Okafor \xa7 +1 555 0100\n")


def messages() -> list[dict]:
    """Every message: ``key``, its raw bytes (LF line ends), ``sent`` (in the Sent folder, else
    received), the mbox ``From_`` line's time, and where it goes in the ``eml`` folder."""
    out = []

    def add(key, raw, sent, from_time, eml, crlf=False):
        out.append({"key": key, "raw": raw, "sent": sent, "from_time": from_time, "eml": eml, "crlf": crlf})

    add("ana-note", text_message([
        "Return-Path: <maya@example.com>",
        f"From: {MAYA}",
        f"To: Ana Lima <{EMAIL['ana']}>",
        "Subject: Thank you, Ana",
        "Date: Mon, 14 Sep 2026 18:12:00 -0400",
        "Message-ID: <CAM4ana.note.0914@mail.example.com>",
        "X-Mailer: Apple Mail (2.3774.500.171.1.1)",
    ], "Dear Ana,\n\nThank you for meeting me today. Rebuilding the churn dashboard is the project I "
       "would most like to start with.\nFrom what you said about the quarterly reviews, a weekly refresh "
       "would already help.\n\nBest regards,\nMaya\n--\nMaya Okafor | +1 555 0100\n"),
        True, "Mon Sep 14 22:12:00 2026", "sent/ana-note.eml", crlf=True)

    add("bo-note", (
        f"From: {MAYA_OTHER}\n"
        f"To: \"Bo Chen\" <{EMAIL['bo']}>\n"
        "Subject: Thank you for the conversation about the Northwind Analytics data platform and the dbt\n"
        " tests\n"
        "Date: Tue, 15 Sep 2026 08:30:00 -0400\n"
        "Message-ID: <20260915123000.bo.7731@mail.example>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="=_alt_bo_0915"\n'
        "\n"
        "--=_alt_bo_0915\n"
        'Content-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: 7bit\n"
        "\n"
        f"{BO_PLAIN}\n"
        "--=_alt_bo_0915\n"
        'Content-Type: text/html; charset="utf-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n"
        "\n"
        f"{BO_HTML}\n"
        "--=_alt_bo_0915--\n").encode(), True, "Tue Sep 15 12:30:00 2026", "sent/2026/Thank you Bo.eml")

    add("jose-note", text_message([
        f"From: {MAYA}",
        f"To: {JOSE_ENCODED} <{EMAIL['jose']}>",
        "Subject: Thank you, =?utf-8?q?Jos=C3=A9?=",
        "Date: Mon, 14 Sep 2026 19:35:00 -0400",
        "Message-ID: <CAM4jose.note.0914@mail.example.com>",
    ], "Dear José,\n\nThank you for the walk through the data platform today.\n\nMaya\n"),
        True, "Mon Sep 14 23:35:00 2026", "sent/message-0003")

    add("ana-reply-1", text_message(received("northwind.example", "maya@example.com",
                                             "Tue, 15 Sep 2026 06:03:12 -0700 (PDT)") + [
        f"From: Ana Lima <{EMAIL['ana']}>",
        "To: Maya Okafor <maya@example.com>",
        "Subject: Re: Thank you, Ana",
        "Date: Tue, 15 Sep 2026 09:03:00 -0400",
        "Message-ID: <NW1.reply.ana.0915@northwind.example>",
        "In-Reply-To: <CAM4ana.note.0914@mail.example.com>",
        "References: <CAM4ana.note.0914@mail.example.com>",
    ], "Hi Maya,\n\nThank you, it was a pleasure. We will be in touch next week.\n\nAna\n"),
        False, "Tue Sep 15 13:03:00 2026", "inbox/2026/09/Re_ Thank you, Ana.eml")

    add("ana-reply-2", text_message(received("northwind.example", "maya@example.com",
                                             "Wed, 16 Sep 2026 07:00:09 -0700 (PDT)") + [
        f"From: \"Lima, Ana\" <{EMAIL['ana']}>",
        "To: maya@example.com",
        "Subject: Re: Thank you, Ana",
        "Date: Wed, 16 Sep 2026 10:00:00 -0400",
        "Message-ID: <NW1.reply.ana.0916@northwind.example>",
        "In-Reply-To: <CAM4ana.note.0914@mail.example.com>",
    ], "Maya, one more thing: could you send the work sample you mentioned?\n\nAna\n"),
        False, "Wed Sep 16 14:00:00 2026", "inbox/2026/09/1789567200.eml")

    add("ana-sample", text_message([
        f"From: {MAYA}",
        f"To: Ana Lima <{EMAIL['ana']}>",
        "Subject: The work sample",
        "Date: Wed, 16 Sep 2026 16:00:00 -0400",
        "Message-ID: <CAM4ana.sample.0916@mail.example.com>",
    ], "Dear Ana,\n\nHere is the work sample I mentioned.\n\nMaya\n"),
        True, "Wed Sep 16 20:00:00 2026", "sent/The work sample.eml")

    add("jose-reply", text_message(received("northwind.example", "maya.okafor@mail.example",
                                            "Thu, 17 Sep 2026 08:20:31 -0700 (PDT)") + [
        f"From: {JOSE_ENCODED} <Jose.Ramirez@Northwind.example>",
        "To: Maya Okafor <maya.okafor@mail.example>",
        "Subject: Re: Thank you, =?utf-8?q?Jos=C3=A9?=",
        "Date: Thu, 17 Sep 2026 11:20:00 -0400",
        "Message-ID: <NW1.reply.jose.0917@northwind.example>",
    ], "Thanks Maya, likewise!\n\nJosé\n"),
        False, "Thu Sep 17 15:20:00 2026", "inbox/jose-reply.txt")

    add("bo-before", text_message(received("northwind.example", "maya@example.com",
                                           "Fri, 11 Sep 2026 10:15:00 -0700 (PDT)") + [
        f"From: Bo Chen <{EMAIL['bo']}>",
        "To: maya@example.com",
        "Subject: Directions to our office",
        "Date: Fri, 11 Sep 2026 13:15:00 -0400",
        "Message-ID: <NW1.directions.0911@northwind.example>",
    ], "Hi Maya,\n\nWe are on the 4th floor; ask for me at the desk.\n\nBo\n"),
        False, "Fri Sep 11 17:15:00 2026", "inbox/directions.eml")

    add("zoe-during", text_message([
        f"From: {MAYA}",
        f"To: =?utf-8?q?Zo=C3=AB_M=C3=BCller?= <{EMAIL['zoe']}>",
        "Subject: The video link",
        "Date: Tue, 22 Sep 2026 14:10:00 +0200",
        "Message-ID: <CAM4zoe.link.0922@mail.example.com>",
    ], "Hi Zoë, the link asks me for a password, could you send it?\n\nMaya\n"),
        True, "Tue Sep 22 12:10:00 2026", "sent/zoe-link.eml")

    add("zoe-note", (
        f"From: {MAYA}\n"
        f"To: =?utf-8?q?Zo=C3=AB_M=C3=BCller?= <{EMAIL['zoe']}>\n"
        "Subject: =?utf-8?q?Danke_f=C3=BCr_heute?=\n"
        "Date: Tue, 22 Sep 2026 20:15:00 +0200\n"
        "Message-ID: <CAM4zoe.note.0922@mail.example.com>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="----=_Part_4471_zoe"\n'
        "\n"
        "This is a multi-part message in MIME format.\n"
        "------=_Part_4471_zoe\n"
        'Content-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        f"{ZOE_PLAIN}\n"
        "------=_Part_4471_zoe\n"
        'Content-Type: application/pdf; name="portfolio.pdf"\n'
        'Content-Disposition: attachment; filename="portfolio.pdf"\n'
        "Content-Transfer-Encoding: base64\n"
        "\n"
        + base64.encodebytes(PDF).decode("ascii") +
        "------=_Part_4471_zoe--\n").encode("utf-8"), True, "Tue Sep 22 18:15:00 2026", "zoe-note.eml")

    add("zoe-reply", text_message(received("harbourline.example", "maya@example.com",
                                           "Thu, 24 Sep 2026 08:00:05 +0000") + [
        f"From: =?utf-8?q?Zo=C3=AB_M=C3=BCller?= <{EMAIL['zoe']}>",
        "To: Maya Okafor <maya@example.com>",
        "Subject: AW: =?utf-8?q?Danke_f=C3=BCr_heute?=",
        "Date: Thu, 24 Sep 2026 10:00:00 +0200",
        "Message-ID: <HF.reply.zoe.0924@harbourline.example>",
        "In-Reply-To: <CAM4zoe.note.0922@mail.example.com>",
    ], "Liebe Maya,\n\ndanke, das Portfolio leite ich weiter.\n\nZoë\n"),
        False, "Thu Sep 24 08:00:00 2026", "inbox/AW Danke.eml")

    add("sam-no-date", text_message([
        f"From: {MAYA}",
        f"To: Sam Ortiz <{EMAIL['sam']}>",
        "Subject: Draft: thank you",
        "Message-ID: <CAM4sam.nodate@mail.example.com>",
    ], "Dear Sam,\n\nThank you for\n"), True, "Tue Sep 22 19:00:00 2026", "sent/sam-1")

    add("sam-broken-date", text_message([
        f"From: {MAYA}",
        f"To: Sam Ortiz <{EMAIL['sam']}>",
        "Subject: Thank you, Sam",
        "Date: Tuesday, the 22nd, around nine",
        "Message-ID: <CAM4sam.baddate@mail.example.com>",
    ], "Dear Sam,\n\nThank you for the panel today.\n"), True, "Tue Sep 22 19:05:00 2026", "sent/sam-2")

    # Saved by a client that lets the server give the Message-ID: the copy in Sent has none.
    add("sam-note", text_message([
        f"From: {MAYA}",
        "To: Harbourline careers <careers@harbourline.example>",
        f"Bcc: Sam Ortiz <{EMAIL['sam']}>",
        "Subject: Thank you for the panel",
        "Date: Wed, 23 Sep 2026 09:10:00 +0200",
    ], "", charset="x-mac-klingon") + SAM_BODY, True, "Wed Sep 23 07:10:00 2026", "Sam Ortiz.mail")

    add("aisha-before", text_message([
        f"From: {MAYA}",
        f"To: Aisha O'Connell <{EMAIL['aisha']}>",
        "Subject: Looking forward to tomorrow",
        "Date: Wed, 30 Sep 2026 17:00:00 -0500",
        "Message-ID: <CAM4aisha.before.0930@mail.example.com>",
    ], "Dear Aisha,\n\nLooking forward to our call tomorrow at 9.\n\nMaya\n"),
        True, "Wed Sep 30 22:00:00 2026", "sent/kestrel/before.eml")

    add("aisha-late", text_message([
        f"From: {MAYA}",
        f"To: Aisha O'Connell <{EMAIL['aisha']}>",
        "Subject: Checking in",
        "Date: Tue, 20 Oct 2026 09:00:00 -0500",
        "Message-ID: <CAM4aisha.late.1020@mail.example.com>",
    ], "Dear Aisha,\n\nI wanted to check in on the Risk Analyst role.\n\nMaya\n"),
        True, "Tue Oct 20 14:00:00 2026", "sent/kestrel/checking in.eml")

    add("friend", text_message([
        f"From: {MAYA}",
        "To: Tobi Adeyemi <tobi@example.org>",
        "Subject: How it went",
        "Date: Mon, 14 Sep 2026 20:00:00 -0400",
        "Message-ID: <CAM4friend.0914@mail.example.com>",
    ], f"Hi Tobi,\n\nIt went well! I already wrote to Ana ({EMAIL['ana']}).\n"
       "From now on I write the same evening.\n\nFrom Maya, with love\n"),
        True, "Tue Sep 15 00:00:00 2026", "sent/2026/to tobi")

    add("newsletter", text_message(received("boards.example", "maya@example.com",
                                            "Mon, 21 Sep 2026 06:00:00 +0000") + [
        "From: Job Boards <jobs@boards.example>",
        "To: maya@example.com",
        "Subject: 12 new analyst roles",
        "Date: Mon, 21 Sep 2026 06:00:00 +0000",
        "Message-ID: <weekly.0921@boards.example>",
        "List-Unsubscribe: <mailto:unsubscribe@boards.example>",
    ], "Twelve new roles this week.\n"), False, "Mon Sep 21 06:00:00 2026", "newsletter.eml")
    return out


def write(target: Path = HERE) -> list[dict]:
    every = messages()
    for message in every:  # each parses, and has the headers it was written with
        parsed = email.message_from_bytes(message["raw"], policy=email.policy.default)
        assert parsed["From"], message["key"]
        if parsed["Date"] and "around" not in str(parsed["Date"]):
            parsedate_to_datetime(str(parsed["Date"]))

    # mbox: as Thunderbird keeps a folder, "From - <date>" lines, in the order received.
    mbox_path = target / "sent.mbox"
    mbox_path.unlink(missing_ok=True)
    box = mailbox.mbox(mbox_path, create=True)
    box.lock()
    for message in every:
        box.add(f"From - {message['from_time']}\n".encode() + message["raw"])
    box.flush()
    box.unlock()
    box.close()

    # Maildir: what was sent in cur/ (seen), what arrived in new/ (unread); tmp/ empty but for
    # a .gitkeep, since git keeps no empty folders.
    maildir_path = target / "Maildir"
    shutil.rmtree(maildir_path, ignore_errors=True)
    mailbox.Maildir(maildir_path, create=True).close()
    for n, message in enumerate(every, start=1):
        name = f"{1789000000 + 3600 * n}.M{100 + n}P4242Q{n}.fixtures"
        where = maildir_path / ("cur" if message["sent"] else "new")
        (where / (name + (":2,S" if message["sent"] else ""))).write_bytes(message["raw"])
    (maildir_path / "tmp" / ".gitkeep").write_bytes(b"")

    # A folder of message files: nested folders, names with and without .eml, some saved by a
    # Windows program (CRLF line ends).
    eml_path = target / "eml"
    shutil.rmtree(eml_path, ignore_errors=True)
    for message in every:
        path = eml_path / message["eml"]
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = message["raw"].replace(b"\n", b"\r\n") if message["crlf"] else message["raw"]
        path.write_bytes(raw)

    # One message alone: Ana's note, as Outlook saves it (CRLF).
    ana = next(m for m in every if m["key"] == "ana-note")
    (target / "one-note.eml").write_bytes(ana["raw"].replace(b"\n", b"\r\n"))

    # What the standard library reads back: every message, in each format.
    for box in (mailbox.mbox(mbox_path, create=False), mailbox.Maildir(maildir_path, create=False)):
        assert len(box) == len(every), box
        box.close()
    assert sum(1 for p in eml_path.rglob("*") if p.is_file()) == len(every)
    return every


if __name__ == "__main__":
    written = write()
    print(f"wrote {len(written)} messages to {HERE}: sent.mbox, Maildir/, eml/, one-note.eml")
