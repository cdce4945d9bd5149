"""CSV interchange: the format people edit in spreadsheets and the sample data ships in.

A folder holds up to five files (each optional, at least one present), UTF-8 (a byte-order
mark is fine), with a header line naming these columns in any order:

- ``candidates.csv``: candidate, email, phone, skills (separated by ``;``)
- ``interviews.csv``: interview_id, candidate, company, role, stage, timezone, starts_at, ends_at,
  calendar_uid, calendar_sequence (the calendar event an interview was imported from; a
  folder written before the workbook kept them may leave these two out)
- ``interviewers.csv``: interviewer_id, interview_id, name, title, email, phone, talking_points
- ``notes.csv``: note_id, interviewer_id, channel, subject, body, sent_at, replied_at,
  sent_message_id, reply_message_id (the messages in the person's mail the two times were
  read from), written_at (when the note's words were last saved); a folder written before the
  workbook kept them may leave these three out
- ``outcomes.csv``: interview_id, outcome, decided_at

Times are ISO 8601. With an offset, that instant; without one, wall-clock time in the
interview's time zone. An empty ``sent_at`` means the note is a draft.

An import is all or nothing: any bad row and nothing is written, and the error lists every
bad file, line and field. Export writes every time in its interview's local time with the
offset, so that exporting and importing gives back an identical log; it writes the calendar
columns only when some interview came from a calendar, and the message columns only when some
note's times were read from the person's mail.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import CsvImportError, Problem, describe
from ..files import write_replacing
from ..patterns import SPACE
from . import kinds
from ..instants import format_local

if TYPE_CHECKING:
    from .log import Log

#: An import's error message lists every problem, up to this many (``problems`` has them all).
MESSAGE_LIMIT = 1000
#: The order records are imported in: each kind refers only to kinds before it.
KINDS = tuple(kinds.KINDS)


def file_name(kind: str) -> str:
    return f"{kind}.csv"


def export_csv(log: "Log", folder: str | Path) -> Path:
    """Write all five files of ``log`` into ``folder`` (created if missing); return the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for kind, table in export_tables(log).items():
        # Each file whole or not at all, and never through a link out of the folder.
        write_replacing(folder / file_name(kind),
                        lambda file: table.to_csv(file, index=False, lineterminator="\n", encoding="utf-8"))
    return folder


def export_tables(log: "Log") -> dict[str, pd.DataFrame]:
    """The log's five tables as exported, by kind (in :data:`KINDS` order): the CSV columns,
    every time as local wall-clock text with its offset, in its interview's time zone."""
    interviews = log.interviews()
    interviewers = log.interviewers()
    zone_of_interview = interviews.set_index("interview_id")["timezone"]
    zone_of_person = interviewers["interview_id"].map(zone_of_interview)
    zone_of_person.index = interviewers["interviewer_id"]

    tables = {
        "candidates": log.candidates(),
        "interviews": interviews,
        "interviewers": interviewers,
        "notes": log.notes(),
        "outcomes": log.outcomes(),
    }
    zones = {
        "interviews": interviews["timezone"],
        "notes": tables["notes"]["interviewer_id"].map(zone_of_person),
        "outcomes": tables["outcomes"]["interview_id"].map(zone_of_interview),
    }
    exported = {}
    for kind, table in tables.items():
        table = table.copy()
        # Columns a later workbook added go out only when some record has a value in them: a
        # log without a calendar event writes the files a workbook from before them reads.
        unused = [name for name in kinds.KINDS[kind].later if table[name].isna().all()]
        for name in kinds.KINDS[kind].fields:
            if name.endswith("_at"):
                table[name] = format_local(table[name], zones[kind])
        exported[kind] = table.drop(columns=unused)
    return exported


def _read(path: Path, kind: str) -> tuple[pd.DataFrame, pd.Series, list[int], list[Problem]]:
    """One CSV file as text columns, each row's name in messages and the line it starts on,
    and what is wrong with the file.

    A well-formed file (the header right, every quote where CSV allows one, every row as long
    as the header) is read by Arrow's CSV reader, in C. Anything else is read by the csv
    module, row by row, which names each problem and its line; both give the same rows and
    lines for every file the quick way accepts.
    """
    name = path.name
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return pd.DataFrame(), pd.Series(dtype=object), [], [
            Problem(f"{name} line {line}", "(encoding)", "is not UTF-8 text; save the file as CSV UTF-8", CsvImportError)
        ]
    if not text.strip():
        return pd.DataFrame(), pd.Series(dtype=object), [], [
            Problem(f"{name} line 1", "(header)", "the file is empty; it needs at least the header line", CsvImportError)
        ]
    if "\x00" in _FIRST_LINE.match(text).group():  # UTF-16 without a byte-order mark reads so
        return pd.DataFrame(), pd.Series(dtype=object), [], [
            Problem(f"{name} line 1", "(encoding)", "holds NUL bytes, as UTF-16 text does, not UTF-8; "
                    "save the file as CSV UTF-8", CsvImportError)
        ]
    quick = _read_well_formed(raw, text, name, kind)
    if quick is not None:
        return quick
    return _read_row_by_row(text, name, kind)


