"""Sent mail as mail programs keep it, read as a careful person would: the same matches from an
mbox, a Maildir, a folder of message files and a single .eml; what an import does to each
person's note; and the sources that are not mail at all.

The fixtures are in ``tests/data/mail/`` (its README says what each message is and what an
import makes of it; ``make_fixtures.py`` remakes them); the job search they belong to is
``tests/mail_fixtures.py``. The expected matches below were decided from the messages before
the reader was run.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import workbook
from workbook.errors import MailImportError, WorkbookError

from .conftest import assert_same_log, snapshot
from .mail_fixtures import (ANA_DRAFT_BODY, ANA_DRAFT_SUBJECT, CANDIDATE, JOSE_CLICKED_AT, JOSE_NOTE_BODY,
                            OTHER_ADDRESS, build_search)

MAIL = Path(__file__).resolve().parent / "data" / "mail"
NOW = "2026-11-20T17:00:00+00:00"
MESSAGES = 18  # in each format
SAM_NOTE = "sam-note (no Message-ID)"

#: (person, Message-ID, Date in UTC, action), in the order of the messages' dates.
EXPECTED = [
    ("ana", "<CAM4ana.note.0914@mail.example.com>", "2026-09-14T22:12Z", "marked_sent"),
    ("jose", "<CAM4jose.note.0914@mail.example.com>", "2026-09-14T23:35Z", "already_recorded"),
    ("bo", "<20260915123000.bo.7731@mail.example>", "2026-09-15T12:30Z", "added_note"),
    ("ana", "<NW1.reply.ana.0915@northwind.example>", "2026-09-15T13:03Z", "reply"),
    ("jose", "<NW1.reply.jose.0917@northwind.example>", "2026-09-17T15:20Z", "reply"),
    ("zoe", "<CAM4zoe.note.0922@mail.example.com>", "2026-09-22T18:15Z", "added_note"),
    ("sam", SAM_NOTE, "2026-09-23T07:10Z", "added_note"),
    ("zoe", "<HF.reply.zoe.0924@harbourline.example>", "2026-09-24T08:00Z", "reply"),
]
NAMES = {"ana": "Ana Lima", "bo": "Bo Chen", "jose": "José Ramírez", "zoe": "Zoë Müller", "sam": "Sam Ortiz",
         "aisha": "Aisha O'Connell"}

BO_BODY = ("Dear Bo,\n\nThank you for the conversation about the Northwind Analytics data platform. I enjoyed "
           "hearing how you test every dbt model before it ships, and I would be glad to help extend those tests "
           "to the churn pipeline.\n\nBest,\nMaya Okafor\n+1 555 0100")
ZOE_BODY = ("Liebe Zoë,\n\nvielen Dank für das Gespräch heute und für den Einblick in die Frachtdaten. Anbei mein "
            "Portfolio mit den zwei Dashboards, über die wir gesprochen haben.\n\nViele Grüße\nMaya")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Maya's job search (``tests/mail_fixtures.py``) in a SQLite log made once per module, and
    its ids; tests that read only share it, tests that write copy it."""
    path = tmp_path_factory.mktemp("mail") / "search.sqlite"
    with workbook.open_log(path) as log:
        ids = build_search(log)
    return path, ids


@pytest.fixture(scope="module")
def shared(template):
    """The job search, for tests that only read (each checks that nothing was written)."""
    with workbook.open_log(template[0]) as log:
        yield log, template[1]


@pytest.fixture
def search(log_target, template):
    """A log of its own holding the job search (on the backend of ``log_target``), and its ids."""
    path, ids = template
    if isinstance(log_target, Path):
        shutil.copy(path, log_target)
        with workbook.open_log(log_target) as log:
            yield log, ids
        return
    with workbook.open_log(log_target) as log:
        built = build_search(log)
        assert built == ids
        yield log, ids


def read(log, source, **options):
    options.setdefault("addresses", [OTHER_ADDRESS])
    options.setdefault("now", NOW)
    return workbook.read_sent_mail(source, log, CANDIDATE, **options)


def maildir_without_tmp(tmp_path) -> Path:
    """The Maildir as a git checkout leaves it when nothing kept tmp/: cur/ and new/ only."""
    copy = tmp_path / "Maildir"
    shutil.copytree(MAIL / "Maildir", copy)
    shutil.rmtree(copy / "tmp")
    return copy


