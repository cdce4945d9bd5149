"""Bad input, fuzzed: every CSV folder and every value typed into a widget is either taken
whole or refused with our error, naming where and what; never a traceback, never half a write.

CSV folders are made from a valid one (the export of a small log) and broken by Hypothesis:
columns missing, extra, renamed or twice; other encodings and byte-order marks; fields of
100 KB and more; times and time zones that are wrong in every way we could think of; ids
repeated and references to records that are not there; empty files, blank lines, stray
quotes, mixed line endings, NUL bytes. Each folder is imported into an empty log and into a
log that already holds other records.

The widgets get Hypothesis text (control characters, odd unicode, huge strings, bad times)
in every field; a save either stores exactly what was typed or shows why not in the widget.

Every test here runs with ``derandomize=True``: the examples are the same on every run and
on CI, so a failure seen once is seen again.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import workbook
from workbook.store.csv_files import KINDS, file_name
from workbook.errors import Problem, WorkbookError
from workbook.store import kinds
from workbook.sample import SAMPLE_NOW

from .conftest import assert_same_log, snapshot, widget_tree

NOW = pd.Timestamp(SAMPLE_NOW)


# -- a valid folder to break, and two logs to import it into ----------------------------------

def fill_base(log) -> None:
    """The records of the valid folder: two candidates, an interview in New York and one in
    Berlin on the night the clocks go back, three people met, a sent note with a reply, a
    draft, a handwritten note and an outcome. Non-ASCII text, quotes, commas and line breaks
    inside fields, so that every way of breaking a file has something to break."""
    log.add_candidate("Maya Okafor", email="maya@example.com", phone="+1 555 0100", skills=["SQL", "Python"])
    log.add_candidate("José Núñez")
    first = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst — BI",
                              "2026-09-14T10:00", "2026-09-14T11:00", "America/New_York", stage="hiring manager",
                              interview_id=1)
    second = log.add_interview("José Núñez", "Zürich Bahn AG", "Planer, Netz", "2026-10-25T01:30",
                               "2026-10-25T02:30", "Europe/Berlin", interview_id=2)
    ana = log.add_interviewer(first, "Ana Lima", title="Analytics lead", email="ana@northwind.example",
                              talking_points='the churn dashboard, and "on-call"', interviewer_id=1)
    bo = log.add_interviewer(first, "Bo Chen", title="Data engineer", interviewer_id=2)
    lena = log.add_interviewer(second, "Lena Groß", talking_points="Fahrpläne\nund Stellwerke", interviewer_id=3)
    log.add_note(ana, 'Dear Ana,\n\nThank you for the talk about the "churn dashboard", truly.\nMaya',
                 subject="Thank you — data analyst", sent_at="2026-09-14T15:00", replied_at="2026-09-15T09:10",
                 note_id=1)
    log.add_note(bo, "draft to Bo", note_id=2)
    log.add_note(lena, "Liebe Frau Groß,\r\ndanke.", channel="handwritten", sent_at="2026-10-26T08:00", note_id=3)
    log.add_outcome(first, "next_round", "2026-09-18")


def fill_other(log) -> None:
    """Records of another candidate, with ids the valid folder does not use (100): a folder
    naming 100 refers to a record this log holds and the empty log does not."""
    log.add_candidate("Priya Raman", email="priya@example.com")
    interview = log.add_interview("Priya Raman", "Larkspur", "Analyst", "2026-08-04T10:00", "2026-08-04T10:30",
                                  "America/Chicago", interview_id=100)
    person = log.add_interviewer(interview, "Lucia Thibodeaux", interviewer_id=100)
    log.add_note(person, "Dear Lucia", sent_at="2026-08-04T12:00", note_id=100)
    log.add_outcome(interview, "offer", "2026-08-10")


class Base:
    """The valid folder's files (bytes by kind) and template logs to copy for each example."""

    def __init__(self, folder: Path):
        with workbook.open_log(folder / "base.sqlite") as log:
            fill_base(log)
            exported = log.export_csv(folder / "base")
        self.files = {kind: (exported / file_name(kind)).read_bytes() for kind in KINDS}
        self.tables = {kind: list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
                       for kind, data in self.files.items()}
        self.empty = folder / "empty.sqlite"
        workbook.open_log(self.empty).close()
        self.holding = folder / "holding.sqlite"
        with workbook.open_log(self.holding) as log:
            fill_other(log)

    def log(self, template: Path, into: Path):
        """A log of our own: a copy of a template, opened."""
        shutil.copy(template, into)
        return workbook.open_log(into)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Base:
    return Base(tmp_path_factory.mktemp("base"))


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir()
    for kind, data in files.items():
        (folder / file_name(kind)).write_bytes(data)
    return folder


# -- ways to break a folder ------------------------------------------------------------------

