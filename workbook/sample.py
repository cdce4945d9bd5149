"""The sample coaching cohort shipped in ``data/sample``, and the instant it is meant to be
looked at.

The files are written by ``scripts/generate_sample.py`` (seeded, byte for byte the same each
time); the package only reads them.
"""

from __future__ import annotations

from pathlib import Path

from .config import SAMPLE_DIR
from .errors import InvalidValueError

#: The instant the sample is meant to be looked at (Friday afternoon in London), where every
#: follow-up status appears.
SAMPLE_NOW = "2026-11-20T17:00:00+00:00"


def load_sample(log) -> dict[str, int]:
    """Import the shipped sample coaching cohort (``data/sample``) into ``log``.

    ``workbook.load_sample(workbook.open_log("try.sqlite"))`` gives a log to explore; look at
    it with ``now`` set to :data:`SAMPLE_NOW` to see every follow-up status.
    """
    return log.import_csv(SAMPLE_DIR)


def sample_log(path):
    """A new log at ``path`` holding the sample cohort (the file must not exist yet).

    What the tests and the notebooks' stored outputs run on:
    ``WORKBOOK_LOG=<path> WORKBOOK_NOW=2026-11-20T17:00:00+00:00``.
    """
    if Path(path).exists():
        raise InvalidValueError(f"{path} exists already: the sample goes into a new log (open the one "
                                "there with workbook.open_log, or choose another name)")
    from .store import open_log

    log = open_log(path)
    load_sample(log)
    return log
