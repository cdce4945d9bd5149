"""A log survives what happens to notebooks: one killed in the middle of a write, two writing
at once. Nothing a person saw saved is lost, nothing is left half-written, and no one sees
"database is locked".

Both on SQLite and on PostgreSQL (the session's own server, tests/postgres.py): there a killed
notebook is a client gone mid-transaction, whose transaction the server rolls back.

The writers are real processes (tests/writers.py), forked from a server that has the workbook
imported already, so that a hundred of them start in a few seconds; pytest itself is never
forked (pyarrow's threads). Set ``WORKBOOK_CRASH_SEED`` to replay the kill moments and writes
of a failed run (its seed is printed).
"""

from __future__ import annotations

import contextlib
import csv
import multiprocessing
import multiprocessing.forkserver
import os
import random
import signal
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

import workbook
import workbook.store.log
from workbook.store import schema

from . import writers
from .conftest import raw_engine

#: How many times a writer is killed; every kill is followed by the full check of the log.
KILLS = 100
#: The same on PostgreSQL (fewer: each check first waits for the server to end the killed client's
#: session); enough that some kills fall inside an import and some inside a single write.
POSTGRES_KILLS = 40
SEED_ENV = "WORKBOOK_CRASH_SEED"
#: The size of each import a writer makes: interviews, people met at each, notes to each.
IMPORT_INTERVIEWS, PEOPLE_EACH, NOTES_EACH = 300, 3, 2
#: Interviews happen from here on, well before any "now" a test uses.
FIRST_INTERVIEW = datetime(2024, 1, 8, 9, 0, tzinfo=timezone.utc)
TIME_ZONES = ("America/New_York", "Europe/Berlin", "Asia/Kolkata", "UTC")


