"""The ``workbook`` command: the log from the terminal, between coaching sessions.

The 24-hour guideline is kept or broken when no notebook is open. The command works on the same
log as the notebooks (``--log``, else ``$WORKBOOK_LOG``, else the default log) and the same
"now" (``--now``, else ``$WORKBOOK_NOW``, else the clock), and calls the same functions:

- ``workbook due``: who still needs a note, most urgent first (``--json`` for scripts);
- ``workbook remind --ics FILE``: a calendar file with one event per note still to send, at the
  moment it falls due, with an alarm before it;
- ``workbook import-calendar``, ``workbook import-mail``, ``workbook export``: the imports and
  exports of the notebooks;
- ``workbook report``: the session report a client takes home.

It is a thin face over the package, as the widgets are: it reads the arguments, calls one
function, and says what happened. An error a person can cause is one line on stderr,
``workbook: error: ...``, and exit status 2 (as argparse's own usage errors), never a traceback.
``import workbook`` never imports this module: only the console script and ``python -m
workbook`` do.
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import json
import os
import sys
import warnings
from pathlib import Path

import pandas as pd

from . import __version__, config
from .errors import InvalidTimeError, InvalidValueError, WorkbookError
from .instants import format_local, resolve_now

PROG = "workbook"
#: Exit status of an error a person can cause, as argparse uses for a usage error.
ERROR_STATUS = 2
#: The environment variable the IMAP password is read from (else it is asked for).
IMAP_PASSWORD_ENV = config.IMAP_PASSWORD_ENV
#: The domain part of a reminder's UID: ``note-due-<interviewer>-<log>@followup-workbook``.
UID_DOMAIN = "followup-workbook"
#: Hours before a note falls due that a reminder's alarm goes off, by default.
ALARM_HOURS = 3.0
_PRODID = f"-//followup-workbook//reminders {__version__}//EN"


# -- the command line --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Run the ``workbook`` command with ``argv`` (default: the process's arguments); return its
    exit status: 0 on success, 2 on an error (one line on stderr) or a usage error."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error (2, already told on stderr)
        return int(exit_.code or 0)
    try:
        return args.run(args) or 0
    except WorkbookError as error:
        return _fail(str(error))
    except BrokenPipeError:  # the reader stopped early ("workbook due | head -3"): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush there
        return 0
    except OSError as error:  # a file the command itself opens: a folder that is not there...
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    """The command's parser: the global options, and one sub-command per task."""
    # The global options are taken before or after the sub-command ("workbook due --log x");
    # SUPPRESS keeps a sub-command's unset copy from hiding the one given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log", metavar="LOG", default=argparse.SUPPRESS,
                        help="the log: a SQLite file or a database URL (default: $WORKBOOK_LOG, else "
                             "the log in your data folder)")
    common.add_argument("--now", metavar="TIME", default=argparse.SUPPRESS,
                        help="the instant to treat as now, ISO 8601 with a UTC offset "
                             "(default: $WORKBOOK_NOW, else the clock)")

    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Follow-up Workbook from the terminal: who still needs a thank-you note, reminders "
                    "in your calendar, imports, exports and the session report, on the notebooks' log.",
        epilog=f"'{PROG} COMMAND --help' tells more of each command.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, run, summary: str, description: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=summary, description=description)
        sub.set_defaults(run=run)
        return sub

    due = command("due", run_due, "who still needs a thank-you note, most urgent first",
                  "Everyone met who still needs a thank-you note, most urgent first: the time left (or how "
                  "overdue) and when it falls due, 24 hours after the interview ended, on the wall clock "
                  "where the interview took place. Exit status 0 whether or not anything is due.")
    due.add_argument("--candidate", metavar="NAME", help="only this candidate's people (a name, or an email address)")
    due.add_argument("--all", action="store_true",
                     help="also those never thanked (the moment for their note has passed)")
    due.add_argument("--json", action="store_true", help="write JSON, for scripts")

    remind = command("remind", run_remind, "write a calendar file reminding you of each note to send",
                     "Write a calendar file (.ics) with one event per note still to send, at the moment it "
                     "falls due, titled with the person and the company, and an alarm some hours before. "
                     "Import it into your calendar, or subscribe to it, and your phone reminds you. Each "
                     "event keeps its UID (made of the person and the log), so importing a newer file "
                     "updates the events rather than adding them again.")
    remind.add_argument("--ics", metavar="FILE", required=True, type=Path, help="the calendar file to write")
    remind.add_argument("--hours-before", metavar="HOURS", type=_hours, default=ALARM_HOURS,
                        help=f"how many hours before the note falls due the alarm goes off (default: {ALARM_HOURS:g})")
    remind.add_argument("--candidate", metavar="NAME", help="only this candidate's notes (a name, or an email address)")

    calendar = command("import-calendar", run_import_calendar, "log interviews from calendar files (.ics)",
                       "Log the interviews in calendar files (.ics invitations or exports: a file, or a folder "
                       "searched for them) as a candidate's, in one transaction, and say what happened to "
                       "each event. The events that look like interviews are imported, or exactly those "
                       "named by --uid. Importing the same file again changes nothing; an update from the "
                       "recruiter moves the interview.")
    calendar.add_argument("source", metavar="SOURCE", help="an .ics file, or a folder of them")
    calendar.add_argument("--candidate", metavar="NAME", required=True,
                          help="whose interviews they are: their name in the log (or their email address)")
    calendar.add_argument("--uid", metavar="UID", action="append", dest="uids",
                          help="import exactly this event (repeat for several)")

    mail = command("import-mail", run_import_mail, "read sent notes and replies from your mail",
                   "Read the sent-mail folder: each thank-you note that went out (a message from you to a "
                   "person you met, after the interview) is marked sent at the time in its Date, a note "
                   "not in the log is added, and replies are recorded; in one transaction. SOURCE is an "
                   "mbox file, a Maildir, a folder of message files, an .eml file, or "
                   "imaps://user@host/Folder (the password from $WORKBOOK_IMAP_PASSWORD, else asked for).")
    mail.add_argument("sources", metavar="SOURCE", nargs="+", help="where the sent messages are")
    mail.add_argument("--candidate", metavar="NAME", required=True, help="whose mail it is: their name in the log")
    mail.add_argument("--window-days", metavar="DAYS", type=_days, default=14,
                      help="how many days after an interview a message counts as its note (default: 14)")
    mail.add_argument("--address", metavar="EMAIL", action="append", dest="addresses",
                      help="another address the candidate sends from (repeat for several)")
    mail.add_argument("--dry-run", action="store_true", help="say what an import would do, and write nothing")

    export = command("export", run_export, "write the log as CSV files or a spreadsheet",
                     "Write the whole log as the workbook's CSV files (to import again, or into another "
                     "log) or as one .xlsx spreadsheet (one sheet per table; nothing in it ever becomes a "
                     "formula).")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--csv", metavar="DIR", type=Path, help="a folder for the CSV files (created if missing)")
    target.add_argument("--xlsx", metavar="FILE", type=Path, help="the spreadsheet to write")

    report = command("report", run_report, "write the session report a client takes home",
                     "Write the session report for one candidate: their habits against the guideline, "
                     "the charts, everyone still to thank, today's drafts and advice from their own "
                     "numbers; one HTML file that opens offline, or a PDF (by the file's suffix).")
    report.add_argument("--candidate", metavar="NAME", required=True, help="whose report it is")
    report.add_argument("--out", metavar="FILE", type=Path,
                        help="report.html or report.pdf (default: session-report-NAME-DATE.html here)")
    report.add_argument("--as-of", metavar="TIME",
                        help="the instant the report looks from (default: --now, $WORKBOOK_NOW or the clock)")
    report.add_argument("--coach-note", metavar="TEXT", help="a note from the coach, printed in the report")
    return parser


