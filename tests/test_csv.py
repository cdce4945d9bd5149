"""CSV interchange: what people edit in spreadsheets comes in whole or not at all, and what
goes out comes back identical, on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
import textwrap
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbook
from workbook.store import csv_files as csvio
from workbook.store.csv_files import KINDS, file_name

from .conftest import assert_same_log, snapshot

pytestmark = pytest.mark.backends("sqlite", "postgresql")

HEADERS = {
    "candidates": "candidate,email,phone,skills",
    "interviews": "interview_id,candidate,company,role,stage,timezone,starts_at,ends_at",
    "interviewers": "interviewer_id,interview_id,name,title,email,phone,talking_points",
    "notes": "note_id,interviewer_id,channel,subject,body,sent_at,replied_at",
    "outcomes": "interview_id,outcome,decided_at",
}

GOOD = {
    "candidates": """\
        Maya Okafor,maya@example.com,+1 555 0100,SQL; Python;  dashboards
        """,
    "interviews": """\
        1,Maya Okafor,Northwind Analytics,Data analyst,phone screen,America/New_York,2026-09-14T10:00,2026-09-14T10:45
        2,Tom Becker,Alder Clinics,Nurse manager,,America/Chicago,2026-10-31T15:00:00-05:00,2026-10-31T16:00:00-05:00
        """,
    "interviewers": """\
        1,1,Ana Lima,Analytics lead,ana@northwind.example,,"the churn dashboard, and on-call"
        2,1,José Núñez,Engineer,,,dbt tests
        3,2,Pat Kim,,,,
        """,
    "notes": """\
        1,1,email,Thank you — data analyst interview,"Dear Ana,

        Thank you for the talk about the ""churn dashboard"".
        Maya",2026-09-14T15:00,2026-09-15T09:10
        2,2,email,,draft to José,,
        3,3,handwritten,,Dear Pat,2026-11-01T16:30,
        """,
    "outcomes": """\
        1,next_round,2026-09-18
        """,
}


def write_folder(folder: Path, files: dict[str, str], raw: dict[str, bytes] | None = None,
                 newline: str = "\n", encoding: str = "utf-8") -> Path:
    """CSV files of the rows given (lines end with ``newline``, inside quotes too, as a
    spreadsheet writes them), plus files given as raw bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind, rows in files.items():
        text = HEADERS[kind] + "\n" + textwrap.dedent(rows)
        (folder / f"{kind}.csv").write_bytes(text.replace("\n", newline).encode(encoding))
    for name, data in (raw or {}).items():
        (folder / name).write_bytes(data)
    return folder


def test_import_reads_every_field(log, tmp_path):
    counts = log.import_csv(write_folder(tmp_path / "in", GOOD))
    assert counts == {"candidates": 2, "interviews": 2, "interviewers": 3, "notes": 3, "outcomes": 1}
    candidates = log.candidates().set_index("candidate")
    assert candidates.at["Maya Okafor", "skills"] == "SQL; Python; dashboards"
    # Named only in interviews.csv: created with just the name.
    assert candidates.loc["Tom Becker"].isna().all()
    interviews = log.interviews().set_index("interview_id")
    assert interviews.at[1, "ends_at"] == pd.Timestamp("2026-09-14T14:45Z")  # wall clock in New York
    assert interviews.at[2, "starts_at"] == pd.Timestamp("2026-10-31T20:00Z")  # the offset given
    assert pd.isna(interviews.at[2, "stage"])
    notes = log.notes().set_index("note_id")
    assert notes.at[1, "body"] == 'Dear Ana,\n\nThank you for the talk about the "churn dashboard".\nMaya'
    assert notes.at[1, "subject"] == "Thank you — data analyst interview"
    assert pd.isna(notes.at[2, "sent_at"])  # empty sent_at: a draft
    # Sunday 2026-11-01 16:30 in Chicago is after the clocks went back: CST, UTC-6.
    assert notes.at[3, "sent_at"] == pd.Timestamp("2026-11-01T22:30Z")
    assert log.interviewers().set_index("interviewer_id").at[2, "name"] == "José Núñez"


def test_export_then_import_gives_back_an_identical_log(log, tmp_path):
    log.import_csv(write_folder(tmp_path / "in", GOOD))
    out = log.export_csv(tmp_path / "out")
    # The copy is a SQLite file: from a PostgreSQL log, the files cross from one backend to the other.
    with workbook.open_log(tmp_path / "copy.sqlite") as copy:
        copy.import_csv(out)
        assert_same_log(snapshot(log), snapshot(copy))
        again = copy.export_csv(tmp_path / "again")
    for kind in KINDS:
        assert (out / f"{kind}.csv").read_bytes() == (again / f"{kind}.csv").read_bytes()


