"""What every benchmark shares: timing a median, a figure beside its floor, and the machine.

A :class:`Figure` is one measurement of ours next to its floor (the least any implementation
could take for the same job, measured in the same run), with the target it is held to.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path


def median_time(action, repeat: int) -> float:
    """The median wall-clock seconds of ``repeat`` calls of ``action()``."""
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(actions: dict, repeat: int, prepared: bool = False) -> dict[str, float]:
    """Median seconds of each action, run in turn ``repeat`` times, so that a slow moment on the
    machine hits ours and the floor alike.

    With ``prepared``, each action is called first, untimed, to prepare a run (an empty
    database to import into, say), and returns what to time.
    """
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(max(repeat, 1)):
        for name, action in actions.items():
            if prepared:
                action = action()
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


@dataclass
class Figure:
    """One figure of ours beside its floor.

    ``limit`` is the target: with ``on="ratio"`` ours may take at most ``limit`` times the
    floor; with ``on="time"`` at most ``limit`` seconds. ``limit=None`` means the figure is
    reported without a target.
    """

    area: str
    what: str
    ours: float
    floor_what: str
    floor: float
    runs: int
    limit: float | None = None
    on: str = "ratio"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.floor if self.floor > 0 else float("inf")

    @property
    def target(self) -> str:
        if self.limit is None:
            return "reported"
        return f"≤ {self.limit:g}×" if self.on == "ratio" else f"< {duration(self.limit)}"

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        return (self.ratio if self.on == "ratio" else self.ours) <= self.limit

    def line(self) -> str:
        verdict = {True: "met", False: "MISSED", None: ""}[self.met]
        return (f"  {self.what}: {duration(self.ours)} vs {duration(self.floor)} ({self.floor_what}) = "
                f"{self.ratio:.2f}× [target {self.target}{', ' + verdict if verdict else ''}]")


def duration(seconds: float) -> str:
    """Seconds as a person reads them: 2.41 s, 38 ms, 0.62 ms."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.01:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds * 1000:.2f} ms"


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {_version(name)}" for name in
                         ("pandas", "numpy", "pyarrow", "SQLAlchemy", "matplotlib", "ipywidgets", "nbval"))
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "system": platform.platform(),
        "processor": f"{cpu}, {os.cpu_count()} cores" + (f", {memory} memory" if memory else ""),
        "python": f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "libraries": versions,
        "postgresql": _postgres_version(),
    }


def _postgres_version() -> str:
    """The PostgreSQL server the PostgreSQL rows ran on (the programs ``tests/postgres.py``
    starts), or why there is none."""
    import subprocess
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    try:
        from tests.postgres import bin_dir, postgres_missing
    finally:
        sys.path.pop(0)
    reason = postgres_missing()
    if reason is not None:
        return f"none ({reason})"
    done = subprocess.run([str(bin_dir() / "postgres"), "--version"], capture_output=True, text=True)
    return done.stdout.strip() + " (a throw-away cluster, fsync off)"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"