TIME_FIELDS = {"starts_at", "ends_at", "sent_at", "replied_at", "decided_at"}
ID_FIELDS = {"interview_id", "interviewer_id", "note_id"}

BAD_TIMES = st.one_of(
    st.sampled_from([
        "garbage", "", " ", "now", "today", "NaT", "nan", "None", "-1", "1e10",
        "2026-02-30T10:00", "2026-13-01T10:00", "2026-09-14T24:00", "2026-09-14T10:60", "2026-09-14T10:00:61",
        "0000-01-01T00:00", "0001-01-01T00:00", "0001-01-01T00:30+01:00", "0001-01-01T00:00-14:00",
        "9999-12-31T23:59", "9999-12-31T23:59-05:00", "9999-12-31T23:59:59.999999-14:00", "10000-01-01T00:00",
        "1677-09-21T00:00", "2262-04-12T00:00", "1900-01-01T00:00", "1969-12-31T23:59:59Z",
        "2026-09-14T10:00+25:00", "2026-09-14T10:00+24:00", "2026-09-14T10:00-23:59", "2026-09-14T10:00+99:99",
        "2026-09-14T10:00+0530", "2026-09-14T10:00+05", "2026-09-14T10:00 +01:00", "2026-09-14T10:00z",
        "2026-03-08T02:30", "2026-03-29T02:30", "2026-11-01T01:30", "2026-10-25T02:30",  # DST gaps and folds
        "2026-09-14", "2026-09-14T10:00Z", "2026-09-14 10:00:00.123456789", "2026-09-14T10:00:00,5+02:00",
        "2026-W38-1", "2026-257", "20260914T1000", "2026-09-14T10:00 Europe/Berlin", "2026-09-14T10:00\x00",
        "２０２６-０９-１４T10:00", "٢٠٢٦-٠٩-١٤T10:00", "2026-09-14T10:00\u3000+01:00", "2026-09-14T１０:00",
    ]),
    st.text(max_size=30),
    st.builds(
        lambda moment, minutes: moment.isoformat() + ("" if minutes is None else
                                                      f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"),
        st.datetimes(min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31, 23, 59)),
        st.none() | st.integers(-30 * 60, 30 * 60),
    ),
)
ZONES = st.one_of(
    st.sampled_from([
        "Mars/Olympus", "", " ", "localtime", "Factory", "posixrules", "Europe/Berlin ", " Europe/Berlin",
        "Europe /Berlin", "europe/berlin", "UTC", "utc", "Etc/GMT+14", "EST5EDT", "../../etc/passwd",
        "/etc/localtime", "Europe/Berlin\x00", "America/New_York\n", "Asia/Kolkata", "US/Pacific", "Z",
        "+02:00", "GMT+2", "Europe/Berlin, America/New_York", "Asia/Kathmandu", "Pacific/Kiritimati",
    ]),
    st.text(max_size=20),
)
IDS = st.one_of(
    st.sampled_from(["999", "100", "1", "2", "3", "0", "-1", "1.5", "", " ", "abc", "٣", "+2", " 2 ", "1,000",
                     "1e3", "0x10", "2\x00", "99999999999999999999", "999999999999999999", "1" * 400]),
    st.integers(-5, 10**20).map(str),
)
CHOICES = st.sampled_from(["email", "EMAIL", " email ", "pigeon", "", "handwritten", "other", "offer",
                           "next round", "next_round", "rejected", "no_response", "withdrew", "offer\n"])
EMAILS = st.sampled_from(["not an email", "a@b.co", "ana@example.com\nBcc: eve@example.com", "", "ana@@x.com",
                          "ana@example.com, bo@example.com", "\u202eana@example.com"])