def _reader(text: str):
    # Text of any length is fine in the log; the csv module's default cap (128 KiB) is not.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    return csv.reader(io.StringIO(text, newline=""), strict=True)


def _read_row_by_row(text: str, name: str, kind: str) -> tuple[pd.DataFrame, pd.Series, list[int], list[Problem]]:
    """The csv module's reading of any file: each row checked on its own, every problem named."""
    reader = _reader(text)
    problems: list[Problem] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
        expected = kinds.KINDS[kind].fields
        missing = [c for c in expected if c not in header and c not in kinds.KINDS[kind].later]
        extra = list(dict.fromkeys(c for c in header if c not in expected))  # each named once
        repeated = sorted({c for c in header if c in expected and header.count(c) > 1})
        for column in missing:
            problems.append(Problem(f"{name} line 1", column, "this column is missing from the header", CsvImportError))
        for column in extra:
            problems.append(Problem(f"{name} line 1", column or "(blank)", f"is not a column of {name}; the columns are {', '.join(expected)}", CsvImportError))
        for column in repeated:
            problems.append(Problem(f"{name} line 1", column, "this column appears more than once", CsvImportError))
        if problems:
            return pd.DataFrame(), pd.Series(dtype=object), [], problems
        records, lines = [], []
        start = reader.line_num + 1
        for record in reader:
            if any(value.strip() for value in record):
                if len(record) != len(header):
                    problems.append(Problem(
                        f"{name} line {start}", "(row)",
                        f"has {len(record)} fields, the header has {len(header)}", CsvImportError))
                else:
                    records.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        return pd.DataFrame(), pd.Series(dtype=object), [], [
            Problem(f"{name} line {reader.line_num}", "(row)", f"is not valid CSV: {error}", CsvImportError)
        ]
    frame = _in_field_order(pd.DataFrame(records, columns=header, dtype=str), kind) if records else _no_rows(kind)
    return frame, _row_names(name, lines), lines, problems


