"""A spreadsheet copy of the log: one ``.xlsx`` file, one sheet per table.

For reading and sharing the log in Excel, LibreOffice or Google Sheets; the CSV folder
(:mod:`workbook.store.csv_files`) stays the format the workbook imports. The sheets are named and
ordered as the CSV files (candidates, interviews, interviewers, notes, outcomes), with the
same columns, and every time as the same local wall-clock text with its offset. A line break
in a cell is a line feed, as spreadsheet programs write it (a carriage return, alone or before
a line feed, becomes one).

Nothing in the log turns into a formula: every text cell is stored as text, never as a
formula or an error value, and text a spreadsheet program would read as one when the cell
is edited (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is also
marked quote-prefixed, as a typed leading apostrophe marks it, so that it stays text then too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import InvalidValueError, Problem, raise_problems
from ..files import write_replacing
from .kinds import KINDS

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


def _sheet_rows(kind: str, table: pd.DataFrame):
    """The rows of one sheet as lists of plain Python values (None where empty), header first;
    a problem for any text the file format cannot hold."""
    values = table.astype(object).where(table.notna(), None)
    problems = []
    for name in table.columns:
        text = values[name].map(lambda v: v if isinstance(v, str) else "")
        for key in table.loc[text.str.contains(_NOT_IN_XLSX).to_numpy(dtype=bool), KINDS[kind].key]:
            problems.append(Problem(f"{KINDS[kind].singular} {key}", name,
                                    "holds a control character a spreadsheet cannot hold; correct it in the log",
                                    InvalidValueError))
    return [list(table.columns), *values.itertuples(index=False, name=None)], problems


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

    from .csv_files import export_tables

    sheets, problems = {}, []
    for kind, table in export_tables(log).items():
        sheets[kind], found = _sheet_rows(kind, table)
        problems += found
    raise_problems(problems)

    book = Workbook(write_only=True)
    for kind, rows in sheets.items():
        sheet = book.create_sheet(kind)
        for row in rows:
            sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])

    return write_replacing(target, book.save)


def _cell(sheet, value, make_cell):
    """A value for one cell: numbers as they are, text always as a text cell."""
    if not isinstance(value, str):
        return value.item() if hasattr(value, "item") else value
    if not value:
        return None
    # A line break in a cell is a line feed; a carriage return would not survive the XML.
    cell = make_cell(sheet, _LINE_BREAK.sub("\n", value))
    # openpyxl makes "=..." a formula and "#N/A" an error value: this one is text.
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