@pytest.fixture(scope="module")
def processes():
    """Child processes forked from a server that has already imported the workbook."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.writers"])
    # The server finds tests.writers from its working folder (Python 3.11 does not hand it
    # pytest's sys.path); a server already running keeps what it has.
    with contextlib.chdir(Path(__file__).resolve().parent.parent):
        multiprocessing.forkserver.ensure_running()
    return context


def stored(instant: datetime) -> str:
    """An instant as the log keeps it in SQLite (UTC text)."""
    return instant.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@dataclass
class Contents:
    """What a log holds, in the fields the crash test checks, times as SQLite stores them."""

    candidates: set = field(default_factory=set)
    #: interview_id: (candidate, company, role, timezone, starts_at, ends_at)
    interviews: dict = field(default_factory=dict)
    #: interviewer_id: (interview_id, name, title)
    interviewers: dict = field(default_factory=dict)
    #: note_id: (interviewer_id, body, sent_at)
    notes: dict = field(default_factory=dict)

    def add(self, other: "Contents") -> None:
        self.candidates |= other.candidates
        self.interviews.update(other.interviews)
        self.interviewers.update(other.interviewers)
        self.notes.update(other.notes)

    def size(self) -> int:
        return len(self.candidates) + len(self.interviews) + len(self.interviewers) + len(self.notes)


def on_postgresql(target) -> bool:
    return str(target).startswith("postgresql")


def wait_for_other_sessions_to_end(url: str, seconds: float = 60) -> None:
    """On PostgreSQL, wait until no one else is connected to the log's database: a killed
    client's transaction is decided (rolled back, or committed if its COMMIT had arrived) only
    when the server notices the client is gone and ends its session."""
    engine = raw_engine(url)
    try:
        deadline = time.monotonic() + seconds
        with engine.connect() as conn:
            while conn.exec_driver_sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                       "AND pid <> pg_backend_pid()").scalar():
                assert time.monotonic() < deadline, f"a killed writer's session still open after {seconds:.0f} s"
                conn.rollback()  # a fresh snapshot of the activity at each look
                time.sleep(0.02)
    finally:
        engine.dispose()


def open_and_read(target) -> Contents:
    """Open a log after a crash as a person would, check the database finds it whole, and read it."""
    if on_postgresql(target):
        wait_for_other_sessions_to_end(str(target))
    with workbook.open_log(target) as log:
        assert log.schema_version == schema.SCHEMA_VERSION
    engine = raw_engine(target)
    try:
        with engine.connect() as db:
            if on_postgresql(target):  # PostgreSQL checks every foreign key at each commit
                def as_stored(column):  # the text SQLite keeps: "2026-09-14 15:00:00.000000"
                    return f"to_char({column}, 'YYYY-MM-DD HH24:MI:SS.US')"
            else:
                assert db.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
                assert db.exec_driver_sql("PRAGMA foreign_key_check").all() == []

                def as_stored(column):
                    return column
            rows = lambda statement: db.exec_driver_sql(statement).all()  # noqa: E731
            return Contents(
                {name for (name,) in rows("SELECT name FROM candidates")},
                {row[0]: tuple(row[1:]) for row in rows(
                    f"SELECT interview_id, name, company, role, timezone, {as_stored('starts_at')}, "
                    f"{as_stored('ends_at')} FROM interviews JOIN candidates USING (candidate_id)")},
                {row[0]: tuple(row[1:]) for row in rows("SELECT interviewer_id, interview_id, name, title FROM interviewers")},
                {row[0]: tuple(row[1:]) for row in rows(
                    f"SELECT note_id, interviewer_id, body, {as_stored('sent_at')} FROM notes")},
            )
    finally:
        engine.dispose()


def assert_holds_exactly(actual: Contents, expected: Contents, where: str) -> None:
    for table in ("candidates", "interviews", "interviewers", "notes"):
        found, wanted = getattr(actual, table), getattr(expected, table)
        if found == wanted:
            continue
        missing = sorted(set(wanted) - set(found))
        extra = sorted(set(found) - set(wanted))
        changed = [] if isinstance(found, set) else [(k, wanted[k], found[k]) for k in wanted.keys() & found.keys()
                                                     if wanted[k] != found[k]]
        pytest.fail(f"{where}: {table}: {len(missing)} records missing {missing[:3]} (reported saved, or part of a "
                    f"write found in part), {len(extra)} never written {extra[:3]}, "
                    f"{len(changed)} with other values {changed[:3]}")


def test_the_log_keeps_a_write_ahead_log_and_syncs_it_at_every_commit(log):
    """What the crash test relies on, said once: with the write-ahead log and synchronous=FULL
    a commit has reached the disk when the write returns (a killed process loses nothing that
    returned; a power cut neither, on a disk that honours fsync), and a writer waits for
    another instead of failing at once."""
    with log.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def hold_the_write_lock(path: Path, rounds: int, seconds: float, holding: threading.Event) -> None:
    """Another notebook writing on and on: it holds the write lock ``rounds`` times in a row,
    each time for ``seconds``, taking it again right after each commit."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        for n in range(rounds):
            other.execute("BEGIN IMMEDIATE")
            holding.set()
            other.execute("INSERT OR REPLACE INTO workbook_meta (key, value) VALUES ('other notebook', ?)", (str(n),))
            time.sleep(seconds)
            other.execute("COMMIT")
    finally:
        other.close()


def test_a_write_waits_as_long_as_another_notebook_keeps_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook.store.engine, "BUSY_TIMEOUT", 1)
    path = tmp_path / "log.sqlite"
    with workbook.open_log(path) as log:
        holding = threading.Event()
        other = threading.Thread(target=hold_the_write_lock, args=(path, 6, 0.3, holding))
        other.start()
        holding.wait(10)
        try:
            log.add_candidate("Maya Okafor")  # waits 1.8 s in all, no second of it idle
        finally:
            other.join()
        assert log.candidates()["candidate"].tolist() == ["Maya Okafor"]


def test_a_write_to_a_log_held_by_a_stuck_writer_is_refused_after_the_busy_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook.store.engine, "BUSY_TIMEOUT", 1)
    path = tmp_path / "log.sqlite"
    with workbook.open_log(path) as log:
        stuck = sqlite3.connect(path, isolation_level=None)
        stuck.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(workbook.LogUnavailableError, match="nothing was changed: database is locked"):
                log.add_candidate("Maya Okafor")
        finally:
            stuck.execute("ROLLBACK")
            stuck.close()
        assert log.is_empty()
        log.add_candidate("Maya Okafor")
        assert not log.is_empty()