def _hours(text: str) -> float:
    try:
        hours = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of hours") from None
    if not 0 <= hours <= 24 * 14:
        raise argparse.ArgumentTypeError(f"{text!r}: give a number of hours from 0 to {24 * 14}")
    return hours


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give at least 1 day")
    return days


def _fail(message: str) -> int:
    """Say an error as one line on stderr; return the exit status."""
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)
    return ERROR_STATUS


def one_line(message: str) -> str:
    """A message of several lines (an error listing its problems) as one line: the problems
    follow the heading, separated by "; "."""
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    if not lines:
        return "unknown error"
    said = lines[0]
    for line in lines[1:]:
        said += (" " if said.endswith(":") else "; ") + line
    return said


def progress_bar(stream, width: int = 30):
    """A progress bar of messages read, drawn on one line of ``stream`` (a terminal) as
    :func:`workbook.mail.scan_sources` tells it: "[#########.....]  31% 12,000 of 38,512 messages";
    the line ends when all are read."""
    def told(read: int, known: int) -> None:
        share = read / known if known else 1.0
        done = int(width * share)
        stream.write(f"\r[{'#' * done}{'.' * (width - done)}] {share:4.0%} {read:,} of {known:,} messages")
        if read >= known:
            stream.write("\n")
        stream.flush()
    return told


