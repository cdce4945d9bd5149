"""A spreadsheet copy of the log: one ``.xlsx`` file, one sheet per table.

For reading and sharing the log in Excel, LibreOffice or Google Sheets; the CSV folder
(:mod:`workbook.store.csv_files`) stays the format the workbook imports. The sheets are named and
ordered as the CSV files (candidates, interviews, interviewers, notes, outcomes), with the
same columns, and every time as the same local wall-clock text with its offset (ISO 8601),
written to the second: a spreadsheet is for reading, and a fraction of a second there is
noise (the CSV keeps it, for an exact round trip). A line break in a cell is a line feed, as
spreadsheet programs write it (a carriage return, alone or before a line feed, becomes one).
Each sheet's header row is bold and stays in view (frozen) as one scrolls, and each column
is as wide as its longest line, up to :data:`WIDEST` characters.

Every field is stored as text, ids included: nothing in the log turns into a formula, a
number or a date (a phone number keeps its leading zero, ``12`` stays the text a CSV file
holds). No cell is a formula or an error value, and text a spreadsheet program would read as
a formula when the cell is edited (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is also marked quote-prefixed, as a typed leading apostrophe marks it, so
that it stays text then too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import InvalidValueError, Problem, raise_problems
from ..files import write_replacing
from .kinds import KINDS, TIME_FIELDS

if TYPE_CHECKING:
    from .log import Log

#: What a text cell starts with that a spreadsheet program reads as a formula when it is typed
#: or edited (some programs drop a leading tab or carriage return first).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The file name's ending an export must have.
SUFFIX = ".xlsx"

# Characters the .xlsx format (XML 1.0) cannot hold: the control characters but tab and line
# breaks, and two non-characters. The log refuses the control characters; only a row that
# reached the database some other way has one.
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n?")
# The fraction of a second in an ISO 8601 time ("…T15:30:00.123456-04:00"): a sheet is read to the second.
_FRACTION = re.compile(r"(?<=T\d\d:\d\d:\d\d)\.\d+")
#: The widest a column is made, in characters; longer text is there whole, shown cut.
WIDEST = 60


def _checked_target(path) -> Path:
    """The file to write: an ``.xlsx`` name in a folder that exists."""
    text = str(path)
    target = Path(text).expanduser() if "\x00" not in text else None
    reason = None
    if target is None:
        reason = "holds a NUL character; give a plain path, like exports/log.xlsx"
    elif target.name in ("", ".", "..") or not target.name.lower().endswith(SUFFIX) or target.name.lower() == SUFFIX:
        reason = f"is not an {SUFFIX} file name; give one like exports/log{SUFFIX}"
    elif not target.parent.is_dir():
        reason = f"the folder {target.parent} does not exist; create it first or choose another"
    elif target.is_dir() and not target.is_symlink():
        reason = "is a folder; give a file name in it, like log.xlsx"
    if reason:
        raise_problems([Problem(repr(text), "path", reason, InvalidValueError)])
    return target


def _sheet_columns(kind: str, table: pd.DataFrame) -> tuple[dict[str, pd.Series], list[Problem]]:
    """The columns of one sheet as text (None where empty), by field; a problem for any text
    the file format cannot hold."""
    columns, problems = {}, []
    for name in table.columns:
        present = table[name].notna()
        values = table[name].astype(object).where(present, "")
        # Ids (numbers in the log) as the text a CSV file holds: "12".
        text = values.map(lambda v: v if isinstance(v, str) else str(v.item() if hasattr(v, "item") else v))
        if name in TIME_FIELDS:
            text = text.str.replace(_FRACTION, "", n=1, regex=True)
        for key in table.loc[text.str.contains(_NOT_IN_XLSX).to_numpy(dtype=bool), KINDS[kind].key]:
            problems.append(Problem(f"{KINDS[kind].singular} {key}", name,
                                    "holds a control character a spreadsheet cannot hold; correct it in the log",
                                    InvalidValueError))
        text = text.str.replace(_LINE_BREAK, "\n", regex=True)
        columns[name] = text.astype(object).where(present & (text != ""), None)
    return columns, problems


def column_width(header: str, cells: pd.Series) -> int:
    """How wide a column is drawn, in characters: its longest line (the header's included) and
    a little room, at most :data:`WIDEST`."""
    cells = cells.dropna()
    if len(cells) and cells.str.contains("\n", regex=False).any():
        cells = cells.str.split("\n").explode()
    longest = max(len(header), int(cells.str.len().max()) if len(cells) else 0)
    return min(longest + 2, WIDEST)


def export_xlsx(log: "Log", path) -> Path:
    """Write the log to one ``.xlsx`` file at ``path``; return the path.

    An existing file of that name is replaced, at once and whole, and a link of that name is
    replaced by the file, never followed out of the folder (see :mod:`workbook.files`).

    Raises
    ------
    InvalidValueError
        ``path`` is not an ``.xlsx`` file name, its folder does not exist, or a text in the
        log holds a control character a spreadsheet cannot hold (a row written by another
        tool); nothing is written.
    """
    target = _checked_target(path)
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from .csv_files import export_tables

    sheets, problems = {}, []
    for kind, table in export_tables(log).items():
        sheets[kind], found = _sheet_columns(kind, table)
        problems += found
    raise_problems(problems)

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for kind, columns in sheets.items():
        sheet = book.create_sheet(kind)
        # A write-only sheet takes its layout before its first row.
        sheet.freeze_panes = "A2"
        for number, (name, cells) in enumerate(columns.items(), start=1):
            sheet.column_dimensions[get_column_letter(number)].width = column_width(name, cells)
        header = [_cell(sheet, name, WriteOnlyCell) for name in columns]
        for cell in header:
            cell.font = bold
        sheet.append(header)
        for row in zip(*(cells.to_numpy() for cells in columns.values())):
            sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])

    return write_replacing(target, book.save)


def _cell(sheet, value: str | None, make_cell):
    """One cell: text always as a text cell, None where empty."""
    if not value:
        return None
    cell = make_cell(sheet, value)
    # openpyxl makes "=..." a formula and "#N/A" an error value: this one is text.
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
