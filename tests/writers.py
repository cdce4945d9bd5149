"""Processes that write to a log as a notebook does, for tests/test_crash_safety.py.

They run as child processes forked from a server that has already imported the workbook (so a
child starts in milliseconds) and report over a pipe. A report is sent only once the write it
reports has returned, that is once it is committed: what a person saw happen.
"""

from __future__ import annotations

import traceback

import pandas as pd
import sqlalchemy  # noqa: F401  (imported here so that the fork server has it loaded)

import workbook
import workbook.store.csv_files  # noqa: F401  (idem)
import workbook.store.log  # noqa: F401  (idem)


def _plain(result):
    """A write's result in a form that crosses a pipe without pandas (an id, counts, a time)."""
    if isinstance(result, pd.Timestamp):
        return result.isoformat()
    return result


def carry_out(path: str, plan: list, reports) -> None:
    """Open the log at ``path`` and make each write of ``plan`` on it, in order.

    ``plan`` is a list of ``(method, arguments)`` of :class:`workbook.Log`. Reports sent over
    the connection ``reports``: ``("ready",)`` once the log is open, ``("begin", step)`` just
    before a write, ``("done", step, result)`` as soon as it returned, ``("finished",)`` at the
    end, or ``("error", text)`` if anything failed.
    """
    try:
        log = workbook.open_log(path)
        reports.send(("ready",))
        for step, (method, arguments) in enumerate(plan):
            reports.send(("begin", step))
            result = getattr(log, method)(**arguments)
            reports.send(("done", step, _plain(result)))
        log.close()
        reports.send(("finished",))
    except BaseException:
        reports.send(("error", traceback.format_exc()))
        raise


def add_notes(path: str, interviewer_id: int, count: int, writer: str, start, reports) -> None:
    """Open the log at ``path``, wait for ``start`` (an Event), then add ``count`` notes to one
    interviewer, as a person clicking "save" in a notebook would. Reports the ids the notes got
    and every error raised, once all are done."""
    ids, errors = [], []
    try:
        log = workbook.open_log(path)
        start.wait()
        for n in range(count):
            try:
                ids.append(log.add_note(interviewer_id, body=f"Dear Ana, from {writer}, note {n}."))
            except Exception:
                errors.append(traceback.format_exc())
        log.close()
    except Exception:
        errors.append(traceback.format_exc())
    reports.send((ids, errors))


def read_while_others_write(path: str, start, stop, reports) -> None:
    """Read the notes and the follow-ups every few hundredths of a second until ``stop`` is set,
    as a notebook showing the log does. Reports how many notes each read saw, and every error
    raised."""
    counts, errors = [], []
    try:
        log = workbook.open_log(path)
        start.wait()
        while not stop.is_set():
            try:
                counts.append(len(log.notes()))
                log.followup_rows()
                stop.wait(0.05)
            except Exception:
                errors.append(traceback.format_exc())
        log.close()
    except Exception:
        errors.append(traceback.format_exc())
    reports.send((counts, errors))