def _stage(text: str) -> None:
    """What the command is doing now, on stderr (stdout keeps the result alone)."""
    print(f"{text}…", file=sys.stderr, flush=True)


# -- the log and now ---------------------------------------------------------------------------

def open_log(args):
    """The log the arguments name (``--log``, else ``$WORKBOOK_LOG``, else the default log).

    Unlike the notebooks, the command never creates a log: a file that is not there is most
    likely a typing mistake, and an empty new log would only say that nothing is due."""
    from .store import open_log as open_

    target = getattr(args, "log", None) or config.log_target_from_env()
    if target is None:
        path = config.default_log_path()
        if not path.exists():
            raise InvalidValueError(f"there is no log yet at {path}: open the workbook first (./open-workbook), "
                                    f"or name a log with --log or ${config.LOG_ENV}")
        return open_(path)
    text = str(target)
    # A file (also as a sqlite:/// URL), not a server: it must be there.
    file = Path(text).expanduser() if "://" not in text else (
        Path(text.split(":///", 1)[1].split("?", 1)[0]) if text.lower().startswith("sqlite") and ":///" in text
        else None)
    if file is not None and str(file) not in ("", ":memory:") and not file.exists():
        raise InvalidValueError(f"there is no log at {file}: check the name (--log or "
                                f"${config.LOG_ENV}); the workbook creates a log when it is first opened")
    return open_(target)


def now_of(args) -> pd.Timestamp:
    """The instant to treat as now: ``--now``, else ``$WORKBOOK_NOW``, else the clock."""
    given = getattr(args, "now", None)
    if given is None:
        return resolve_now(None)
    try:
        return resolve_now(given)
    except InvalidTimeError as error:
        reason = error.problems[0].reason if error.problems else str(error)
        raise InvalidTimeError(f"--now: {reason}", error.problems) from None


def _candidate(log, candidate: str | None) -> str | None:
    """The candidate's name in the log (given by name or email address), or None for all."""
    if candidate is None:
        return None
    from .calendar import candidate_address

    return candidate_address(log, candidate)[1]


# -- workbook due ------------------------------------------------------------------------------

#: The columns of ``workbook due``, as headed.
DUE_HEADINGS = ("Time left", "Due (local time)", "Person", "Company", "Candidate")


def still_to_thank(log, now: pd.Timestamp, candidate: str | None = None) -> tuple[pd.DataFrame, int]:
    """Everyone whose note can still be sent, most urgent first (:func:`~workbook.habits.due_now`
    rows), and how many overdue notes can no longer be sent ("never thanked")."""
    from .habits import due_now, followups

    due = due_now(followups(log, now), now)
    if candidate is not None:
        due = due[due["candidate"].astype(str) == candidate].reset_index(drop=True)
    never = due["never_thanked"].to_numpy(dtype=bool)
    return due, int(never.sum())