# 100 KB and more of one piece of text: plain, with the CSV's own characters, over lines.
HUGE = st.sampled_from(["x", "a,b", 'say "hi" ', "line\nbreak ", "é—ü ", "\r\n", "🙂", "<b>"]).flatmap(
    lambda piece: st.integers(100_000, 160_000).map(lambda size: piece * (size // len(piece.encode()) + 1)))
TEXTS = st.one_of(st.text(max_size=40), HUGE, st.sampled_from(["", " ", "\t", "\x00", "\ufeff", "\u2028", "\x85",
                                                                "=1+1", "'; DROP TABLE notes; --"]))


def values_for(column: str):
    """What to put in a field of ``column`` (a column of ours, or any other)."""
    if column in TIME_FIELDS:
        return BAD_TIMES
    if column in ID_FIELDS:
        return IDS
    if column == "timezone":
        return ZONES
    if column in ("channel", "outcome"):
        return CHOICES
    if column == "email":
        return EMAILS
    return TEXTS


def pick_file(draw, tables) -> str:
    return draw(st.sampled_from(sorted(kind for kind, table in tables.items() if table is not None)))


def pick_row(draw, table) -> int | None:
    """The index of a row of ``table`` (its header is 0), None when it has no row."""
    return draw(st.integers(1, len(table) - 1)) if len(table) > 1 else None


# Each way of breaking takes ``draw`` and the folder as tables (the header first, then the
# rows, as lists of fields; None for a file that is not there) and changes the tables.

def drop_column(draw, tables):
    table = tables[pick_file(draw, tables)]
    if table[0]:
        i = draw(st.integers(0, len(table[0]) - 1))
        for row in table:
            if i < len(row):
                del row[i]


def rename_column(draw, tables):
    table = tables[pick_file(draw, tables)]
    if table[0]:
        i = draw(st.integers(0, len(table[0]) - 1))
        others = [name for name in table[0] if name != table[0][i]] or ["x"]
        table[0][i] = draw(st.one_of(
            st.sampled_from(["", "colour", table[0][i].upper(), f" {table[0][i]} ", table[0][i] + "_"]),
            st.sampled_from(others),  # the same column twice, and one missing
            st.text(max_size=12)))


def add_column(draw, tables):
    table = tables[pick_file(draw, tables)]
    name = draw(st.one_of(st.sampled_from(["colour", "", *table[0]]), st.text(max_size=12)))
    table[0].append(name)
    for row in table[1:]:
        row.append(draw(values_for(name)) if draw(st.booleans()) else "")


def shuffle_columns(draw, tables):
    table = tables[pick_file(draw, tables)]
    order = draw(st.permutations(range(len(table[0]))))
    for j, row in enumerate(table):
        if len(row) == len(order):
            table[j] = [row[i] for i in order]


def change_field(draw, tables):
    table = tables[pick_file(draw, tables)]
    i = pick_row(draw, table)
    if i is not None and table[i]:
        j = draw(st.integers(0, len(table[i]) - 1))
        column = table[0][j] if j < len(table[0]) else ""
        table[i][j] = draw(values_for(column))


def dangling_reference(draw, tables):
    """A person met at an interview that is not there, a note to a person not there, an
    outcome of an interview not there: the id changed, or the record it names removed."""
    kind = draw(st.sampled_from(["interviewers", "notes", "outcomes"]))
    table = tables[kind]
    if table is None:
        return
    column = "interviewer_id" if kind == "notes" else "interview_id"
    i = pick_row(draw, table)
    if i is not None and column in table[0] and table[0].index(column) < len(table[i]):
        table[i][table[0].index(column)] = draw(st.sampled_from(["999", "100", "4", "0"]))
    elif draw(st.booleans()):
        tables["interviews" if kind != "notes" else "interviewers"] = None


def remove_row(draw, tables):
    table = tables[pick_file(draw, tables)]
    i = pick_row(draw, table)
    if i is not None:
        del table[i]


def repeat_row(draw, tables):
    """A record twice: the same id (or candidate's name) on two rows."""
    table = tables[pick_file(draw, tables)]
    i = pick_row(draw, table)
    if i is not None:
        table.insert(draw(st.integers(1, len(table))), list(table[i]))


def change_row_length(draw, tables):
    table = tables[pick_file(draw, tables)]
    i = pick_row(draw, table)
    if i is not None:
        if table[i] and draw(st.booleans()):
            table[i].pop()
        else:
            table[i].append(draw(TEXTS))


def only_header(draw, tables):
    kind = pick_file(draw, tables)
    tables[kind] = tables[kind][:1]


def remove_file(draw, tables):
    present = [kind for kind, table in tables.items() if table is not None]
    if len(present) > 1:  # a folder with none of the files is another test's
        tables[draw(st.sampled_from(present))] = None


TABLE_CHANGES = [drop_column, rename_column, add_column, shuffle_columns, change_field, change_field,
                 change_field, dangling_reference, remove_row, repeat_row, change_row_length, only_header,
                 remove_file]


# Then on the text of a file:

def stray_quote(draw, text):
    i = draw(st.integers(0, len(text)))
    return text[:i] + '"' + text[i:]


def mixed_line_endings(draw, text):
    pieces = text.split("\n")
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(pieces) - 1, max_size=len(pieces) - 1))
    return "".join(piece + end for piece, end in zip(pieces, ends)) + pieces[-1]


def nul_byte(draw, text):
    i = draw(st.integers(0, len(text)))
    return text[:i] + "\x00" + text[i:]


def blank_lines(draw, text):
    lines = text.splitlines(keepends=True)
    i = draw(st.integers(0, len(lines)))
    return "".join(lines[:i]) + draw(st.sampled_from(["\n", "\r\n\r\n", "  \n", ",,,\n", "\t\n"])) + "".join(lines[i:])


def only_blank_lines(draw, text):
    return draw(st.sampled_from(["", "\n", "\n\n\n", " \r\n \r\n", "\ufeff", "\ufeff\n"]))


def cut_short(draw, text):
    return text[:draw(st.integers(0, len(text)))]


TEXT_CHANGES = [stray_quote, mixed_line_endings, nul_byte, blank_lines, only_blank_lines, cut_short]

# Then the bytes: the encoding, its byte-order mark, bytes that are no UTF-8.
ENCODINGS = ["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be",
             "utf-32", "double BOM"]
BAD_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xff\xfe", b"\xef\xbb"]


def encode(draw, text: str, encodings=ENCODINGS) -> bytes:
    encoding = draw(st.sampled_from(encodings))
    if encoding == "double BOM":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding, errors="replace")