def test_opening_a_log_another_notebook_holds_too_long_says_to_wait_not_that_it_is_no_log(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook.store.engine, "BUSY_TIMEOUT", 1)
    path = tmp_path / "log.sqlite"
    workbook.open_log(path).close()
    stuck = sqlite3.connect(path, isolation_level=None)
    stuck.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(workbook.LogUnavailableError, match="another notebook kept writing to it"):
            workbook.open_log(path)
    finally:
        stuck.execute("ROLLBACK")
        stuck.close()
    with workbook.open_log(path) as log:
        assert log.is_empty()


# -- what the writers do ------------------------------------------------------------------


def write_import_folder(folder: Path, expected: Contents, run: int) -> Contents:
    """A folder of CSV files with a few thousand new records (ids after any in the log, with
    room for the single writes made before it), and what the log holds once it is imported."""
    first = {table: max(getattr(expected, table), default=0) + 1000 for table in ("interviews", "interviewers", "notes")}
    rows = Contents()
    folder.mkdir()
    with (open(folder / "interviews.csv", "w", newline="", encoding="utf-8") as interviews,
          open(folder / "interviewers.csv", "w", newline="", encoding="utf-8") as people,
          open(folder / "notes.csv", "w", newline="", encoding="utf-8") as notes):
        interviews, people, notes = csv.writer(interviews), csv.writer(people), csv.writer(notes)
        interviews.writerow(["interview_id", "candidate", "company", "role", "stage", "timezone", "starts_at", "ends_at"])
        people.writerow(["interviewer_id", "interview_id", "name", "title", "email", "phone", "talking_points"])
        notes.writerow(["note_id", "interviewer_id", "channel", "subject", "body", "sent_at", "replied_at"])
        for i in range(IMPORT_INTERVIEWS):
            interview_id = first["interviews"] + i
            candidate, company, zone = f"Imported candidate {run}.{i}", f"Company {i % 37}", TIME_ZONES[i % 4]
            starts = FIRST_INTERVIEW + timedelta(hours=7 * i)
            ends = starts + timedelta(minutes=45)
            interviews.writerow([interview_id, candidate, company, "Data analyst", "", zone,
                                 starts.isoformat(), ends.isoformat()])
            rows.candidates.add(candidate)
            rows.interviews[interview_id] = (candidate, company, "Data analyst", zone, stored(starts), stored(ends))
            for p in range(PEOPLE_EACH):
                person = first["interviewers"] + i * PEOPLE_EACH + p
                people.writerow([person, interview_id, f"Person {run}.{i}.{p}", "", "", "", ""])
                rows.interviewers[person] = (interview_id, f"Person {run}.{i}.{p}", None)
                for n in range(NOTES_EACH):
                    note = first["notes"] + (i * PEOPLE_EACH + p) * NOTES_EACH + n
                    sent = ends + timedelta(hours=3) if n == 0 else None  # the others are drafts
                    body = f"Dear person {p}, thank you ({run}.{i}.{n})."
                    notes.writerow([note, person, "email", "", body, sent.isoformat() if sent else "", ""])
                    rows.notes[note] = (person, body, stored(sent) if sent else None)
    return rows


