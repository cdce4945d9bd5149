"""Run every benchmark and write the figures, with the machine's description, to
``benchmarks/RESULTS.md``.

Each figure is a median over repeated runs, shown beside its floor (the least any
implementation could take for the same job, measured in the same run) as a ratio, with its
target. ``./run-benchmarks`` sets up ``.venv`` and runs this; on the 2-core machines we use it
takes about ten minutes, and the PostgreSQL rows about five more (where no PostgreSQL server
can be started, ``bench_postgres`` says why and those rows are left out).

``--quick`` runs every benchmark once on tiny sizes (the smoke test does, so that none of them
rots); its figures mean nothing, so it writes no RESULTS.md unless given ``--output``.
``--output PATH`` writes the table elsewhere.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_analysis  # noqa: E402
import bench_calendar  # noqa: E402
import bench_charts  # noqa: E402
import bench_import  # noqa: E402
import bench_mail  # noqa: E402
import bench_notebooks  # noqa: E402
import bench_postgres  # noqa: E402
import bench_startup  # noqa: E402
import bench_typing  # noqa: E402
from common import Figure, duration, machine  # noqa: E402

#: What each area measures against, and what the figures showed when we looked into them.
ABOUT = {
    "Start-up": (
        "`import workbook` loads pandas (every figure the workbook shows is a DataFrame) and the "
        "package's own pure-Python modules; SQLAlchemy loads with the first `open_log`, matplotlib "
        "with the first chart and ipywidgets with the first widget. The second row shows that the "
        "first `open_log` costs what SQLAlchemy and a connection cost, no more."
    ),
    "Analysis at scale": (
        "The floor reads the four tables with `pandas.read_sql_query`. Ours reads the same rows in "
        "one SQL join, then judges every follow-up and summarises with vectorised pandas; reading "
        "dominates, so ours follows the floor's curve."
    ),
    "Import": (
        "The floor only parses and inserts text. Ours also checks every row (times and time zones, "
        "ids, addresses, control characters, a note never sent before its interview ended), turns "
        "local times into UTC instants, and writes into tables with keys, constraints and "
        "indexes, all in one transaction."
    ),
    bench_postgres.ANALYSIS: (
        "The same analysis on a PostgreSQL log holding the same generated rows, on a throw-away "
        "server of our own on the same machine (`tests/postgres.py`: `fsync=off`). The floor reads the "
        "four tables with `pandas.read_sql` through SQLAlchemy (the way pandas reads PostgreSQL). Ours "
        "reads fewer bytes (one join, without the notes' text) but through the same row-by-row path, "
        "so it follows the floor's curve."
    ),
    bench_postgres.IMPORT: (
        "The floor is PostgreSQL's own `COPY ... FROM STDIN` (psycopg's `cursor.copy`) of the five "
        "CSV files as they are, in one transaction, into the tables the workbook creates in an empty "
        "database, with two changes made before the clock starts so that COPY can take the files "
        "as they are, as the SQLite floor stores their text: `interviews` gets a text column for the "
        "candidate's name (no look-up of their id), and the time columns are `timestamptz`, so that "
        "PostgreSQL itself turns each local time and its offset into its instant (a `timestamp` "
        "column would silently drop the offset). Ours reads and checks every row as on SQLite and "
        "writes each table with one `COPY` stream as well (psycopg's `write_row`); the server's "
        "COPY work is common to both, the checks are ours alone."
    ),
    "Calendar": (
        "The floor is icalendar's own parse of the same export (`Calendar.from_ical`) and a walk over its "
        "events reading what any reader needs; ours reads the file with that same parse, then takes each "
        "event's instants and IANA zone, its people (without the candidate and rooms) and its guesses, and "
        "compares the events with the log."
    ),
    "Sent mail": (
        "The floor is Python finding the message boundaries in the same mbox (reading it line by line in "
        "binary and counting the lines that start with `From `). Ours finds the same boundaries by the "
        "standard library's rule (`mailbox.mbox`, with the boundaries searched for in 4 MB blocks rather "
        "than line by line), reads every message's header block, and parses (with `email`) only the "
        "messages to or from a person met; the note says its peak memory, measured in a fresh process, "
        "which stays flat as the file grows."
    ),
    "Typing": (
        "The floors are the least a keystroke could cost (splitting the note into words; setting one "
        "widget's value), so the ratios are large by nature; the targets are the times a person "
        "would notice. A keystroke reads nothing from the log, so it costs the same on the sample and "
        "among 100,000 people met: what grows with the log (every name in it, indexed for the "
        "recipient check) is read once, when a person's tab is shown."
    ),
    "Charts": (
        "Each chart draws at most 30 rows (the latest interviews, the most urgent notes, the "
        "candidates with the lowest on-time rate) and says so in its title; most of the time left "
        "is matplotlib laying out and rasterising text."
    ),
    "Notebooks": (
        "Ours runs every cell of the six notebooks on a fresh copy of the sample log, widgets and "
        "charts included, and compares every output; the floor only starts a kernel per notebook."
    ),
}


def run(quick: bool, work: Path, postgres=None) -> list[Figure]:
    """Every benchmark; ``postgres``: a running :class:`tests.postgres.PostgresServer` for the
    PostgreSQL rows (by default one is started, and stopped after)."""
    if quick:
        steps = [
            lambda: bench_startup.measure(repeat=1),
            lambda: bench_analysis.measure(work, sizes=(500, 1_000), repeat=1),
            lambda: bench_import.measure(work, sizes=(500,), repeat=1),
            lambda: bench_postgres.measure(work, sizes=(500,), repeat=1, server=postgres),
            lambda: bench_calendar.measure(work, sizes=(200,), repeat=1),
            lambda: bench_mail.measure(work, sizes=(200,), repeat=1, flat=False),
            lambda: bench_typing.measure(work, sizes=(500,), repeat=2),
            lambda: bench_charts.measure(work, interviewers=500, repeat=1),
            lambda: bench_notebooks.measure(repeat=1, notebooks=[bench_notebooks.NOTEBOOKS / "00-start-here.ipynb"]),
        ]
    else:
        steps = [
            lambda: bench_startup.measure(repeat=15),
            lambda: bench_analysis.measure(work, sizes=(10_000, 100_000, 1_000_000), repeat=3),
            lambda: bench_import.measure(work, sizes=(100_000, 1_000_000), repeat=3),
            lambda: bench_postgres.measure(work, sizes=(100_000, 1_000_000), repeat=3, server=postgres),
            lambda: bench_calendar.measure(work, sizes=(10_000,), repeat=5),
            lambda: bench_mail.measure(work, sizes=(100_000,), repeat=3),
            lambda: bench_typing.measure(work, sizes=(100_000,), repeat=200),
            lambda: bench_charts.measure(work, interviewers=100_000, repeat=3),
            lambda: bench_notebooks.measure(repeat=3),
        ]
    figures = []
    for step in steps:
        area = None
        for figure in step():  # none when the benchmark could not run here (it says why)
            if figure.area != area:
                area = figure.area
                print(area, flush=True)
            print(figure.line(), flush=True)
            figures.append(figure)
    return figures


def markdown(figures: list[Figure], about_machine: dict[str, str], took: float, quick: bool) -> str:
    missed = [f for f in figures if f.met is False]
    lines = [
        "# Benchmark results",
        "",
        "Written by `./run-benchmarks` (`benchmarks/run.py`)" + (" with `--quick`: tiny sizes, figures meaningless." if quick else "."),
        "Each figure is the median of the runs shown, beside its floor measured in the same run.",
        "",
        "## Machine",
        "",
        *[f"- {name}: {value}" for name, value in about_machine.items()],
        f"- the whole run took {duration(took)}",
        "",
        "## Figures",
        "",
        "| Area | Ours | Time | Floor | Floor time | Ratio | Target | Met | Runs |",
        "|---|---|---:|---|---:|---:|---|---|---:|",
    ]
    for f in figures:
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        what = f.what + (f" ({f.note})" if f.note else "")
        lines.append(f"| {f.area} | {what} | {duration(f.ours)} | {f.floor_what} | {duration(f.floor)} | "
                     f"{f.ratio:.2f}× | {f.target} | {met} | {f.runs} |")
    lines += ["", "## Targets missed", ""]
    lines += [f"- {f.area}: {f.what}: {f.ratio:.2f}× the floor ({duration(f.ours)}), target {f.target}."
              for f in missed] or ["None."]
    lines += ["", "## What the floors are, and what we found", ""]
    lines += [f"- **{area}**: {text}" for area, text in ABOUT.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, postgres=None) -> int:
    """The command; ``postgres`` as for :func:`run` (the tests give theirs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each: a smoke test")
    parser.add_argument("--output", type=Path, help="where to write the table (default benchmarks/RESULTS.md; "
                                                    "none with --quick)")
    options = parser.parse_args(argv)
    if options.output is None and not options.quick:
        options.output = HERE / "RESULTS.md"
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="workbook-benchmarks-") as work:
        figures = run(options.quick, Path(work), postgres)
    if options.output is not None:
        text = markdown(figures, machine(), time.perf_counter() - start, options.quick)
        options.output.write_text(text, encoding="utf-8")
        print(f"Wrote {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