def bad_bytes(draw, data: bytes) -> bytes:
    i = draw(st.integers(0, len(data)))
    return data[:i] + draw(st.sampled_from(BAD_BYTES)) + data[i:]


def as_csv(table: list[list[str]], newline: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=newline).writerows(table)
    return out.getvalue()


@st.composite
def broken_folders(draw, base_tables):
    """The valid folder, broken in one to three ways, as bytes by kind."""
    tables = {kind: [list(row) for row in table] for kind, table in base_tables.items()}
    for change in draw(st.lists(st.sampled_from(TABLE_CHANGES), min_size=0, max_size=3)):
        change(draw, tables)
    texts = {kind: as_csv(table, draw(st.sampled_from(["\n", "\r\n"])))
             for kind, table in tables.items() if table is not None}
    for change in draw(st.lists(st.sampled_from(TEXT_CHANGES), max_size=2)):
        kind = draw(st.sampled_from(sorted(texts)))
        texts[kind] = change(draw, texts[kind])
    # Mostly UTF-8, with a byte-order mark or not; now and then one file in another encoding.
    files = {kind: encode(draw, text, ["utf-8", "utf-8-sig"]) for kind, text in texts.items()}
    if draw(st.integers(0, 5)) == 0:
        kind = draw(st.sampled_from(sorted(files)))
        files[kind] = encode(draw, texts[kind])
    if draw(st.integers(0, 7)) == 0:
        kind = draw(st.sampled_from(sorted(files)))
        files[kind] = bad_bytes(draw, files[kind])
    return files


# -- what must hold for any folder -----------------------------------------------------------

ROW = re.compile(r"(?P<file>\w+\.csv) line (?P<line>\d+)")


def lines_in(data: bytes) -> int:
    """How many lines a file has, however its lines end."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n") + 1


def records_in(data: bytes) -> int:
    """The rows of a file that imported, counted by the csv module: every row with any text."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return sum(any(value.strip() for value in row) for row in rows[1:])


def assert_refused_well(error: workbook.CsvImportError, files: dict[str, bytes]) -> None:
    """Every problem names a file of the folder, a line of that file and a field."""
    assert error.problems, "refused without saying why"
    assert str(error).startswith("Nothing was imported from")
    for problem in error.problems:
        assert isinstance(problem, Problem)
        where = ROW.fullmatch(problem.row)
        assert where, f"{problem.row!r} names no file and line"
        kind = where["file"].removesuffix(".csv")
        assert kind in files, problem
        assert 1 <= int(where["line"]) <= lines_in(files[kind]), problem
        assert isinstance(problem.field, str) and problem.field.strip(), problem
        assert problem.field in kinds.KINDS[kind].fields or problem.field.startswith("(") or "is not a column" in problem.reason, problem
        assert isinstance(problem.reason, str) and problem.reason.strip(), problem
        assert issubclass(problem.kind, WorkbookError), problem


def import_into(log, folder: Path, files: dict[str, bytes]) -> dict[str, int] | None:
    """Import; check it went in whole, or was refused as it should be and changed nothing."""
    before = snapshot(log)
    try:
        added = log.import_csv(folder)
    except workbook.CsvImportError as error:
        assert_refused_well(error, files)
        assert_same_log(before, snapshot(log))
        event("refused: " + ", ".join(sorted({p.field if p.field.startswith("(") else p.kind.__name__
                                                for p in error.problems})))
        return None
    event("imported whole")
    after = snapshot(log)
    for kind in KINDS:
        assert len(after[kind]) == len(before[kind]) + added[kind], kind
        if kind in files and kind != "candidates":  # candidates also come from interviews.csv
            assert added[kind] == records_in(files[kind]), kind
    if "candidates" in files:
        assert added["candidates"] >= records_in(files["candidates"])
    return added


@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_broken_folder_is_imported_whole_or_refused_naming_file_line_and_field(base, data):
    files = data.draw(broken_folders(base.tables))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = write(tmp / "in", files)
        with base.log(base.empty, tmp / "empty.sqlite") as empty:
            import_into(empty, folder, files)
        with base.log(base.holding, tmp / "holding.sqlite") as holding:
            import_into(holding, folder, files)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, derandomize=True)
