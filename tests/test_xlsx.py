"""The log as a spreadsheet, read back with openpyxl as a spreadsheet program reads it: every
field text (ids and phone numbers too), times to the second with their offset, a frozen bold
header row and columns as wide as what they hold. (That nothing becomes a formula, and where
the file may be written, is in test_injection.py.)"""

from __future__ import annotations

import csv

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from workbook.store.xlsx_file import WIDEST

from .conftest import TABLES

pytestmark = pytest.mark.backends("sqlite", "postgresql")

NOW = "2026-09-20T12:00:00+00:00"
LONG_NOTE = ("Dear Ana,\nThank you for walking me through the churn dashboard and the retention project: "
             "I would be glad to help rebuild it.\nBest,\nMaya")


@pytest.fixture
def exported(one_interview, tmp_path):
    """one_interview with a note sent and replied to at fractions of a second, a phone number
    with a leading zero, exported as .xlsx and as CSV; returns (workbook, csv folder, ids)."""
    log, interview, [ana, bo] = one_interview
    log.change_interviewer(bo, phone="0049 30 1234567")
    note = log.add_note(ana, subject="Thank you", body=LONG_NOTE)
    log.mark_sent(note, at="2026-09-14T15:30:45.987654", now=NOW)
    log.mark_replied(note, at="2026-09-15T08:05:07.000001", now=NOW)
    log.record_outcome(interview, "next_round", "2026-09-18", now=NOW)
    path = log.export_xlsx(tmp_path / "log.xlsx")
    log.export_csv(tmp_path / "csv")
    return openpyxl.load_workbook(path), tmp_path / "csv", (interview, ana, bo, note)


def rows(book, kind) -> list[dict]:
    values = list(book[kind].values)
    return [dict(zip(values[0], row)) for row in values[1:]]


def test_every_field_is_text_ids_and_phone_numbers_included(exported):
    book, _, (interview, ana, bo, note) = exported
    for kind in TABLES:
        for row in book[kind].iter_rows():
            for cell in row:
                assert cell.value is None or (isinstance(cell.value, str) and cell.data_type == "s"), (
                    kind, cell.coordinate, cell.value)
    [row] = rows(book, "notes")
    assert (row["note_id"], row["interviewer_id"]) == (str(note), str(ana))
    people = {r["interviewer_id"]: r for r in rows(book, "interviewers")}
    assert people[str(bo)]["phone"] == "0049 30 1234567"  # the leading zero kept
    assert people[str(bo)]["interview_id"] == str(interview)
    assert rows(book, "outcomes")[0]["interview_id"] == str(interview)


def test_times_are_iso_8601_with_their_offset_to_the_second(exported):
    book, folder, _ = exported
    [row] = rows(book, "notes")
    # In the interview's zone (New York, EDT), the fraction of a second left out; the CSV keeps it.
    assert row["sent_at"] == "2026-09-14T15:30:45-04:00"
    assert row["replied_at"] == "2026-09-15T08:05:07-04:00"
    with open(folder / "notes.csv", newline="", encoding="utf-8") as file:
        [in_csv] = list(csv.DictReader(file))
    assert (in_csv["sent_at"], in_csv["replied_at"]) == ("2026-09-14T15:30:45.987654-04:00",
                                                          "2026-09-15T08:05:07.000001-04:00")
    [interview] = rows(book, "interviews")
    assert (interview["starts_at"], interview["ends_at"]) == ("2026-09-14T10:00:00-04:00", "2026-09-14T11:00:00-04:00")
    assert rows(book, "outcomes")[0]["decided_at"].startswith("2026-09-18T00:00:00-04:00")


def test_each_sheet_has_a_frozen_bold_header_and_columns_as_wide_as_their_text(exported):
    book, _, _ = exported
    for kind in TABLES:
        sheet = book[kind]
        assert sheet.freeze_panes == "A2", kind  # the header row stays in view
        assert all(cell.font.bold for cell in sheet[1]), kind
        for number, header in enumerate(sheet[1], start=1):
            lines = [line for cell in sheet[get_column_letter(number)] if cell.value
                     for line in cell.value.split("\n")]
            width = sheet.column_dimensions[get_column_letter(number)].width
            assert width == min(max(map(len, lines)) + 2, WIDEST), (kind, header.value)
    widths = {cell.value: book["notes"].column_dimensions[cell.column_letter].width for cell in book["notes"][1]}
    assert widths["note_id"] == len("note_id") + 2  # the header is the longest
    assert widths["sent_at"] == len("2026-09-14T15:30:45-04:00") + 2
    assert widths["body"] == WIDEST  # its longest line is longer: capped
    assert len(LONG_NOTE.split("\n")[1]) + 2 > WIDEST