def _in_field_order(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A file's columns in the order of the kind's fields; the columns of fields added later
    (see :attr:`~workbook.store.kinds.Kind.later`) that an older file lacks, empty."""
    fields = kinds.KINDS[kind].fields
    if all(name in frame.columns for name in fields):
        return frame[fields]
    return frame.reindex(columns=fields, fill_value="")


def _no_rows(kind: str) -> pd.DataFrame:
    """A file of ``kind`` with no rows but its header."""
    return pd.DataFrame(columns=kinds.KINDS[kind].fields, dtype=str)


def _row_names(name: str, lines) -> pd.Series:
    """How each row is named in messages: "notes.csv line 7" (written by Arrow, in C)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    numbers = pa.array(np.asarray(lines, dtype=np.int64)).cast(pa.large_string())
    prefix, nothing = pa.scalar(f"{name} line ", pa.large_string()), pa.scalar("", pa.large_string())
    return pc.binary_join_element_wise(prefix, numbers, nothing).to_pandas()


# A file whose every quote is where strict CSV allows one: a quoted field opens a field and
# closes right before a comma or the end of a line ("" inside it is one quote); a quote inside
# an unquoted field is just a character. Arrow's reader, unlike the csv module, would take
# `"abc"d` as `abcd` and a quote left open as running to the end of the file: such files go
# row by row, where they are refused. (Possessive repeats: one pass, no backtracking.)
_WELL_QUOTED = re.compile(r'''
    (?: [^"]++
      | (?<![^,\r\n]) " (?:[^"]++|"")*+ " (?=[,\r\n]|\Z)
      | (?<=[^,\r\n]) "
    )*+''', re.VERBOSE)
_FIRST_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
# Any character but the ones str.strip() takes away: a row without one is wholly blank and
# skipped, as the csv-module reading skips it.
_NOT_BLANK = f"[^{SPACE}]"


def _with_text(values) -> np.ndarray:
    """Which values of an Arrow column of text are not blank (in Arrow's regex engine)."""
    import pyarrow.compute as pc

    return np.array(pc.match_substring_regex(values, _NOT_BLANK).to_numpy(zero_copy_only=False), dtype=bool)


def _read_well_formed(raw: bytes, text: str, name: str, kind: str):
    """A well-formed file read at once by Arrow's CSV reader, or None for any other file.

    Row ``i`` starts on line 2 + ``i`` + the line breaks inside the fields of the rows before
    it (a CR LF pair, a lone CR and a lone LF each count once, as for the csv module), blank
    rows included; then the wholly blank rows are dropped. As a check that Arrow saw the same
    rows as the csv module would, those lines must add up to the file's.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as arrow_csv

    first_line = _FIRST_LINE.match(text).group()
    try:  # a header running over several lines goes row by row
        header = [h.strip().lower() for h in next(_reader(first_line))]
    except csv.Error:
        return None
    fields = kinds.KINDS[kind].fields
    whole = sorted(header) == sorted(fields)
    older = (len(set(header)) == len(header) and set(header) <= set(fields)
             and set(fields) - set(header) <= set(kinds.KINDS[kind].later))  # written before the later fields
    if not (whole or older) or not _WELL_QUOTED.fullmatch(text):
        return None
    columns = [str(i) for i in range(len(header))]
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(raw),
            read_options=arrow_csv.ReadOptions(column_names=columns, skip_rows=1),
            # An empty line is a row of empty fields, so that it counts in the line numbers.
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.large_string()),  # as pandas keeps text
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowException:  # a row longer or shorter than the header, most likely
        return None

    rows = table.num_rows
    breaks = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    lines_in_file = breaks + (0 if raw.endswith((b"\n", b"\r")) else 1)
    inside = np.zeros(rows, dtype=np.int64)
    if lines_in_file != 1 + rows:  # some field runs over several lines
        for column in table.columns:
            inside += pc.count_substring_regex(column, r"\r\n|\r|\n").to_numpy(zero_copy_only=False)
        if lines_in_file != 1 + rows + inside.sum():
            return None
    starts = 2 + np.arange(rows) + np.cumsum(inside) - inside

    # Most rows have text in their first field; only the others need a look at the rest.
    filled = _with_text(table.column(0))
    for column in table.columns[1:]:
        unsure = np.flatnonzero(~filled)
        if not len(unsure):
            break
        filled[unsure] = _with_text(column.take(unsure))
    lines = starts[filled].tolist()
    if not lines:
        return _no_rows(kind), _row_names(name, lines), lines, []
    frame = _in_field_order(table.filter(pa.array(filled)).rename_columns(header).to_pandas(), kind)
    return frame, _row_names(name, lines), lines, []


def import_csv(log: "Log", folder: str | Path) -> dict[str, int]:
    """Add the records in ``folder`` to ``log``, all or nothing; see the module docstring."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CsvImportError(f"{folder} is not a folder", [Problem(str(folder), "(folder)", "is not a folder", CsvImportError)])
    present = [kind for kind in KINDS if (folder / file_name(kind)).is_file()]
    if not present:
        names = ", ".join(file_name(k) for k in KINDS)
        raise CsvImportError(
            f"{folder} holds none of the workbook's files ({names})",
            [Problem(str(folder), "(folder)", f"holds none of {names}", CsvImportError)],
        )

    problems: list[Problem] = []
    added: dict[str, int] = {kind: 0 for kind in KINDS}
    # The files are read before the write begins: on a shared log, other notebooks' writes
    # wait only for the checks and the writing, not for the reading of the files.
    read = {}
    for kind in KINDS:
        if kind in present:
            frame, where, lines, found = _read(folder / file_name(kind), kind)
            problems += found
            if not found and len(frame):
                read[kind] = frame, where, lines
    with log.write() as w:
        for kind, (frame, where, lines) in read.items():
            if kind == "interviews":
                _add_named_candidates(frame, w)
            rows, found = w.prepare(kind, frame, where, record=file_name(kind), keys=lines)
            if found:
                line_of = dict(zip(where.tolist(), lines))
                problems += sorted(found, key=lambda p: line_of[p.row])  # in the file's order
            if kind == "candidates":
                rows["candidate_id"] = w.new_ids("candidates", len(rows))
            w.stage(kind, rows)
        if problems:
            raise CsvImportError(
                f"Nothing was imported from {folder}: {len(problems)} problem{'s' if len(problems) > 1 else ''}:\n"
                + describe(problems, limit=MESSAGE_LIMIT),
                problems,
            )
        for kind in KINDS:
            rows = w.staged(kind)
            if rows is not None and len(rows):
                w.insert(kind, rows)
                added[kind] = len(rows)
    return added


def _add_named_candidates(frame: pd.DataFrame, w) -> None:
    """Candidates named in interviews.csv but in no candidates.csv nor the log: just the name."""
    names = frame["candidate"].astype(str).str.strip()
    names = pd.Series(pd.unique(names[names != ""]), dtype=object)
    if not len(names):
        return
    known = w.rows("candidates", "candidate", names)["candidate"]
    new = names[~names.isin(known)]
    if len(new):
        rows = pd.DataFrame({"candidate": new.to_numpy(), "email": None, "phone": None, "skills": None})
        rows["candidate_id"] = w.new_ids("candidates", len(rows))
        w.stage("candidates", rows)