@given(data=st.data())
def test_a_folder_changed_only_in_form_imports_and_exports_as_the_original(base, data):
    """Column order, header case and spaces, blank lines, CR LF or LF, a UTF-8 byte-order
    mark, plain ASCII in latin-1: the same records, so the export is byte for byte the same."""
    tables = {kind: [list(row) for row in table] for kind, table in base.tables.items()}
    for kind in data.draw(st.lists(st.sampled_from(KINDS), max_size=3)):
        shuffle_columns(lambda s: data.draw(s), {kind: tables[kind]})
    for table in tables.values():
        table[0] = [data.draw(st.sampled_from([name, name.upper(), f" {name} ", name.title()])) for name in table[0]]
    files = {}
    for kind, table in tables.items():
        newline = data.draw(st.sampled_from(["\n", "\r\n"]))
        lines = [as_csv([row], newline) for row in table]
        for _ in range(data.draw(st.integers(0, 3))):  # blank lines between records, after the header
            lines.insert(data.draw(st.integers(1, len(lines))), data.draw(st.sampled_from(["\n", "\r\n", "  \n"])))
        files[kind] = "".join(lines).encode(data.draw(st.sampled_from(["utf-8", "utf-8-sig"])))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = write(tmp / "in", files)
        with base.log(base.empty, tmp / "log.sqlite") as log:
            log.import_csv(folder)
            out = log.export_csv(tmp / "out")
        for kind in KINDS:
            assert (out / file_name(kind)).read_bytes() == base.files[kind], kind


@st.composite
def interviews_anywhere(draw) -> str:
    """interviews.csv of 20 interviews in any of the machine's time zones, at any wall-clock
    time from 1900 to 2199, written with or without a UTC offset."""
    zones = workbook.instants.time_zone_names()
    rows = []
    for i in range(1, 21):
        zone = draw(st.sampled_from(zones))
        start = draw(st.datetimes(min_value=datetime.datetime(1900, 1, 2), max_value=datetime.datetime(2199, 12, 30)))
        end = start + datetime.timedelta(minutes=draw(st.integers(1, 600)))
        if draw(st.booleans()):
            offset = datetime.timedelta(minutes=draw(st.integers(-14 * 60, 14 * 60)))
            start, end = (t.replace(tzinfo=datetime.timezone(offset)) for t in (start, end))
        rows.append(f"{i},Maya,Co,Role,,{zone},{start.isoformat()},{end.isoformat()}\n")
    return "interview_id,candidate,company,role,stage,timezone,starts_at,ends_at\n" + "".join(rows)