def rows(table, ids) -> list[tuple]:
    """The matches as (person, message id, date, action), the digest of Sam's note named."""
    by_id = {v: k for k, v in ids.items() if k in NAMES}
    found = []
    for _, row in table.iterrows():
        person = by_id[int(row["interviewer_id"])]
        message_id = str(row["message_id"])
        if person == "sam" and row["action"] == "added_note":
            assert message_id.strip("<>") and "@" not in message_id, message_id  # a digest stands in
            message_id = SAM_NOTE
        found.append((person, message_id, row["sent_at"], row["action"]))
    return found


def expected() -> list[tuple]:
    return [(person, mid, pd.Timestamp(at), action) for person, mid, at, action in EXPECTED]


SOURCES = ["sent.mbox", "Maildir", "Maildir without tmp", "eml"]


def source_path(name, tmp_path) -> Path:
    return maildir_without_tmp(tmp_path) if name == "Maildir without tmp" else MAIL / name


@pytest.mark.parametrize("name", SOURCES)
def test_each_format_gives_the_same_matches(shared, tmp_path, name):
    log, ids = shared
    table = read(log, source_path(name, tmp_path))
    assert rows(table, ids) == expected()
    assert list(table.columns) == ["interviewer_id", "interviewer", "company", "note_id", "message_id", "sent_at",
                                   "subject", "action", "difference"]
    assert str(table["sent_at"].dt.tz) == "UTC"
    assert [NAMES[p] for p, *_ in EXPECTED] == list(table["interviewer"])
    assert table.attrs["scanned"] == MESSAGES


def test_the_digest_standing_in_for_a_missing_message_id_is_the_same_in_every_format(shared, tmp_path):
    log, _ = shared
    digests = {name: set(read(log, source_path(name, tmp_path)).query("interviewer == 'Sam Ortiz'")["message_id"])
               for name in SOURCES}
    assert len(set.union(*digests.values())) == 1, digests


@pytest.mark.parametrize("name", SOURCES)
def test_messages_without_a_usable_date_are_skipped_and_counted_with_the_reason(shared, tmp_path, name):
    log, _ = shared
    table = read(log, source_path(name, tmp_path))
    skipped = table.attrs["skipped"]
    assert sum(skipped.values()) == 2, skipped
    assert skipped.get("no date") == 1, skipped
    (broken,) = [reason for reason in skipped if reason != "no date"]
    assert "date" in broken and skipped[broken] == 1, skipped
    summary = table.attrs["summary"]
    assert "18 messages" in summary and "Skipped 2" in summary and "no date" in summary, summary


def test_what_each_match_would_do_reads_right(shared):
    log, ids = shared
    table = read(log, MAIL / "sent.mbox").set_index(["interviewer", "action"])
    ana = table.loc[("Ana Lima", "marked_sent")]
    assert ana["note_id"] == ids["ana_note"] and ana["subject"] == "Thank you, Ana" and pd.isna(ana["difference"])
    jose = table.loc[("José Ramírez", "already_recorded")]
    assert jose["note_id"] == ids["jose_note"]
    # The click came 13 h 30 min after the message went out: the difference is the message's time
    # minus the time recorded.
    assert jose["difference"] == pd.Timedelta(hours=-13, minutes=-30)
    assert jose["sent_at"] - pd.Timestamp(JOSE_CLICKED_AT) == jose["difference"]
    bo = table.loc[("Bo Chen", "added_note")]
    assert pd.isna(bo["note_id"])  # a note to add: it has no id yet
    assert bo["subject"] == "Thank you for the conversation about the Northwind Analytics data platform and the dbt tests"
    assert table.loc[("Zoë Müller", "added_note")]["subject"] == "Danke für heute"  # RFC 2047, decoded
    assert table.loc[("José Ramírez", "reply")]["note_id"] == ids["jose_note"]
    assert all(table["company"].isin(["Northwind Analytics", "Harbourline Freight"]))


def test_only_the_addresses_given_are_the_candidates(shared):
    """Without the second address, Bo's note (sent from it) and José's reply (sent to it) are
    not hers."""
    log, ids = shared
    table = read(log, MAIL / "sent.mbox", addresses=None)
    found = rows(table, ids)
    assert [r for r in expected() if r[0] != "bo" and not (r[0] == "jose" and r[3] == "reply")] == found


def test_a_single_message_file(shared):
    log, ids = shared
    table = read(log, MAIL / "one-note.eml")
    assert rows(table, ids) == expected()[:1]
    assert table.attrs["scanned"] == 1 and table.attrs["skipped"] == {}