def plan_singles(expected: Contents, tag: str, count: int, rng: random.Random, taken: set) -> list:
    """``count`` single writes a person makes in a notebook, on records the log holds (drafts in
    ``taken`` are left alone: they are marked sent earlier in the plan). ``tag`` makes names unique."""
    interviews, people = list(expected.interviews), list(expected.interviewers)
    drafts = [n for n, row in expected.notes.items() if row[2] is None and n not in taken]

    def ends_of(person):
        return instant(expected.interviews[expected.interviewers[person][0]][5])

    plan = []
    for k in range(count):
        kind = rng.choices(["add_interview", "add_interviewer", "add_note", "mark_sent"], [3, 2, 4, 2])[0]
        if kind == "add_interviewer" and interviews:
            plan.append(("add_interviewer", {"interview_id": rng.choice(interviews), "name": f"Person {tag}.{k}",
                                             "title": "Analytics lead"}))
        elif kind == "add_note" and people:
            person = rng.choice(people)
            sent = ends_of(person) + timedelta(hours=2) if rng.random() < 0.5 else None
            plan.append(("add_note", {"interviewer_id": person, "subject": "Thank you",
                                      "body": f"Dear Ana, thank you for the talk about the churn dashboard ({tag}.{k}).",
                                      "sent_at": sent}))
        elif kind == "mark_sent" and drafts:
            note = drafts.pop(rng.randrange(len(drafts)))
            taken.add(note)
            plan.append(("mark_sent", {"note_id": note, "at": ends_of(expected.notes[note][0]) + timedelta(hours=5)}))
        else:
            starts = FIRST_INTERVIEW + timedelta(days=rng.randrange(300), hours=rng.randrange(10))
            plan.append(("add_interview", {
                "candidate": f"Candidate {tag}.{k}", "company": "Northwind Analytics", "role": "Data analyst",
                "starts_at": starts, "ends_at": starts + timedelta(hours=1), "timezone": rng.choice(TIME_ZONES),
                "people": [{"name": f"Ana {tag}.{k}", "title": "Analytics lead"}, {"name": f"Bo {tag}.{k}", "title": None}],
                "new_candidate": True,
            }))
    return plan


def settle(expected: Contents, actual: Contents, method: str, arguments: dict, result, imports: dict) -> bool:
    """Add one write to what the log must hold: a reported one (``result`` is what it returned),
    or the one in flight when the writer was killed (``result`` is None), which the log must
    hold whole or not at all. Returns whether the write is in the log."""
    in_flight = result is None
    if method == "add_interview":
        name = arguments["candidate"]
        if in_flight:
            if name not in actual.candidates:
                return False
            [result] = [i for i, row in actual.interviews.items() if row[0] == name]  # the interview came too
        people = {p: row for p, row in actual.interviewers.items() if row[0] == result}
        assert sorted(row[1:] for row in people.values()) == sorted(
            (p["name"], p["title"]) for p in arguments["people"]), f"interview {result}: not all the people met"
        expected.candidates.add(name)
        expected.interviews[result] = (name, arguments["company"], arguments["role"], arguments["timezone"],
                                       stored(arguments["starts_at"]), stored(arguments["ends_at"]))
        expected.interviewers.update(people)
    elif method in ("add_interviewer", "add_note"):
        table = getattr(expected, f"{method[4:]}s")
        if in_flight:
            new = set(getattr(actual, f"{method[4:]}s")) - set(table)
            assert len(new) <= 1, f"one {method} wrote {len(new)} records"
            if not new:
                return False
            result = new.pop()
        if method == "add_interviewer":
            table[result] = (arguments["interview_id"], arguments["name"], arguments["title"])
        else:
            sent = arguments["sent_at"]
            table[result] = (arguments["interviewer_id"], arguments["body"], stored(sent) if sent else None)
    elif method == "mark_sent":
        note, at = arguments["note_id"], stored(arguments["at"])
        if in_flight and actual.notes.get(note, (None,) * 3)[2] != at:
            return False
        assert in_flight or pd.Timestamp(result) == arguments["at"]
        expected.notes[note] = expected.notes[note][:2] + (at,)
    elif method == "import_csv":
        rows = imports[arguments["folder"]]
        if in_flight and not rows.candidates & actual.candidates:
            return False
        assert in_flight or result["notes"] == len(rows.notes)
        expected.add(rows)
    return True


def receive(reports, until: float | None, messages: list, stop=("finished", "error")) -> None:
    """Collect reports, with the moment each came, until ``until`` (None: those already sent)
    or a report of a kind in ``stop``."""
    while True:
        left = 0 if until is None else until - time.monotonic()
        try:
            if left < 0 or not reports.poll(left):
                return
            message = reports.recv()
        except EOFError:
            return
        messages.append((time.monotonic(), message))
        if message[0] in stop:
            return