def run_due(args) -> int:
    from .wording import local_times, standing_words, times_left

    now = now_of(args)
    with open_log(args) as log:
        candidate = _candidate(log, args.candidate)
        due, never = still_to_thank(log, now, candidate)
        has_interviews = bool(len(log.interviews()))
    listed = due if args.all else due[~due["never_thanked"].to_numpy(dtype=bool)].reset_index(drop=True)
    left = times_left(listed["hours_left"])
    local = local_times(listed["due_at"], listed["timezone"], with_zone=True)
    standing = standing_words(listed["status"], listed["never_thanked"])

    if args.json:
        due_local = format_local(listed["due_at"], listed["timezone"])
        people = [{
            "interviewer_id": int(row.interviewer_id), "interviewer": row.interviewer, "company": row.company,
            "role": row.role, "candidate": str(row.candidate), "interview_id": int(row.interview_id),
            "timezone": str(row.timezone), "due_at": row.due_at.isoformat(), "due_local": due_local.iloc[i],
            "hours_left": round(float(row.hours_left), 4), "time_left": left.iloc[i], "status": str(row.status),
            "never_thanked": bool(row.never_thanked), "standing": standing.iloc[i],
        } for i, row in enumerate(listed.itertuples())]
        print(json.dumps({"now": now.isoformat(), "candidate": candidate, "due": people,
                          "never_thanked": never}, ensure_ascii=False, indent=2))
        return 0

    whose = f"{candidate} has" if candidate else "You have"
    if not has_interviews:
        print("No interviews in the log yet: log one, and the people met there, in the notebooks "
              "(./open-workbook), or import them with 'workbook import-calendar'.")
    elif listed.empty:
        print(f"{whose} no thank-you note to send: everyone met has been thanked"
              + (f" (or the moment has passed: {_people(never)} never thanked)." if never else "."))
    else:
        overdue = int((listed["status"] == "overdue").sum())
        print(f"{_people(len(listed))} still to thank: {overdue} overdue, {len(listed) - overdue} not due yet.")
        rows = [[left.iloc[i], local.iloc[i], row.interviewer, row.company, str(row.candidate)]
                for i, row in enumerate(listed.itertuples())]
        headings = list(DUE_HEADINGS)
        if args.all:
            headings.append("Status")
            rows = [cells + [standing.iloc[i]] for i, cells in enumerate(rows)]
        print(_table(headings, rows))
        if never and not args.all:
            print(f"Not listed: {_people(never)} never thanked (the moment for the note has passed; --all lists them).")
    return 0


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


