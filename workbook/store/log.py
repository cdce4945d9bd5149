"""The interview log as a person uses it: :func:`open_log` and :class:`Log`.

A log is a real database, a SQLite file by default (one portable file, transactional), reached
through SQLAlchemy so that a PostgreSQL URL serves a coaching practice sharing one log
(:mod:`workbook.store.engine`). People see it as pandas DataFrames; they change it through
:class:`Log`'s methods, each of which is one :class:`~workbook.store.writing.Write`, one
transaction: a write that is refused leaves the log exactly as it was. :class:`Log` holds no
rules of its own: the checks are in :mod:`workbook.store.checks`, the writing in
:mod:`workbook.store.writing`, the reading in :mod:`workbook.store.reading`.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
from sqlalchemy import select

from .. import config
from ..instants import resolve_now
from . import migrations, reading, schema
from .engine import Database, database_url, without_password
from .kinds import KINDS
from .writing import InterviewEdit, Write, bump_revision


def open_log(target: str | Path | None = None) -> "Log":
    """Open (or create) an interview log.

    Parameters
    ----------
    target : str or Path, optional
        A file path (a SQLite file, created if missing) or a SQLAlchemy URL such as
        ``postgresql+psycopg://coach@host/practice``. When omitted: ``$WORKBOOK_LOG`` if set,
        else ``followup-log.sqlite`` in the user's data folder (see
        :func:`workbook.config.default_log_path`).

    Raises
    ------
    SchemaVersionError
        The database was written by a newer version of the workbook, or is not a log.
    LogUnavailableError
        The database cannot be reached now (a server down, a refused login, another notebook
        writing for too long): try again.
    LogPermissionError
        The database is empty and the role may not create the log's tables.
    """
    if target is None:
        target = config.log_target_from_env()
    if target is None:
        path = config.default_log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        target = path
    return Log(target)


class Log:
    """One interview log. Create it with :func:`open_log`.

    Reading: :meth:`candidates`, :meth:`interviews`, :meth:`interviewers`, :meth:`notes` and
    :meth:`outcomes` return DataFrames whose times are time-zone-aware UTC instants (each
    interview's ``timezone`` says where it happened).

    Writing: ``add_*``, ``change_*`` and ``remove_*`` for each kind of record, and the
    actions a person takes: :meth:`mark_sent`, :meth:`send_note`, :meth:`mark_replied`,
    :meth:`record_outcome`. Times may be aware datetimes or ISO 8601 text; a time without a
    UTC offset is a wall-clock time in the interview's time zone. Each call is one
    transaction; a refused one raises a :class:`~workbook.WorkbookError` naming the record and
    the field, and changes nothing. :meth:`write` gives that transaction to an import.

    A log written by an older workbook is upgraded when it is opened (see
    :mod:`workbook.store.migrations`); ``backup_path`` is then the copy of the SQLite file made
    just before, otherwise None.
    """

    def __init__(self, target: str | Path):
        url = database_url(target)
        #: The log's URL; a password given as its parameter is left out (the one before the
        #: host stays, and is hidden whenever the URL is shown).
        self.url = without_password(url)
        self.backup_path: Path | None = None
        self._database = Database(url)
        try:
            self.backup_path = migrations.open_schema(self._database)
        except BaseException:
            self._database.dispose()
            raise

    def __repr__(self) -> str:
        return f"Log({self._database.where!r})"

    @property
    def where(self) -> str:
        """The log's file or database, as messages name it (never with a password)."""
        return self._database.where

    def close(self) -> None:
        """Release the database connections (the log itself stays on disk)."""
        self._database.dispose()

    def __enter__(self) -> "Log":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The version of the tables this log is stored in."""
        with self.reading() as conn:
            return reading.schema_version(conn)

    # -- reading --------------------------------------------------------------------------

    @contextmanager
    def reading(self):
        """A connection to read the log with SQLAlchemy Core (the tables are in
        :mod:`workbook.store.schema`), for a query of one's own: what the note builder reads of
        one person, say. Nothing written through it is kept."""
        with self._database.reading() as conn:
            yield conn

    def _read(self, kind: str) -> pd.DataFrame:
        with self.reading() as conn:
            return reading.read_kind(conn, kind)

    def candidates(self) -> pd.DataFrame:
        """The candidates: ``candidate`` (the name), ``email``, ``phone``, ``skills`` ("a; b")."""
        return self._read("candidates")

    def interviews(self) -> pd.DataFrame:
        """The interviews: ``interview_id, candidate, company, role, stage, timezone,
        starts_at, ends_at`` (instants in UTC)."""
        return self._read("interviews")

    def interviewers(self) -> pd.DataFrame:
        """The people met: ``interviewer_id, interview_id, name, title, email, phone,
        talking_points``."""
        return self._read("interviewers")

    def notes(self) -> pd.DataFrame:
        """The thank-you notes: ``note_id, interviewer_id, channel, subject, body, sent_at,
        replied_at`` (``sent_at`` is NaT for a draft)."""
        return self._read("notes")

    def outcomes(self) -> pd.DataFrame:
        """What happened next: ``interview_id, outcome, decided_at``."""
        return self._read("outcomes")

    def interviews_of_events(self, uids) -> pd.DataFrame:
        """The interviews imported from the calendar events ``uids`` (by their ``calendar_uid``),
        with the columns of :meth:`interviews`."""
        uids = pd.unique(pd.Series(list(uids), dtype=object).dropna().astype(str))
        with self.reading() as conn:
            return reading.rows_where(conn, "interviews", "calendar_uid", uids)[KINDS["interviews"].fields]

    def followup_rows(self) -> pd.DataFrame:
        """Each person met with their interview, candidate, and first sent note's time: what
        :func:`workbook.followups` needs, in one query."""
        with self.reading() as conn:
            return reading.followup_rows(conn)

    def revision(self) -> int:
        """The log's revision: a number every write raises, from any notebook or process (0 for
        a log never written to since revisions were kept). One tiny read: a widget compares it
        with the one it last read to tell whether the log changed under it."""
        meta = schema.workbook_meta
        with self.reading() as conn:
            value = conn.execute(select(meta.c.value).where(meta.c.key == schema.REVISION_KEY)).scalar()
        return int(value) if value is not None else 0

    def is_empty(self) -> bool:
        """Whether the log holds no candidate at all."""
        with self.reading() as conn:
            return not reading.count(conn, "candidates")

    # -- writing --------------------------------------------------------------------------

    @contextmanager
    def write(self, now=None):
        """One write transaction, as a :class:`~workbook.store.writing.Write`: what the
        imports use to write many records at once, all or nothing.

        ``now`` (default: the real clock, or ``$WORKBOOK_NOW``) is the instant no time written
        may be after. A failure of the database itself (another writer for too long, a lost
        connection, a full disk) rolls the write back and is raised as a
        :class:`~workbook.errors.LogUnavailableError`.
        """
        now = resolve_now(now)
        with self._database.writing() as conn:
            yield Write(conn, now)
            bump_revision(conn)  # in the same transaction: kept exactly when the write is

    # Candidates

    def add_candidate(self, name: str, email: str | None = None, phone: str | None = None,
                      skills: str | Iterable[str] | None = None) -> str:
        """Add a candidate (a job seeker) and return their name, which identifies them.

        ``skills`` is a list or text separated by ";" ("SQL; stakeholder interviews").
        """
        with self.write() as w:
            return w.add("candidates", {"candidate": name, "email": email, "phone": phone,
                                        "skills": _skills_text(skills)})

    def change_candidate(self, candidate: str, /, **changes) -> None:
        """Change a candidate's ``name``, ``email``, ``phone`` or ``skills``."""
        if "skills" in changes:
            changes["skills"] = _skills_text(changes["skills"])
        self._change("candidates", candidate, changes)

    def remove_candidate(self, name: str, cascade: bool = False) -> None:
        """Remove a candidate; with ``cascade=True`` also their interviews and all that hangs on them."""
        with self.write() as w:
            w.remove("candidates", name, cascade)

    # Interviews

    def add_interview(self, candidate: str, company: str, role: str, starts_at, ends_at, timezone: str,
                      stage: str | None = None, interview_id: int | None = None,
                      people: Iterable[dict] | None = None, new_candidate: bool = False) -> int:
        """Log an interview, and the people met there, and return its id.

        ``starts_at`` and ``ends_at`` are aware datetimes or ISO 8601 text; without a UTC
        offset they are wall-clock times in ``timezone`` (an IANA name such as
        ``America/New_York``). ``people`` are dicts with the fields of :meth:`add_interviewer`
        (``name`` and optionally ``title, email, phone, talking_points``).

        With ``new_candidate=True`` a candidate not yet in the log is added with just the name
        (as an import does); otherwise the candidate must be in the log already.

        The interview, its people and a new candidate are saved together or not at all. A
        problem with a person names them as row ``person N`` (1 for the first person given),
        and says so to a program as ``error.record == "person"``, ``error.key == N``.
        """
        values = {"interview_id": interview_id, "candidate": candidate, "company": company, "role": role,
                  "stage": stage, "timezone": timezone, "starts_at": starts_at, "ends_at": ends_at}
        with self.write() as w:
            return w.add_interview(values, [dict(p) for p in (people or [])], new_candidate=new_candidate)

    def change_interview(self, interview_id: int, /, **changes) -> None:
        """Change an interview's ``candidate, company, role, stage, timezone, starts_at`` or ``ends_at``.

        Stored instants do not move when only the ``timezone`` changes; times given without
        an offset are read in the (new) time zone. Refused if a note to someone met there
        would then be sent before the interview ended.
        """
        self._change("interviews", interview_id, changes)

    def edit_interview(self, interview_id: int, /, values: dict | None = None, people: Iterable[dict] | None = None,
                       remove: Iterable[int] = (), new_candidate: bool = False,
                       cascade: bool | Mapping[int, int] = False) -> InterviewEdit:
        """Correct an interview and the people met there in one transaction; return what changed.

        Only what is given changes; the rest stays as the log holds it. ``values`` are the
        interview's fields to change, as :meth:`add_interview` takes them. ``people`` are the
        people to change or add: a dict with the ``interviewer_id`` of a person met there
        changes the fields it holds (a field left out keeps its value, None empties it); one
        without (or with None) adds a person, with the fields of :meth:`add_interviewer`.
        ``remove`` holds the ids of people met there to remove; if notes were written to one,
        the edit is refused, naming them, unless ``cascade`` allows it: True, or
        ``{interviewer_id: number of notes}`` with the number of notes to them the log holds
        now (so that a note written since the number was confirmed is never removed unasked).
        Refused whole, changing nothing, on any problem, located as :meth:`add_interview`
        locates them. The result (an :class:`~workbook.store.writing.InterviewEdit`) names the
        fields changed and the people added, changed and removed.
        """
        if not isinstance(cascade, bool):
            cascade = {int(person): int(count) for person, count in dict(cascade).items()}
        with self.write() as w:
            return w.edit_interview(interview_id, dict(values or {}), [dict(p) for p in people or ()],
                                    remove=list(remove), new_candidate=new_candidate, cascade=cascade)

    def remove_interview(self, interview_id: int, cascade: bool = False) -> None:
        """Remove an interview; with ``cascade=True`` also its people, their notes and its outcome."""
        with self.write() as w:
            w.remove("interviews", interview_id, cascade)

    # Interviewers

    def add_interviewer(self, interview_id: int, name: str, title: str | None = None, email: str | None = None,
                        phone: str | None = None, talking_points: str | None = None,
                        interviewer_id: int | None = None) -> int:
        """Add a person met at an interview and return their id.

        ``talking_points`` is what you talked about with this person: the note to them should
        mention it.
        """
        with self.write() as w:
            return w.add("interviewers", {
                "interviewer_id": interviewer_id, "interview_id": interview_id, "name": name, "title": title,
                "email": email, "phone": phone, "talking_points": talking_points,
            })

    def change_interviewer(self, interviewer_id: int, /, **changes) -> None:
        """Change an interviewer's ``interview_id, name, title, email, phone`` or ``talking_points``."""
        self._change("interviewers", interviewer_id, changes)

    def remove_interviewer(self, interviewer_id: int, cascade: bool = False) -> None:
        """Remove a person met; with ``cascade=True`` also the notes to them."""
        with self.write() as w:
            w.remove("interviewers", interviewer_id, cascade)

    # Notes

    def add_note(self, interviewer_id: int, body: str = "", subject: str | None = None, channel: str = "email",
                 sent_at=None, replied_at=None, note_id: int | None = None) -> int:
        """Add a thank-you note to one interviewer and return its id.

        Without ``sent_at`` it is a draft. ``channel`` is ``email``, ``handwritten`` or ``other``.
        """
        with self.write() as w:
            return w.add("notes", {
                "note_id": note_id, "interviewer_id": interviewer_id, "channel": channel, "subject": subject,
                "body": body, "sent_at": sent_at, "replied_at": replied_at,
            })

    def change_note(self, note_id: int, /, **changes) -> None:
        """Change a note's ``interviewer_id, channel, subject, body, sent_at`` or ``replied_at``
        (or ``sent_message_id``, ``reply_message_id``: the messages in the person's mail the two
        times were read from). A time changed by hand forgets the message it was read from;
        ``replied_at=None`` undoes a reply recorded by mistake."""
        self._change("notes", note_id, changes)

    def remove_note(self, note_id: int) -> None:
        """Remove a note."""
        with self.write() as w:
            w.remove("notes", note_id)

    def mark_sent(self, note_id: int, at=None, now=None, channel: str | None = None) -> pd.Timestamp:
        """Record that a note went out, ``at`` a given time or now, and return that instant.

        With ``channel`` (``email``, ``handwritten``, ``other``) the note is recorded as having
        gone out that way, in the same transaction. A note already marked sent keeps its time
        (use :meth:`change_note` to correct it); a time after now is refused.
        """
        with self.write(now) as w:
            return w.mark(note_id, "sent_at", at, channel=channel)

    def send_note(self, interviewer_id: int, body: str, subject: str | None = None, channel: str = "email",
                  at=None, now=None, note_id: int | None = None) -> tuple[int, pd.Timestamp]:
        """Save a note and record that it went out, in one transaction; return ``(note_id, sent_at)``.

        A new note to the interviewer, or, with ``note_id``, their draft with this text. Refused
        whole (the draft as it was) if anything is wrong: the text, or the time (``at``, default
        now; not after now, not before the interview ended).
        """
        with self.write(now) as w:
            return w.send_note(interviewer_id, body, subject=subject, channel=channel, at=at, note_id=note_id)

    def mark_replied(self, note_id: int, at=None, now=None) -> pd.Timestamp:
        """Record that the interviewer replied to a sent note, ``at`` a given time or now."""
        with self.write(now) as w:
            return w.mark(note_id, "replied_at", at)

    # Outcomes

    def add_outcome(self, interview_id: int, outcome: str, decided_at) -> None:
        """Record what happened after an interview: ``next_round``, ``offer``, ``rejected``,
        ``no_response`` or ``withdrew``, decided at a date or time."""
        with self.write() as w:
            w.add("outcomes", {"interview_id": interview_id, "outcome": outcome, "decided_at": decided_at})

    def record_outcome(self, interview_id: int, outcome: str, decided_at, now=None) -> str | None:
        """Record what came of an interview, or change the outcome recorded, in one transaction;
        return the outcome recorded before (None if this is the first).

        ``decided_at`` is a date or a time (local to the interview without an offset): not after
        now, not before the interview's date.
        """
        with self.write(now) as w:
            return w.record_outcome(interview_id, outcome, decided_at)

    def change_outcome(self, interview_id: int, /, **changes) -> None:
        """Change an interview's ``outcome`` or ``decided_at``."""
        self._change("outcomes", interview_id, changes)

    def remove_outcome(self, interview_id: int) -> None:
        """Remove an interview's outcome."""
        with self.write() as w:
            w.remove("outcomes", interview_id)

    def _change(self, kind: str, key, changes: dict) -> None:
        description = KINDS[kind]
        allowed = {"name"} | set(description.fields) if kind == "candidates" else set(description.fields)
        wrong = (set(changes) - allowed) | ({description.key} & set(changes))
        if wrong:
            fields = ", ".join(sorted(allowed - {description.key}))
            raise TypeError(f"cannot change {', '.join(sorted(wrong))} of a {description.singular}; the fields are {fields}")
        with self.write() as w:
            w.change(kind, key, changes)

    # Files

    def export_csv(self, folder: str | Path) -> Path:
        """Write the log as CSV files (see :mod:`workbook.store.csv_files`) into ``folder``; return it."""
        from .csv_files import export_csv

        return export_csv(self, folder)

    def export_xlsx(self, path: str | Path) -> Path:
        """Write the log to one ``.xlsx`` file for a spreadsheet program, a sheet per table
        (see :mod:`workbook.store.xlsx_file`); return the path. No text ever becomes a formula."""
        from .xlsx_file import export_xlsx

        return export_xlsx(self, path)

    def import_calendar(self, source: str | Path, candidate: str, uids=None, corrections: Mapping | None = None,
                        now=None) -> pd.DataFrame:
        """Log the interviews in calendar files (``.ics``: a file or a folder of them) as
        ``candidate``'s, in one transaction; return what happened to each event.

        Imported are the events that look like interviews, or exactly those whose UID is in
        ``uids``. ``corrections`` is ``{uid: {"company": ..., "role": ..., "stage": ...,
        "leave_out": [email, ...]}}``: a person's corrections of the guesses for the events
        added now, and the people invited who were not met (by address). Importing the same file again changes nothing;
        an update of an imported event (a higher ``SEQUENCE``) moves the interview and adds
        the people invited since, and never removes anyone; a cancellation changes nothing by
        itself (see :meth:`~workbook.store.writing.Write.import_calendar_events`).

        Returns the table of :func:`workbook.read_calendar` (with ``in_log`` and
        ``interview_id``: the interview each event is now in the log as) and ``action``:
        "added", "moved", "unchanged", "skipped" (not chosen) or "cancelled in the calendar:
        not changed".

        Raises a :class:`~workbook.errors.WorkbookError` and writes nothing when anything is
        wrong: a file that cannot be read (:class:`~workbook.errors.CalendarImportError`), a
        candidate the log does not hold, a UID not in the files, an event to add without a
        company or role, a person's address that is not one.
        """
        from ..calendar import candidate_address, propose, read_calendar

        _, name = candidate_address(self, candidate)
        # The files are read before the write begins, as a CSV import reads them.
        events = propose(read_calendar(source, log=self, candidate=name), uids, corrections)
        chosen = events[events["chosen"]].drop(columns=["in_log", "interview_id", "chosen"])
        with self.write(now) as w:
            done = w.import_calendar_events(chosen, name)
        events = events.drop(columns="chosen")
        events["action"] = pd.Series("skipped", index=events.index, dtype=object)
        events.loc[events["in_log"] == "cancelled in the calendar", "action"] = "cancelled in the calendar: not changed"
        if len(done):
            events.loc[done.index, ["in_log", "action"]] = done[["in_log", "action"]]
            events.loc[done.index, "interview_id"] = done["interview_id"]
        return events

    def import_sent_mail(self, source, candidate: str, window_days: int = 14, addresses=None, password=None,
                         now=None, progress=None) -> pd.DataFrame:
        """Measure when each of ``candidate``'s notes really went out, and who replied, from
        their mail, in one transaction; return every match.

        ``source`` is an mbox file (Gmail Takeout, Thunderbird, Apple Mail), a Maildir, a folder
        of message files, one ``.eml``, an IMAP folder (``imaps://user@host[:port]/Folder``;
        plain ``imap://`` only to this machine), or a list of these read together. The IMAP
        password is ``password``, else ``$WORKBOOK_IMAP_PASSWORD``; it is never kept.
        ``progress(read, known)``, if given, is told how many messages were read as it goes.

        A note is the first message from one of the candidate's addresses (the log's, and
        ``addresses``) to a person met (To, Cc or Bcc), dated after the interview ended and
        within ``window_days``: a waiting draft is marked sent then (its text kept); with no
        note yet, one is recorded with the message's subject and text; a note already sent is
        left alone ("already_recorded", with ``difference``: the message's time minus the time
        recorded). A reply is a message from that person to the candidate after the note went
        out: the earliest sets the note's reply time. Each message is recorded by its
        Message-ID, so importing the same mail again changes nothing.

        Returns one row per match: ``interviewer_id, interviewer, company, note_id,
        message_id, sent_at, subject, action`` ("marked_sent", "added_note",
        "already_recorded", "reply") and ``difference``; ``attrs`` holds ``scanned`` (messages
        read), ``skipped`` ({reason: count}: messages to or from the people met that could not
        be used) and ``summary`` (a sentence). Raises a
        :class:`~workbook.errors.MailImportError` (a source that is not mail, a server that
        fails) or :class:`~workbook.errors.UnknownRecordError` (the candidate), writing nothing.
        """
        from .. import mail

        # The mail is read before the write begins: a slow server never holds up other writers.
        found = mail.read(source, self, candidate, window_days, addresses, password, now, progress)
        if found.plan["action"].eq("already_recorded").all():
            return mail.public(found.plan, found.scan, done=True)  # nothing to write: the log stays as it is
        with self.write(found.now) as w:
            # Matched again inside the write: it sees what other writers wrote meanwhile.
            plan = found.match_again(w.rows)
            plan["note_id"] = w.record_mail(plan)
        return mail.public(plan, found.scan, done=True)

    def import_csv(self, folder: str | Path) -> dict[str, int]:
        """Add the records in a folder of CSV files to the log, all or nothing.

        Returns how many records of each kind were added. Raises
        :class:`~workbook.errors.CsvImportError` listing every bad file, line and field, and
        then writes nothing.
        """
        from .csv_files import import_csv

        return import_csv(self, folder)


def _skills_text(skills) -> str | None:
    if skills is None or isinstance(skills, str):
        return skills
    return "; ".join(str(s) for s in skills)