def test_a_one_day_window_still_finds_every_note_sent_within_a_day(shared):
    """Sam's note went out 17 h 40 min after the panel ended, Zoë's 4 h 45 min after: with a
    window of one day both are notes; no window is shorter than a day."""
    log, ids = shared
    assert rows(read(log, MAIL / "eml", window_days=1), ids) == expected()
    # Twenty days take in the message to Aisha O'Connell 19 days after her interview.
    wider = rows(read(log, MAIL / "eml", window_days=20), ids)
    assert wider == expected() + [("aisha", "<CAM4aisha.late.1020@mail.example.com>",
                                   pd.Timestamp("2026-10-20T14:00Z"), "added_note")]
    with pytest.raises(MailImportError, match="window_days"):
        read(log, MAIL / "eml", window_days=0)


def test_messages_after_now_are_not_used(shared):
    """A clock set wrong: a message dated after now is counted as skipped, never recorded."""
    log, ids = shared
    table = read(log, MAIL / "sent.mbox", now="2026-09-20T00:00:00+00:00")
    assert rows(table, ids) == [r for r in expected() if r[2] < pd.Timestamp("2026-09-20T00:00Z")]
    assert sum(table.attrs["skipped"].values()) > 2


def test_reading_writes_nothing(shared):
    log, _ = shared
    before, revision = snapshot(log), log.revision()
    for name in ("sent.mbox", "Maildir", "eml", "one-note.eml"):
        read(log, MAIL / name)
    assert log.revision() == revision
    assert_same_log(before, snapshot(log))


def test_the_mbox_and_the_folder_together_find_each_match_once(shared):
    """Overlapping exports (the same messages twice): each match once."""
    log, ids = shared
    table = read(log, [MAIL / "sent.mbox", MAIL / "eml", str(MAIL / "Maildir")])
    assert rows(table, ids) == expected()
    assert table.attrs["scanned"] == 3 * MESSAGES


# -- importing -----------------------------------------------------------------------------

@pytest.mark.backends("sqlite", "postgresql")
def test_an_import_does_what_the_preview_said_in_one_transaction(search):
    log, ids = search
    preview = read(log, MAIL / "sent.mbox")
    revision = log.revision()
    done = log.import_sent_mail(MAIL / "sent.mbox", CANDIDATE, addresses=[OTHER_ADDRESS], now=NOW)
    assert log.revision() == revision + 1  # one write
    assert rows(done, ids) == rows(preview, ids)
    pd.testing.assert_frame_equal(done.drop(columns="note_id"), preview.drop(columns="note_id"))
    assert done["note_id"].notna().all()  # the new notes' ids too
    assert "recorded" in done.attrs["summary"]

    notes = log.notes().set_index("note_id")
    by_person = {person: notes[notes["interviewer_id"] == ids[person]] for person in NAMES}
    # Ana's draft: marked sent at the message's time, its text kept; her earliest reply.
    ana = notes.loc[ids["ana_note"]]
    assert ana["sent_at"] == pd.Timestamp("2026-09-14T22:12Z")
    assert (ana["subject"], ana["body"]) == (ANA_DRAFT_SUBJECT, ANA_DRAFT_BODY)
    assert ana["replied_at"] == pd.Timestamp("2026-09-15T13:03Z")
    # José's note: his click stays; his reply is recorded.
    jose = notes.loc[ids["jose_note"]]
    assert jose["sent_at"] == pd.Timestamp(JOSE_CLICKED_AT) and jose["body"] == JOSE_NOTE_BODY
    assert jose["replied_at"] == pd.Timestamp("2026-09-17T15:20Z")
    # New notes: the message's subject and plain text (never the HTML part, never the attachment).
    (bo,) = by_person["bo"].itertuples()
    assert (bo.channel, bo.sent_at, bo.body) == ("email", pd.Timestamp("2026-09-15T12:30Z"), BO_BODY)
    assert "<" not in bo.body and pd.isna(bo.replied_at)
    (zoe,) = by_person["zoe"].itertuples()
    assert (zoe.subject, zoe.body) == ("Danke für heute", ZOE_BODY)
    assert zoe.replied_at == pd.Timestamp("2026-09-24T08:00Z")  # a reply to a note added by the same import
    (sam,) = by_person["sam"].itertuples()
    assert sam.subject == "Thank you for the panel" and sam.sent_at == pd.Timestamp("2026-09-23T07:10Z")
    # An unknown charset still gives the text a person reads.
    assert "Thank you for the panel today" in sam.body, sam.body
    # No note to Aisha (before the interview ended, after the window), none to anyone not met.
    assert len(notes) == 5
    assert set(notes["interviewer_id"]) == {ids[p] for p in NAMES if p != "aisha"}