@pytest.mark.slow
@settings(max_examples=10, deadline=None, derandomize=True)
@given(interviews=interviews_anywhere())
def test_times_in_any_zone_and_year_come_back_from_an_export_as_they_went_in(base, interviews):
    """Wall-clock times in every zone, local mean time before standard time included (an
    offset of seconds, like Kathmandu's +05:41:16 before 1920): export and import again
    gives the same instants, and the same files."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = {"interviews": interviews.encode()}
        with base.log(base.empty, tmp / "log.sqlite") as log:
            if import_into(log, write(tmp / "in", files), files) is None:
                return  # refused, as it should be: a time the clocks skip, say
            out = log.export_csv(tmp / "out")
            with base.log(base.empty, tmp / "copy.sqlite") as copy:
                copy.import_csv(out)
                assert_same_log(snapshot(log), snapshot(copy))
                again = copy.export_csv(tmp / "again")
        assert (out / "interviews.csv").read_bytes() == (again / "interviews.csv").read_bytes()


@pytest.mark.parametrize("case, files, expected", [
    ("UTF-16 with its byte-order mark", lambda f: {"interviews": f["interviews"].decode().encode("utf-16")},
     [("interviews.csv line 1", "(encoding)")]),
    ("UTF-16 without one", lambda f: {"outcomes": f["outcomes"].decode().encode("utf-16-le")},
     [("outcomes.csv line 1", "(encoding)")]),
    ("latin-1", lambda f: {"interviewers": f["interviewers"].decode().encode("latin-1")},
     [("interviewers.csv line 4", "(encoding)")]),
    ("an empty file", lambda f: {**f, "notes": b""}, [("notes.csv line 1", "(header)")]),
    ("blank lines only", lambda f: {**f, "notes": b"\r\n\n  \n"}, [("notes.csv line 1", "(header)")]),
])
def test_files_of_another_encoding_or_without_a_header_are_refused(base, tmp_path, case, files, expected):
    files = files(base.files)
    with base.log(base.empty, tmp_path / "log.sqlite") as log:
        before = snapshot(log)
        with pytest.raises(workbook.CsvImportError) as refused:
            log.import_csv(write(tmp_path / "in", files))
        assert [(p.row, p.field) for p in refused.value.problems] == expected, case
        assert_same_log(before, snapshot(log))


def test_a_header_with_blank_or_repeated_columns_names_each_once(base, tmp_path):
    # Found by the fuzzing: two blank columns were listed twice, and once more with no name.
    files = {"outcomes": b"interview_id,outcome,decided_at,,,outcome\n1,offer,2026-09-18,,,offer\n"}
    with base.log(base.empty, tmp_path / "log.sqlite") as log:
        with pytest.raises(workbook.CsvImportError) as refused:
            log.import_csv(write(tmp_path / "in", files))
    assert [(p.row, p.field) for p in refused.value.problems] == [
        ("outcomes.csv line 1", "(blank)"), ("outcomes.csv line 1", "outcome")]


def test_fields_of_100_kb_and_more_come_in_whole(base, tmp_path):
    body = ('Dear Ana, "quoted", and\r\nmore lines\n' * 4000)[:150_000]
    points = "é—ü, " * 30_000
    tables = {kind: [list(row) for row in table] for kind, table in base.tables.items()}
    tables["notes"][1][tables["notes"][0].index("body")] = body
    tables["interviewers"][1][tables["interviewers"][0].index("talking_points")] = points
    files = {kind: as_csv(table, "\n").encode() for kind, table in tables.items()}
    with base.log(base.empty, tmp_path / "log.sqlite") as log:
        log.import_csv(write(tmp_path / "in", files))
        assert log.notes().set_index("note_id").at[1, "body"] == body
        assert log.interviewers().set_index("interviewer_id").at[1, "talking_points"] == points


# -- widgets: any value typed is saved exactly, or refused in the widget ----------------------

from workbook.ui import FollowupTracker, HabitsDashboard, InterviewForm, NoteBuilder  # noqa: E402
from workbook.ui.interview_form import PERSON_FIELDS, read_time_of_day  # noqa: E402
from workbook.vocabulary import CHANNELS, OUTCOMES  # noqa: E402

TYPED = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "Ana Lima", " Ana Lima ", "<img src=x onerror=alert(1)>", "\x00", "Ana\nLima",
                     "Ana\r\nBcc: eve@example.com", "\u202eamiL anA", "\ufeff", "Zä\u0308\u0301lgo", "🙂" * 3,
                     "'; DROP TABLE interviews; --", "=HYPERLINK(\"x\")", "a@b.co"]),
    HUGE,
)
TIMES_OF_DAY = st.one_of(
    st.sampled_from(["10:00", "9.30", "2:15 pm", "12 am", "0:00", "23:59", "25:00", "10:60", "13 pm", "noon", "",
                     "１０:００", "10:00\x00", "2:30", "1:30", "-1:00", "10:00+02:00"]),
    st.text(max_size=8),
)
FORM_ZONES = st.one_of(ZONES, st.sampled_from(["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"]))
# Days with a time zone's clocks jumping (2:30 does not exist in New York on 2026-03-08).
DAYS = st.one_of(st.none(), st.dates(), st.sampled_from([datetime.date(2026, 3, 8), datetime.date(2026, 3, 29),
                                                         datetime.date(2026, 11, 1), datetime.date(2026, 10, 4)]))


GOOD_INTERVIEW = dict(candidate="Maya Okafor", company="Northwind Analytics", role="Data analyst", stage="panel",
                      date=datetime.date(2026, 9, 14), start="10:00", end="11:00", timezone="America/New_York")
GOOD_PERSON = dict(name="Ana Lima", title="Analytics lead", email="ana@northwind.example", phone="+1 555 0101",
                   talking_points="the churn dashboard")


@pytest.fixture(scope="module")
def widget_log(tmp_path_factory):
    """A log for the widget tests of this module: one candidate and one interview (New York,
    2026-09-14 10:00-11:00). Each example adds what it needs and compares before and after."""
    with workbook.open_log(tmp_path_factory.mktemp("widgets") / "log.sqlite") as log:
        log.add_candidate("Maya Okafor", email="maya@example.com")
        log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst", "2026-09-14T10:00",
                          "2026-09-14T11:00", "America/New_York", interview_id=1)
        yield log


def optional_text(typed: str, multiline: bool = False) -> str | None:
    """What the log keeps of an optional text typed: stripped (one-line fields), None if empty."""
    kept = typed if multiline else typed.strip()
    return kept if kept != "" else None


def is_refusal(html_text: str) -> bool:
    return "⚠" in html_text


def press(log, action, message):
    """Press a tracker's button (``action``): what it returned, and the log before and after.
    A refusal (None) is told in the widget's ``message`` and leaves the log as it was; a
    recorded change says nothing is wrong."""
    before = snapshot(log)
    result = action()
    after = snapshot(log)
    event(f"{action.__name__}: {'refused' if result is None else 'recorded'}")
    assert is_refusal(message.value) == (result is None)
    if result is None:
        assert_same_log(before, after)
    return result, before, after


@pytest.mark.slow
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_the_interview_form_saves_exactly_what_was_typed_or_says_why_not(widget_log, data):
    log = widget_log
    form = InterviewForm(log, now=SAMPLE_NOW, display=False)
    c = form.controls
    # A few fields get anything; the others what a careful person types, so that saves happen too.
    fuzzed = data.draw(st.sets(st.sampled_from([*GOOD_INTERVIEW, *PERSON_FIELDS]), max_size=3), label="fuzzed")
    strategies = {"date": DAYS, "start": TIMES_OF_DAY, "end": TIMES_OF_DAY, "timezone": FORM_ZONES}
    typed = {name: data.draw(strategies.get(name, TYPED) if name in fuzzed else st.just(good), label=name)
             for name, good in GOOD_INTERVIEW.items()}
    people = [{name: data.draw(TYPED if name in fuzzed else st.just(good), label=name)
               for name, good in GOOD_PERSON.items()}
              for _ in range(data.draw(st.integers(0, 3), label="people"))]
    for name, value in typed.items():
        c[name].value = value
    while len(c["people"]) < len(people):
        c["add_person"].click()
    for row, person in zip(c["people"], people):
        for name, value in person.items():
            row[name].value = value
    before = snapshot(log)
    c["save"].click()
    after = snapshot(log)
    if not form.saved:
        assert is_refusal(c["message"].value) and "Nothing was saved" in c["message"].value
        assert_same_log(before, after)
        event("refused")
        return
    event("saved")

    interview_id = form.saved[-1]
    assert "Saved interview" in c["message"].value and not is_refusal(c["message"].value)
    met = [p for p in people if any(v.strip() for v in p.values())]  # rows left blank are skipped
    new_candidate = typed["candidate"].strip() not in before["candidates"]["candidate"].tolist()
    assert len(after["candidates"]) == len(before["candidates"]) + new_candidate
    assert len(after["interviews"]) == len(before["interviews"]) + 1
    assert len(after["interviewers"]) == len(before["interviewers"]) + len(met)
    pd.testing.assert_frame_equal(before["notes"], after["notes"])
    pd.testing.assert_frame_equal(before["outcomes"], after["outcomes"])

    row = after["interviews"].set_index("interview_id").loc[interview_id]
    zone = typed["timezone"].strip()
    assert row["candidate"] == typed["candidate"].strip()
    assert row["company"] == typed["company"].strip() and row["role"] == typed["role"].strip()
    assert _none(row["stage"]) == optional_text(typed["stage"])
    assert row["timezone"] == zone
    for field, name in (("starts_at", "start"), ("ends_at", "end")):
        wall = pd.Timestamp(f"{typed['date'].isoformat()}T{read_time_of_day(typed[name])}")
        assert row[field] == wall.tz_localize(zone, ambiguous=True).tz_convert("UTC"), field
    saved_people = after["interviewers"][after["interviewers"]["interview_id"] == interview_id]
    assert len(saved_people) == len(met)
    for (_, person), typed_person in zip(saved_people.sort_values("interviewer_id").iterrows(), met):
        assert person["name"] == typed_person["name"].strip()
        for name in ("title", "email", "phone"):
            assert _none(person[name]) == optional_text(typed_person[name]), name
        assert _none(person["talking_points"]) == optional_text(typed_person["talking_points"], multiline=True)


def _none(value):
    return None if value is None or pd.isna(value) else value


SENT_TIMES = st.one_of(
    st.sampled_from(["", " ", "2026-11-20 09:30", "2026-09-14 10:30", "2026-09-14 11:00", "2026-12-01 10:00",
                     SAMPLE_NOW, "2026-11-20T17:00:01+00:00", "2026-11-20T12:00:00-05:00", "2026-03-08 02:30",
                     "2026-11-01 01:30", "2026-09-14T11:00:00-04:00", "2026-09-14T10:59:59.999999-04:00"]),
    BAD_TIMES,
)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_the_followup_tracker_records_exactly_what_was_typed_or_says_why_not(widget_log, data):
    log = widget_log
    # Someone still to thank (with a draft, maybe), and a sent note still without a reply.
    person = log.add_interviewer(1, "Ana Lima")
    draft = log.add_note(person, "draft", channel=data.draw(st.sampled_from(CHANNELS))) \
        if data.draw(st.booleans(), label="has a draft") else None
    replier = log.add_interviewer(1, "Bo Chen")
    sent = log.add_note(replier, "sent", sent_at="2026-09-15T09:00")
    tracker = FollowupTracker(log, now=SAMPLE_NOW, display=False)
    c = tracker.controls

    # Mark a note sent, at the time typed.
    c["person"].value = person
    c["channel"].value = channel = data.draw(st.sampled_from(CHANNELS), label="channel")
    c["sent_time"].value = data.draw(SENT_TIMES, label="sent at")
    sent_at, before, after = press(log, tracker.mark_sent, c["sent_message"])
    if sent_at is not None:
        assert pd.Timestamp("2026-09-14T15:00Z") <= sent_at <= NOW
        notes = after["notes"].set_index("note_id")
        mine = notes[notes["interviewer_id"] == person]
        assert len(mine) == 1 and mine["sent_at"].iloc[0] == sent_at and mine["channel"].iloc[0] == channel
        assert draft is None or mine.index[0] == draft
        assert len(after["notes"]) == len(before["notes"]) + (draft is None)
        others = before["notes"][before["notes"]["interviewer_id"] != person].reset_index(drop=True)
        pd.testing.assert_frame_equal(others, after["notes"][after["notes"]["interviewer_id"] != person]
                                      .reset_index(drop=True))

    # Record a reply, at the time typed.
    c["note"].value = sent
    c["replied_time"].value = data.draw(SENT_TIMES, label="replied at")
    replied_at, before, after = press(log, tracker.mark_replied, c["reply_message"])
    if replied_at is not None:
        assert pd.Timestamp("2026-09-15T13:00Z") <= replied_at <= NOW
        expected = before["notes"].copy()
        expected.loc[expected["note_id"] == sent, "replied_at"] = replied_at
        pd.testing.assert_frame_equal(expected, after["notes"])

    # Record (or change) the outcome of the interview, on the day chosen.
    c["interview"].value = 1
    c["outcome"].value = outcome = data.draw(st.sampled_from(OUTCOMES), label="outcome")
    c["decided_on"].value = day = data.draw(
        st.one_of(DAYS, st.dates(datetime.date(2026, 9, 13), datetime.date(2026, 11, 21))), label="decided on")
    recorded, before, after = press(log, tracker.record_outcome, c["outcome_message"])
    if recorded is not None:
        assert datetime.date(2026, 9, 14) <= day <= datetime.date(2026, 11, 20)
        row = after["outcomes"].set_index("interview_id").loc[1]
        assert row["outcome"] == outcome
        assert row["decided_at"].tz_convert("America/New_York").date() == day
        for kind in ("candidates", "interviews", "interviewers", "notes"):
            pd.testing.assert_frame_equal(before[kind], after[kind])


# -- a malformed $WORKBOOK_NOW is told in the widget, not raised ------------------------------

BAD_NOWS = ["2026-11-20T17:00", "2026-11-20T17:00:00+25:00", "<b>tomorrow</b>"]
WIDGETS = {
    "interview form": (lambda log, **kw: InterviewForm(log, display=False, **kw), "message"),
    "note builder": (lambda log, **kw: NoteBuilder(log, display=False, **kw), "message"),
    "follow-up tracker": (lambda log, **kw: FollowupTracker(log, display=False, **kw), "summary"),
    "habits dashboard": (lambda log, **kw: HabitsDashboard(log, charts=(), display=False, **kw), "message"),
}


@pytest.mark.parametrize("given_as", ["WORKBOOK_NOW", "now="])
@pytest.mark.parametrize("bad", BAD_NOWS)
@pytest.mark.parametrize("name", list(WIDGETS))
def test_a_malformed_now_is_told_in_the_widget_which_offers_nothing_to_press(
        one_interview, monkeypatch, name, bad, given_as):
    import html

    log, _, _ = one_interview
    make, where = WIDGETS[name]
    before = snapshot(log)
    if given_as == "WORKBOOK_NOW":
        monkeypatch.setenv("WORKBOOK_NOW", bad)
        widget = make(log)
        fix = "set WORKBOOK_NOW to a time with its UTC offset, like 2026-11-20T17:00:00+00:00, or remove it"
    else:
        widget = make(log, now=bad)
        fix = "give now= a time with its UTC offset"
    shown = widget.controls[where].value
    assert is_refusal(shown) and "the time now is unknown" in shown and fix in shown
    assert html.escape(bad) in shown and "<b>tomorrow" not in shown  # what is wrong, escaped
    assert isinstance(widget.error, workbook.InvalidTimeError)
    controls = [w for w in widget_tree(widget.widget) if w.has_trait("disabled")]
    assert controls and all(w.disabled for w in controls)
    if name == "interview form":
        assert widget.save() is None and is_refusal(widget.controls["message"].value)
    assert_same_log(before, snapshot(log))