def run_writer(processes, path: Path, plan: list, kill_after: float | None) -> tuple[list, bool]:
    """Start a writer on ``plan``; kill it ``kill_after`` seconds after it opened the log.
    Returns its reports and whether it was killed before it finished."""
    reports, sender = processes.Pipe(duplex=False)
    child = processes.Process(target=writers.carry_out, args=(str(path), plan, sender), daemon=True)
    child.start()
    sender.close()
    messages: list = []
    try:
        receive(reports, time.monotonic() + 60, messages, stop=("ready", "error"))
        assert messages, "the writer did not open the log within a minute"
        assert messages[0][1] == ("ready",), messages[0][1]
        if kill_after is None:
            receive(reports, time.monotonic() + 120, messages)
        else:
            receive(reports, messages[0][0] + kill_after, messages)
            if child.exitcode is None:
                child.kill()
        child.join(60)
        receive(reports, None, messages, stop=())
    finally:
        if child.is_alive():
            child.kill()
        reports.close()
    errors = [m[1] for _, m in messages if m[0] == "error"]
    assert not errors, errors[0]
    killed = child.exitcode == -signal.SIGKILL
    assert killed or child.exitcode == 0, f"the writer ended with exit code {child.exitcode}"
    return messages, killed


@pytest.mark.slow
@pytest.mark.backends("sqlite", "postgresql")
def test_a_writer_killed_at_any_moment_loses_no_saved_record_and_leaves_nothing_half_written(
        log_target, tmp_path, processes):
    seed = int(os.environ.get(SEED_ENV) or random.SystemRandom().randrange(2**32))
    print(f"\ncrash safety: seed {seed} (replay with {SEED_ENV}={seed})")
    rng = random.Random(seed)
    path = log_target
    kills_wanted = POSTGRES_KILLS if on_postgresql(path) else KILLS
    workbook.open_log(path).close()
    expected = Contents()
    imports: dict[str, Contents] = {}
    kills = finished = runs = reported = mid_import = in_flight_kept = in_flight_dropped = 0
    single_time = import_time = None
    started = time.perf_counter()

    while kills < kills_wanted:
        taken: set = set()
        plan = plan_singles(expected, f"{runs}a", rng.randint(1, 3), rng, taken)
        # The first run, never killed, measures how long a write and an import take.
        if single_time is None or rng.random() < 0.5:
            folder = tmp_path / f"import-{runs}"
            imports[str(folder)] = write_import_folder(folder, expected, runs)
            plan.append(("import_csv", {"folder": str(folder)}))
        plan += plan_singles(expected, f"{runs}b", rng.randint(0, 2), rng, taken)
        runs += 1
        if single_time is None:
            messages, killed = run_writer(processes, path, plan, None)
            began = {m[1]: moment for moment, m in messages if m[0] == "begin"}
            took = {m[1]: moment - began[m[1]] for moment, m in messages if m[0] == "done"}
            singles = [t for step, t in took.items() if plan[step][0] != "import_csv"]
            single_time = sum(singles) / len(singles)
            import_time = sum(t for step, t in took.items() if plan[step][0] == "import_csv")
        else:
            imported = any(method == "import_csv" for method, _ in plan)
            span = single_time * (len(plan) - imported) + import_time * imported
            messages, killed = run_writer(processes, path, plan, rng.uniform(0, span))
        kills += killed
        finished += not killed

        actual = open_and_read(path)
        begun = [m[1] for _, m in messages if m[0] == "begin"]
        done = {m[1]: m[2] for _, m in messages if m[0] == "done"}
        for step in begun:
            method, arguments = plan[step]
            if step in done:
                settle(expected, actual, method, arguments, done[step], imports)
                reported += 1
            else:  # killed in the middle of this write
                kept = settle(expected, actual, method, arguments, None, imports)
                in_flight_kept += kept
                in_flight_dropped += not kept
                mid_import += method == "import_csv"
        assert_holds_exactly(actual, expected, f"seed {seed}, run {runs}, {len(done)} of {len(plan)} writes reported")

    seconds = time.perf_counter() - started
    in_flight = in_flight_kept + in_flight_dropped
    # The kills fell where they matter: inside single writes and inside imports, not only between.
    assert mid_import > 0 and in_flight - mid_import > 0, (seed, mid_import, in_flight)
    print(f"crash safety on {'PostgreSQL' if on_postgresql(path) else 'SQLite'}: {kills} kills ({in_flight - mid_import} in the middle of a single write, {mid_import} "
          f"in the middle of an import, {kills - in_flight} between writes; of the writes cut off, "
          f"{in_flight_kept} had committed whole and {in_flight_dropped} left no trace), "
          f"{finished} writers finished; {reported} reported writes, "
          f"all found with their values, 0 lost; the log ended with {expected.size():,} records; "
          f"one write took {single_time * 1000:.1f} ms, an import of "
          f"{IMPORT_INTERVIEWS * (1 + PEOPLE_EACH * (1 + NOTES_EACH)):,} rows {import_time * 1000:.0f} ms; "
          f"{seconds:.1f} s in all")