@pytest.mark.backends("sqlite", "postgresql")
def test_the_log_keeps_each_messages_id_on_its_note(search, log_target):
    from .conftest import run_sql

    log, ids = search
    log.import_sent_mail(MAIL / "Maildir", CANDIDATE, addresses=[OTHER_ADDRESS], now=NOW)
    kept = dict(run_sql(log, "SELECT interviewer_id, sent_message_id FROM notes WHERE sent_message_id IS NOT NULL"))
    assert kept[ids["ana"]] == "<CAM4ana.note.0914@mail.example.com>"
    assert kept[ids["bo"]] == "<20260915123000.bo.7731@mail.example>"
    assert ids["jose"] not in kept  # his note was recorded by his click, not from this message
    replies = dict(run_sql(log, "SELECT interviewer_id, reply_message_id FROM notes WHERE reply_message_id IS NOT NULL"))
    assert replies == {ids["ana"]: "<NW1.reply.ana.0915@northwind.example>",
                       ids["jose"]: "<NW1.reply.jose.0917@northwind.example>",
                       ids["zoe"]: "<HF.reply.zoe.0924@harbourline.example>"}


@pytest.mark.backends("sqlite", "postgresql")
def test_importing_twice_or_an_overlapping_export_changes_nothing(search):
    log, ids = search
    log.import_sent_mail(MAIL / "sent.mbox", CANDIDATE, addresses=[OTHER_ADDRESS], now=NOW)
    before = snapshot(log)
    for source in (MAIL / "sent.mbox", MAIL / "Maildir", [MAIL / "eml", MAIL / "one-note.eml"]):
        again = log.import_sent_mail(source, CANDIDATE, addresses=[OTHER_ADDRESS], now=NOW)
        assert_same_log(before, snapshot(log))
        assert set(again["action"]) == {"already_recorded"}, source
        assert len(again) == len(EXPECTED)
        # What the first import recorded is what it finds now: no difference left.
        assert (again["difference"] == pd.Timedelta(0)).sum() == len(EXPECTED) - 1  # José's click stays


@pytest.mark.backends("sqlite", "postgresql")
def test_an_import_that_fails_half_way_leaves_the_log_as_it_was(search, tmp_path):
    """All matches or none: the fixtures' messages, then one more to Aisha within the window
    whose subject holds a control character. Either the import cleans the subject and records
    it, or it refuses the whole import; never half of it."""
    log, ids = search
    source = tmp_path / "sent.mbox"
    bad = (b"From - Thu Oct  1 20:00:00 2026\nFrom: Maya Okafor <maya@example.com>\n"
           b"To: aisha.oconnell@kestrelbank.example\nSubject: =?utf-8?q?Thank_you=07_Aisha?=\n"
           b"Date: Thu, 01 Oct 2026 15:00:00 -0500\nMessage-ID: <bell@example.com>\n\nThank you.\n")
    source.write_bytes((MAIL / "sent.mbox").read_bytes() + b"\n" + bad)
    before, revision = snapshot(log), log.revision()
    try:
        done = log.import_sent_mail(source, CANDIDATE, addresses=[OTHER_ADDRESS], now=NOW)
    except WorkbookError as error:
        assert "Aisha O'Connell" in str(error)  # the message a person reads names the person
        assert log.revision() == revision
        assert_same_log(before, snapshot(log))
    else:
        assert len(done) == len(EXPECTED) + 1
        aisha = log.notes().query(f"interviewer_id == {ids['aisha']}")
        assert len(aisha) == 1 and "\x07" not in aisha["subject"].iloc[0]


# -- what is not mail ----------------------------------------------------------------------