def _table(headings: list[str], rows: list[list[str]]) -> str:
    """Rows of text under headings, in columns as wide as their widest text."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headings, *rows)]
    lines = [headings, *rows]
    return "\n".join("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip()
                     for line in lines)


# -- workbook remind ---------------------------------------------------------------------------

def log_tag(log) -> str:
    """A short tag of the log, in every reminder's UID: two logs (a coach's and a client's own)
    never share a UID, and one log's are the same in every file written from it. It is made
    from where the log is (its file, or its database URL without a password): a log moved to
    another folder writes new UIDs."""
    return hashlib.sha256(log.where.encode("utf-8")).hexdigest()[:12]


def reminder_uid(interviewer_id: int, tag: str) -> str:
    """The UID of the reminder of the note to one person met."""
    return f"note-due-{int(interviewer_id)}-{tag}@{UID_DOMAIN}"


def reminders(log, now: pd.Timestamp, hours_before: float = ALARM_HOURS, candidate: str | None = None):
    """The calendar (an ``icalendar.Calendar``) of the notes still to send, and their number.

    One event per person whose note can still be sent, at the instant it falls due (an event
    of no length: the due time is a moment), titled with the person and the company, with a
    display alarm ``hours_before`` it. Its ``SEQUENCE`` is the log's revision, which every
    write raises: a file written after a change replaces the events imported from an earlier
    one, and one written from an unchanged log holds the same events (``DTSTAMP`` is ``now``).
    A note sent since leaves the file: a calendar subscribed to the file drops its event, one
    that imported the file keeps it until it is deleted there (a cancelled event in the file
    would show, struck through, in calendars that never had it). An event of no length never
    looks like an interview to :func:`workbook.read_calendar`, so a calendar export holding
    these reminders never imports them as interviews.
    """
    import icalendar

    from .wording import duration, interview_words, local_time

    due, _ = still_to_thank(log, now, candidate)
    due = due[~due["never_thanked"].to_numpy(dtype=bool)]
    interviews = log.interviews().set_index("interview_id")
    sequence, tag = log.revision(), log_tag(log)
    stamp = now.to_pydatetime()
    before = pd.Timedelta(hours=hours_before)

    calendar = icalendar.Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Thank-you notes due{f' ({candidate})' if candidate else ''}")
    for row in due.itertuples():
        due_at = pd.Timestamp(row.due_at).tz_convert("UTC")
        when = local_time(due_at, str(row.timezone))
        met = interview_words(interviews.loc[row.interview_id])
        event = icalendar.Event()
        event.add("uid", reminder_uid(row.interviewer_id, tag))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", due_at.to_pydatetime())
        event.add("summary", f"Thank-you note due: {row.interviewer}, {row.company}")
        event.add("description",
                  f"{row.candidate}'s thank-you note to {row.interviewer} ({row.company}, met at {met}) is due "
                  f"{when}: 24 hours after the interview ended. Mention something you talked about; "
                  "a late note still shows follow-through.")
        event.add("categories", ["Thank-you notes"])
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the time stays free
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -before.to_pytimedelta())
        alarm.add("description", f"Thank-you note to {row.interviewer} ({row.company}) due in "
                                 f"{duration(before)}" if hours_before else
                                 f"Thank-you note to {row.interviewer} ({row.company}) due now")
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar, len(due)


def run_remind(args) -> int:
    from .files import write_replacing
    from .wording import duration

    now = now_of(args)
    with open_log(args) as log:
        candidate = _candidate(log, args.candidate)
        calendar, count = reminders(log, now, args.hours_before, candidate)
    data = calendar.to_ical()
    path = args.ics.expanduser()
    if path.is_dir():
        raise InvalidValueError(f"{path} is a folder: give the calendar file to write, like {path / 'reminders.ics'}")
    if not path.parent.is_dir():
        raise InvalidValueError(f"cannot write {path}: the folder {path.parent} does not exist")
    write_replacing(path, lambda file: file.write(data))
    if count:
        alarm = f"an alarm {duration(pd.Timedelta(hours=args.hours_before))} before each" if args.hours_before \
            else "an alarm as each falls due"
        print(f"Wrote {count} reminder{'s' if count != 1 else ''} to {path}, at the moment each note falls due, "
              f"with {alarm}. Import the file into your calendar (again after each change: the events are replaced, "
              "not added twice).")
    else:
        print(f"No thank-you note to send: wrote {path} without events.")
    return 0


# -- workbook import-calendar ------------------------------------------------------------------

def run_import_calendar(args) -> int:
    from .wording import local_times

    now = now_of(args)
    with open_log(args) as log:
        _stage(f"Reading the calendar files in {args.source} and importing the interviews")
        events = log.import_calendar(args.source, args.candidate, uids=args.uids, now=now)
    if len(events):
        starts = local_times(events["starts_at"], events["timezone"].fillna("UTC"), with_zone=True)
        rows = [[f"skipped: {row.reason}" if row.action == "skipped" and _said(row.reason) else row.action,
                 starts.iloc[i], _said(row.company), _said(row.role), _said(row.summary) or "(no summary)"]
                for i, row in enumerate(events.itertuples())]
        print(_table(["What was done", "Starts (local time)", "Company", "Role", "Event"], rows))
    print(calendar_summary(events))
    return 0


def _said(value) -> str:
    """A value of a table as text: "" where it is missing."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def calendar_summary(events: pd.DataFrame) -> str:
    """What a calendar import did, as a sentence: "Added 2 interviews, 1 left as it was, 3
    other events skipped."."""
    from .calendar import import_summary

    return import_summary(events, count_skipped=True,
                          next_step="Next: the thank-you notes ('workbook due' says who is waiting).")


# -- workbook import-mail ----------------------------------------------------------------------

def _is_imap(source: str) -> bool:
    from .mail import is_imap

    return is_imap(source)