#: How many notes each of the two notebooks adds.
NOTES_PER_NOTEBOOK = 1000


def collect(reports, what: str, seconds: float = 600):
    assert reports.poll(seconds), f"{what} did not report within {seconds:.0f} s"
    return reports.recv()


@pytest.mark.slow
@pytest.mark.backends("sqlite", "postgresql")
def test_two_notebooks_adding_notes_at_once_both_have_every_note_saved(log_target, processes):
    path = log_target
    with workbook.open_log(path) as log:
        log.add_candidate("Maya Okafor")
        interview = log.add_interview("Maya Okafor", "Northwind Analytics", "Data analyst",
                                      "2024-09-14T10:00", "2024-09-14T11:00", "America/New_York")
        ana = log.add_interviewer(interview, "Ana Lima")
    names = ("first notebook", "second notebook")
    start, stop = processes.Barrier(len(names) + 2), processes.Event()
    pipes = [processes.Pipe(duplex=False) for _ in range(len(names) + 1)]
    children = [processes.Process(target=writers.add_notes, daemon=True,
                                  args=(str(path), ana, NOTES_PER_NOTEBOOK, name, start, sender))
                for name, (_, sender) in zip(names, pipes)]
    children.append(processes.Process(target=writers.read_while_others_write, daemon=True,
                                      args=(str(path), start, stop, pipes[-1][1])))
    try:
        for child in children:
            child.start()
        for _, sender in pipes:
            sender.close()
        start.wait(60)  # every notebook has the log open
        began = time.perf_counter()
        written = [collect(reports, name) for name, (reports, _) in zip(names, pipes)]
        seconds = time.perf_counter() - began
        stop.set()
        counts, read_errors = collect(pipes[-1][0], "the reading notebook")
        for child in children:
            child.join(60)
    finally:
        for child in children:
            if child.is_alive():
                child.kill()

    for name, (ids, errors) in zip(names, written):
        assert errors == [], f"the {name} saw an error:\n{errors[0]}"
        assert len(ids) == NOTES_PER_NOTEBOOK
    first, second = (ids for ids, _ in written)
    assert not set(first) & set(second), "two notes got the same id"
    # How often the write lock went from one notebook to the other (SQLite's wait is no queue).
    owners = [owner for _, owner in sorted([(i, 0) for i in first] + [(i, 1) for i in second])]
    turns = 1 + sum(a != b for a, b in zip(owners, owners[1:]))
    with workbook.open_log(path) as log:
        notes = log.notes().set_index("note_id")
    assert len(notes) == 2 * NOTES_PER_NOTEBOOK
    for name, ids in zip(names, (first, second)):
        assert notes.loc[ids, "body"].tolist() == [f"Dear Ana, from {name}, note {n}." for n in range(len(ids))]
    assert (notes["interviewer_id"] == ana).all()
    # The third notebook read the log all along: never an error, never a note gone once seen.
    assert read_errors == [], f"the reading notebook saw an error:\n{read_errors[0]}"
    assert any(0 < count < 2 * NOTES_PER_NOTEBOOK for count in counts), "no read while the notes were written"
    assert counts == sorted(counts)
    print(f"\ntwo writers on {'PostgreSQL' if on_postgresql(path) else 'SQLite'}: {2 * NOTES_PER_NOTEBOOK} notes added by two notebooks at once in {seconds:.1f} s "
          f"({seconds / (2 * NOTES_PER_NOTEBOOK) * 1000:.1f} ms a note, in {turns} turns), 0 errors; "
          f"a third notebook read the log {len(counts)} times meanwhile, 0 errors")