def not_mail(tmp_path) -> dict[str, object]:
    text = tmp_path / "notes.txt"
    text.write_text("Dear Ana,\nthank you for meeting me today.\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "cv.txt").write_text("Maya Okafor\nData analyst\n", encoding="utf-8")
    (papers / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return {
        "a path that does not exist": tmp_path / "no-such" / "Sent.mbox",
        "a text file": text,
        "an empty folder": empty,
        "a folder of other files": papers,
        "a list with one missing": [MAIL / "sent.mbox", tmp_path / "missing.mbox"],
        "an empty list": [],
    }


@pytest.mark.parametrize("what", ["a path that does not exist", "a text file", "an empty folder",
                                  "a folder of other files", "a list with one missing", "an empty list"])
def test_what_is_not_mail_is_refused_and_nothing_is_written(search, tmp_path, what):
    log, _ = search
    source = not_mail(tmp_path)[what]
    before, revision = snapshot(log), log.revision()
    with pytest.raises(MailImportError) as preview:
        read(log, source)
    with pytest.raises(MailImportError) as imported:
        log.import_sent_mail(source, CANDIDATE, addresses=[OTHER_ADDRESS], now=NOW)
    assert str(preview.value) == str(imported.value)
    assert "Traceback" not in str(imported.value) and str(imported.value)
    if what != "an empty list":
        named = source[-1] if isinstance(source, list) else source
        assert named.name in str(imported.value)  # the message names the file
    assert log.revision() == revision
    assert_same_log(before, snapshot(log))


def test_an_empty_mbox_file_is_an_empty_mailbox(search, tmp_path):
    """A mail program's Sent file before anything was sent is empty: nothing found, nothing written."""
    log, _ = search
    (tmp_path / "Sent").write_bytes(b"")
    before, revision = snapshot(log), log.revision()
    found = read(log, tmp_path / "Sent")
    assert len(found) == 0 and found.attrs["scanned"] == 0
    assert len(log.import_sent_mail(tmp_path / "Sent", CANDIDATE, now=NOW)) == 0
    assert log.revision() == revision
    assert_same_log(before, snapshot(log))


def test_an_unknown_candidate_is_refused_and_nothing_is_written(search):
    log, _ = search
    before, revision = snapshot(log), log.revision()
    with pytest.raises(WorkbookError, match="Maya Okafur"):
        workbook.read_sent_mail(MAIL / "sent.mbox", log, "Maya Okafur")
    with pytest.raises(WorkbookError, match="Maya Okafur"):
        log.import_sent_mail(MAIL / "sent.mbox", "Maya Okafur")
    assert log.revision() == revision
    assert_same_log(before, snapshot(log))


def test_a_home_relative_path_is_expanded(shared, tmp_path, monkeypatch):
    log, ids = shared
    monkeypatch.setenv("HOME", str(tmp_path))
    shutil.copy(MAIL / "sent.mbox", tmp_path / "Sent.mbox")
    assert rows(read(log, "~/Sent.mbox"), ids) == expected()


# -- the files are what their scripts write ------------------------------------------------

def load_script(path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fixtures_are_what_make_fixtures_writes(tmp_path):
    load_script(MAIL / "make_fixtures.py").write(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(MAIL) for p in MAIL.rglob("*")
                     if p.is_file() and p.suffix not in (".py", ".md") and "__pycache__" not in p.parts)
    assert written == shipped
    for name in written:
        assert (tmp_path / name).read_bytes() == (MAIL / name).read_bytes(), name


# -- the sample's mailbox (data/sample/mail/), for notebook 03 -----------------------------

def test_the_sample_mailbox_is_what_its_script_writes(tmp_path):
    from workbook.config import REPO_ROOT, SAMPLE_DIR

    script = load_script(REPO_ROOT / "scripts" / "make_sample_mail.py")
    assert script.write(tmp_path / "Sent.mbox").read_bytes() == (SAMPLE_DIR / "mail" / "Sent.mbox").read_bytes()


def test_the_sample_mailbox_shows_every_kind_of_match_at_the_samples_instant(tmp_path):
    from workbook.config import SAMPLE_DIR
    from workbook.sample import SAMPLE_NOW

    with workbook.sample_log(tmp_path / "sample.sqlite") as log:
        revision = log.revision()
        found = workbook.read_sent_mail(SAMPLE_DIR / "mail" / "Sent.mbox", log, "Marcus Okafor", now=SAMPLE_NOW)
        assert log.revision() == revision
    assert found["action"].value_counts().to_dict() == {"already_recorded": 11, "marked_sent": 3, "reply": 3,
                                                        "added_note": 1}
    assert found.attrs["scanned"] == 21 and found.attrs["skipped"] == {}
    assert (found["sent_at"] < pd.Timestamp(SAMPLE_NOW)).all()
    recorded = found[found["action"] == "already_recorded"]
    # Marcus's clicks came up to 12 h 26 min after the message went out; most within minutes.
    assert recorded["difference"].min() == pd.Timedelta(hours=-12, minutes=-26)
    assert (recorded["difference"] <= pd.Timedelta(0)).all()
    assert set(found.loc[found["action"] == "marked_sent", "interviewer"]) == {"Amelia Lockhart", "Mei Alvarez",
                                                                                "Ryan Brennan"}
    assert list(found.loc[found["action"] == "added_note", "interviewer"]) == ["Tomas Sandoval"]