def test_export_writes_local_times_with_their_offset(log, tmp_path):
    log.import_csv(write_folder(tmp_path / "in", GOOD))
    out = log.export_csv(tmp_path / "out")
    interviews = (out / "interviews.csv").read_text(encoding="utf-8").splitlines()
    assert interviews[0] == HEADERS["interviews"]
    assert interviews[1].endswith(",America/New_York,2026-09-14T10:00:00-04:00,2026-09-14T10:45:00-04:00")
    notes = (out / "notes.csv").read_text(encoding="utf-8")
    assert "2026-11-01T16:30:00-06:00" in notes


def test_the_sample_data_exports_byte_for_byte_as_shipped(sample_log, tmp_path):
    out = sample_log.export_csv(tmp_path / "out")
    for kind in KINDS:
        assert (out / f"{kind}.csv").read_bytes() == (workbook.config.SAMPLE_DIR / f"{kind}.csv").read_bytes(), kind


def test_an_ambiguous_local_time_takes_its_first_occurrence(log, tmp_path):
    files = {"interviews": "1,Tom Becker,Alder,Nurse,,America/Chicago,2026-11-01T01:15,2026-11-01T01:45\n"}
    log.import_csv(write_folder(tmp_path / "in", files))
    # 01:15 happens twice that night; the first time is still daylight time (UTC-5).
    assert log.interviews().loc[0, "starts_at"] == pd.Timestamp("2026-11-01T06:15Z")