def imap_password(sources: list[str]) -> str | None:
    """The IMAP password: None where no source is a mailbox on a server, or where
    ``$WORKBOOK_IMAP_PASSWORD`` gives it (the import reads it there), else asked for on the
    terminal (never echoed, never shown). Without a terminal (a script, a scheduled job) the
    variable must give it: the command never waits for a password nobody can type."""
    if not any(_is_imap(source) for source in sources) or os.environ.get(IMAP_PASSWORD_ENV):
        return None
    from .mail import source_label

    # As messages name it: the user decoded, never a password written in the URL.
    server = source_label(next(source for source in sources if _is_imap(source))).split("://", 1)[1].split("/", 1)[0]
    no_password = InvalidValueError(f"no password for {server}: set ${IMAP_PASSWORD_ENV}, or run the command in "
                                    "a terminal to be asked for it")
    if sys.stdin is None or not sys.stdin.isatty():
        raise no_password
    try:
        with warnings.catch_warnings():
            # Without a terminal getpass would read the password from stdin, echoed: refused.
            warnings.simplefilter("error", getpass.GetPassWarning)
            return getpass.getpass(f"Password for {server}: ")
    except (EOFError, getpass.GetPassWarning):
        raise no_password from None


def run_import_mail(args) -> int:
    from .habits.views import sent_mail_matches
    from .mail import read_sent_mail, source_label

    now = now_of(args)
    password = imap_password(args.sources)
    with open_log(args) as log:
        source = args.sources[0] if len(args.sources) == 1 else list(args.sources)
        _stage(f"Reading {', '.join(source_label(s) for s in args.sources)}"
               + (" (nothing is written)" if args.dry_run else ""))
        kwargs = dict(window_days=args.window_days, addresses=args.addresses, password=password, now=now,
                      progress=progress_bar(sys.stderr) if sys.stderr.isatty() else None)
        if args.dry_run:
            found = read_sent_mail(source, log, args.candidate, **kwargs)
        else:
            found = log.import_sent_mail(source, args.candidate, **kwargs)
        shown = sent_mail_matches(found, log, done=not args.dry_run) if len(found) else None
    if shown is not None:
        rows = [[row[-1], row[2], row[0], row[1], _cut(row[3])] for row in shown.itertuples(index=False)]
        print(_table(["What was done" if not args.dry_run else "What an import would do", "Message sent (local time)",
                      "Person", "Company", "Subject"], rows))
    print(found.attrs["summary"])
    return 0


def _cut(text, length: int = 50) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


# -- workbook export ---------------------------------------------------------------------------

def run_export(args) -> int:
    with open_log(args) as log:
        counts = {"candidates": len(log.candidates()), "interviews": len(log.interviews()),
                  "people met": len(log.interviewers()), "notes": len(log.notes()), "outcomes": len(log.outcomes())}
        if args.csv is not None:
            _stage(f"Writing the log as CSV files to {args.csv}")
            where = log.export_csv(args.csv.expanduser())
            what = f"to {where} as 5 CSV files"
        else:
            path = args.xlsx.expanduser()
            if path.suffix.lower() != ".xlsx":
                raise InvalidValueError(f"{path}: a spreadsheet's name ends in .xlsx")
            _stage(f"Writing the log as a spreadsheet to {path}")
            where = log.export_xlsx(path)
            what = f"to {where}, a sheet per table"
    listed = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    print(f"Exported {listed} {what}.")
    return 0


# -- workbook report ---------------------------------------------------------------------------

def run_report(args) -> int:
    now = now_of(args)
    as_of = now
    if args.as_of is not None:
        try:
            as_of = resolve_now(args.as_of)
        except InvalidTimeError as error:
            reason = error.problems[0].reason if error.problems else str(error)
            raise InvalidTimeError(f"--as-of: {reason}", error.problems) from None
    # papermill, nbconvert and a browser are loaded only by this command.
    from .report import make_report, report_file_name

    with open_log(args) as log:
        candidate = _candidate(log, args.candidate)
        out = args.out.expanduser() if args.out is not None else Path(report_file_name(candidate, as_of))
        _stage(f"Writing the session report for {candidate} as of {as_of:%Y-%m-%d %H:%M} UTC to {out}")
        make_report(log, candidate, out, as_of=as_of, coach_note=args.coach_note)
    print(f"Wrote the session report for {candidate} to {out}.")
    return 0
