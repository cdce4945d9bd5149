"""The one way anything is written to the log: a :class:`Write`, one transaction.

``with log.write() as w:`` begins a write (the only writer while it lasts, see
:mod:`workbook.store.engine`); leaving the block commits it, an exception rolls it back and the
log is exactly as it was. Every way in uses it: :class:`~workbook.store.log.Log`'s methods
(each one ``Write``), the CSV import, the calendar import (:meth:`Write.import_calendar_events`)
and the sent-mail import to come, so that they all keep the same rules.

A write offers two levels of verbs:

- **records**, checked and complete: :meth:`Write.add`, :meth:`Write.change`,
  :meth:`Write.remove`, :meth:`Write.add_interview`, :meth:`Write.edit_interview`, :meth:`Write.mark`,
  :meth:`Write.send_note`, :meth:`Write.record_outcome`, :meth:`Write.import_calendar_events`.
  Each checks what it is given against the log and the rest of the write, and raises a :class:`~workbook.errors.WorkbookError`
  naming the record and the field;
- **rows**, for an import of many records at once: :meth:`Write.prepare` checks a DataFrame
  of rows (every problem found, none raised), :meth:`Write.stage` keeps prepared rows for the
  checks of the rows after them, :meth:`Write.insert` writes them in bulk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from sqlalchemy import BigInteger, Text, cast, delete, func, inspect, select, update

from ..calendar import compare_with_log
from ..errors import (
    InvalidTimeError,
    InvalidValueError,
    Problem,
    RecordInUseError,
    UnknownRecordError,
    WorkbookError,
    raise_problems,
)
from ..instants import parse_instants
from ..vocabulary import PERSON_FIELDS
from ..wording import interview_words, notes_words
from . import reading, schema
from .checks import Context, prepare
from .kinds import KINDS, record_id


def bump_revision(conn) -> None:
    """Raise the log's revision by one, in the write transaction of ``conn``: one UPDATE, and
    the row inserted the first time (a log made before revisions were kept). Only one writer
    runs at a time (see :mod:`workbook.store.engine`), so two notebooks never insert it both."""
    meta = schema.workbook_meta
    mine = meta.c.key == schema.REVISION_KEY
    # The value is text (workbook_meta is key/value): counted as a number by the database.
    raised = conn.execute(update(meta).where(mine).values(
        value=cast(cast(meta.c.value, BigInteger) + 1, Text)))
    if not raised.rowcount:
        conn.execute(meta.insert().values(key=schema.REVISION_KEY, value="1"))


class Write:
    """One write transaction on the log. Made by :meth:`Log.write <workbook.store.log.Log.write>`.

    Attributes
    ----------
    conn : sqlalchemy.Connection
        The connection, in its transaction: reads through it see what this write wrote.
    now : pandas.Timestamp
        "Now" for this write: no note is sent, no reply comes and no outcome is decided after it.
    """

    def __init__(self, conn, now: pd.Timestamp):
        self.conn = conn
        self.now = now
        self._context = Context(self._lookup, now=now, next_ids=_next_ids(conn))

    def _lookup(self, kind: str, key_field: str, keys) -> pd.DataFrame:
        return reading.rows_where(self.conn, kind, key_field, keys)

    # -- rows -----------------------------------------------------------------------------

    def rows(self, kind: str, key_field: str, keys: pd.Series) -> pd.DataFrame:
        """The records of ``kind`` whose ``key_field`` is in ``keys``, as the log holds them
        with what this write has staged in their place."""
        return self._context.rows(kind, key_field, keys)

    def prepare(self, kind: str, frame: pd.DataFrame, where: pd.Series, *, record: str | None = None,
                keys=None, existing: bool = False, assign_ids: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
        """Check rows of one kind as a person gave them (see :func:`workbook.store.checks.prepare`).

        ``where`` names each row in messages; ``record`` and ``keys`` (aligned with the rows)
        say the same for a program: each problem carries them (see
        :class:`~workbook.errors.Problem`).
        """
        rows, problems = prepare(kind, frame, where, self._context, existing=existing, assign_ids=assign_ids)
        if record is not None:
            key_of = dict(zip(where.tolist(), [None] * len(where) if keys is None else list(keys)))
            problems = [p if p.record else replace(p, record=record, key=key_of.get(p.row)) for p in problems]
        return rows, problems

    def stage(self, kind: str, rows: pd.DataFrame) -> None:
        """Keep prepared rows for the checks of later rows in this write (an interview's
        people are checked against the interview about to be written)."""
        self._context.add_pending(kind, rows)

    def staged(self, kind: str) -> pd.DataFrame | None:
        """The rows of ``kind`` staged so far, or None."""
        return self._context.pending.get(kind)

    def new_ids(self, kind: str, count: int) -> list[int]:
        """``count`` ids no record of ``kind`` has (candidates: their row numbers)."""
        start = self._context.next_ids.get(kind, 1)
        self._context.next_ids[kind] = start + count
        return list(range(start, start + count))

    def insert(self, kind: str, rows: pd.DataFrame) -> None:
        """Write prepared rows as new records (see :func:`insert_rows`); the next new record
        of the kind in this write takes an id after theirs."""
        insert_rows(self.conn, kind, rows)
        description = KINDS[kind]
        if description.gets_ids and len(rows):
            after = int(rows[description.key].max()) + 1
            self._context.next_ids[kind] = max(self._context.next_ids.get(kind, 1), after)

    def update(self, kind: str, rows: pd.DataFrame) -> None:
        """Write prepared rows over the records with their ids."""
        description, table = KINDS[kind], schema.TABLES[kind]
        id_column = table.c[description.row_id]
        for record in _records(kind, rows):
            self.conn.execute(update(table).where(id_column == record[id_column.name]).values(record))

    def delete(self, kind: str, ids) -> None:
        """Remove the records of ``kind`` with these row ids (nothing may refer to them)."""
        table = schema.TABLES[kind]
        ids = [int(i) for i in ids]
        if ids:
            self.conn.execute(delete(table).where(table.c[KINDS[kind].row_id].in_(ids)))

    # -- records --------------------------------------------------------------------------

    def current(self, kind: str, key) -> pd.DataFrame:
        """The one record of ``kind`` with ``key``, as a one-row DataFrame, or an
        :class:`~workbook.errors.UnknownRecordError`."""
        found = self.rows(kind, KINDS[kind].key, pd.Series([key]))
        if not len(found):
            description = KINDS[kind]
            raise UnknownRecordError(
                f"the log holds no {description.label(key)}",
                [Problem(description.label(key), description.key, "is not in the log", UnknownRecordError,
                         description.record, key)],
            )
        return found.iloc[[0]].reset_index(drop=True)

    def add(self, kind: str, values: dict):
        """Add one record from ``values`` (fields of its kind); return its key."""
        description = KINDS[kind]
        if kind == "notes" and values.get("written_at") is None:
            values = {**values, "written_at": self.now}  # a note written now
        label = f"outcome of interview {values['interview_id']}" if kind == "outcomes" else f"new {description.singular}"
        rows, problems = self.prepare(kind, pd.DataFrame([values], dtype=object), pd.Series([label]),
                                      record=description.record,
                                      keys=[values.get("interview_id") if kind == "outcomes" else None],
                                      assign_ids=True)
        raise_problems(problems)
        if kind == "candidates":
            rows["candidate_id"] = self.new_ids("candidates", 1)
        self.insert(kind, rows)
        key = rows[description.key].iloc[0]
        return key.item() if hasattr(key, "item") else key

    def change(self, kind: str, key, changes: dict) -> None:
        """Change fields of one record; the records that depend on it are checked again (a note
        would be "sent" before its interview, moved later, ended)."""
        description = KINDS[kind]
        current = self.current(kind, key)
        merged = current.copy().astype(object)
        if kind == "notes":
            # A time given by hand is no longer the one read from a message.
            for time, message in (("sent_at", "sent_message_id"), ("replied_at", "reply_message_id")):
                if time in changes and message not in changes:
                    changes = {**changes, message: None}
            # New words are written now.
            if {"subject", "body"} & set(changes) and "written_at" not in changes and any(
                    not _same(current.at[0, name], changes[name]) for name in ("subject", "body") if name in changes):
                changes = {**changes, "written_at": self.now}
        for name, value in changes.items():
            merged.at[0, "candidate" if kind == "candidates" and name == "name" else name] = value
        renamed = kind == "candidates" and merged.at[0, "candidate"] != key
        rows, problems = self.prepare(kind, merged, pd.Series([description.label(key)]), record=description.record,
                                      keys=[key], existing=not renamed)
        if kind == "candidates":
            rows["candidate_id"] = current["candidate_id"].to_numpy()
        raise_problems(problems)
        self.stage(kind, rows)
        raise_problems(self._recheck_dependents(kind, key))
        self.update(kind, rows)

    def remove(self, kind: str, key, cascade: bool = False) -> None:
        """Remove one record; with ``cascade`` also every record that refers to it, else an
        :class:`~workbook.errors.RecordInUseError` if any does."""
        description = KINDS[kind]
        current = self.current(kind, key)
        dependents = self._dependents(kind, key)
        if dependents and not cascade:
            held = ", ".join(f"{len(rows)} {name if len(rows) > 1 else name[:-1]}" for name, rows in dependents.items())
            raise RecordInUseError(
                f"{description.singular} {key} still has {held}; pass cascade=True to remove them too",
                [Problem(f"{description.singular} {key}", description.key, f"still has {held}", RecordInUseError,
                         description.record, key)],
            )
        # Children first, so that no foreign key is ever left dangling.
        for dependent in ("notes", "outcomes", "interviewers", "interviews"):
            if dependent in dependents:
                self.delete(dependent, dependents[dependent][KINDS[dependent].row_id])
        self.delete(kind, current[description.row_id])

    def _dependents(self, kind: str, key) -> dict[str, pd.DataFrame]:
        """The records that refer to one record, by kind."""
        found: dict[str, pd.DataFrame] = {}
        if kind == "candidates":
            found["interviews"] = self.rows("interviews", "candidate", pd.Series([key]))
            ids = found["interviews"]["interview_id"]
        elif kind == "interviews":
            ids = pd.Series([key])
        else:
            ids = None
        if ids is not None:
            found["interviewers"] = self.rows("interviewers", "interview_id", ids)
            found["outcomes"] = self.rows("outcomes", "interview_id", ids)
            people = found["interviewers"]["interviewer_id"]
        elif kind == "interviewers":
            people = pd.Series([key])
        else:
            return found
        found["notes"] = self.rows("notes", "interviewer_id", people)
        return {k: v for k, v in found.items() if len(v)}

    def _recheck_dependents(self, kind: str, key) -> list[Problem]:
        """Problems a change causes in the records that depend on it (a note now "sent"
        before its interview ended, say)."""
        problems: list[Problem] = []
        if kind not in ("interviews", "interviewers"):
            return problems
        description = KINDS[kind]
        for dependent, rows in self._dependents(kind, key).items():
            if dependent not in ("notes", "outcomes"):
                continue
            where = rows[KINDS[dependent].key].astype(str).radd(f"{KINDS[dependent].singular} ")
            where.index = rows.index
            _, found = prepare(dependent, rows.astype(object), where, self._context, existing=True)
            problems += [
                Problem(description.label(key), p.field, f"{p.row} would then be wrong: {p.reason}", p.kind,
                        description.record, key)
                for p in found
            ]
        return problems

    def add_interview(self, values: dict, people: list[dict], new_candidate: bool = False):
        """Add an interview (``values``: its fields) and the people met there, and with
        ``new_candidate`` its candidate if the log does not hold them yet; return its id.

        A problem with a person is located as ``record="person", key=N`` (1 for the first).
        """
        for person in people:
            if set(person) - set(PERSON_FIELDS):
                raise TypeError(f"a person met has the fields {', '.join(sorted(PERSON_FIELDS))}, "
                                f"not {', '.join(sorted(set(person) - set(PERSON_FIELDS)))}")
        problems = self._new_candidate(values["candidate"]) if new_candidate else []
        interview, found = self.prepare("interviews", pd.DataFrame([values], dtype=object), pd.Series(["new interview"]),
                                        record="interview", keys=[values.get("interview_id")], assign_ids=True)
        problems += found
        new_id = interview["interview_id"].iloc[0]
        met = pd.DataFrame(people, columns=sorted(PERSON_FIELDS), dtype=object)
        if len(met):
            self.stage("interviews", interview)
            met["interview_id"] = new_id
            positions = list(range(1, len(met) + 1))
            met, found = self.prepare("interviewers", met, pd.Series([f"person {n}" for n in positions]),
                                      record="person", keys=positions, assign_ids=True)
            problems += found
        raise_problems(problems)
        candidates = self.staged("candidates")
        if candidates is not None:
            self.insert("candidates", candidates)
        self.insert("interviews", interview)
        self.insert("interviewers", met)
        return int(new_id)

    def _new_candidate(self, name) -> list[Problem]:
        """Stage the candidate ``name`` as a new one, unless the log holds them already."""
        name = name.strip() if isinstance(name, str) else name
        if not isinstance(name, str) or not name or len(self.rows("candidates", "candidate", pd.Series([name]))):
            return []  # no name is the interview's own problem; a known one needs nothing
        rows, problems = self.prepare("candidates", pd.DataFrame([{"candidate": name}], dtype=object),
                                      pd.Series(["new candidate"]), record="candidate", keys=[name], assign_ids=True)
        if not problems:
            rows["candidate_id"] = self.new_ids("candidates", 1)
            self.stage("candidates", rows)
        return problems

    def edit_interview(self, interview_id, values: dict, people: list[dict] | None = None, remove=(),
                       new_candidate: bool = False, cascade=False) -> "InterviewEdit":
        """Change an interview and the people met there, together; return what changed.

        Only what is given changes; everything else stays as the log holds it (also what
        another notebook changed meanwhile):

        - ``values``: the interview's fields to change (``candidate, company, role, stage,
          timezone, starts_at, ends_at``);
        - ``people``: people to change or add, each a dict. With the ``interviewer_id`` of a
          person met there, the fields it holds change (a field left out keeps its value, None
          empties it); without one (or None), a person added now, with the fields of
          :meth:`add_interview`. A person met there and not given stays as they are;
        - ``remove``: the ids of people met there to remove (one no longer in the log is gone
          already: nothing to do). Removing a person who has notes is refused with a
          :class:`~workbook.errors.RecordInUseError` naming them, unless ``cascade`` allows
          it: True for any number of notes, or a mapping ``{interviewer_id: number of notes}``
          holding the number of notes to them the log holds now (a note written since that
          number was confirmed is never removed unasked). Then the notes go too.

        With ``new_candidate`` a candidate not yet in the log is added. Problems are located as
        :meth:`add_interview` locates them (``"person", N``, N the position in ``people``); a
        change that would make a note to a person kept, or the outcome, wrong (a note sent
        before the interview would now end) is the interview's.
        """
        interview_id = record_id(interview_id, "interview")
        people = list(people or [])
        wrong = set(values) - set(KINDS["interviews"].fields[1:])
        if wrong:
            raise TypeError(f"cannot change {', '.join(sorted(wrong))} of an interview; the fields are "
                            f"{', '.join(KINDS['interviews'].fields[1:])}")
        for person in people:
            if set(person) - {*PERSON_FIELDS, "interviewer_id"}:
                raise TypeError(f"a person met has the fields {', '.join(sorted(PERSON_FIELDS))} and interviewer_id, "
                                f"not {', '.join(sorted(set(person) - {*PERSON_FIELDS, 'interviewer_id'}))}")
        removing_ids = [record_id(i, "interviewer") for i in remove]
        given_ids = [record_id(p["interviewer_id"], "interviewer") for p in people
                     if not _missing(p.get("interviewer_id"))]
        twice = {i for i in given_ids if given_ids.count(i) > 1} | (set(given_ids) & set(removing_ids))
        if twice:
            raise ValueError(f"interviewer {', '.join(map(str, sorted(twice)))}: given more than once (to change "
                             "and to remove, or twice)")
        current = self.current("interviews", interview_id)
        label = interview_words(current.iloc[0])
        merged = current.copy().astype(object)
        for name, value in values.items():
            merged.at[0, name] = value
        problems = self._new_candidate(merged.at[0, "candidate"]) if new_candidate else []
        interview, found = self.prepare("interviews", merged, pd.Series([label]), record="interview",
                                        keys=[interview_id], existing=True)
        problems += found
        self.stage("interviews", interview)

        # The people: those changed (each merged over the person as the log holds them) and added.
        before = self.rows("interviewers", "interview_id", pd.Series([interview_id])).set_index("interviewer_id",
                                                                                               drop=False)
        changing, changing_at, adding, adding_at = [], [], [], []
        for position, person in enumerate(people, start=1):
            if _missing(person.get("interviewer_id")):
                adding.append({name: person.get(name) for name in PERSON_FIELDS})
                adding_at.append(position)
                continue
            person_id = record_id(person["interviewer_id"], "interviewer")
            if person_id not in before.index:
                problems.append(Problem(person.get("name") or f"person {position}", "interviewer_id",
                                        f"is not one of the people met at {label} any more (removed in another "
                                        "notebook?): add them again as a new person",
                                        UnknownRecordError, "person", position))
                continue
            changing.append({**before.loc[person_id].to_dict(),
                             **{name: value for name, value in person.items() if name in PERSON_FIELDS}})
            changing_at.append(position)
        changed = added = before.iloc[:0]
        if changing:
            changed, found = self.prepare("interviewers", pd.DataFrame(changing, dtype=object),
                                          pd.Series([f"person {n}" for n in changing_at]), record="person",
                                          keys=changing_at, existing=True)
            problems += found
        if adding:
            met = pd.DataFrame(adding, columns=list(PERSON_FIELDS), dtype=object)
            met["interview_id"] = interview_id
            added, found = self.prepare("interviewers", met, pd.Series([f"person {n}" for n in adding_at]),
                                        record="person", keys=adding_at, assign_ids=True)
            problems += found

        # The people removed, and the notes to them, which go only as far as ``cascade`` allows.
        removed = before[before.index.isin(removing_ids)]
        elsewhere = [i for i in removing_ids if i not in before.index]
        if elsewhere:
            for person in self.rows("interviewers", "interviewer_id", pd.Series(elsewhere)).itertuples():
                problems.append(Problem(str(person.name), "interview_id",
                                        f"is not one of the people met at {label}: not removed from it",
                                        UnknownRecordError, "interviewer", int(person.interviewer_id)))
        notes_removed = self.rows("notes", "interviewer_id", removed["interviewer_id"])
        for person_id, person in removed.iterrows():
            theirs = notes_removed[notes_removed["interviewer_id"] == person_id]
            confirmed = cascade.get(int(person_id)) if isinstance(cascade, Mapping) else None
            if not len(theirs) or cascade is True or confirmed == len(theirs):
                continue
            held = notes_words(len(theirs), int(theirs["sent_at"].notna().sum()))
            problems.append(Problem(
                str(person["name"]), "interviewer_id",
                (f"has {held}" if confirmed is None else f"has {held} now, not the {confirmed} confirmed")
                + f": removing {person['name']} would remove {'it' if len(theirs) == 1 else 'them'} too "
                f"(to allow it, pass cascade={{{int(person_id)}: {len(theirs)}}})",
                RecordInUseError, "interviewer", int(person_id)))

        # What the change does to the notes to the people kept and to the outcome.
        kept = before[~before.index.isin(removing_ids)]
        names = dict(zip(kept["interviewer_id"], kept["name"]))
        if len(changed):
            self.stage("interviewers", changed)
            names.update(zip(changed["interviewer_id"], changed["name"]))
        notes = self.rows("notes", "interviewer_id", pd.Series(list(names), dtype="Int64")) if names else None
        outcome = self.rows("outcomes", "interview_id", pd.Series([interview_id]))
        for kind, rows, field in (("notes", notes, "ends_at"), ("outcomes", outcome, "starts_at")):
            if rows is None or not len(rows):
                continue
            where = pd.Series([f"the note to {names.get(i, i)}" for i in rows["interviewer_id"]] if kind == "notes"
                              else ["the outcome"] * len(rows), index=rows.index)
            _, found = prepare(kind, rows.astype(object), where, self._context, existing=True)
            problems += [Problem(label, field, f"{p.row} would then be wrong: {p.reason}", p.kind, "interview",
                                 interview_id) for p in found]
        raise_problems(problems)

        candidates = self.staged("candidates")
        if candidates is not None:
            self.insert("candidates", candidates)
        self.update("interviews", interview)
        if len(notes_removed):
            self.delete("notes", notes_removed["note_id"])
        self.delete("interviewers", removed["interviewer_id"])
        if len(changed):
            self.update("interviewers", changed)
        if len(added):
            self.insert("interviewers", added)
        return InterviewEdit(
            interview_id=interview_id,
            fields=tuple(name for name in KINDS["interviews"].fields[1:]
                         if not _same(current.at[0, name], interview.at[0, name])),
            added=tuple(added["name"]),
            changed=tuple((str(person["name"]), fields) for person in changed.to_dict("records")
                          if (fields := tuple(name for name in PERSON_FIELDS
                                              if not _same(before.at[person["interviewer_id"], name], person[name])))),
            removed=tuple(removed["name"]),
            notes_removed=len(notes_removed),
            sent_notes_removed=int(notes_removed["sent_at"].notna().sum()) if len(notes_removed) else 0,
        )

    def import_calendar_events(self, events: pd.DataFrame, candidate: str) -> pd.DataFrame:
        """Bring calendar events (rows of :func:`workbook.calendar.read_events`, as corrected)
        into the log as ``candidate``'s interviews; return each event's ``in_log`` (as the log
        held it), ``action`` and ``interview_id``, aligned with ``events``.

        - an event the log does not hold is **added**: an interview with the event's company,
          role, stage, time, zone, UID and SEQUENCE, and its people;
        - one imported before in an older version (a lower ``SEQUENCE``) is **moved**: its
          start, end and zone become the event's, and the people invited since are added. No
          one is ever removed, whatever the calendar says (a person not invited any more may
          have been met, and written to); company, role and stage stay as the log holds them;
        - one cancelled since it was imported is left as it is ("cancelled in the calendar:
          not changed"); one in the log as it is now is left too (**unchanged**).

        Every event to add needs a company, a role and a time: any missing is an error naming
        each such event, raised before anything is written; a problem with one event (a
        person's address, say) names the event.
        """
        candidates = self.rows("candidates", "candidate", pd.Series([candidate]))
        if not len(candidates):
            raise UnknownRecordError(
                f"the log holds no candidate named {candidate!r}; add them first",
                [Problem(f"candidate {candidate!r}", "candidate", "is not in the log", UnknownRecordError,
                         "candidate", candidate)])
        logged = self.rows("interviews", "calendar_uid", events["uid"])
        state = compare_with_log(events, logged, candidate)
        problems = []
        for row in state[state["in_log"] == "new"].itertuples():
            for field in ("company", "role"):
                if not isinstance(getattr(row, field), str) or not getattr(row, field).strip():
                    problems.append(Problem(_event_label(row), field, "is not said in the invitation; give it "
                                            f"(corrections={{{row.uid!r}: {{{field!r}: ...}}}})", InvalidValueError,
                                            "event", row.uid))
            if pd.isna(row.starts_at) or not row.ends_at > row.starts_at:
                problems.append(Problem(_event_label(row), "starts_at", "has no start and end to log",
                                        InvalidTimeError, "event", row.uid))
        raise_problems(problems)

        actions, ids = [], []
        for row in state.itertuples():
            interview_id = row.interview_id
            try:
                if row.in_log == "new":
                    interview_id = self.add_interview(
                        {"interview_id": None, "candidate": candidate, "company": row.company, "role": row.role,
                         "stage": row.stage, "timezone": row.timezone, "starts_at": row.starts_at,
                         "ends_at": row.ends_at, "calendar_uid": row.uid, "calendar_sequence": int(row.sequence)},
                        [{"name": p["name"], "email": p["email"]} for p in row.people])
                    action = "added"
                elif row.in_log == "moved":
                    self._move_to_event(int(interview_id), row)
                    action = "moved"
                elif row.in_log == "cancelled in the calendar":
                    action = "cancelled in the calendar: not changed"
                else:
                    action = "unchanged"
            except WorkbookError as error:
                raise type(error)(f"{_event_label(row)}: {error}", error.problems) from None
            actions.append(action)
            ids.append(interview_id)
        return pd.DataFrame({"in_log": state["in_log"],
                             "action": pd.Series(actions, index=state.index, dtype=object),
                             "interview_id": pd.Series(ids, index=state.index, dtype="Int64")})

    def _move_to_event(self, interview_id: int, event) -> None:
        """An imported interview as a later version of its event says: its times and zone, and
        the people invited since (a person counts as there already by address or by name)."""
        met = self.rows("interviewers", "interview_id", pd.Series([interview_id]))
        addresses = {str(e).casefold() for e in met["email"].dropna()}
        names = {str(n).casefold() for n in met["name"].dropna()}
        new = [{"name": p["name"], "email": p["email"]} for p in event.people
               if not ((p["email"] and p["email"].casefold() in addresses) or p["name"].casefold() in names)]
        self.edit_interview(interview_id, {"starts_at": event.starts_at, "ends_at": event.ends_at,
                                           "timezone": event.timezone, "calendar_sequence": int(event.sequence)},
                            people=new)

    def mark(self, note_id, field: str, at=None, channel: str | None = None) -> pd.Timestamp:
        """Record that a note went out (``field="sent_at"``) or was replied to
        (``"replied_at"``), ``at`` a time (text without an offset is local to the interview)
        or now; with ``channel``, the note went out that way. A note already marked keeps its
        time. Returns the instant."""
        note_id = record_id(note_id, "note")
        where = f"note {note_id}"
        verb = "sent" if field == "sent_at" else "replied to"
        note = self.current("notes", note_id)
        if pd.notna(note.at[0, field]):
            raise_problems([Problem(where, field, f"was already {verb} at {note.at[0, field]:%Y-%m-%d %H:%M} UTC; "
                                    "use change_note to correct the time", InvalidValueError, "note", note_id)])
        if at is None:
            at = self.now
        else:
            zone = reading.zone_of_note(self.conn, note_id)
            instant, reason = parse_instants(pd.Series([at], dtype=object), pd.Series([zone]))
            if reason.iloc[0]:
                raise_problems([Problem(where, field, reason.iloc[0], InvalidTimeError, "note", note_id)])
            if pd.isna(instant.iloc[0]):
                raise_problems([Problem(where, field, "is missing", InvalidTimeError, "note", note_id)])
            at = instant.iloc[0]
        changes = {field: at}
        if channel is not None:
            changes["channel"] = channel
        self.change("notes", note_id, changes)
        return pd.Timestamp(at).tz_convert("UTC")

    def send_note(self, interviewer_id, body: str, subject: str | None = None, channel: str = "email",
                  at=None, note_id=None) -> tuple[int, pd.Timestamp]:
        """Save a note's text and record that it went out, together: a new note to the
        interviewer, or their draft ``note_id`` with this text. Returns the note's id and the
        instant it was sent."""
        text = {"subject": subject, "body": body, "channel": channel}
        if note_id is None:
            # Checked as the new note it is (never under an id it would not keep).
            note_id = self.add("notes", {"interviewer_id": interviewer_id, **text,
                                         "sent_at": self.now if at is None else at})
            return note_id, self.current("notes", note_id).at[0, "sent_at"]
        else:
            note_id = record_id(note_id, "note")
            draft = self.current("notes", note_id)
            if draft.at[0, "interviewer_id"] != record_id(interviewer_id, "interviewer"):
                raise_problems([Problem(f"note {note_id}", "interviewer_id",
                                        f"is a note to interviewer {draft.at[0, 'interviewer_id']}, "
                                        f"not to interviewer {interviewer_id}", InvalidValueError, "note", note_id)])
            self.change("notes", note_id, text)
        return note_id, self.mark(note_id, "sent_at", at)

    def record_mail(self, plan: pd.DataFrame) -> pd.Series:
        """Record what was found in the person's mail (the rows of
        :func:`workbook.mail.match`): drafts marked sent, notes added, replies; return each
        row's note (the new note's id where one was added)."""
        note_ids = plan["note_id"].copy()
        added: dict[int, int] = {}
        for index, row in plan.iterrows():
            person = int(row["interviewer_id"])
            note_id = row["note_id"] if pd.notna(row["note_id"]) else added.get(person)
            label = f"the message to {row['interviewer']} of {row['sent_at']:%Y-%m-%d %H:%M} UTC"
            try:
                if row["action"] == "added_note":
                    note_id = self.add("notes", {"interviewer_id": person, "channel": "email",
                                                 "subject": row["subject"] or None, "body": row["body"] or "",
                                                 "sent_at": row["sent_at"], "sent_message_id": row["message_id"],
                                                 "written_at": row["sent_at"]})
                    added[person] = note_id
                elif row["action"] == "marked_sent":
                    self.change("notes", int(note_id), {"sent_at": row["sent_at"], "channel": "email",
                                                        "sent_message_id": row["message_id"]})
                elif row["action"] == "reply":
                    self.change("notes", int(note_id), {"replied_at": row["sent_at"],
                                                        "reply_message_id": row["message_id"]})
            except WorkbookError as error:
                raise type(error)(f"{label}: {error}", error.problems) from None
            note_ids.at[index] = note_id
        return note_ids.astype("Int64")

    def record_outcome(self, interview_id, outcome: str, decided_at) -> str | None:
        """Record what came of an interview, or change what was recorded; return the outcome
        recorded before (None if there was none)."""
        interview_id = record_id(interview_id, "interview")
        before = self.rows("outcomes", "interview_id", pd.Series([interview_id]))
        if len(before):
            self.change("outcomes", interview_id, {"outcome": outcome, "decided_at": decided_at})
            return str(before["outcome"].iloc[0])
        self.add("outcomes", {"interview_id": interview_id, "outcome": outcome, "decided_at": decided_at})
        return None


@dataclass(frozen=True)
class InterviewEdit:
    """What :meth:`Write.edit_interview` changed: the interview's fields, the people added,
    changed (each with the fields changed) and removed, by name, and the notes removed with them."""

    interview_id: int
    fields: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    removed: tuple[str, ...] = ()
    notes_removed: int = 0
    sent_notes_removed: int = 0

    @property
    def nothing(self) -> bool:
        """Whether the log holds the interview exactly as before."""
        return not (self.fields or self.added or self.changed or self.removed)


def _event_label(event) -> str:
    """A calendar event as a message names it: "the event 'Interview with Contoso' (UID 1a2b)"."""
    return f"the event {event.summary!r} (UID {event.uid})" if event.summary else f"the event with UID {event.uid}"


def _same(before, after) -> bool:
    """Whether a field kept its value (a missing value is missing however it is written)."""
    missing = [value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""
               for value in (before, after)]
    return all(missing) or (not any(missing) and before == after)


def _missing(value) -> bool:
    """Whether an id was left out (None, or NaN as a DataFrame's rows give it)."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _next_ids(conn) -> dict[str, int]:
    """The next free id of each kind (candidates: row number). Safe because a write is the only
    writer while it lasts (see :mod:`workbook.store.engine`)."""
    ids = {}
    for description in KINDS.values():
        if description.gets_ids or description.name == "candidates":
            column = schema.TABLES[description.name].c[description.row_id]
            ids[description.name] = (conn.execute(select(func.max(column))).scalar() or 0) + 1
    return ids


def _records(kind: str, rows: pd.DataFrame) -> list[dict]:
    """Prepared rows as dicts of column values for an INSERT or UPDATE."""
    table = schema.TABLES[kind]
    renamed = rows.rename(columns=KINDS[kind].columns)
    renamed = renamed[[c.name for c in table.columns if c.name in renamed.columns]]
    return renamed.astype(object).where(renamed.notna(), None).to_dict("records")


#: COPY's text form: a value's backslashes, tabs (between values) and line breaks (between rows)
#: are written as these escapes; a missing value is ``\N``.
_COPY_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))
#: How much of a COPY stream is handed to the driver at a time.
_COPY_BLOCK = 1 << 22