def test_a_byte_order_mark_and_blank_lines_are_fine(log, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = HEADERS["interviews"] + "\n1,Maya Okafor,Northwind,Analyst,,UTC,2026-09-14T10:00,2026-09-14T11:00\n,,,,,,,\n\n"
    (folder / "interviews.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert log.import_csv(folder)["interviews"] == 1


def problems_of(error: workbook.CsvImportError) -> list[tuple[str, str]]:
    return [(p.row, p.field) for p in error.problems]


@pytest.mark.parametrize("newline, encoding", [("\n", "utf-8"), ("\r\n", "utf-8-sig"), ("\r", "utf-8")])
def test_a_folder_with_bad_rows_imports_nothing_and_lists_every_problem(sample_log, tmp_path, newline, encoding):
    bad = {
        **GOOD,
        "interviews": """\
            901,Maya Okafor,Northwind Analytics,Data analyst,,Europe/Pariss,2026-09-14T10:00,2026-09-14T10:45
            902,Maya Okafor,Northwind Analytics,Data analyst,,America/New_York,2026-03-08T02:30,2026-03-08T03:30
            903,Maya Okafor,Northwind Analytics,Data analyst,,America/New_York,2026-09-14T11:00,2026-09-14T10:00
            904,Maya Okafor,Northwind Analytics,Data analyst,,America/New_York,next tuesday,2026-09-14T10:00
            """,
        "interviewers": """\
            901,903,Ana Lima,,,,
            902,999,Ghost,,,,
            1,903,Already there,,,,
            """,
        "notes": """\
            901,901,email,Thanks,"Dear Ana,
            two lines",2026-09-14T09:00,
            902,901,pigeon,,x,,
            """,
        "outcomes": """\
            903,hired,2026-09-20
            """,
    }
    before = snapshot(sample_log)
    with pytest.raises(workbook.CsvImportError) as refused:
        sample_log.import_csv(write_folder(tmp_path / "bad", bad, newline=newline, encoding=encoding))
    found = problems_of(refused.value)
    assert found == [
        ("interviews.csv line 2", "timezone"),
        ("interviews.csv line 3", "starts_at"),
        ("interviews.csv line 4", "ends_at"),
        ("interviews.csv line 5", "starts_at"),
        ("interviewers.csv line 3", "interview_id"),
        ("interviewers.csv line 4", "interviewer_id"),
        ("notes.csv line 2", "sent_at"),
        ("notes.csv line 4", "channel"),  # line 4: the body above runs over two lines
        ("outcomes.csv line 2", "outcome"),
    ]
    message = str(refused.value)
    assert message.startswith("Nothing was imported from")
    assert "interviews.csv line 3, starts_at: 2026-03-08 02:30 does not exist in America/New_York" in message
    assert "interviewers.csv line 4, interviewer_id: interviewer 1 is already in the log" in message
    assert_same_log(before, snapshot(sample_log))


def test_rows_of_an_interview_in_an_unknown_time_zone_are_refused_not_a_crash(log, tmp_path):
    # Times with an offset parse without the zone; their order is still checked, in UTC.
    files = {
        "interviews": "1,Maya,Co,Role,,Europe/Pariss,2026-09-14T10:00+02:00,2026-09-14T11:00+02:00\n",
        "interviewers": "1,1,Ana Lima,,,,\n",
        "notes": "1,1,email,Thanks,Dear Ana,2026-09-14T12:00Z,2026-09-14T11:00Z\n",
        "outcomes": "1,offer,2026-09-13T09:00Z\n",
    }
    before = snapshot(log)
    with pytest.raises(workbook.CsvImportError) as refused:
        log.import_csv(write_folder(tmp_path / "bad", files))
    assert problems_of(refused.value) == [
        ("interviews.csv line 2", "timezone"),
        ("notes.csv line 2", "replied_at"),
        ("outcomes.csv line 2", "decided_at"),
    ]
    message = str(refused.value)
    assert "the reply came 2026-09-14 11:00, before the note was sent (2026-09-14 12:00 UTC)" in message
    assert "outcomes.csv line 2, decided_at: is before the interview's date" in message
    assert_same_log(before, snapshot(log))


@pytest.mark.parametrize("files, raw, expected, words", [
    ({}, {"interviews.csv": b"interview_id,candidate,company\n1,A,B\n"},
     [("interviews.csv line 1", c) for c in ("role", "stage", "timezone", "starts_at", "ends_at")],
     "this column is missing"),
    ({}, {"interviews.csv": (HEADERS["interviews"] + ",colour\n").encode()},
     [("interviews.csv line 1", "colour")], "is not a column of interviews.csv"),
    ({}, {"interviews.csv": b""}, [("interviews.csv line 1", "(header)")], "the file is empty"),
    ({}, {"interviews.csv": (HEADERS["interviews"] + "\n1,Maya,Co,Role\n").encode()},
     [("interviews.csv line 2", "(row)")], "has 4 fields, the header has 8"),
    ({}, {"interviewers.csv": (HEADERS["interviewers"] + "\n1,1,Jos\xe9,,,,\n").encode("latin-1")},
     [("interviewers.csv line 2", "(encoding)")], "is not UTF-8"),
    ({"interviews": "1,Maya,Co,Role,,UTC,2026-09-14T10:00,2026-09-14T11:00\n"
                    "1,Maya,Co,Role,,UTC,2026-09-15T10:00,2026-09-15T11:00\n"},
     {}, [("interviews.csv line 2", "interview_id"), ("interviews.csv line 3", "interview_id")], "appears more than once"),
    ({"interviews": "x1,Maya,Co,Role,,UTC,2026-09-14T10:00,2026-09-14T11:00\n"},
     {}, [("interviews.csv line 2", "interview_id")], "not a whole number"),
    ({"outcomes": "1,offer,\n"}, {}, [("outcomes.csv line 2", "interview_id"), ("outcomes.csv line 2", "decided_at")],
     "the log holds no interview 1"),
])
def test_broken_files_are_refused_naming_file_line_and_field(log, tmp_path, files, raw, expected, words):
    before = snapshot(log)
    with pytest.raises(workbook.CsvImportError, match=words) as refused:
        log.import_csv(write_folder(tmp_path / "bad", files, raw))
    assert problems_of(refused.value) == expected
    assert_same_log(before, snapshot(log))


def test_a_missing_folder_or_one_without_workbook_files_is_refused(log, tmp_path):
    with pytest.raises(workbook.CsvImportError, match="is not a folder"):
        log.import_csv(tmp_path / "nowhere")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "contacts.csv").write_text("name\nAna\n", encoding="utf-8")
    with pytest.raises(workbook.CsvImportError, match="holds none of the workbook's files"):
        log.import_csv(tmp_path / "other")


def test_importing_adds_to_a_log_and_refuses_ids_it_already_holds(log, tmp_path):
    log.add_candidate("Maya Okafor", email="maya@example.com")
    first = write_folder(tmp_path / "first", {"interviews": GOOD["interviews"]})
    log.import_csv(first)
    # Maya was matched by name and kept her details; Tom was created.
    assert log.candidates()["candidate"].tolist() == ["Maya Okafor", "Tom Becker"]
    assert log.candidates().loc[0, "email"] == "maya@example.com"
    before = snapshot(log)
    with pytest.raises(workbook.CsvImportError, match="interview 1 is already in the log"):
        log.import_csv(first)
    assert_same_log(before, snapshot(log))
    more = write_folder(tmp_path / "more", {"interviewers": "7,2,Pat Kim,,,,\n"})
    assert log.import_csv(more)["interviewers"] == 1


def test_a_candidate_already_in_the_log_cannot_be_imported_again(log, tmp_path):
    log.add_candidate("Maya Okafor")
    with pytest.raises(workbook.CsvImportError, match="candidate Maya Okafor is already in the log"):
        log.import_csv(write_folder(tmp_path / "in", {"candidates": GOOD["candidates"]}))


# -- a large folder is read at once, with the same rows, lines and checks ---------------------
# A well-formed file is read by Arrow's CSV reader; any other by the csv module, row by row.
# Both must give the same rows and the same line numbers for every file the quick way takes.

def read_both_ways(data: bytes, kind: str = "outcomes"):
    text = data.decode("utf-8-sig")
    name = file_name(kind)
    return csvio._read_well_formed(data, text, name, kind), csvio._read_row_by_row(text, name, kind)


def assert_read_alike(quick, careful) -> None:
    assert careful[3] == []
    pd.testing.assert_frame_equal(quick[0], careful[0])
    pd.testing.assert_series_equal(quick[1], careful[1])
    assert quick[2] == careful[2]
    assert quick[3] == []


def test_a_well_formed_file_is_read_at_once_with_the_lines_row_by_row_gives(tmp_path):
    rows = textwrap.dedent(GOOD["notes"]) + "\n,,,,,,\n" + '4,3,other,"Hi, ""you""","a\r\nb\rc\n\nd",,\n'
    for newline in ("\n", "\r\n", "\r"):
        for bom in (b"", b"\xef\xbb\xbf"):
            data = bom + (HEADERS["notes"] + "\n" + rows).replace("\n", newline).encode()
            quick, careful = read_both_ways(data, "notes")
            assert quick is not None, (newline, bom)
            assert_read_alike(quick, careful)
            # The blank lines and the row of empty fields are skipped; the bodies run over lines.
            assert quick[2] == [2, 6, 7, 10]
            assert quick[1].tolist()[-1] == "notes.csv line 10"


@pytest.mark.parametrize("data", [
    b'interview_id,outcome,decided_at\n1,"offer"x,2026-09-18\n',  # text after a closing quote
    b'interview_id,outcome,decided_at\n1,offer,"2026-09-18\n',  # a quote left open
    b'interview_id,outcome,decided_at\n1,offer\n',  # a row too short
    b'interview_id,outcome,decided_at\n1,offer,2026-09-18,x\n',  # and one too long
    b'interview_id,outcome,decided_at\n   \n1,offer,2026-09-18\n',  # a line of spaces
    b'"interview_id\n",outcome,decided_at\n1,offer,2026-09-18\n',  # a header over two lines
    b'\xef\xbb\xbf\xef\xbb\xbfinterview_id,outcome,decided_at\n',  # a second byte-order mark
    b'interview_id,outcome,decided_at,\n1,offer,2026-09-18,\n',  # a header not the one expected
])
def test_any_other_file_is_left_to_the_reading_row_by_row(data):
    quick, _ = read_both_ways(data)
    assert quick is None


def test_text_after_a_closing_quote_is_refused_as_before(log, tmp_path):
    files = {"outcomes": '1,"offer"x,2026-09-18\n'}
    with pytest.raises(workbook.CsvImportError, match="is not valid CSV") as refused:
        log.import_csv(write_folder(tmp_path / "in", files))
    assert problems_of(refused.value) == [("outcomes.csv line 2", "(row)")]


FIELD = st.one_of(
    st.text(alphabet=['a', ' ', ',', '"', '\n', '\r', '\t', '\x00', '\x1c', '\x85', '\xa0', 'é', '\u2028'], max_size=5),
    st.sampled_from(["", " ", "  ", "1", "offer", "2026-09-18"]),
)


@st.composite
def csv_files(draw) -> bytes:
    """Text that looks like outcomes.csv, well formed or not: quoted fields and bare ones,
    blank lines, rows of the wrong length, line breaks of every kind."""
    lines = [HEADERS["outcomes"]]
    for _ in range(draw(st.integers(0, 6))):
        fields = [draw(FIELD) for _ in range(draw(st.sampled_from([3, 3, 3, 3, 0, 1, 2, 4])))]
        quoted = [draw(st.booleans()) for _ in fields]
        lines.append(",".join('"' + f.replace('"', '""') + '"' if q else f for f, q in zip(fields, quoted)))
    ends = [draw(st.sampled_from(["\n", "\r\n", "\r"])) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + text.encode("utf-8")


@settings(max_examples=400, database=None, deadline=None)
@given(csv_files())
def test_the_quick_reading_agrees_with_the_reading_row_by_row(data):
    quick, careful = read_both_ways(data)
    if quick is not None:
        assert_read_alike(quick, careful)


def test_every_text_check_reads_alike_in_python_and_in_arrow():
    """The checks' patterns are written so that pandas may run them in Arrow (RE2): on any
    text, Arrow must find what Python's re finds."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from workbook.store import checks as records
    from workbook import instants as times
    from workbook.patterns import SPACE

    every_character = [chr(c) for c in range(0x3100)] + ["\U0001F600", "\ufeff", "\uffff"]
    assert [bool(re.fullmatch(f"[{SPACE}]", c)) for c in every_character] == [c.isspace() for c in every_character]
    values = every_character + [
        "ana@example.com", "ana lima@example.com", "ana@example", "ana\xa0@example.com", "a\u2028@b.co",
        "2026-09-14T10:00:00-04:00", "2026-09-14 10:00 Z", "2026-09-14T10:00\u3000+01:00", "2026-09-14", "10:00\x1c+01",
        "Ana\nLima", "Ana\r\n", "tab\there", "\x7f", "\x9f", "\xa0",
    ]
    for pattern in (records._CONTROL, records._CONTROL_MULTILINE, records._EMAIL, f"[^{SPACE}]", times._OFFSET_AT_END):
        in_python = [bool(re.search(pattern, v)) for v in values]
        assert pc.match_substring_regex(pa.array(values), pattern).to_pylist() == in_python, pattern


@pytest.mark.parametrize("name", ["Ana\x85Lima", "Ana\u2028Lima", "Ana\x7fLima", "Ana\x00Lima", "Ana\tLima"])
def test_a_control_character_among_plain_names_is_found(log, tmp_path, name):
    plain = "".join(f"{i},1,Person {i},Engineer,,,the roadmap\n" for i in range(2, 50))
    files = {"interviews": textwrap.dedent(GOOD["interviews"]).splitlines()[0] + "\n",
             "interviewers": f'1,1,"{name}",,,,\n' + plain}
    with pytest.raises(workbook.CsvImportError, match="control character") as refused:
        log.import_csv(write_folder(tmp_path / "in", files))
    assert problems_of(refused.value) == [("interviewers.csv line 2", "name")]


def test_an_id_of_eighteen_digits_is_kept_exactly(log, tmp_path):
    files = {"interviews": "999999999999999999,Maya,Co,Role,,UTC,2026-09-14T10:00,2026-09-14T11:00\n"}
    log.import_csv(write_folder(tmp_path / "in", files))
    assert log.interviews()["interview_id"].tolist() == [999999999999999999]


def index_definitions(path: Path) -> list:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()


@pytest.mark.backends("sqlite")
def test_a_large_import_keeps_every_index_of_the_log(log, tmp_path):
    """SQLite: 10,000 people met or more: their table's indexes are built again after the rows are
    in, inside the same transaction; the log ends with the same indexes, whether the import
    goes in or fails in the database half-way."""
    fresh = index_definitions(tmp_path / "log.sqlite")
    assert any(table == "interviewers" for _, table, _ in fresh)
    people = "".join(f"{i},{i % 3 + 1},Person {i},,,,\n" for i in range(1, 12_001))
    interviews = "".join(f"{i},Maya,Co,Role,,UTC,2026-09-14T10:00,2026-09-14T11:00\n" for i in (1, 2, 3))
    folder = write_folder(tmp_path / "in", {"interviews": interviews, "interviewers": people})

    import sqlalchemy

    real = sqlalchemy.engine.Connection.exec_driver_sql

    def failing(self, statement, *args, **kwargs):
        if statement.startswith("INSERT INTO interviewers"):
            raise sqlalchemy.exc.OperationalError(statement[:30], {}, Exception("disk I/O error"))
        return real(self, statement, *args, **kwargs)

    before = snapshot(log)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlalchemy.engine.Connection, "exec_driver_sql", failing)
        with pytest.raises(workbook.LogUnavailableError, match="nothing was changed"):
            log.import_csv(folder)
    assert_same_log(before, snapshot(log))
    assert index_definitions(tmp_path / "log.sqlite") == fresh

    assert log.import_csv(folder)["interviewers"] == 12_000
    assert index_definitions(tmp_path / "log.sqlite") == fresh
    assert log.interviewers()["interviewer_id"].tolist() == list(range(1, 12_001))
