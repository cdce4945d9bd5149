"""Hypothesis-made mail: messages with any headers (garbage dates, unknown charsets, RFC 2047
words half written, addresses of the people met in every case and place), bodies with "From "
lines and binary bytes, cut off anywhere; mbox files of them, or bytes that only start like
one. Reading gives a table of matches or our error, never another exception; an import does
the same and never leaves the log half written.

Every Hypothesis test runs with ``derandomize=True``: the same examples on every run and on CI.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

import workbook
from workbook.errors import WorkbookError

from .mail_fixtures import CANDIDATE, CANDIDATE_EMAIL, EMAIL, NOW, OTHER_ADDRESS, build_search

ACTIONS = {"marked_sent", "added_note", "already_recorded", "reply"}
ADDRESSES = [CANDIDATE_EMAIL, OTHER_ADDRESS, "MAYA@EXAMPLE.COM", *[a for a in EMAIL.values() if a],
             "Bo.Chen@Northwind.example", "tobi@example.org", "", "not an address", "@", "<>", "a@b"]
NAMES = ["", "Maya Okafor", '"Okafor, Maya"', "=?utf-8?q?Jos=C3=A9_Ram=C3=ADrez?=", "=?utf-8?b?Wm/DqyBNw7xsbGVy?=",
         "=?x-unknown?q?Zo=EB?=", "=?utf-8?q?broken", "=?utf-8?b?!!!?=", "Ana (work) Lima", "\"unclosed"]
DATES = st.one_of(
    st.sampled_from([
        "Mon, 14 Sep 2026 18:12:00 -0400", "Tue, 15 Sep 2026 08:30:00 -0400", "Tue, 22 Sep 2026 20:15:00 +0200",
        "23 Sep 2026 09:10 +0200", "Wed, 23 Sep 2026 09:10:00 GMT", "Thu, 17 Sep 2026 11:20:00 -0000",
        "Thu, 01 Oct 2026 15:00:00 -0500", "Tue, 20 Oct 2026 09:00:00 -0500", "Sat, 21 Nov 2026 09:00:00 +0000",
        "", "Tuesday, the 22nd, around nine", "Mon, 14 Sep 2026 25:61:99 -0400", "Mon, 31 Feb 2026 10:00:00 +0000",
        "Fri, 01 Jan 9999 00:00:00 +0000", "Mon, 01 Jan 0001 00:00:00 +0000", "Mon, 14 Sep 2026 18:12:00 +9999",
        "Mon, 14 Sep 2026 18:12:00 -0400 (EDT)", "14 Sep 26 18:12 EDT", "=?utf-8?q?Mon=2C_14_Sep?=", "0", "\x00",
    ]),
    st.text(max_size=40),
)
#: Dates after an interview ended and within its window (or, for a reply, after a note).
WINDOW_DATES = ["Mon, 14 Sep 2026 18:12:00 -0400", "Tue, 15 Sep 2026 08:30:00 -0400", "Wed, 16 Sep 2026 10:00:00 -0400",
                "Tue, 22 Sep 2026 20:15:00 +0200", "Thu, 24 Sep 2026 10:00:00 +0200", "Thu, 01 Oct 2026 15:00:00 -0500",
                "Fri, 02 Oct 2026 09:00:00 -0500"]
PEOPLE_MET = [f"{name} <{address}>" for name, address in
              [("Ana Lima", EMAIL["ana"]), ("Bo Chen", EMAIL["bo"]), ("=?utf-8?q?Jos=C3=A9?=", EMAIL["jose"]),
               ("=?utf-8?q?Zo=C3=AB?=", EMAIL["zoe"]), ("Sam Ortiz", EMAIL["sam"]), ("Aisha", EMAIL["aisha"])]]
PLAUSIBLE = {"From": [CANDIDATE_EMAIL, f"Maya <{OTHER_ADDRESS}>", *PEOPLE_MET],
             "To": [*PEOPLE_MET, f"Maya Okafor <{CANDIDATE_EMAIL}>", OTHER_ADDRESS, ", ".join(PEOPLE_MET[:3])]}
CHARSETS = ["utf-8", "iso-8859-1", "x-mac-klingon", "", "utf-7", "us-ascii", "unknown-8bit", '"utf-8', "cp1252"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)


def header_line(name: str, value: str) -> bytes:
    return f"{name}: {value}\n".encode("utf-8", "surrogatepass")


@st.composite
def address_list(draw) -> str:
    people = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(ADDRESSES)), min_size=0, max_size=3))
    return ", ".join(f"{name} <{address}>" if name else address for name, address in people)


@st.composite
def messages(draw) -> bytes:
    """One message as some mail program (or none) might write it."""
    lines = []
    # Half of them between Maya and a person met, dated when a note or a reply could be: these
    # are the ones that reach the matching and the log.
    plausible = draw(st.booleans())
    for name in draw(st.permutations(["From", "To", "Cc", "Bcc", "Date", "Subject", "Message-ID", "Received"])):
        if not draw(st.integers(0, 4)) and not (plausible and name in ("From", "To", "Date")):
            continue
        if plausible and name in ("From", "To"):
            value = draw(st.sampled_from(PLAUSIBLE[name]))
        elif name in ("From", "To", "Cc", "Bcc"):
            value = draw(address_list())
        elif plausible and name == "Date":
            value = draw(st.sampled_from(WINDOW_DATES))
        elif name == "Date":
            value = draw(DATES)
        elif name == "Subject":
            value = draw(st.one_of(TEXT, st.sampled_from(NAMES), st.just("Thank you,\n  folded")))
        elif name == "Message-ID":
            value = draw(st.sampled_from(["<same@example.com>", "<other@example.com>", "", "no brackets", "<>"]))
        else:
            value = "from mail.example (mail.example [192.0.2.1])\n        by mx.example; Mon, 14 Sep 2026 18:12:01 -0400"
        lines.append(header_line(name, value))
    if draw(st.booleans()):
        lines.append(header_line("Content-Type", draw(st.sampled_from([
            f'text/plain; charset="{draw(st.sampled_from(CHARSETS))}"', "text/html", "multipart/alternative",
            'multipart/mixed; boundary="b"', 'multipart/alternative; boundary="b"', "application/pdf", "text/"]))))
        if draw(st.booleans()):
            lines.append(header_line("Content-Transfer-Encoding", draw(st.sampled_from(
                ["base64", "quoted-printable", "8bit", "x-uuencode", "7bit"]))))
    body_lines = draw(st.lists(st.one_of(
        TEXT, st.sampled_from(["From the start", ">From quoted", "From - Mon Sep 14 22:12:00 2026", "--b",
                               "--b--", "Content-Type: text/plain", "=C3=A9=", "SGVsbG8=", ""])), max_size=8))
    body = "\n".join(body_lines).encode("utf-8", "surrogatepass") + draw(st.binary(max_size=40))
    raw = b"".join(lines) + b"\n" + body
    if draw(st.integers(0, 5)) == 0:  # cut off anywhere: a truncated download
        raw = raw[:draw(st.integers(0, len(raw)))]
    if draw(st.booleans()):
        raw = raw.replace(b"\n", b"\r\n")
    return raw


@st.composite
def mboxes(draw) -> bytes:
    """An mbox file of generated messages, or bytes that only start like one."""
    if draw(st.integers(0, 5)) == 0:
        return b"From " + draw(st.binary(max_size=400))
    parts = []
    for raw in draw(st.lists(messages(), min_size=1, max_size=6)):
        separator = draw(st.sampled_from([b"From - Mon Sep 14 22:12:00 2026\n", b"From MAILER-DAEMON Tue Sep 15 2026\n",
                                          b"From \n", b"From maya@example.com  Sat Jan  3 01:05:34 1996\n"]))
        parts.append(separator + raw.replace(b"\nFrom ", b"\n>From ") + b"\n")
    return b"".join(parts)


@pytest.fixture(scope="module")
def fuzz_log(tmp_path_factory):
    """One log for every example: what imports well stays in, so that later examples meet
    notes already recorded by earlier ones."""
    with workbook.open_log(tmp_path_factory.mktemp("mail-fuzz") / "log.sqlite") as log:
        build_search(log)
        yield log


def check_table(table) -> None:
    assert isinstance(table, pd.DataFrame)
    assert set(table["action"]) <= ACTIONS
    assert table["sent_at"].notna().all() and str(table["sent_at"].dt.tz) == "UTC"
    assert table["interviewer"].notna().all() and table["message_id"].notna().all()
    assert isinstance(table.attrs["scanned"], int) and isinstance(table.attrs["skipped"], dict)
    assert isinstance(table.attrs["summary"], str) and table.attrs["summary"]


@pytest.mark.slow
# No shrinking: a failure shows the example as generated, in seconds instead of minutes.
@settings(max_examples=25, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.one_of(mboxes(), messages()), as_folder=st.booleans())
def test_any_mail_is_read_or_refused_with_our_error_and_the_log_is_never_half_written(fuzz_log, tmp_path_factory,
                                                                                    data, as_folder):
    folder = tmp_path_factory.mktemp("mail")
    path = folder / ("Sent.mbox" if data.startswith(b"From ") else "message.eml")
    path.write_bytes(data)
    source = folder if as_folder else path
    options = {"addresses": [OTHER_ADDRESS], "now": NOW}
    try:
        table = workbook.read_sent_mail(source, fuzz_log, CANDIDATE, **options)
    except WorkbookError as error:
        assert str(error)
        refused = True
        event("read: refused")
    else:
        check_table(table)
        refused = False
        event(f"read: {min(len(table), 2)}{'+' if len(table) >= 2 else ''} matches")
    # An import writes notes only, in one transaction that also raises the revision.
    before, revision = fuzz_log.notes(), fuzz_log.revision()
    try:
        done = fuzz_log.import_sent_mail(source, CANDIDATE, **options)
    except WorkbookError as error:
        assert fuzz_log.revision() == revision
        pd.testing.assert_frame_equal(before, fuzz_log.notes())
        # Bad mail is normal mail: only a source that is not mail at all is refused, never one
        # whose messages are odd (each of those is used or skipped).
        assert refused, f"read_sent_mail took mail that import_sent_mail refused: {error}"
        event("import: refused")
    else:
        assert not refused, "read_sent_mail refused mail that import_sent_mail took"
        check_table(done)
        assert done["note_id"].notna().all()
        event("import: done")