def _copy_text(kind: str, rows: pd.DataFrame) -> tuple[list, memoryview]:
    """The columns of ``kind``'s table that prepared rows fill, and the rows in COPY's text form
    (a line per row, the values separated by tabs; instants as the UTC text the column
    stores), written by Arrow a column at a time, in C, as UTF-8."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pa.large_string()
    renamed = rows.rename(columns=KINDS[kind].columns)
    columns = [c for c in schema.TABLES[kind].columns if c.name in renamed.columns]
    fields = []
    for column in columns:
        data = renamed[column.name]
        if isinstance(column.type, schema.UTCDateTime):
            data = schema.stored_instants(data)
        values = pa.array(data, from_pandas=True)
        if isinstance(values, pa.ChunkedArray):  # a column pandas keeps in Arrow
            values = values.combine_chunks()
        values = values.cast(text)
        if pc.any(pc.match_substring_regex(values, r"[\\\t\n\r]")).as_py():
            for plain, escaped in _COPY_ESCAPES:  # the backslash first
                values = pc.replace_substring(values, plain, escaped)
        fields.append(pc.fill_null(values, "\\N"))
    lines = pc.binary_join_element_wise(*fields, pa.scalar("\t", text))
    lines = pc.binary_join_element_wise(lines, pa.scalar("", text), pa.scalar("\n", text))
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    return columns, memoryview(lines.buffers()[2])[offsets[lines.offset]:offsets[lines.offset + len(lines)]]


def _copy_rows(conn, kind: str, rows: pd.DataFrame) -> None:
    """``COPY`` prepared rows into ``kind``'s table through the connection's own psycopg
    connection, in its transaction. The driver's errors are raised as SQLAlchemy raises them,
    so that the log says them in its words (see :meth:`Database.error
    <workbook.store.engine.Database.error>`)."""
    from psycopg import sql
    from sqlalchemy.exc import DBAPIError

    columns, stream = _copy_text(kind, rows)  # UTF-8, as the engine's connections speak
    driver = conn.connection.driver_connection
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(schema.TABLES[kind].name), sql.SQL(", ").join(sql.Identifier(c.name) for c in columns))
    dbapi = conn.dialect.loaded_dbapi
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for start in range(0, len(stream), _COPY_BLOCK):
                copy.write(stream[start:start + _COPY_BLOCK])
    except dbapi.Error as error:
        raise DBAPIError.instance(statement.as_string(driver), None, error, dbapi.Error, dialect=conn.dialect,
                                  connection_invalidated=conn.dialect.is_disconnect(error, driver, None)) from error


def insert_rows(conn, kind: str, rows: pd.DataFrame) -> None:
    """Insert prepared rows, in the caller's transaction.

    On SQLite a large import spends its time in SQLite, not in Python:

    - the values reach the driver as plain Python values, converted a column at a time
      (the instants already written the way the UTC column stores them);
    - each INSERT carries as many rows as SQLite takes bound values (999 before SQLite
      3.32): SQLite does a statement's once-per-statement work (the list of allowed words
      behind a ``CHECK ... IN`` constraint, for one) once per batch instead of once per
      row, and notes take half the time to write;
    - the connection keeps up to 64 MiB of the tables' pages in memory while it writes
      (SQLite's default is 2 MiB), instead of writing them out and reading them back;
    - 10,000 rows or more into a table holding no more than that: the table's plain
      indexes (the unique ones, which enforce a rule, stay) are dropped first and built
      again after, in one sorted pass, instead of taking a million keys in random order
      (an interview's candidate) one at a time. Being in the caller's transaction, none
      of it shows unless the whole write is committed.

    On PostgreSQL (psycopg) the rows go in one ``COPY ... FROM STDIN`` stream per table,
    written in COPY's text form by Arrow a column at a time, so that most of the time is the
    server's own work of taking the rows (an executemany of INSERTs spent most of it in
    Python, binding one row after another: 2.7 s against 0.55 s for 10,000 people met).
    Other databases take the rows in one executemany. Every constraint (unique, foreign key,
    check) still holds for every row.
    """
    if not len(rows):
        return
    table = schema.TABLES[kind]
    if conn.dialect.name != "sqlite":
        if conn.dialect.driver == "psycopg":
            _copy_rows(conn, kind, rows)
        else:
            conn.execute(table.insert(), _records(kind, rows))
        return
    renamed = rows.rename(columns=KINDS[kind].columns)
    columns = [c for c in table.columns if c.name in renamed.columns]
    values = np.empty((len(renamed), len(columns)), dtype=object)
    for j, column in enumerate(columns):
        data = renamed[column.name]
        if isinstance(column.type, schema.UTCDateTime):
            data = schema.stored_instants(data)
        values[:, j] = data.to_numpy(dtype=object, na_value=None)
    statement =  table.insert().compile(dialect=conn.dialect, column_keys=[c.name for c in columns])
    # "INSERT INTO notes (note_id, ...)" and "(?, ...)", the latter repeated for a batch.
    head, _, one_row = str(statement).partition(" VALUES ")
    per_batch = max(999 // len(columns), 1)
    whole = len(values) // per_batch * per_batch
    batches = [tuple(batch) for batch in values[:whole].reshape(-1, per_batch * len(columns)).tolist()]
    rest = tuple(values[whole:].ravel().tolist())

    rebuilt = []
    if len(rows) >= 10_000 and reading.count(conn, kind) <= len(rows):
        present = {index["name"] for index in inspect(conn).get_indexes(table.name)}
        rebuilt = [index for index in table.indexes if not index.unique and index.name in present]
    cache = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size = -65536")  # KiB
    try:
        for index in rebuilt:
            index.drop(conn)
        if batches:
            conn.exec_driver_sql(f"{head} VALUES {', '.join([one_row] * per_batch)}", batches)
        if rest:
            conn.exec_driver_sql(f"{head} VALUES {', '.join([one_row] * (len(values) - whole))}", rest)
        for index in rebuilt:
            index.create(conn)
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {cache}")
